"""The log of packages received: one :class:`PackageIntake` row per import attempt, written by
the exchange service — with the import's own rows when it writes (one transaction), on its own
when the package brought nothing new or was refused (committed before the refusal is raised to
whoever tells the user). A refused package leaves its file name, hash, the reason and, when its
manifest could be read, its sender; never its data."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.intake import Outcome
from curator_desktop.durable import file_sha256
from curator_desktop.services.exchange.merge import reconcile as mp
from curator_desktop.services.exchange.package.format import Manifest
from curator_desktop.services.exchange.senders.check import SenderCheck
from curator_desktop.services.exchange.senders.text import warnings as sender_warnings
from curator_desktop.store.database import Database
from curator_desktop.store.tables import PackageIntake

log = logging.getLogger(__name__)

COUNT_FIELDS = ("new", "changed", "unchanged", "deleted", "conflicts")
"""The counts kept per kind of record (those of :class:`~.reconcile.TableCounts`)."""


def counts_of(reconciliation: mp.Reconciliation) -> dict[str, dict[str, int]]:
    """Per table, its non-zero counts (tables with none left out)."""
    found: dict[str, dict[str, int]] = {}
    for table, counts in sorted(reconciliation.counts.items()):
        kept = {name: getattr(counts, name) for name in COUNT_FIELDS if getattr(counts, name)}
        if kept:
            found[table] = kept
    return found


def _sender_fields(manifest: Manifest | None) -> dict[str, object]:
    if manifest is None:
        return {}
    return {
        "sender_name": manifest.sender.full_name or manifest.curator,
        "sender_store_id": manifest.store_id,
        "sender_device_id": manifest.device_id,
        "created_at": manifest.created_at,
    }


def received(
    path: Path,
    manifest: Manifest,
    reconciliation: mp.Reconciliation,
    *,
    written: bool,
    sender: SenderCheck | None = None,
    extra_warnings: Iterable[str] = (),
    sha256: str | None = None,
) -> PackageIntake:
    """The log row of a package read and merged (``written``) or found already here
    (``sha256``: the file's, when the caller has it already)."""
    return PackageIntake(
        file_name=Path(path).name,
        package_sha256=_sha(path) if sha256 is None else sha256,
        outcome=(Outcome.IMPORTED if written else Outcome.UNCHANGED).value,
        counts=counts_of(reconciliation),
        warnings=[*(sender_warnings(sender) if sender is not None else ()), *extra_warnings],
        **_sender_fields(manifest),  # type: ignore[arg-type]
    )


def refused(path: Path, manifest: Manifest | None, error: CuratorError) -> PackageIntake:
    """The log row of a package refused: why, and who sent it when that could be read."""
    return PackageIntake(
        file_name=Path(path).name,
        package_sha256=_sha(path),
        outcome=Outcome.REFUSED.value,
        reason=error.user_message,
        **_sender_fields(manifest),  # type: ignore[arg-type]
    )


def is_refusal(error: BaseException, path: Path, *, interactive: bool) -> bool:
    """Whether ``error`` refuses the package at ``path`` (logged), rather than stopping the
    user's own action (a cancel), asking for something (a password, when someone is there to
    give it) or naming no file at all (a mistyped path)."""
    from curator_desktop.services.exchange import crypto
    from curator_desktop.services.exchange.import_source import PasswordRequiredError
    from curator_desktop.services.exchange.merge.batch import GroupLostError
    from curator_desktop.services.exchange.package.format import PackageCancelled

    if not isinstance(error, CuratorError) or not Path(path).is_file():
        return False
    if isinstance(error, PackageCancelled | crypto.EncryptionCancelledError | GroupLostError):
        return False
    return not (
        interactive and isinstance(error, PasswordRequiredError | crypto.WrongPasswordError)
    )


def record(database: Database, entries: Iterable[PackageIntake]) -> None:
    """Write ``entries`` in one transaction (committed when this returns); a store that cannot
    be written (opened read-only) keeps nothing and says so in the log, never failing the caller,
    whose own error matters more."""
    rows = list(entries)
    if not rows:
        return
    try:
        with database.session() as session:
            session.add_all(rows)
    except Exception:  # the caller is already reporting the package's fate
        log.warning("Could not log %d package(s) received", len(rows), exc_info=True)


def _sha(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError:
        return ""
