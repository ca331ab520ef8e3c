"""Opening a curator's store: lock, clean what an interrupted write left, refuse a newer schema,
back up, migrate, seed catalogs."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from curator_desktop.paths import AppPaths
from curator_desktop.store import backups, schema
from curator_desktop.store.aside import clean_leftovers
from curator_desktop.store.database import Database
from curator_desktop.store.lock import StoreLock

log = logging.getLogger(__name__)


@dataclass
class OpenedStore:
    """A store held open by this process, with what opening it did."""

    paths: AppPaths
    database: Database
    lock: StoreLock
    store_id: str
    created: bool = False
    migrated_from: str | None = None
    backups_taken: list[Path] = field(default_factory=list)

    def close(self) -> None:
        """Release the connections and the lock."""
        self.database.close()
        self.lock.release()

    def restore(self, backup_file: Path) -> Path | None:
        """Replace the store by ``backup_file`` (a copy of the current store is taken first, and
        is returned), upgraded when it is older; the database reconnects on its next use."""
        store_file, backup_dir = self.paths.store_file, self.paths.backup_dir
        self.database.close()
        safety = backups.restore_backup(backup_file, store_file, backup_dir)
        if schema.schema_state(store_file) is schema.SchemaState.OUTDATED:
            backups.take_backup(store_file, backup_dir, reason="pre-migration")
            schema.upgrade(store_file)
        return safety


def open_store(
    paths: AppPaths,
    *,
    device_id: str,
    demo: bool = False,
    daily_backup: bool = True,
    today: dt.date | None = None,
    lock: StoreLock | None = None,
) -> OpenedStore:
    """Open (creating or upgrading when needed) the store under ``paths``.

    ``lock`` is the store's lock when the caller already holds it (the GUI takes it before its
    first window). Raises :class:`StoreLockedError` when another copy of the app holds it and
    :class:`StoreTooNewError` when a newer version wrote it; the file is untouched in both cases.
    """
    paths.ensure()
    if lock is None:
        lock = StoreLock(paths.lock_file)
    if not lock.held:
        lock.acquire()
    try:
        return _open_locked(
            paths, lock, device_id=device_id, demo=demo, daily_backup=daily_backup, today=today
        )
    except BaseException:
        lock.release()
        raise


def _open_locked(
    paths: AppPaths,
    lock: StoreLock,
    *,
    device_id: str,
    demo: bool,
    daily_backup: bool,
    today: dt.date | None,
) -> OpenedStore:
    store_file = paths.store_file
    clean_leftovers(paths)  # what a killed import or move left (we hold the lock)
    state = schema.schema_state(store_file)
    taken: list[Path] = []
    migrated_from = None
    if state is schema.SchemaState.TOO_NEW:
        schema.refuse_if_too_new(store_file)
    if state is schema.SchemaState.OUTDATED:
        migrated_from = schema.store_revision(store_file)
        taken.append(backups.take_backup(store_file, paths.backup_dir, reason="pre-migration"))
        schema.upgrade(store_file)
    created = state is schema.SchemaState.MISSING
    if created:
        schema.upgrade(store_file)
    database = Database(store_file, device_id=device_id)
    from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
    from curator_desktop.store.repositories.profile import ProfileRepository

    install_builtin_catalogs(database)
    store_id = ProfileRepository(database).store_id()
    from curator_desktop.services.exchange.senders.keys import ensure_signing_key

    ensure_signing_key(database)  # every store signs its packages (an older one gets it now)
    if demo and created:
        from curator_desktop.services.demo.builder import create_demo_store

        create_demo_store(database, today=today)
        from curator_desktop.services.demo.photos import add_demo_photos

        add_demo_photos(database, paths.attachments_dir)
    if daily_backup and not created and backups.backup_due(paths.backup_dir):
        taken.append(backups.take_backup(store_file, paths.backup_dir, reason="daily"))
    log.info("Opened store %s (created=%s, migrated_from=%s)", store_file, created, migrated_from)
    return OpenedStore(
        paths=paths,
        database=database,
        lock=lock,
        store_id=store_id,
        created=created,
        migrated_from=migrated_from,
        backups_taken=taken,
    )
