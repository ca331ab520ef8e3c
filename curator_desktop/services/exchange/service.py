"""Exchange by file, the facade the window and the CLI use: export, preview, import, history.

- :meth:`ExchangeService.export` writes a package (optionally password-protected) and records
  it (a ``SyncState`` row: destination folder, hash, counts, scope, watermark). «Since the last
  export to the same destination» starts at the watermark of the last full or «since» export to
  that folder; the first export to a folder is a full one.
- :meth:`ExchangeService.preview` says what an import would do; nothing changes.
- :meth:`ExchangeService.import_` merges a package in one transaction after a backup; it refuses
  while conflicts are unresolved (:class:`ConflictsPendingError`). A school without ИНН is
  mapped onto a local one by name only when the user confirmed that pair and the preview
  proposed it (``confirmed``); it is never matched silently.
- :meth:`ExchangeService.import_many` merges a coordinator's collection of packages after one
  backup, each all or nothing, in transactions that group several.
- Every import attempt — imported, already here, or refused (also in a preview asked to log it)
  — is logged among the packages received (:mod:`curator_desktop.services.intake.log`); a refusal
  is committed before it is raised, a batch's after its last group.

Identity. A package from this very store *and* this computer (the manifest's store id and
device id are ours) is a self-import, explained and refused. A package from the same store
but another computer is the curator's other computer — the store moved there with
:func:`create_store_from_package`, which keeps the store id — and merges like any other (it
also brings the curator's profile; a package from another store never does).

Proof of the sender (:mod:`~curator_desktop.services.exchange.senders`). Every package is
signed with the store's key; an import refuses a package that claims a sender whose key is
known but is not signed with it, or that claims this store while holding another store's
profile, and remembers a sender's key the first time (the preview shows the sender, the key's
fingerprint and any conflict).
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_desktop.domain.errors import CuratorError, ValidationError
from curator_desktop.durable import file_sha256
from curator_desktop.i18n import _
from curator_desktop.services.exchange import crypto
from curator_desktop.services.exchange.import_source import (
    PROFILE_TABLE,
    SelfImportError,
    incoming_of,
    opened_package,
)
from curator_desktop.services.exchange.merge import reconcile as mp
from curator_desktop.services.exchange.merge.apply import (
    Incoming,
    MergeOutcome,
    apply_merge,
    check_files,
    prepare,
)
from curator_desktop.services.exchange.merge.batch import BatchMerger, GroupLostError
from curator_desktop.services.exchange.merge.confirmed import proposed_pairs
from curator_desktop.services.exchange.package.format import (
    SCOPE_FULL,
    SCOPE_SINCE,
    Manifest,
    PackageCancelled,
    Scope,
)
from curator_desktop.services.exchange.package.writer import PackageSummary, write_package
from curator_desktop.services.exchange.results import (
    BatchItem,
    ExportResult,
    ImportPreview,
    ImportResult,
    import_state,
)
from curator_desktop.services.exchange.senders import keys as sender_keys
from curator_desktop.services.exchange.senders.check import (
    SenderCheck,
    accept_sender,
    refuse_conflict,
    remember_sender,
)
from curator_desktop.services.intake import log as intake_log
from curator_desktop.store.tables import PackageIntake, SyncState

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from curator_desktop.paths import AppPaths
    from curator_desktop.store.database import Database

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
EXPORT = "export"


class ExchangeService:
    """Export, preview and import packages for one open store."""

    def __init__(
        self,
        database: Database,
        *,
        attachments_dir: Path,
        reports_dir: Path,
        backup_dir: Path | None,
        device_id: str | None = None,
    ) -> None:
        self.database = database
        self.attachments_dir = Path(attachments_dir)
        self.reports_dir = Path(reports_dir)
        self.backup_dir = backup_dir
        self.device_id = database.device_id if device_id is None else device_id
        """This computer's device id (the database's by default): tells a self-import."""

    @classmethod
    def for_paths(cls, database: Database, paths: AppPaths) -> ExchangeService:
        """The service over a data folder's attachments, reports and backups."""
        return cls(
            database,
            attachments_dir=paths.attachments_dir,
            reports_dir=paths.reports_dir,
            backup_dir=paths.backup_dir,
        )

    def store_id(self) -> str:
        from curator_desktop.store.repositories.profile import ProfileRepository

        return ProfileRepository(self.database).store_id()

    def signing_fingerprint(self) -> str:
        """The fingerprint of the key this store signs its packages with (made if needed)."""
        return sender_keys.signing_fingerprint(self.database)

    # --- export -------------------------------------------------------------------------------

    def last_watermark(self, destination: Path) -> dt.datetime | None:
        """The watermark of the last full or «since» export to the folder ``destination``."""
        from curator_desktop.store.repositories.history import HistoryRepository

        for row in HistoryRepository(self.database).exports_to(str(Path(destination).resolve())):
            if row.scope.get("kind") in (SCOPE_FULL, SCOPE_SINCE) and row.watermark is not None:
                return row.watermark
        return None

    def scope_since_last(self, target: Path) -> Scope:
        """Changes since the last export to ``target``'s folder (everything the first time)."""
        watermark = self.last_watermark(Path(target).parent)
        return Scope.full() if watermark is None else Scope.changes_since(watermark)

    def export(
        self,
        target: Path,
        scope: Scope | None = None,
        *,
        since_last: bool = False,
        password: str | None = None,
        with_signing_key: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        """Write the package ``target`` (atomically; encrypted when ``password`` is given),
        signed with the store's key, and record the export. ``since_last`` replaces ``scope``
        by :meth:`scope_since_last`. ``with_signing_key`` makes a package for moving the store
        to another computer: the whole store and its signing key, which leaves the store only
        inside a password-protected package."""
        target = Path(target)
        if since_last:
            scope = self.scope_since_last(target)
        scope = scope or Scope.full()
        if with_signing_key and (scope.kind != SCOPE_FULL or not password):
            raise ValidationError(
                _("A package for moving the store to another computer carries its signing key: "
                  "it holds the whole store and needs a password."),
                field="password",
            )  # fmt: skip
        signing = sender_keys.signing_material(
            self.database, self.store_id(), with_keys=with_signing_key
        )
        if not password:
            summary = self._write(target, scope, progress, cancelled, signing)
            sha, size = summary.sha256, summary.size_bytes
        else:
            folder = Path(tempfile.mkdtemp(prefix="curator-export-"))
            try:
                summary = self._write(folder / target.name, scope, progress, cancelled, signing)
                crypto.encrypt_file(summary.path, target, password, cancelled=cancelled)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            sha, size = file_sha256(target), target.stat().st_size
        result = ExportResult(
            path=target,
            sha256=sha,
            size_bytes=size,
            scope=scope,
            counts=dict(summary.counts),
            record_count=summary.record_count,
            encrypted=bool(password),
            watermark=summary.watermark,
            missing_files=summary.missing_files,
        )
        self._record_export(result, with_signing_key=with_signing_key)
        return result

    def _write(
        self,
        target: Path,
        scope: Scope,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        signing: tuple[Ed25519PrivateKey, bytes | None],
    ) -> PackageSummary:
        return write_package(
            self.database,
            target,
            attachments_dir=self.attachments_dir,
            reports_dir=self.reports_dir,
            scope=scope,
            signing_key=signing[0],
            keys=signing[1],
            progress=progress,
            cancelled=cancelled,
        )

    def _record_export(self, result: ExportResult, *, with_signing_key: bool = False) -> None:
        scope = {
            **result.scope.to_json(),
            "file": result.path.name,
            "encrypted": result.encrypted,
            "counts": dict(result.counts),
        }
        if with_signing_key:
            scope[sender_keys.WITH_KEY] = True
        with self.database.session() as session:
            session.add(
                SyncState(
                    direction=EXPORT,
                    destination=str(result.path.parent.resolve()),
                    peer_store_id="",
                    package_sha256=result.sha256,
                    record_count=result.record_count,
                    scope=scope,
                    watermark=result.watermark,
                )
            )

    # --- import -------------------------------------------------------------------------------

    def _check_identity(self, manifest: Manifest) -> bool:
        """True for a package of this store from another computer; SelfImportError when it
        comes from this store on this computer."""
        same_store = manifest.store_id == self.store_id()
        if same_store and manifest.device_id == self.device_id:
            raise SelfImportError()
        from curator_desktop.services.exchange.setup.addressee import check_addressee

        check_addressee(self.database, manifest)  # a set-up package for another curator
        return same_store

    def _check_sender(self, path: Path, manifest: Manifest, incoming: Incoming) -> SenderCheck:
        """The package's sender once accepted (see ``senders.check``); raises when refused."""
        profiles = incoming.records.get(PROFILE_TABLE, [])
        return accept_sender(
            self.database, path, manifest, own_store_id=self.store_id(), profiles=profiles
        )

    def preview(
        self,
        path: Path,
        *,
        password: str | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        log_refusal: bool = False,
    ) -> ImportPreview:
        """What importing ``path`` would do; the store is not changed. ``progress`` and
        ``cancelled`` follow the check of the package (bytes). ``log_refusal``: a package
        refused is logged among the packages received (the user is importing it, not trying)."""
        path = Path(path)
        seen: list[Manifest] = []
        try:
            return self._preview(path, password, progress, cancelled, seen)
        except CuratorError as exc:
            if log_refusal and intake_log.is_refusal(exc, path, interactive=True):
                manifest = seen[0] if seen else None
                intake_log.record(self.database, [intake_log.refused(path, manifest, exc)])
            raise

    def _preview(
        self,
        path: Path,
        password: str | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        seen: list[Manifest],
    ) -> ImportPreview:
        with opened_package(
            path, password=password, progress=progress, cancelled=cancelled
        ) as package:
            seen.append(package.manifest)
            same_store = self._check_identity(package.manifest)
            incoming = incoming_of(package, same_store=same_store)
            sender = self._check_sender(path, package.manifest, incoming)
            prepared = prepare(self.database, incoming)
            check_files(
                prepared,
                incoming,
                attachments_dir=self.attachments_dir,
                reports_dir=self.reports_dir,
            )
            return ImportPreview(
                path,
                package.manifest,
                prepared.reconciliation,
                same_store,
                crypto.is_encrypted(path),
                sender=sender,
            )

    def import_(
        self,
        path: Path,
        *,
        password: str | None = None,
        resolutions: Mapping[mp.RecordKey, mp.Resolution] | None = None,
        confirmed: Collection[tuple[str, str]] = (),
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Merge ``path`` into the store (backup first, one transaction); nothing is written
        when the package is refused or a conflict has no resolution (keys: ``Conflict.key``).
        ``confirmed``: (incoming school id, local school id) pairs the user said are one school;
        only pairs the preview proposes (``reconciliation.identity.proposals``) are applied, the
        others are ignored."""
        return self._import(
            Path(path),
            password=password,
            progress=progress,
            cancelled=cancelled,
            confirmed=confirmed,
            merge=partial(
                apply_merge,
                self.database,
                attachments_dir=self.attachments_dir,
                reports_dir=self.reports_dir,
                backup_dir=self.backup_dir,
                resolutions=resolutions,
            ),
        )

    def import_many(
        self,
        paths: Sequence[Path],
        *,
        password: str | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[BatchItem]:
        """Merge several packages (a coordinator's collection), in the order given, with one
        «pre-import» backup before the first that writes anything.

        Each package is merged all or nothing, with the same checks as :meth:`import_`, in a
        transaction that groups consecutive packages
        (:class:`merge_batch.BatchMerger`); one that is refused or has conflicts to resolve is
        reported in its :class:`BatchItem`, leaves nothing, and the others go on (import it
        alone to resolve its conflicts). Everything reported is committed when this returns. A
        backup per package would copy the whole, growing store each time.
        ``progress(done, total)`` counts packages; Cancel stops before the next package (those
        imported stay imported). Each item keeps its reconciliation's counts, not its records.
        """
        items: list[BatchItem] = []
        backup_dir = self.backup_dir
        later: list[PackageIntake] = []  # packages received that wrote nothing, logged after
        try:
            with BatchMerger(
                self.database, attachments_dir=self.attachments_dir, reports_dir=self.reports_dir
            ) as merger:
                for done, path in enumerate(paths):
                    if cancelled is not None and cancelled():
                        raise PackageCancelled(_("The import was cancelled."))
                    try:
                        result = self._import(
                            Path(path),
                            password=password,
                            progress=None,
                            cancelled=cancelled,
                            merge=partial(merger.merge, backup_dir=backup_dir),
                            unseen=True,
                            log_later=later,
                        )
                    except (PackageCancelled, GroupLostError):
                        raise
                    except CuratorError as exc:
                        items.append(BatchItem(Path(path), error=exc))
                    else:
                        items.append(BatchItem(Path(path), result=result.counts_only()))
                        if result.backup is not None:
                            backup_dir = None  # taken: it covers every later package
                    if progress is not None:
                        progress(done + 1, len(paths))
        finally:  # the group's transaction is over: nothing else holds the store
            intake_log.record(self.database, later)
        return items

    def _import(
        self,
        path: Path,
        *,
        password: str | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        merge: Callable[..., MergeOutcome],
        unseen: bool = False,
        confirmed: Collection[tuple[str, str]] = (),
        log_later: list[PackageIntake] | None = None,
    ) -> ImportResult:
        """Open and check ``path`` and its sender, then ``merge(incoming, also=...)`` it (the
        import's ``SyncState`` row, its log row and the sender remembered go into the same
        transaction). ``unseen``: nobody looks at this package before it is merged (a batch), so
        a sender whose name conflicts is refused. A package refused or bringing nothing new is
        logged at once, or appended to ``log_later`` (a batch, whose group holds the store)."""
        seen: list[Manifest] = []
        try:
            return self._import_seen(
                path, password, progress, cancelled, merge, unseen, confirmed, log_later, seen
            )
        except CuratorError as exc:
            if intake_log.is_refusal(exc, path, interactive=not unseen):
                entry = intake_log.refused(path, seen[0] if seen else None, exc)
                self._log_intake(entry, log_later)
            raise

    def _log_intake(self, entry: PackageIntake, log_later: list[PackageIntake] | None) -> None:
        if log_later is None:
            intake_log.record(self.database, [entry])
        else:
            log_later.append(entry)

    def _import_seen(
        self,
        path: Path,
        password: str | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        merge: Callable[..., MergeOutcome],
        unseen: bool,
        confirmed: Collection[tuple[str, str]],
        log_later: list[PackageIntake] | None,
        seen: list[Manifest],
    ) -> ImportResult:
        with opened_package(
            path, password=password, progress=progress, cancelled=cancelled
        ) as package:
            manifest = package.manifest
            seen.append(manifest)
            same_store = self._check_identity(manifest)
            incoming = incoming_of(package, same_store=same_store)
            sender = self._check_sender(path, manifest, incoming)
            if unseen and sender.conflict:
                raise refuse_conflict(path, sender)
            if confirmed:
                incoming = replace(
                    incoming, confirmed=proposed_pairs(self.database, incoming, confirmed)
                )

            def also(session: Any, reconciliation: mp.Reconciliation) -> None:
                state = import_state(path, manifest, reconciliation)
                session.add(state)
                remember_sender(session, path, sender)
                entry = intake_log.received(
                    path, manifest, reconciliation, written=True, sender=sender,
                    sha256=state.package_sha256,
                )  # fmt: skip
                session.add(entry)

            outcome = merge(incoming, also=also)
            if not outcome.written:
                entry = intake_log.received(
                    path, manifest, outcome.reconciliation, written=False, sender=sender
                )
                if unseen:
                    self._log_intake(entry, log_later)
                else:  # nothing new, but the sender was seen
                    with self.database.session() as session:
                        remember_sender(session, path, sender)
                        session.add(entry)
        log.info("Imported %s (written=%s)", path, outcome.written)
        return ImportResult.of(path, manifest, outcome, sender=sender)

    def history(self) -> list[SyncState]:
        """Every export and import, newest first."""
        from curator_desktop.store.repositories.history import HistoryRepository

        return HistoryRepository(self.database).exchanges()
