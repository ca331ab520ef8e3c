"""Migration 0016: the log of packages received and the reviews of reports are added to a
store with data; the imports the exchange history holds come into the log, nothing else is
touched, and the store passes its checks and takes reviews afterwards."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from curator_desktop.domain.intake import Outcome, ReviewState
from curator_desktop.services.intake.service import IntakeService
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from curator_desktop.store.integrity import check_store
from tests.conftest import insert_raw

OLD = "0015_store_role"
TABLES = ("package_intake", "report_review")


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}


def rows(path: Path) -> list[list[tuple[object, ...]]]:
    """Every row of the tables the migration must not touch."""
    with sqlite3.connect(path) as connection:
        return [
            connection.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("school", "generated_report", "sync_state", "receipt")
        ]


def test_the_migration_adds_the_tables_copies_the_imports_and_keeps_the_data(
    tmp_path: Path,
) -> None:
    store = tmp_path / "curator.sqlite3"
    schema.upgrade(store, target=OLD)
    assert not set(TABLES) & tables(store)
    insert_raw(store, "school", id="s-1", full_name="МОУ «СОШ № 1»")
    insert_raw(store, "generated_report", id="r-1", kind="interim", title="Справка",
               generated_at="2026-11-01 09:00:00.000000")  # fmt: skip
    insert_raw(store, "receipt", entity="generated_report", entity_id="r-1",
               at="2026-11-02 10:00:00.000000")  # fmt: skip
    scope = {"kind": "full", "file": "Иванова.curator", "curator": "Иванова М. П."}
    insert_raw(store, "sync_state", id="x-1", direction="import", at="2026-11-02 10:00:00.000000",
               destination="/media/usb/Иванова.curator", peer_store_id="store-a",
               package_sha256="ab" * 32, record_count=42, scope=json.dumps(scope))  # fmt: skip
    insert_raw(store, "sync_state", id="x-2", direction="export", at="2026-11-03 10:00:00.000000",
               destination="/media/usb", scope="{}")  # fmt: skip
    before = rows(store)

    schema.upgrade(store)

    assert set(TABLES) <= tables(store)
    assert schema.store_revision(store) == schema.shipped_revisions().head
    assert rows(store) == before
    report = check_store(store)
    assert report.ok, report
    database = Database(store, device_id="t")
    try:
        intake = IntakeService(database)
        (copied,) = intake.packages()
        assert copied.outcome is Outcome.IMPORTED
        assert copied.file_name == "Иванова.curator"
        assert copied.sender_name == "Иванова М. П."
        assert copied.sender_store_id == "store-a"
        assert copied.total("new") == 42
        (received,) = intake.reports()
        assert received.id == "r-1" and received.state is None
        intake.review(["r-1"], ReviewState.WATCH, "Ждём второй этап")
        (received,) = intake.reports()
        assert received.state is ReviewState.WATCH and received.comment == "Ждём второй этап"
    finally:
        database.close()
    schema.upgrade(store)  # at head: nothing to do
    assert schema.store_revision(store) == schema.shipped_revisions().head
