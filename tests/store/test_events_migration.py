"""Migration 0014: the events tables are added to a store with data, nothing else is touched,
the store passes its checks, and it takes events (linked to a plan item) afterwards."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from curator_desktop.domain.events import Event, SchoolAnalysis
from curator_desktop.services.events import EventService
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from curator_desktop.store.integrity import check_store
from tests.conftest import insert_raw

OLD = "0013_plan_relations"
TABLES = ("curator_event", "event_analysis")


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}


def rows(path: Path) -> list[list[tuple[object, ...]]]:
    """Every row of the tables the migration must not touch."""
    with sqlite3.connect(path) as connection:
        return [
            connection.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("school", "roadmap_item", "roadmap_link", "attachment")
        ]


def test_the_migration_adds_the_tables_and_keeps_the_data(tmp_path: Path) -> None:
    store = tmp_path / "curator.sqlite3"
    schema.upgrade(store, target=OLD)
    assert not set(TABLES) & tables(store)
    insert_raw(store, "school", id="s-1", full_name="МОУ «СОШ № 1»")
    insert_raw(store, "roadmap_item", id="i-1", number="1.15", title="Вебинары")
    before = rows(store)
    schema.upgrade(store)
    assert set(TABLES) <= tables(store)
    assert schema.store_revision(store) == schema.shipped_revisions().head
    assert rows(store) == before
    report = check_store(store)
    assert report.ok, report
    database = Database(store, device_id="t")
    try:
        event = Event(
            id="",
            day=dt.date(2026, 9, 9),
            topic="Вебинар",
            plan_item_id="i-1",
            analyses=(SchoolAnalysis("s-1", "Анализ"),),
        )
        stored = EventService(database).create(event)
        assert stored.plan_item_id == "i-1" and stored.analyses[0].school_id == "s-1"
    finally:
        database.close()
    schema.upgrade(store)  # at head: nothing to do
    assert schema.store_revision(store) == schema.shipped_revisions().head
