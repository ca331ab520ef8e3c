"""Files made aside and put in place: a store built under a temporary name, and what a killed
writer leaves behind.

A store made from a package is built in ``curator.sqlite3.part-<hex>`` beside the real name,
its WAL checkpointed into it, flushed to disk and renamed into place: the store appears whole or
not at all. Temporary files are named so that they can be told from everything else —
``curator.sqlite3.part-*`` (and its ``-wal``/``-shm``/``-journal``), ``.…part`` files in the
attachments and reports folders, ``.…tmp`` reports being written, ``.settings.json.…tmp`` settings
being saved — and
:func:`clean_leftovers` removes them; it must run under the store's lock (nobody else writes).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

from curator_desktop.durable import fsync_dir
from curator_desktop.paths import AppPaths

log = logging.getLogger(__name__)

PART = ".part"
SIDECARS = ("-wal", "-shm", "-journal")


def aside_file(store_file: Path) -> Path:
    """A new temporary name beside ``store_file`` to build a store under."""
    return store_file.with_name(f"{store_file.name}{PART}-{uuid.uuid4().hex}")


def remove_store_file(path: Path) -> None:
    """Remove a store file and its WAL, shared-memory and journal files."""
    for suffix in ("", *SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def put_in_place(built: Path, store_file: Path) -> None:
    """Move the closed store ``built`` to ``store_file`` with one rename: its WAL is folded into
    it first and the file flushed, so the store under the real name is whole; the folder's entry
    is flushed after. The caller holds the lock and made sure there is no store there."""
    with closing(sqlite3.connect(built)) as connection:
        busy, _pages, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise sqlite3.OperationalError(f"{built} is still in use: its WAL was not checkpointed")
    for suffix in SIDECARS:  # empty once checkpointed; the store opens without them
        Path(f"{built}{suffix}").unlink(missing_ok=True)
    fd = os.open(built, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes writable only
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(built, store_file)
    fsync_dir(store_file.parent)


def _temporary(folder: Path, pattern: str) -> list[Path]:
    return [p for p in folder.glob(pattern) if p.name.startswith(".") and p.is_file()]


def leftovers(paths: AppPaths) -> list[Path]:
    """The temporary files of writers that did not finish (see the module)."""
    store_file = paths.store_file
    found = [p for p in store_file.parent.glob(f"{store_file.name}{PART}-*") if p.is_file()]
    attachments, reports = paths.attachments_dir, paths.reports_dir
    found += _temporary(attachments, f"*{PART}") + _temporary(attachments, f"*/*{PART}")
    found += _temporary(reports, f"*{PART}") + _temporary(reports, "*.tmp")
    backups = paths.backup_dir  # a backup or a restore's checked copy, interrupted
    found += _temporary(backups, ".curator-backup-*.tmp") + _temporary(
        backups, ".curator-restore-*.tmp"
    )
    settings = paths.settings_file  # settings saved atomically, killed before the rename
    found += _temporary(settings.parent, f".{settings.name}.*.tmp")
    return sorted(found)


def clean_leftovers(paths: AppPaths) -> list[Path]:
    """Remove :func:`leftovers` (under the store's lock); returns what was removed."""
    removed = []
    for path in leftovers(paths):
        try:
            path.unlink()
        except OSError:
            log.warning("Could not remove the leftover %s", path, exc_info=True)
        else:
            removed.append(path)
    if removed:
        log.info("Removed %d files left by an interrupted write: %s", len(removed), removed)
    return removed
