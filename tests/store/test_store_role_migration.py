"""Migration 0015: a store made before roles were chosen is a curator's on record; a store
whose role was chosen keeps it; a new, empty store is left for the first-run dialog."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from curator_desktop.domain.profile import Role
from curator_desktop.services.profile.service import ProfileService
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from curator_desktop.store.integrity import check_store
from tests.conftest import insert_raw

OLD = "0014_events"


def role_row(path: Path) -> list[tuple[str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT value FROM store_meta WHERE key = 'role'").fetchall()


def test_an_existing_store_becomes_a_curators(tmp_path: Path) -> None:
    store = tmp_path / "curator.sqlite3"
    schema.upgrade(store, target=OLD)
    insert_raw(store, "store_meta", key="store_id", value="store-1")
    insert_raw(store, "curator_profile", id="p-1", store_id="store-1", full_name="Соколова М. В.")
    insert_raw(store, "school", id="s-1", full_name="МОУ «СОШ № 1»")
    schema.upgrade(store)
    assert schema.store_revision(store) == schema.shipped_revisions().head
    assert role_row(store) == [("curator",)]
    report = check_store(store)
    assert report.ok, report
    database = Database(store, device_id="t")
    try:
        assert ProfileService(database).role() is Role.CURATOR
    finally:
        database.close()
    schema.upgrade(store)  # at head: nothing to do
    assert role_row(store) == [("curator",)]


def test_a_chosen_role_is_kept(tmp_path: Path) -> None:
    store = tmp_path / "curator.sqlite3"
    schema.upgrade(store, target=OLD)
    insert_raw(store, "store_meta", key="store_id", value="store-1")
    insert_raw(store, "store_meta", key="role", value="coordinator")
    schema.upgrade(store)
    assert role_row(store) == [("coordinator",)]


def test_a_new_store_waits_for_the_first_run_dialog(tmp_path: Path) -> None:
    store = tmp_path / "curator.sqlite3"
    schema.upgrade(store)
    assert role_row(store) == []
