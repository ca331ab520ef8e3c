"""Opening a store the way the app does: create, lock, refuse newer, back up, then migrate."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.domain.errors import StoreLockedError, StoreTooNewError
from curator_desktop.paths import AppPaths
from curator_desktop.services.store_opening import open_store
from curator_desktop.store import backups, schema
from curator_desktop.store.tables import School
from tests.conftest import insert_raw


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.resolve(tmp_path / "store")


def test_first_open_creates_store_with_catalogs(paths: AppPaths) -> None:
    opened = open_store(paths, device_id="dev-a")
    try:
        assert opened.created
        assert schema.schema_state(paths.store_file) is schema.SchemaState.CURRENT
        with sqlite3.connect(paths.store_file) as connection:
            assert connection.execute("SELECT COUNT(*) FROM risk_factor").fetchone()[0] == 11
            assert connection.execute("SELECT COUNT(*) FROM checklist_template").fetchone()[0] >= 5
        store_id = opened.store_id
    finally:
        opened.close()
    again = open_store(paths, device_id="dev-a")
    try:
        assert not again.created
        assert again.store_id == store_id
    finally:
        again.close()


def test_second_open_of_the_same_store_is_refused(paths: AppPaths) -> None:
    first = open_store(paths, device_id="dev-a")
    try:
        with pytest.raises(StoreLockedError, match="already running"):
            open_store(paths, device_id="dev-b")
    finally:
        first.close()
    open_store(paths, device_id="dev-b").close()


def test_newer_store_is_refused_untouched_and_unlocked(paths: AppPaths) -> None:
    open_store(paths, device_id="dev").close()
    with sqlite3.connect(paths.store_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = paths.store_file.read_bytes()
    with pytest.raises(StoreTooNewError):
        open_store(paths, device_id="dev")
    assert paths.store_file.read_bytes() == before
    assert backups.list_backups(paths.backup_dir) == []
    with sqlite3.connect(paths.store_file) as connection:
        connection.execute(
            "UPDATE alembic_version SET version_num = ?", (schema.shipped_revisions().head,)
        )
    open_store(paths, device_id="dev").close()


def test_outdated_store_is_backed_up_then_migrated_keeping_data(paths: AppPaths) -> None:
    paths.ensure()
    first = schema.shipped_revisions().chain[0]
    schema.upgrade(paths.store_file, target=first)
    insert_raw(
        paths.store_file,
        "school",
        id="s7",
        full_name="МОУ «СОШ № 7»",
        municipality="Озерецкий район",
    )

    opened = open_store(paths, device_id="new")
    try:
        assert opened.migrated_from == first
        taken = backups.list_backups(paths.backup_dir)
        assert [info.reason for info in taken] == ["pre-migration"]
        assert schema.store_revision(taken[0].path) == first
        assert schema.schema_state(paths.store_file) is schema.SchemaState.CURRENT
        with opened.database.session() as session:
            names = [s.full_name for s in session.exec(select(School))]
        assert names == ["МОУ «СОШ № 7»"]
    finally:
        opened.close()


def test_daily_backup_at_most_once_a_day(paths: AppPaths) -> None:
    open_store(paths, device_id="dev").close()
    assert backups.list_backups(paths.backup_dir) == []  # nothing to protect in a new store
    open_store(paths, device_id="dev").close()
    open_store(paths, device_id="dev").close()
    assert [info.reason for info in backups.list_backups(paths.backup_dir)] == ["daily"]


def test_demo_store_is_filled_once(paths: AppPaths) -> None:
    opened = open_store(paths, device_id="dev", demo=True)
    opened.close()
    reopened = open_store(paths, device_id="dev", demo=True)
    try:
        with sqlite3.connect(paths.store_file) as connection:
            assert connection.execute("SELECT COUNT(*) FROM school").fetchone()[0] == 8
    finally:
        reopened.close()
