"""Applying a reconciliation: checks first, a backup, then every write in one transaction.

:func:`prepare` reads the store, maps the package's records onto local records of the same
identity (:mod:`merge.identity`) and reconciles (nothing is written; the preview uses it).
:func:`apply_merge` refuses unresolved conflicts, bad references and missing attachment bytes,
takes a «pre-import» backup, puts the files in place durably (:mod:`merge.files`: before the rows
that refer to them commit), reconciles again inside the write transaction (the store must not
have changed since) and writes (:mod:`merge_write`). Importing the same package twice writes
nothing the second time, but restores the attachment files that went missing or were damaged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from curator_desktop.domain.errors import CuratorError, ValidationError
from curator_desktop.i18n import _, ngettext
from curator_desktop.services.exchange.merge import identity as merge_identity
from curator_desktop.services.exchange.merge import reconcile as mp
from curator_desktop.services.exchange.merge import rules as merge_rules
from curator_desktop.services.exchange.merge.files import (
    FileSource,
    FinalRecord,
    Wanted,
    files_wanted,
    stage_files,
)
from curator_desktop.services.exchange.merge.state import LocalState, read_local
from curator_desktop.services.exchange.merge.write import write_merge
from curator_desktop.services.exchange.records import MODELS, from_json
from curator_desktop.store.database import Database
from curator_desktop.store.types import utc_now

log = logging.getLogger(__name__)

Resolutions = Mapping[mp.RecordKey, mp.Resolution]


class ConflictsPendingError(CuratorError):
    """Records changed on both sides wait for the user's choice; nothing was written."""

    exit_code = 3

    def __init__(self, conflicts: Sequence[mp.Conflict]) -> None:
        count = len(conflicts)
        super().__init__(
            ngettext(
                "{count} record was changed both here and in the package: choose which version "
                "to keep. Nothing was imported.",
                "{count} records were changed both here and in the package: choose which "
                "versions to keep. Nothing was imported.",
                count,
            ).format(count=count)
        )
        self.conflicts = tuple(conflicts)


class StaleStoreError(CuratorError):
    """The store changed between the preview and the import; nothing was written."""


@dataclass(frozen=True)
class Incoming:
    """What a package brings: records per table, change-log rows, member names, the bytes;
    ``confirmed``: (incoming school id, local school id) pairs the user said are one school
    (proposed by name, :class:`merge.identity.NameMatch`)."""

    records: Mapping[str, Sequence[Mapping[str, Any]]]
    history: Sequence[Mapping[str, Any]]
    members: Collection[str] = ()
    files: FileSource | None = None
    confirmed: Collection[tuple[str, str]] = ()


@dataclass(frozen=True)
class Prepared:
    """A checked reconciliation with the local state it was made from, the history rows to add
    and the new aliases to keep (records mapped onto local ones by identity)."""

    reconciliation: mp.Reconciliation
    local: LocalState
    new_history: tuple[Mapping[str, Any], ...]
    own_revisions_missing: tuple[mp.Action, ...]
    aliases: tuple[merge_identity.Alias, ...] = ()

    @property
    def has_work(self) -> bool:
        return self.reconciliation.has_changes or bool(self.new_history or self.aliases)

    def signature(self) -> tuple[Any, ...]:
        """What must not change between reconciling and writing."""
        actions = tuple(
            (a.kind, a.table, a.record_id, a.local_revision) for a in self.reconciliation.actions
        )
        conflicts = tuple((c.key, c.local["revision"]) for c in self.reconciliation.conflicts)
        history = tuple(row["id"] for row in self.new_history)
        return actions, conflicts, history, self.aliases


@dataclass(frozen=True)
class MergeOutcome:
    """What an import wrote."""

    reconciliation: mp.Reconciliation
    written: bool = False
    backup: Path | None = None
    history_added: int = 0
    resolved: int = 0
    files_copied: int = 0
    copied: tuple[Path, ...] = field(default=(), repr=False)


class MissingReferencesError(ValidationError):
    """The package refers to records that are neither in the store nor in the package."""

    def __init__(self, missing: Sequence[mp.MissingReference]) -> None:
        first = missing[0]
        super().__init__(
            ngettext(
                "The package refers to {count} record that is neither in this store nor in the "
                "package (for example {table} {id}). Nothing was imported; export the missing "
                "records too (a full export includes everything).",
                "The package refers to {count} records that are neither in this store nor in "
                "the package (for example {table} {id}). Nothing was imported; export the "
                "missing records too (a full export includes everything).",
                len(missing),
            ).format(count=len(missing), table=first.target_table, id=first.target_id)
        )
        self.missing = tuple(missing)
        self.details = "\n".join(
            f"{m.table} {m.record_id}: {m.column} → {m.target_table} {m.target_id}"
            for m in missing[:50]
        )


def check_records(incoming: Incoming) -> None:
    """Refuse (``ValidationError``) an unknown table, a record twice or a malformed one, and
    (:class:`merge_rules.RecordRuleError`) a package whose records break the domain rules."""
    findings = merge_rules.Findings()
    for table, records in incoming.records.items():
        if table not in MODELS:
            raise ValidationError(
                _("The package holds an unknown kind of record: {table}.").format(table=table)
            )
        seen: set[str] = set()
        for record in records:
            record_id = str(record.get("id", ""))
            if record_id in seen:
                raise ValidationError(
                    _("The package holds the record {table} {id} twice.").format(
                        table=table, id=record_id
                    )
                )
            seen.add(record_id)
            try:
                values = from_json(table, record)
            except (TypeError, ValueError) as exc:
                raise ValidationError(
                    _("The record {table} {id} in the package is malformed: {reason}").format(
                        table=table, id=record_id, reason=exc
                    )
                ) from exc
            findings.check(table, record, values)
    findings.raise_any()


def prepare(
    database: Database, incoming: Incoming, *, all_history: bool = False, propose: bool = True
) -> Prepared:
    """Read the store and reconcile the package with it; ``ValidationError`` when the package
    refers to records that exist nowhere. ``all_history`` adds every change-log row of the
    package (a new store), not only those of the records it carries; ``propose`` looks for
    schools without ИНН that may be local ones (by name)."""
    check_records(incoming)
    with database.session() as session:
        merge_rules.check_answers(session, incoming.records)
        return prepare_in(session, incoming, all_history, propose=propose)


def prepare_in(
    session: Any, incoming: Incoming, all_history: bool = False, *, propose: bool = False
) -> Prepared:
    """The reconciliation of merging ``incoming``, read in ``session`` (see :func:`prepare`);
    the package's records are first mapped onto local records of the same identity."""
    records, found, mapped = merge_identity.identify(
        session, incoming.records, incoming.confirmed, propose=propose
    )
    if records is not None:
        history = merge_identity.rewrite_history(incoming.history, mapped)
        incoming = replace(incoming, records=records, history=history)
    history_ids = [str(row["id"]) for row in incoming.history]
    local = read_local(session, incoming.records, history_ids)
    missing = mp.missing_references(incoming.records, local.existing)
    if missing:
        raise MissingReferencesError(missing)
    incoming_index = mp.history_index(incoming.history)
    reconciliation = mp.reconcile(local.records, local.history, incoming.records, incoming_index)
    reconciliation = replace(reconciliation, identity=found)
    carried = {
        (table, str(record["id"])) for table, rows in incoming.records.items() for record in rows
    }
    new_history = tuple(
        row
        for row in incoming.history
        if str(row["id"]) not in local.known_history_ids
        and (all_history or (row["entity"], row["entity_id"]) in carried)
    )
    lacking = tuple(
        action
        for action in reconciliation.actions
        if action.kind != "keep"
        and action.incoming["revision"]
        not in incoming_index.get((action.table, action.record_id), ())
    )
    return Prepared(reconciliation, local, new_history, lacking, found.aliases)


def resolve_all(
    reconciliation: mp.Reconciliation, resolutions: Resolutions | None
) -> dict[mp.RecordKey, Any]:
    """Every conflict's merged content; ConflictsPendingError when one has no resolution."""
    resolutions = resolutions or {}
    pending = [c for c in reconciliation.conflicts if c.key not in resolutions]
    if pending:
        raise ConflictsPendingError(pending)
    merged: dict[mp.RecordKey, Any] = {}
    for conflict in reconciliation.conflicts:
        try:
            merged[conflict.key] = mp.resolve(conflict, resolutions[conflict.key])
        except ValueError as exc:
            raise ValidationError(
                _("The choice for {table} {id} is not valid: {reason}").format(
                    table=conflict.table, id=conflict.record_id, reason=exc
                )
            ) from exc
    return merged


def final_records(
    prepared: Prepared, merged: Mapping[mp.RecordKey, Any] | None = None
) -> list[FinalRecord]:
    """Every record the import writes, as it will be (a conflict as ``merged`` resolves it, or
    as it comes when not resolved yet), with the local record before."""
    local = prepared.local.records
    finals: list[FinalRecord] = [
        (a.table, a.incoming, local.get(a.table, {}).get(a.record_id))
        for a in prepared.reconciliation.actions
        if a.kind != "keep"
    ]
    for c in prepared.reconciliation.conflicts:
        finals.append((c.table, merged[c.key] if merged else c.incoming, c.local))
    return finals


def check_files(
    prepared: Prepared, incoming: Incoming, *, attachments_dir: Path, reports_dir: Path
) -> None:
    """Refuse (``ValidationError``) a package lacking the bytes of an attachment it brings."""
    files_wanted(
        final_records(prepared),
        members=incoming.members,
        files=incoming.files,
        attachments_dir=attachments_dir,
        reports_dir=reports_dir,
        verify=False,
    )


def kept_attachments(prepared: Prepared) -> list[Mapping[str, Any]]:
    """The local attachment records the package also carries and the import leaves as they are
    (their files, when missing or damaged, can be restored from the package)."""
    written = {(a.table, a.record_id) for a in prepared.reconciliation.actions if a.kind != "keep"}
    written.update(c.key for c in prepared.reconciliation.conflicts)
    local = prepared.local.records.get("attachment", {})
    return [record for rid, record in local.items() if ("attachment", rid) not in written]


def restore_files(reconciliation: mp.Reconciliation, wanted: Wanted) -> MergeOutcome:
    """Nothing to write: put back the files of records already here that were missing or
    damaged (``wanted``), if any."""
    if not wanted:
        return MergeOutcome(reconciliation)
    restored = stage_files(wanted).commit()
    log.info("Restored %d missing or damaged files from the package", len(restored))
    return MergeOutcome(reconciliation, files_copied=len(restored), copied=tuple(restored))


def apply_merge(
    database: Database,
    incoming: Incoming,
    *,
    attachments_dir: Path,
    reports_dir: Path,
    backup_dir: Path | None,
    resolutions: Resolutions | None = None,
    all_history: bool = False,
    also: Callable[[Any, mp.Reconciliation], None] | None = None,
) -> MergeOutcome:
    """Check, back up (when ``backup_dir`` is given and there is something to write), copy the
    files, and write the whole merge in one transaction.

    Raises ConflictsPendingError (a conflict without a resolution), ValidationError (a bad
    reference, a missing attachment file, a bad resolution) and StaleStoreError (the store changed
    meanwhile); nothing is written in any of these cases. ``also(session, reconciliation)`` adds
    rows of its own to the same transaction (the import's ``SyncState``).
    """
    prepared = prepare(database, incoming, all_history=all_history)
    merged = resolve_all(prepared.reconciliation, resolutions)
    merge_rules.check_merged(merged)
    wanted = files_wanted(
        final_records(prepared, merged),
        members=incoming.members,
        files=incoming.files,
        attachments_dir=attachments_dir,
        reports_dir=reports_dir,
        kept=kept_attachments(prepared),
    )
    if not prepared.has_work:
        return restore_files(prepared.reconciliation, wanted)
    backup = None
    if backup_dir is not None:
        from curator_desktop.store.backups import take_backup

        backup = take_backup(database.path, backup_dir, reason="pre-import")
    staged = stage_files(wanted)
    now = utc_now()
    try:
        with database.session() as session:
            again = prepare_in(session, incoming, all_history)
            if again.signature() != prepared.signature():
                raise StaleStoreError(
                    _(
                        "The store changed while the package was being read. "
                        "Nothing was imported; try again."
                    )
                )
            write_merge(
                session,
                prepared,
                merged,
                resolutions or {},
                device=database.device_id,
                now=now,
                receipts=not all_history,
            )
            if also is not None:
                also(session, prepared.reconciliation)
    except BaseException:
        staged.discard()
        raise
    copied = staged.commit()
    log.info(
        "Imported: %d actions, %d conflicts resolved, %d history rows, %d files",
        len(prepared.reconciliation.actions),
        len(prepared.reconciliation.conflicts),
        len(prepared.new_history),
        len(copied),
    )
    return MergeOutcome(
        prepared.reconciliation,
        written=True,
        backup=backup,
        history_added=len(prepared.new_history),
        resolved=len(prepared.reconciliation.conflicts),
        files_copied=len(copied),
        copied=tuple(copied),
    )
