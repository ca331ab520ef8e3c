"""Migration 0008: a store at 0007 holding twins (one school twice, as the previous version made
them) gains the local ``record_alias`` table, keeps every row, and can then be repaired."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.services.schools.twins import find_twins, merge_twins
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from tests.conftest import insert_raw

OLD = "0007_change_log_revision"
INN = make_inn("344401777")


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def _old_store_with_twins(path: Path) -> None:
    schema.upgrade(path, target=OLD)
    for n, created in ((1, "2026-09-01 08:00:00.000000"), (2, "2026-10-01 08:00:00.000000")):
        insert_raw(
            path,
            "school",
            id=f"school-{n}",
            full_name="МБОУ «СШ № 7»",
            inn=INN,
            created_at=created,
            updated_at=created,
            revision=f"{n:032x}",
        )
        insert_raw(path, "visit", id=f"visit-{n}", school_id=f"school-{n}", purpose=f"№ {n}")


def test_a_store_at_0007_gains_the_alias_table_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_store_with_twins(path)
    before = {t: _rows(path, f"SELECT * FROM {t} ORDER BY id") for t in ("school", "visit")}
    assert not _rows(path, "SELECT name FROM sqlite_master WHERE name = 'record_alias'")

    schema.upgrade(path, target="0008_record_alias")
    schema.upgrade(path, target="0008_record_alias")  # again: nothing to do

    assert schema.store_revision(path) == "0008_record_alias"
    assert {t: _rows(path, f"SELECT * FROM {t} ORDER BY id") for t in before} == before
    columns = [(row[1], row[5]) for row in _rows(path, "PRAGMA table_info(record_alias)")]
    assert columns == [("entity", 1), ("alias_id", 2), ("local_id", 0), ("created_at", 0)]
    indexes = {row[1] for row in _rows(path, "PRAGMA index_list(record_alias)")}
    assert "ix_record_alias_local" in indexes
    assert _rows(path, "PRAGMA foreign_key_check") == []


def test_twins_of_an_upgraded_store_are_repaired(tmp_path: Path) -> None:
    path = tmp_path / "data" / "curator.sqlite3"
    path.parent.mkdir()
    _old_store_with_twins(path)
    schema.upgrade(path)
    db = Database(path, device_id="dev-upgraded")
    try:
        (group,) = find_twins(db)
        assert (group.survivor.id, [t.id for t in group.twins]) == ("school-1", ["school-2"])
        merge_twins(db, tmp_path / "backups")
    finally:
        db.close()
    assert _rows(path, "SELECT id FROM school WHERE deleted = 0") == [("school-1",)]
    assert _rows(path, "SELECT id, school_id FROM visit ORDER BY id") == [
        ("visit-1", "school-1"),
        ("visit-2", "school-1"),
    ]
    assert _rows(path, "SELECT entity, alias_id, local_id FROM record_alias") == [
        ("school", "school-2", "school-1")
    ]
