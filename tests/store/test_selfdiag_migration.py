"""Migration 0012: the self-diagnosis tables are added to a store with data, nothing else is
touched, the schema matches the models, and the store takes rounds afterwards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from curator_desktop.services.selfdiag import SelfdiagService
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from curator_desktop.store.integrity import check_store
from tests.conftest import insert_raw
from tests.services.selfdiag.helpers import NOVEMBER, draft

OLD = "0011_documents"
TABLES = (
    "selfdiag_catalog",
    "school_programme",
    "selfdiag_round",
    "selfdiag_result",
    "selfdiag_deficit",
    "selfdiag_decision",
)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}


def test_the_migration_adds_the_tables_and_keeps_the_data(tmp_path: Path) -> None:
    store = tmp_path / "curator.sqlite3"
    schema.upgrade(store, target=OLD)
    assert not set(TABLES) & tables(store)
    insert_raw(store, "school", id="s-1", full_name="МОУ «СОШ № 1»", programme="minpros_school")
    with sqlite3.connect(store) as connection:
        before = connection.execute("SELECT * FROM school").fetchall()
    schema.upgrade(store)
    assert set(TABLES) <= tables(store)
    assert schema.store_revision(store) == schema.shipped_revisions().head
    with sqlite3.connect(store) as connection:
        assert connection.execute("SELECT * FROM school").fetchall() == before
    report = check_store(store)
    assert report.ok, report
    database = Database(store, device_id="t")
    try:
        stored = SelfdiagService(database).save_round(draft("s-1", NOVEMBER, knowledge=8))
        assert stored.school_id == "s-1"
    finally:
        database.close()
    schema.upgrade(store)  # at head: nothing to do
    assert schema.store_revision(store) == schema.shipped_revisions().head
