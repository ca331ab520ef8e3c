"""Migration 0013: a roadmap item's one flag becomes its relation — the curator's own mark or
unmark stays the curator's, every other item is judged again by the three-relation rules and its
deadline read again — the old columns go, links and every other value stay, and the plan reads
the store afterwards."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from curator_desktop.domain.roadmap.relation import Relation
from curator_desktop.services.plan.service import PlanService
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from curator_desktop.store.integrity import check_store
from tests.conftest import insert_raw

OLD = "0012_selfdiag"
ITEMS = {  # id: (number, concerns_curator, curator_flag_set_by_user, responsible)
    "i-1": ("1", 1, 0, "Кураторы"),  # marked by the old rules, the curator's by the new
    "i-2": ("2", 1, 0, "Кураторы, образовательные организации"),  # shared by the new rules
    "i-3": ("3", 1, 1, ""),  # marked by the curator
    "i-4": ("4", 0, 1, "Кураторы"),  # unmarked by the curator
}
SCHOOL_YEAR = "В течение учебного года"  # read as January–December before the three relations


def downgrade(store: Path, target: str) -> None:
    """Alembic's downgrade on the store, configured as :func:`schema.upgrade` configures it."""
    from alembic import command
    from alembic.config import Config

    from curator_desktop.store.database import make_engine

    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(schema.MIGRATIONS_DIR / "versions"))
    engine = make_engine(store, foreign_keys=False)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, target)
    finally:
        engine.dispose()


def columns(store: Path) -> set[str]:
    with sqlite3.connect(store) as connection:
        return {row[1] for row in connection.execute("PRAGMA table_info(roadmap_item)")}


def test_the_old_flag_becomes_the_relation_and_the_corrections_stay(tmp_path: Path) -> None:
    store = tmp_path / "curator.sqlite3"
    schema.upgrade(store, target=OLD)
    assert {"concerns_curator", "curator_flag_set_by_user"} <= columns(store)
    insert_raw(store, "roadmap_document", id="d-1", title="План-график", year=2021, edition=1)
    for item_id, (number, flag, by_user, responsible) in ITEMS.items():
        insert_raw(
            store,
            "roadmap_item",
            id=item_id,
            document_id="d-1",
            number=number,
            title=f"Мероприятие {number}",
            responsible=responsible,
            deadline_text=SCHOOL_YEAR if number == "2" else "Март",
            deadline_kind="dated",
            deadline_ranges=(
                '[["2021-01-01", "2021-12-31"]]'
                if number == "2"
                else '[["2021-03-01", "2021-03-31"]]'
            ),
            deadline_start="2021-03-01" if number != "2" else "2021-01-01",
            deadline_end="2021-03-31" if number != "2" else "2021-12-31",
            concerns_curator=flag,
            curator_flag_set_by_user=by_user,
            status="done" if number == "3" else "planned",
            done_on="2021-03-10" if number == "3" else None,
        )
    insert_raw(store, "roadmap_link", id="l-1", item_id="i-3", target_type="report", target_id="r")
    with sqlite3.connect(store) as connection:
        links_before = connection.execute("SELECT * FROM roadmap_link").fetchall()

    schema.upgrade(store)

    assert schema.store_revision(store) == schema.shipped_revisions().head
    have = columns(store)
    assert {"relation", "relation_set_by_user"} <= have
    assert not {"concerns_curator", "curator_flag_set_by_user"} & have
    with sqlite3.connect(store) as connection:
        rows = connection.execute(
            "SELECT id, relation, relation_set_by_user, status, done_on, deadline_ranges "
            "FROM roadmap_item ORDER BY id"
        ).fetchall()
        assert connection.execute("SELECT * FROM roadmap_link").fetchall() == links_before
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("i-1", "lead", 0),
        ("i-2", "share", 0),  # the old flag said «mine»: judged again
        ("i-3", "lead", 1),
        ("i-4", "none", 1),
    ]
    assert rows[2][3:5] == ("done", "2021-03-10")
    march = [["2021-03-01", "2021-03-31"]]
    assert [json.loads(r[5]) for r in rows] == [
        march,
        [["2021-01-01", "2021-05-31"], ["2021-09-01", "2021-12-31"]],  # the school year
        march,
        march,
    ]
    report = check_store(store)
    assert report.ok, report

    database = Database(store, device_id="t")
    try:
        service = PlanService(database)
        entries = {e.number: e for e in service.entries(dt.date(2021, 3, 15), relations=None)}
        assert entries["3"].relation == Relation.LEAD and entries["3"].relation_set_by_user
        assert entries["3"].relation_reason == "changed by you"
        assert entries["4"].relation == Relation.NONE and entries["4"].relation_set_by_user
        assert [e.number for e in service.entries(dt.date(2021, 3, 15))] == ["1", "3"]
        assert [link.link_id for link in entries["3"].links] == ["l-1"]
    finally:
        database.close()
    schema.upgrade(store)  # at head: nothing to do
    assert schema.store_revision(store) == schema.shipped_revisions().head


def test_the_migration_goes_back_down(tmp_path: Path) -> None:
    """Downgrading keeps the meaning: any relation is a mark, a correction the curator's."""
    store = tmp_path / "curator.sqlite3"
    schema.upgrade(store, target="0013_plan_relations")
    insert_raw(store, "roadmap_item", id="i-1", relation="attend", relation_set_by_user=1)
    insert_raw(store, "roadmap_item", id="i-2", relation="none", relation_set_by_user=0)
    downgrade(store, OLD)
    with sqlite3.connect(store) as connection:
        rows = connection.execute(
            "SELECT id, concerns_curator, curator_flag_set_by_user FROM roadmap_item ORDER BY id"
        ).fetchall()
    assert rows == [("i-1", 1, 1), ("i-2", 0, 0)]
    assert "relation" not in columns(store)
