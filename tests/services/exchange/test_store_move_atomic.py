"""Moving to a new computer is all or nothing (issue #18, item 2).

The store made from a package is built aside and put in place with one rename, after its
attachment files: a move killed at any step leaves either no store or the whole store, and a
retry gives the same store as a move that was never interrupted, with nothing left behind.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import Store, content, copy_store, files_of, fill_small, folder_paths
from kill_helpers import leftovers, needs_fork, run_killed
from test_import_durability import _attach

from curator_desktop.domain.errors import StoreError
from curator_desktop.paths import AppPaths
from curator_desktop.services.exchange.service import ExchangeService
from curator_desktop.services.exchange.store_move import create_store_from_package
from curator_desktop.services.visits.file_check import check_attachment_files
from curator_desktop.store.database import Database
from curator_desktop.store.integrity import check_store

PASSWORD = "пароль для переноса"


@pytest.fixture
def moving(tmp_path: Path, migrated_store_template: Path) -> Iterator[tuple[Store, Path]]:
    """A curator's store with two photos and its package «for moving» (with the signing key)."""
    store = copy_store(migrated_store_template, tmp_path / "old-laptop", "dev-old")
    fill_small(store.database)
    _attach(store, "stand.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 300)
    _attach(store, "lesson.jpg", b"\xff\xd8\xff" + bytes(range(255, -1, -1)) * 500)
    (tmp_path / "usb").mkdir()
    package = store.service.export(
        tmp_path / "usb" / "moving.curator", password=PASSWORD, with_signing_key=True
    ).path
    yield store, package
    store.close()


def _state(paths: AppPaths) -> dict[str, Any]:
    """What a moved store must hold: its records, history ids, keys, the files."""
    from sqlmodel import select

    from curator_desktop.store.tables import ChangeLog, StoreMeta

    database = Database(paths.store_file)
    try:
        with database.session() as session:
            history = set(session.exec(select(ChangeLog.id)).all())
            meta = {m.key: m.value for m in session.exec(select(StoreMeta))}
        return {
            "records": content(database),
            "history": history,
            "keys": {k: v for k, v in meta.items() if k in ("store_id", "signing_key")},
            "meta": sorted(meta),
            "files": files_of(paths.attachments_dir),
        }
    finally:
        database.close()


def _move(paths: AppPaths, package: Path) -> None:
    create_store_from_package(paths, package, device_id="dev-new", password=PASSWORD)


@needs_fork
def test_a_move_killed_at_any_step_leaves_no_half_store_and_a_retry_completes_it(
    moving: tuple[Store, Path], tmp_path: Path
) -> None:
    _store, package = moving
    clean = folder_paths(tmp_path / "clean")
    create_store_from_package(clean, package, device_id="dev-new", password=PASSWORD)
    expected = _state(clean)
    assert len(expected["files"]) == 2
    log, counted = tmp_path / "steps.txt", folder_paths(tmp_path / "count")
    total = run_killed(lambda: _move(counted, package), log, kill_at=0)
    assert _state(counted) == expected
    for kill_at in range(1, len(total.steps) + 1):
        paths = folder_paths(tmp_path / f"killed-{kill_at}")
        run = run_killed(lambda paths=paths: _move(paths, package), log, kill_at=kill_at)
        assert run.killed, kill_at
        where = f"killed at {run.steps[-1]}"
        if paths.store_file.exists():  # the whole store, or none
            assert _state(paths) == expected, where
            with pytest.raises(StoreError):
                create_store_from_package(paths, package, device_id="dev-new", password=PASSWORD)
            database = Database(paths.store_file, device_id="dev-new")
            try:  # what `import` does in a folder that has a store
                again = ExchangeService.for_paths(database, paths).import_(
                    package, password=PASSWORD
                )
            finally:
                database.close()
            assert not again.written, where
        else:
            _move(paths, package)
        assert _state(paths) == expected, where
        assert check_store(paths.store_file).ok, where
        assert check_attachment_files(paths.store_file, paths.attachments_dir).ok, where
        assert leftovers(paths.data_dir) == [], where
        shutil.rmtree(paths.data_dir)


def test_a_move_failing_while_writing_leaves_nothing_in_the_folder(
    moving: tuple[Store, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator_desktop.services.exchange.merge import apply

    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(apply, "write_merge", fail)  # after the files were put in place
    _store, package = moving
    target = folder_paths(tmp_path / "new")
    with pytest.raises(OSError):
        create_store_from_package(target, package, device_id="dev-new", password=PASSWORD)
    assert not target.store_file.exists()
    assert leftovers(target.data_dir) == []
    assert files_of(target.attachments_dir) == {}
