"""Moving a store to a new computer: a data folder without a store is created from a package.

The new store is migrated to the current schema and filled with everything the package holds —
records with their revisions, the whole history, attachments and reports — and it keeps the
package's store id. It is the same store, moved: packages from the old computer then merge
into it by revision like any other, while a package exported here and imported back here is
still recognised as a self-import (the device ids differ between the two computers). The
built-in catalogs are not installed first: they arrive with the package (with their ids), and
the next :func:`open_store` finds them by key and version.

A package made «for moving to another computer» carries the store's signing key
(``store/keys.json``): the new store keeps it, and the senders' keys the old one knew, so it
signs as the old computer did. From any other package the new store remembers the key that
signed it as its other computer's, and gets a key of its own when it first signs.

The store is built aside (``curator.sqlite3.part-<hex>``, :mod:`curator_desktop.store.aside`)
and renamed into place once whole: its attachment files first (durable in their places before the
records that refer to them commit, :mod:`merge.files`), then the store in one rename. Killed at
any moment, the data folder has no store or the whole store; what the killed attempt left is
removed by the next attempt (or when the app next opens the folder). A package that is refused
leaves no store behind.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from curator_desktop import __version__
from curator_desktop.domain.errors import StoreError
from curator_desktop.i18n import _
from curator_desktop.paths import AppPaths
from curator_desktop.services.exchange.import_source import incoming_of, opened_package
from curator_desktop.services.exchange.merge.apply import MergeOutcome, apply_merge
from curator_desktop.services.exchange.package.format import KEYS_MEMBER, Manifest, PackageError
from curator_desktop.services.exchange.package.reader import Package
from curator_desktop.services.exchange.results import ImportResult, import_state
from curator_desktop.services.exchange.senders import keys
from curator_desktop.services.exchange.senders.check import SenderCheck

log = logging.getLogger(__name__)


def has_store(paths: AppPaths) -> bool:
    """Whether the data folder already holds a store file."""
    return paths.store_file.exists()


def _keep_keys(session: Any, path: Path, manifest: Manifest, document: Any) -> None:
    """The signing key the package carries, else the key that signed it (as the key of the
    store's other computer)."""
    signer = manifest.signature.public_key if manifest.signature is not None else None
    if document is not None:
        try:
            keys.restore_keys(session, document, store_id=manifest.store_id, signer=signer)
        except keys.BadKeys:
            raise PackageError(
                _("The package “{file}” is refused: the signing key it carries is not the one "
                  "it was signed with. Ask for the package again.").format(file=path.name),
                member=KEYS_MEMBER,
            ) from None  # fmt: skip
    elif signer is not None:
        keys.remember(
            session, manifest.store_id, public_key=signer, full_name=manifest.sender.full_name
        )


def _store_exists(paths: AppPaths) -> StoreError:
    return StoreError(
        _("There is already a store in {path}: import the package into it instead.").format(
            path=paths.data_dir
        )
    )


def _build(
    paths: AppPaths, built: Path, package_path: Path, package: Package, *, device_id: str
) -> MergeOutcome:
    """Make the store in the file ``built`` (closed when this returns), its attachment files
    in their places."""
    from curator_desktop.store import schema
    from curator_desktop.store.database import Database
    from curator_desktop.store.repositories.profile import STORE_ID_KEY
    from curator_desktop.store.tables import StoreMeta
    from curator_desktop.store.types import utc_now

    manifest = package.manifest
    incoming = incoming_of(package, same_store=True)
    schema.upgrade(built)
    database = Database(built, device_id=device_id)
    try:
        with database.session() as session:
            session.add(StoreMeta(key=STORE_ID_KEY, value=manifest.store_id))
            session.add(StoreMeta(key="created_at", value=utc_now().isoformat()))
            session.add(StoreMeta(key="created_by", value=f"curator-desktop {__version__}"))
            session.add(StoreMeta(key="moved_from_device", value=manifest.device_id))
            _keep_keys(session, package_path, manifest, package.keys())
        return apply_merge(
            database,
            incoming,
            attachments_dir=paths.attachments_dir,
            reports_dir=paths.reports_dir,
            backup_dir=None,
            all_history=True,
            also=lambda session, reconciliation: session.add(
                import_state(package_path, manifest, reconciliation)
            ),
        )
    finally:
        database.close()


def create_store_from_package(
    paths: AppPaths, package_path: Path, *, device_id: str, password: str | None = None
) -> ImportResult:
    """Create the store of ``paths`` from the package (the data folder must have no store).

    Raises :class:`StoreError` when there is a store already, and whatever the package is
    refused for; nothing is left behind then.
    """
    from curator_desktop.store import aside
    from curator_desktop.store.lock import StoreLock

    if has_store(paths):
        raise _store_exists(paths)
    package_path = Path(package_path)
    with opened_package(package_path, password=password) as package:
        manifest = package.manifest
        from curator_desktop.services.exchange.setup.addressee import refuse_new_store

        refuse_new_store(manifest)  # a set-up package is for a curator's own store
        paths.ensure()
        with StoreLock(paths.lock_file):
            if has_store(paths):
                raise _store_exists(paths)
            aside.clean_leftovers(paths)  # a killed attempt's half-built store and copies
            built = aside.aside_file(paths.store_file)
            copied: tuple[Path, ...] = ()
            try:
                outcome = _build(paths, built, package_path, package, device_id=device_id)
                copied = outcome.copied
                aside.put_in_place(built, paths.store_file)
            except BaseException:
                aside.remove_store_file(built)
                if not has_store(paths):  # the files the store would have referred to
                    for path in copied:
                        path.unlink(missing_ok=True)
                raise
    log.info("Created the store in %s from %s", paths.data_dir, package_path)
    sender = SenderCheck.of(manifest, same_store=True)
    return ImportResult.of(package_path, manifest, outcome, created=True, sender=sender)
