"""Attachment files are in place before the rows that refer to them commit (issue #18, item 3).

An import killed at any step leaves no attachment row without its file; the temporary files it
leaves are cleaned when the store is next opened; importing the same package again completes
the import and brings back a file that went missing or was damaged, even when every record is
already here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from exchange_helpers import Store, content, copy_store, files_of, fill_small, folder_paths
from kill_helpers import fresh_copy, leftovers, needs_fork, run_killed

from curator_desktop.paths import AppPaths
from curator_desktop.services.exchange.service import ExchangeService
from curator_desktop.services.store_opening import open_store
from curator_desktop.services.visits.file_check import check_attachment_files
from curator_desktop.services.visits.files import stored_path
from curator_desktop.store.database import Database
from curator_desktop.store.lock import StoreLock


def _attach(store: Store, name: str, payload: bytes) -> None:
    from sqlmodel import select

    from curator_desktop.services.visits.attachments import attach_in
    from curator_desktop.store.tables import Visit

    source = store.paths.data_dir / name
    source.write_bytes(payload)
    with store.database.session() as session:
        visit = session.exec(select(Visit)).one()
        attach_in(
            session, visit, source, store.paths.attachments_dir,
            item_key=None, lesson_id=None, caption=name,
        )  # fmt: skip
    source.unlink()


@pytest.fixture
def peer(tmp_path: Path, migrated_store_template: Path) -> Iterator[tuple[Store, Path]]:
    """Another store with two photos, and its full package."""
    store = copy_store(migrated_store_template, tmp_path / "peer", "dev-peer")
    fill_small(store.database)
    _attach(store, "stand.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 300)
    _attach(store, "lesson.jpg", b"\xff\xd8\xff" + bytes(range(255, -1, -1)) * 500)
    (tmp_path / "usb").mkdir()
    package = store.service.export(tmp_path / "usb" / "peer.curator").path
    yield store, package
    store.close()


@pytest.fixture
def mine(tmp_path: Path, migrated_store_template: Path) -> Path:
    """A curator's store (closed) into which the peer's package is imported."""
    store = copy_store(migrated_store_template, tmp_path / "mine", "dev-mine")
    fill_small(store.database)
    store.service.store_id()
    store.close()
    return store.paths.data_dir


def _import(paths: AppPaths, package: Path) -> None:
    """What ``curator-desktop import`` does in a folder that has a store."""
    with StoreLock(paths.lock_file):
        database = Database(paths.store_file, device_id="dev-killed")
        try:
            ExchangeService.for_paths(database, paths).import_(package)
        finally:
            database.close()


def _check(paths: AppPaths) -> list[str]:
    check = check_attachment_files(paths.store_file, paths.attachments_dir)
    return [f"{p.kind}: {p.file_name}" for p in check.problems] + (
        [check.error] if check.error else []
    )


@needs_fork
def test_an_import_killed_at_any_step_leaves_no_row_without_its_file(
    peer: tuple[Store, Path], mine: Path, tmp_path: Path
) -> None:
    peer_store, package = peer
    photos = {r["sha256"] for r in content(peer_store.database)["attachment"].values()}
    log = tmp_path / "steps.txt"
    counted = fresh_copy(mine, tmp_path / "count")
    total = run_killed(lambda: _import(counted, package), log, kill_at=0)
    assert len(total.steps) > 5
    for kill_at in range(1, len(total.steps) + 1):
        paths = fresh_copy(mine, tmp_path / f"killed-{kill_at}")
        run = run_killed(lambda paths=paths: _import(paths, package), log, kill_at=kill_at)
        assert run.killed, kill_at
        where = f"killed at {run.steps[-1]}"
        assert _check(paths) == [], where  # every attachment row has its file, intact
        opened = open_store(paths, device_id="dev-mine", daily_backup=False)
        try:
            assert leftovers(paths.data_dir) == [], where
            ExchangeService.for_paths(opened.database, paths).import_(package)
            shas = {r["sha256"] for r in content(opened.database)["attachment"].values()}
        finally:
            opened.close()
        assert shas == photos, where
        assert _check(paths) == [], where
        assert {Path(name).name for name in files_of(paths.attachments_dir)} == photos, where
        shutil.rmtree(paths.data_dir)


def test_a_reimport_restores_missing_and_damaged_attachment_files(
    peer: tuple[Store, Path], mine: Path
) -> None:
    _peer_store, package = peer
    paths = folder_paths(mine)
    opened = open_store(paths, device_id="dev-mine", daily_backup=False)
    try:
        service = ExchangeService.for_paths(opened.database, paths)
        first = service.import_(package)
        assert first.written and first.files_copied == 2
        rows = content(opened.database)["attachment"].values()
        missing, damaged = (stored_path(paths.attachments_dir, r["sha256"]) for r in rows)
        missing.unlink()
        data = bytearray(damaged.read_bytes())
        data[100] ^= 0xFF  # the same size, other bytes
        damaged.write_bytes(bytes(data))
        check = check_attachment_files(paths.store_file, paths.attachments_dir)
        assert sorted((p.kind, p.path) for p in check.problems) == [
            ("damaged", damaged),
            ("missing", missing),
        ]

        again = service.import_(package)
        assert not again.written  # every record was already here
        assert again.files_copied == 2
        assert "2 missing or damaged attachment files were restored" in str(again.restored_text())
        assert check_attachment_files(paths.store_file, paths.attachments_dir).ok
        third = service.import_(package)
        assert not third.written and third.files_copied == 0
    finally:
        opened.close()


def test_a_coordinators_batch_restores_a_missing_attachment_file_too(
    peer: tuple[Store, Path], mine: Path
) -> None:
    _peer_store, package = peer
    paths = folder_paths(mine)
    opened = open_store(paths, device_id="dev-mine", daily_backup=False)
    try:
        service = ExchangeService.for_paths(opened.database, paths)
        service.import_(package)
        lost = next(iter(content(opened.database)["attachment"].values()))["sha256"]
        stored_path(paths.attachments_dir, lost).unlink()
        (item,) = service.import_many([package])
        assert item.result is not None and not item.result.written
        assert item.result.files_copied == 1
        assert check_attachment_files(paths.store_file, paths.attachments_dir).ok
    finally:
        opened.close()
