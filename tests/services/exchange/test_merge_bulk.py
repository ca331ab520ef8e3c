"""The import's bulk paths: records read and written in a bounded number of statements, with the
same result a record-by-record write gave (derived columns, partial records, receipts)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import (
    Store,
    checklist,
    content,
    copy_store,
    edit,
    fill_small,
    incoming_from,
)
from sqlalchemy import select
from sqlmodel import col
from sqlmodel import select as orm_select

from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.exchange import records
from curator_desktop.services.exchange.merge.apply import Incoming, MergeOutcome, apply_merge
from curator_desktop.services.exchange.merge.reconcile import reconcile
from curator_desktop.services.exchange.merge.state import read_local
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChecklistAnswer, Receipt, School, Visit
from tests.engine_events import sql_statements


def merge(store: Store, incoming: Incoming) -> MergeOutcome:
    return apply_merge(
        store.database,
        incoming,
        attachments_dir=store.paths.attachments_dir,
        reports_dir=store.paths.reports_dir,
        backup_dir=None,
    )


def fill(db: Database, schools: int, answers: int) -> None:
    """``schools`` schools, each with a visit and ``answers`` checklist answers."""
    with db.session() as session:
        for n in range(schools):
            school = School(full_name=f"МБОУ СОШ № {n + 1}", municipality="Лесной район")
            session.add(school)
            session.flush()
            visit = Visit(
                school_id=school.id,
                purpose="Плановое посещение",
                template_snapshot=checklist({f"q{k}": "number" for k in range(answers)}),
            )
            session.add(visit)
            session.flush()
            session.add_all(
                ChecklistAnswer(visit_id=visit.id, item_key=f"q{k}", value=k)
                for k in range(answers)
            )


@pytest.fixture
def stores(tmp_path: Path, migrated_store_template: Path) -> Iterator[Any]:
    made: list[Store] = []

    def make(name: str) -> Store:
        store = copy_store(migrated_store_template, tmp_path / name, f"dev-{name}")
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def test_the_statements_of_an_import_do_not_grow_with_its_records(stores: Any) -> None:
    small, big = stores("small"), stores("big")
    fill(small.database, schools=2, answers=3)
    fill(big.database, schools=40, answers=10)  # 20 times the schools, 66 times the answers
    counts = []
    for source in (small, big):
        target = stores(f"into-{source.paths.data_dir.name}")
        with sql_statements(target.database) as seen:  # every record new
            merge(target, incoming_from(source.database))
        counts.append(len(seen))
        edit_every_answer(source.database)
        with sql_statements(target.database) as seen:  # every answer replaced
            outcome = merge(target, incoming_from(source.database))
        assert (
            outcome.reconciliation.total("changed")
            == outcome.reconciliation.counts["checklist_answer"].total
        )
        assert content(target.database) == content(source.database)
        counts.append(len(seen))
    # Ids are looked up 500 to a query (twice: planned, then checked again in the write), so
    # 880 history rows cost two statements more; one record at a time would cost hundreds.
    assert counts[2] <= counts[0] + 4 and counts[3] <= counts[1] + 4, counts


def edit_every_answer(db: Database) -> None:
    with db.session() as session:
        for answer in session.exec(orm_select(ChecklistAnswer)):
            answer.comment = "Уточнено"
            session.add(answer)


def test_new_and_replaced_schools_get_their_derived_columns_refreshed(stores: Any) -> None:
    a, b = stores("a"), stores("b")
    ids = fill_small(a.database)
    incoming = incoming_from(a.database)
    for record in incoming.records["school"]:
        record.update(search_text="", name_key="", municipality_key="")
    merge(b, incoming)
    assert content(b.database)["school"] == content(a.database)["school"]
    edit(a.database, School, ids["school"][1], short_name="Ёлкинская СОШ")
    incoming = incoming_from(a.database)
    for record in incoming.records["school"]:
        record["search_text"] = "stale"
    merge(b, incoming)
    after = content(b.database)["school"][ids["school"][1]]
    assert after == content(a.database)["school"][ids["school"][1]]
    assert "елкинская" in after["search_text"]


def test_a_replaced_record_keeps_its_own_value_of_a_column_the_package_leaves_out(
    stores: Any,
) -> None:
    a, b = stores("a"), stores("b")
    ids = fill_small(a.database)
    merge(b, incoming_from(a.database))
    edit(a.database, School, ids["school"][0], notes="Новый директор")
    edit(b.database, School, ids["school"][2], address="ул. Школьная, 1")  # an unrelated record
    incoming = incoming_from(a.database)
    changed = next(r for r in incoming.records["school"] if r["id"] == ids["school"][0])
    address = changed.pop("address")
    changed.pop("levels")
    outcome = merge(b, incoming)
    assert outcome.reconciliation.counts["school"].changed == 1
    school = content(b.database)["school"][ids["school"][0]]
    assert (school["notes"], school["address"], school["levels"]) == ("Новый директор", address, [])
    assert school["revision"] == changed["revision"]


def test_a_record_taken_twice_has_one_receipt_whose_time_moves_on(stores: Any) -> None:
    a, b = stores("a"), stores("b")
    ids = fill_small(a.database)
    merge(b, incoming_from(a.database))
    first = receipts(b.database, ids["school"][0])
    edit(a.database, School, ids["school"][0], notes="Ещё одна правка")
    merge(b, incoming_from(a.database))
    second = receipts(b.database, ids["school"][0])
    assert len(first) == len(second) == 1
    assert second[0] > first[0]
    assert receipts(b.database, ids["school"][1]) == receipts(b.database, ids["school"][1])


def receipts(db: Database, school_id: str) -> list[Any]:
    with db.session() as session:
        query = orm_select(Receipt.at).where(
            col(Receipt.entity) == "school", col(Receipt.entity_id) == school_id
        )
        return list(session.exec(query))


def test_rows_read_without_the_orm_are_the_same_json_as_records(database: Database) -> None:
    create_demo_store(database)
    compared = 0
    with database.session() as session:
        for table, model in records.MODELS.items():
            rows = session.execute(select(model.__table__)).mappings().all()  # type: ignore[attr-defined]
            objects = {r.id: records.to_json(r) for r in session.exec(orm_select(model))}
            assert {row["id"]: records.row_to_json(table, row) for row in rows} == objects, table
            compared += bool(objects)
    assert compared >= 10  # dates, times, UTC times, JSON and booleans all compared


def test_a_complete_row_has_every_column_with_the_models_defaults() -> None:
    row = records.complete_row("school", {"id": "s-1", "full_name": "МБОУ СОШ № 1"})
    other = records.complete_row("school", {"id": "s-2"})
    assert set(row) == set(records.to_json(School()))
    assert (row["full_name"], row["status"], row["levels"], row["deleted"]) == (
        "МБОУ СОШ № 1",
        "active",
        [],
        False,
    )
    assert row["levels"] is not other["levels"]  # a fresh list for each row
    assert row["revision"] != other["revision"] and len(row["revision"]) == 32
    history = records.complete_row("change_log", {"id": "h-1", "entity": "school"})
    assert history["field"] is None and history["at"].tzinfo is not None


def test_of_a_long_local_history_only_the_incoming_revisions_are_read(stores: Any) -> None:
    a = stores("a")
    ids = fill_small(a.database)
    school = ids["school"][0]
    revisions = [edit(a.database, School, school, notes=f"Правка {n}") for n in range(30)]
    rows = [dict(r) for r in incoming_from(a.database).records["school"]]
    edited = next(r for r in rows if r["id"] == school)
    edited["revision"] = revisions[9]  # a package from before the last twenty edits
    unknown = next(r for r in rows if r["id"] == ids["school"][1])
    unknown["revision"] = "f" * 32
    with a.database.session() as session:
        state = read_local(session, {"school": rows})
    third = next(r for r in rows if r["id"] == ids["school"][2])
    assert state.history == {
        ("school", school): {revisions[9]},  # not the other 30 revisions it had
        ("school", third["id"]): {third["revision"]},
    }
    reconciliation = reconcile(state.records, state.history, {"school": rows}, {})
    assert reconciliation.counts["school"].unchanged == 3  # ours is newer; the same content joined
    assert [(a.kind, a.record_id) for a in reconciliation.actions] == [
        ("replace", ids["school"][1])
    ]
