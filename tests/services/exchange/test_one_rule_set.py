"""One rule set: a value the editors refuse is refused by an import with the same words, and a
value they accept is imported. The editors are the services the window and the CLI write
through; the import is a real package (re-zipped with one value changed) into a real store."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import TODAY, Store, copy_store, fill_small
from rule_helpers import Members, change_first
from sqlmodel import select
from test_import_rejections import members_of, rewrite

from curator_desktop.domain.errors import ValidationError
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.exchange.merge.rules import RecordRuleError
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.tables import Recommendation, School

DATE_ITEM = "received.date"
"""A date item of the built-in «documents-review» checklist."""


@pytest.fixture(scope="module")
def source(
    tmp_path_factory: pytest.TempPathFactory, migrated_store_template: Path
) -> Iterator[tuple[Store, Path, dict[str, str]]]:
    """The demo store with a documents visit answered by the editor, and its package."""
    root = tmp_path_factory.mktemp("one-rule-set")
    store = copy_store(migrated_store_template, root / "source", "dev-source")
    create_demo_store(store.database, today=TODAY)
    visits = editor(store)
    with store.database.session() as session:
        school = session.exec(select(School)).first()
        recommendation = session.exec(select(Recommendation)).first()
        assert school is not None and recommendation is not None
        ids = {"school": school.id, "recommendation": recommendation.id}
    ids["visit"] = visits.create_visit(
        ids["school"], "planned", dt.date(2026, 12, 1), template_key="documents-review"
    )
    visits.set_answer(ids["visit"], DATE_ITEM, "2026-02-20")
    visits.add_participant(ids["visit"], full_name="Петрова Анна Ивановна")
    (root / "usb").mkdir()
    package = store.service.export(root / "usb" / "source.curator").path
    yield store, package, ids
    store.close()


@pytest.fixture
def mine(tmp_path: Path, migrated_store_template: Path) -> Iterator[Store]:
    store = copy_store(migrated_store_template, tmp_path / "mine", "dev-mine")
    fill_small(store.database)
    yield store
    store.close()


def editor(store: Store) -> VisitService:
    return VisitService(store.database, attachments_dir=store.paths.attachments_dir)


def of_record(table: str, record_id: str, **values: Any) -> Callable[[Members, Any], None]:
    """The package with ``values`` changed in the record ``record_id`` of ``table``."""

    def change(records: list[dict[str, Any]]) -> None:
        next(r for r in records if r["id"] == record_id).update(values)

    return change_first(table, change)


def refused_alike(
    mine: Store, package: Path, tmp_path: Path, change: Any, editing: Callable[[], Any]
) -> str:
    """The editor's refusal and the import's name the same problem; returns it."""
    with pytest.raises(ValidationError) as edited:
        editing()
    bad = rewrite(package, tmp_path / "bad.curator", change)
    with pytest.raises(RecordRuleError) as imported:
        mine.service.import_(bad)
    (problem,) = imported.value.broken[0].problems.values()
    assert problem == edited.value.user_message
    return problem


def test_a_visit_dated_in_the_year_9999(source: Any, mine: Store, tmp_path: Path) -> None:
    store, package, ids = source
    problem = refused_alike(
        mine,
        package,
        tmp_path,
        of_record("visit", ids["visit"], planned_date="9999-12-31"),
        lambda: editor(store).update_visit(ids["visit"], planned_date=dt.date(9999, 12, 31)),
    )
    assert "2100" in problem


def test_a_participant_named_with_2000_characters(source: Any, mine: Store, tmp_path: Path) -> None:
    store, package, ids = source
    name = "Иванова " * 250
    participants = json.loads(members_of(package)["data/visit_participant.json"])
    participant = next(p for p in participants if p["visit_id"] == ids["visit"])
    problem = refused_alike(
        mine,
        package,
        tmp_path,
        of_record("visit_participant", participant["id"], full_name=name),
        lambda: editor(store).add_participant(ids["visit"], full_name=name),
    )
    assert "1000" in problem.replace("\u00a0", "").replace(",", "")


def test_a_date_answer_that_is_no_date(source: Any, mine: Store, tmp_path: Path) -> None:
    store, package, ids = source
    answers = json.loads(members_of(package)["data/checklist_answer.json"])
    answer = next(
        a for a in answers if a["visit_id"] == ids["visit"] and a["item_key"] == DATE_ITEM
    )
    refused_alike(
        mine,
        package,
        tmp_path,
        of_record("checklist_answer", answer["id"], value="2026-02-30"),
        lambda: editor(store).set_answer(ids["visit"], DATE_ITEM, "2026-02-30"),
    )


def test_a_cycle_year_9999(source: Any, mine: Store, tmp_path: Path) -> None:
    store, package, ids = source
    refused_alike(
        mine,
        package,
        tmp_path,
        change_first("risk_assessment", lambda records: records[0].update(year=9999)),
        lambda: RiskProfileService(store.database).start_year(ids["school"], 9999),
    )


def test_an_unknown_recommendation_status(source: Any, mine: Store, tmp_path: Path) -> None:
    store, package, ids = source
    refused_alike(
        mine,
        package,
        tmp_path,
        of_record("recommendation", ids["recommendation"], status="in_progress"),
        lambda: editor(store).update_recommendation(ids["recommendation"], status="in_progress"),
    )


def test_what_the_editors_wrote_is_imported(source: Any, mine: Store) -> None:
    _store, package, _ids = source
    assert mine.service.import_(package).written
