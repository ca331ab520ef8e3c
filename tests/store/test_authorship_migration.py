"""Migration 0009: a store at 0008 learns who its owner is and who made its records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from curator_desktop.store import schema
from tests.conftest import insert_raw

OLD = "0008_record_alias"
STORE = "5f0c3b5e-0000-4000-8000-000000000001"


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def _old_store(path: Path) -> None:
    """The owner's profile written on her laptop, a visit from there and one imported from a
    colleague's package (another device)."""
    schema.upgrade(path, target=OLD)
    insert_raw(path, "store_meta", key="store_id", value=STORE)
    insert_raw(path, "curator_profile", id="p-owner", full_name="Соколова М. В.", device_id="lap")
    insert_raw(path, "school", id="s1", full_name="МОУ «СОШ № 1»")
    insert_raw(path, "visit", id="v-own", school_id="s1", device_id="lap")
    insert_raw(path, "visit", id="v-other", school_id="s1", device_id="colleague-pc")
    insert_raw(path, "recommendation", id="r-own", school_id="s1", device_id="lap")


def test_the_owner_and_her_records_are_named_others_stay_unknown(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_store(path)

    schema.upgrade(path)
    schema.upgrade(path)  # again: nothing to do

    assert schema.store_revision(path) == schema.shipped_revisions().head
    assert _rows(path, "SELECT id, store_id FROM curator_profile") == [("p-owner", STORE)]
    assert _rows(path, "SELECT id, author_id FROM visit ORDER BY id") == [
        ("v-other", None),
        ("v-own", "p-owner"),
    ]
    assert _rows(path, "SELECT author_id FROM recommendation") == [("p-owner",)]


def test_a_store_without_a_profile_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    schema.upgrade(path, target=OLD)
    schema.upgrade(path)
    assert schema.store_revision(path) == schema.shipped_revisions().head
    assert _rows(path, "SELECT COUNT(*) FROM visit WHERE author_id IS NOT NULL") == [(0,)]
