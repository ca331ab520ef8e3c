"""An import applies the rules the editors apply: a package with one record that breaks them —
of any table it carries — is refused whole, naming the record and the field, and leaves the store
exactly as it was (every table and every file of the data folder, the store file included)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import (
    Store,
    checklist,
    copy_store,
    dump,
    files_around_store,
    fill_small,
    folder_paths,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from rule_helpers import Members, change_first, fill_every_table, set_first, tables_of
from test_import_rejections import members_of, rewrite

from curator_desktop.cli.parser import main
from curator_desktop.domain.checklists.items import ITEM_TYPES, answer_problem, item_index
from curator_desktop.services.exchange.field_labels import field_label
from curator_desktop.services.exchange.merge.rules import RecordRuleError, record_problems
from curator_desktop.services.exchange.records import TABLE_ORDER
from curator_desktop.services.exchange.store_move import create_store_from_package

Change = Callable[[Members, dict[str, Any]], None]


@pytest.fixture(scope="module")
def good_package(tmp_path_factory: pytest.TempPathFactory, migrated_store_template: Path) -> Path:
    """A package of a store holding valid records of every table."""
    root = tmp_path_factory.mktemp("every-table")
    source = copy_store(migrated_store_template, root / "source", "dev-source")
    try:
        fill_every_table(source)
        (root / "usb").mkdir()
        return source.service.export(root / "usb" / "every-table.curator").path
    finally:
        source.close()


@pytest.fixture
def mine(tmp_path: Path, migrated_store_template: Path) -> Iterator[Store]:
    store = copy_store(migrated_store_template, tmp_path / "mine", "dev-mine")
    fill_small(store.database)
    store.service.store_id()
    yield store
    store.close()


def _on_answer(change: Callable[[dict[str, Any]], None]) -> Change:
    """Change the first answer to a yes / no / partly item."""

    def apply(records: list[dict[str, Any]]) -> None:
        change(next(r for r in records if r["value"] in ("yes", "no", "partly", "na")))

    return change_first("checklist_answer", apply)


def _on_snapshot(table: str, value: Any) -> Change:
    """Replace the first checklist snapshot of ``table`` by ``value``."""

    def apply(records: list[dict[str, Any]]) -> None:
        next(r for r in records if r["template_snapshot"])["template_snapshot"] = value

    return change_first(table, apply)


LONG_NAME = "".join(random.Random(18).choices("абвгдежзийклмнопрстуфхцчшщэюя ", k=790_000))
"""790,000 characters that do not compress like a zip bomb."""
CASES: dict[str, tuple[str, Change, str]] = {
    "an invalid ИНН": ("school", set_first("school", inn="3400000014"), "inn"),
    "a negative count": ("school", set_first("school", students_count=-5), "students_count"),
    "a name of 790,000 characters": (
        "school",
        set_first("school", full_name=LONG_NAME),
        "full_name",
    ),
    "an unknown school status": ("school", set_first("school", status="closed"), "status"),
    "a cohort year 9999": ("school", set_first("school", cohort_year=9999), "cohort_year"),
    "levels that are no codes": (
        "school",
        set_first("school", levels=[5, {"a": 1}]),
        "levels",
    ),
    "a profile name with a control character": (
        "curator_profile",
        set_first("curator_profile", full_name="Иванова\u0007"),
        "full_name",
    ),
    "a catalog allowing no direction": (
        "risk_catalog",
        set_first("risk_catalog", max_active_directions=0),
        "max_active_directions",
    ),
    "a factor's years backwards": (
        "risk_factor",
        set_first("risk_factor", year_from=2030, year_to=2021),
        "year_to",
    ),
    "a verification of the year 9999": (
        "risk_assessment",
        set_first("risk_assessment", year=9999),
        "year",
    ),
    "an unknown verdict": (
        "risk_assessment",
        set_first("risk_assessment", verdict="maybe"),
        "verdict",
    ),
    "a garbage template": (
        "checklist_template",
        set_first("checklist_template", content={"sections": "мусор"}),
        "content",
    ),
    "an unknown visit status": ("visit", set_first("visit", status="archived"), "status"),
    "an unknown visit type": ("visit", set_first("visit", visit_type="picnic"), "visit_type"),
    "a garbage template snapshot": ("visit", _on_snapshot("visit", "мусор"), "template_snapshot"),
    "a visit dated 9999": (
        "visit",
        set_first("visit", planned_date="9999-12-31", actual_date=None),
        "planned_date",
    ),
    "a visit ending before it starts": (
        "visit",
        set_first("visit", start_time="12:00:00", end_time="10:00:00"),
        "end_time",
    ),
    "a participant's name of 790,000 characters": (
        "visit_participant",
        set_first("visit_participant", full_name=LONG_NAME),
        "full_name",
    ),
    "a lesson's garbage snapshot": (
        "lesson_observation",
        _on_snapshot("lesson_observation", [1, 2]),
        "template_snapshot",
    ),
    "an answer of the wrong type": (
        "checklist_answer",
        _on_answer(lambda answer: answer.update(value={"yes": True})),
        "value",
    ),
    "an answer to no item of the checklist": (
        "checklist_answer",
        _on_answer(lambda answer: answer.update(item_key="no-such-item")),
        "item_key",
    ),
    "a finding on no factor": (
        "visit_finding",
        set_first("visit_finding", factor_code=""),
        "factor_code",
    ),
    "an unknown recommendation status": (
        "recommendation",
        set_first("recommendation", status="in_progress"),
        "status",
    ),
    "an unknown kind of document": (
        "document_review",
        set_first("document_review", document_type="essay"),
        "document_type",
    ),
    "a school document of an unknown kind": (
        "school_document",
        set_first("school_document", kind="poem"),
        "kind",
    ),
    "a document version numbered 0": (
        "document_version",
        set_first("document_version", number=0),
        "number",
    ),
    "a confirmation document of a year out of range": (
        "confirmation_document",
        set_first("confirmation_document", year=1900),
        "year",
    ),
    "an attachment of an unknown owner": (
        "attachment",
        set_first("attachment", owner_type="school"),
        "owner_type",
    ),
    "an unknown kind of evidence": (
        "risk_evidence",
        set_first("risk_evidence", kind="rumour"),
        "kind",
    ),
    "a report of an unknown kind": (
        "generated_report",
        set_first("generated_report", kind="memo"),
        "kind",
    ),
    "a roadmap of the year 9999": (
        "roadmap_document",
        set_first("roadmap_document", year=9999),
        "year",
    ),
    "deadline ranges the plan cannot read": (
        "roadmap_item",
        set_first("roadmap_item", deadline_ranges=[["2026-13-01", "завтра"]]),
        "deadline_ranges",
    ),
    "an unknown kind of link": (
        "roadmap_link",
        set_first("roadmap_link", target_type="school"),
        "target_type",
    ),
    "an assignment to a curator without a name": (
        "school_assignment",
        set_first("school_assignment", curator_name="123"),
        "curator_name",
    ),
    "a self-diagnosis catalog whose content is no catalog": (
        "selfdiag_catalog",
        set_first("selfdiag_catalog", content={"format": 1}),
        "content",
    ),
    "a school in an unknown programme": (
        "school_programme",
        set_first("school_programme", programme="olympiad"),
        "programme",
    ),
    "a self-diagnosis round dated in the future": (
        "selfdiag_round",
        set_first("selfdiag_round", round_date="2099-11-20"),
        "round_date",
    ),
    "a direction's points above its maximum": (
        "selfdiag_result",
        set_first("selfdiag_result", points=41, maximum=40),
        "points",
    ),
    "a deficit with neither indicator nor text": (
        "selfdiag_deficit",
        set_first("selfdiag_deficit", indicator="", text=""),
        "text",
    ),
    "a management decision that says nothing": (
        "selfdiag_decision",
        set_first("selfdiag_decision", what=" "),
        "what",
    ),
    "an event in the future marked attended": (
        "curator_event",
        set_first("curator_event", day="2099-09-09", attendance="attended"),
        "attendance",
    ),
    "an analysis naming no school": (
        "event_analysis",
        set_first("event_analysis", school_id=""),
        "school_id",
    ),
}


def _refused(store: Store, bad: Path) -> RecordRuleError:
    """Preview and import refuse ``bad`` with a rule error; the store and its folder stay."""
    before, files_before = dump(store.database), files_around_store(store.paths)
    for attempt in (store.service.preview, store.service.import_):
        with pytest.raises(RecordRuleError) as caught:
            attempt(bad)
        assert dump(store.database) == before
        assert files_around_store(store.paths) == files_before
    return caught.value


def test_the_good_package_carries_every_table_and_is_accepted(
    good_package: Path, mine: Store, tmp_path: Path
) -> None:
    assert tables_of(members_of(good_package)) == set(TABLE_ORDER)
    assert {table for table, _change, _field in CASES.values()} == set(TABLE_ORDER)
    copy = rewrite(good_package, tmp_path / "copy.curator", lambda members, manifest: None)
    result = mine.service.import_(copy)
    assert result.written
    assert all(result.reconciliation.counts[table].new for table in TABLE_ORDER)


@pytest.mark.parametrize("case", list(CASES))
def test_a_record_breaking_a_rule_refuses_the_whole_package(
    good_package: Path, mine: Store, tmp_path: Path, case: str
) -> None:
    table, change, field = CASES[case]
    bad = rewrite(good_package, tmp_path / "bad.curator", change)
    error = _refused(mine, bad)
    assert error.exit_code == 2
    assert (error.table, error.field) == (table, field)
    message = error.user_message
    assert f"field «{field_label(field)}»" in message, message
    assert error.record_id in message and "Nothing was imported" in message
    assert len(message) < 1_000  # a 790,000-character value is not quoted whole


def test_the_message_names_a_school_by_its_name(
    good_package: Path, mine: Store, tmp_path: Path
) -> None:
    members = members_of(good_package)
    bad = rewrite(good_package, tmp_path / "bad.curator", set_first("school", inn="3400000014"))
    school = json.loads(members["data/school.json"])[0]
    error = _refused(mine, bad)
    assert f"«{school['short_name'] or school['full_name']}»" in error.user_message
    assert "«Schools»" in error.user_message


def test_every_way_in_refuses_it_a_batch_a_new_store_and_the_command_line(
    good_package: Path, mine: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = rewrite(good_package, tmp_path / "bad.curator", set_first("school", students_count=-1))
    before, files_before = dump(mine.database), files_around_store(mine.paths)
    (item,) = mine.service.import_many([bad])
    assert isinstance(item.error, RecordRuleError)
    fresh = folder_paths(tmp_path / "fresh")
    with pytest.raises(RecordRuleError):
        create_store_from_package(fresh, bad, device_id="dev-fresh")
    assert not fresh.store_file.exists()
    assert dump(mine.database) == before
    assert files_around_store(mine.paths) == files_before
    mine.close()
    data = mine.paths.data_dir
    assert main(["import", str(bad), "--data-dir", str(data), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "field «Students»: The number cannot be negative." in err
    assert "Traceback" not in err


def test_two_broken_records_are_both_listed(
    good_package: Path, mine: Store, tmp_path: Path
) -> None:
    def change(members: Members, manifest: dict[str, Any]) -> None:
        set_first("school", inn="123")(members, manifest)
        set_first("recommendation", status="someday")(members, manifest)

    error = _refused(mine, rewrite(good_package, tmp_path / "bad.curator", change))
    assert "1 more record breaks a rule" in error.user_message
    assert {b.table for b in error.broken} == {"school", "recommendation"}
    assert "recommendation" in error.details and "status" in error.details


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)
OPEN_COLUMNS = [
    ("school", "levels"),
    ("checklist_template", "content"),
    ("visit", "template_snapshot"),
    ("lesson_observation", "template_snapshot"),
    ("document_review", "criteria"),
    ("roadmap_document", "legend"),
    ("roadmap_item", "deadline_ranges"),
]


@settings(max_examples=200, deadline=None)
@given(column=st.sampled_from(OPEN_COLUMNS), value=JSON)
def test_any_json_in_an_open_column_is_judged_never_raised(
    column: tuple[str, str], value: Any
) -> None:
    table, name = column
    assert isinstance(record_problems(table, {"id": "r1", name: value}), dict)


ITEMS = item_index(
    checklist({f"q-{kind}": kind for kind in ITEM_TYPES})  # every kind of item, valid
)


@settings(max_examples=300, deadline=None)
@given(value=JSON, key=st.sampled_from([*ITEMS, "no-such"]))
def test_any_json_as_an_answer_is_judged_never_raised(value: Any, key: str) -> None:
    assert answer_problem(ITEMS, key, value) is None or key in answer_problem(ITEMS, key, value)
