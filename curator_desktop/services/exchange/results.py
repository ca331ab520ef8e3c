"""What the exchange facade returns: an export written, an import previewed or done, the
names of the kinds of records a preview lists, and what an import changed (:data:`TABLE_CHANGES`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from curator_desktop.domain.changes import NO_CHANGES, Change, Changes
from curator_desktop.domain.errors import CuratorError
from curator_desktop.durable import file_sha256
from curator_desktop.i18n import N_, _, format_number, ngettext
from curator_desktop.services.exchange.merge import reconcile as mp
from curator_desktop.services.exchange.merge.apply import MergeOutcome
from curator_desktop.services.exchange.merge.identity import NameMatch
from curator_desktop.services.exchange.package.format import Manifest, Scope
from curator_desktop.services.exchange.senders.check import SenderCheck
from curator_desktop.store.tables import SyncState

IMPORT = "import"

TABLE_LABELS: dict[str, str] = {
    "curator_profile": N_("Curator's profile"),
    "risk_catalog": N_("Risk-factor catalogs"),
    "risk_factor": N_("Risk factors"),
    "school": N_("Schools"),
    "school_assignment": N_("Curator assignments"),
    "risk_assessment": N_("Risk verifications"),
    "checklist_template": N_("Checklist templates"),
    "visit": N_("Visits"),
    "visit_participant": N_("Visit participants"),
    "lesson_observation": N_("Observed lessons"),
    "checklist_answer": N_("Checklist answers"),
    "visit_finding": N_("Visit findings"),
    "recommendation": N_("Recommendations"),
    "school_document": N_("School documents"),
    "document_version": N_("Document versions"),
    "document_review": N_("Document reviews"),
    "confirmation_document": N_("Confirmation documents"),
    "attachment": N_("Attachments"),
    "risk_evidence": N_("Risk evidence"),
    "generated_report": N_("Reports"),
    "roadmap_document": N_("Roadmaps"),
    "roadmap_item": N_("Roadmap items"),
    "roadmap_link": N_("Roadmap links"),
    "selfdiag_catalog": N_("Self-diagnosis catalogs"),
    "school_programme": N_("Schools' programmes by year"),
    "selfdiag_round": N_("Self-diagnosis rounds"),
    "selfdiag_result": N_("Self-diagnosis results by direction"),
    "selfdiag_deficit": N_("Self-diagnosis deficits"),
    "selfdiag_decision": N_("Management decisions"),
    "curator_event": N_("Events"),
    "event_analysis": N_("Analyses of the schools' measures at events"),
}
"""What each kind of record is called in a preview (translate with ``_()`` when shown)."""


_VISIT = frozenset({Change.VISITS})
_RISK = frozenset({Change.RISKS})
_ROADMAP = frozenset({Change.ROADMAPS})
_DOCUMENTS = frozenset({Change.DOCUMENTS})
TABLE_CHANGES: dict[str, Changes] = {
    "curator_profile": frozenset({Change.PROFILE}),
    "risk_catalog": frozenset({Change.CATALOGS, Change.RISKS}),
    "risk_factor": frozenset({Change.CATALOGS, Change.RISKS}),
    "school": frozenset({Change.SCHOOLS}),
    "school_assignment": frozenset({Change.SCHOOLS}),
    "risk_assessment": _RISK,
    "checklist_template": frozenset({Change.CATALOGS}),
    "visit": _VISIT,
    "visit_participant": _VISIT,
    "lesson_observation": _VISIT,
    "checklist_answer": _VISIT,
    "visit_finding": _VISIT,
    "recommendation": frozenset({Change.RECOMMENDATIONS}),
    "school_document": _DOCUMENTS,
    "document_version": _DOCUMENTS,
    "document_review": _VISIT | _DOCUMENTS,
    "confirmation_document": _DOCUMENTS,
    "attachment": _VISIT | _DOCUMENTS | frozenset({Change.EVENTS}),
    "risk_evidence": _RISK,
    "generated_report": frozenset({Change.REPORTS}),
    "roadmap_document": _ROADMAP,
    "roadmap_item": _ROADMAP,
    "roadmap_link": _ROADMAP | frozenset({Change.EVENTS}),
    "selfdiag_catalog": frozenset({Change.CATALOGS, Change.SELFDIAG}),
    "school_programme": frozenset({Change.SCHOOLS, Change.SELFDIAG}),
    "selfdiag_round": frozenset({Change.SELFDIAG}),
    "selfdiag_result": frozenset({Change.SELFDIAG}),
    "selfdiag_deficit": frozenset({Change.SELFDIAG}),
    "selfdiag_decision": frozenset({Change.SELFDIAG}),
    "curator_event": frozenset({Change.EVENTS}),
    "event_analysis": frozenset({Change.EVENTS}),
}
"""What writing records of each synced table changes, for the pages that show them."""


def changes_of(reconciliation: mp.Reconciliation) -> Changes:
    """What applying ``reconciliation`` changes: the kinds of every table it writes to (a
    table it does not know: everything)."""
    tables = {action.table for action in reconciliation.actions} | {
        table
        for table, counts in reconciliation.counts.items()
        if counts.new or counts.changed or counts.deleted or counts.conflicts
    }
    found: set[Change] = set()
    for table in tables:
        found |= TABLE_CHANGES.get(table, frozenset(Change))
    return frozenset(found)


def name_match_text(match: NameMatch) -> str:
    """A school of the package proposed by name as a local one, in words."""
    municipality = f" ({match.municipality})" if match.municipality else ""
    return _("Same school: «{incoming}»{municipality} in the package = «{local}» here").format(
        incoming=match.incoming_name, municipality=municipality, local=match.local_name
    )


def table_label(table: str) -> str:
    """The translated name of a kind of record."""
    return _(TABLE_LABELS[table]) if table in TABLE_LABELS else table


@dataclass(frozen=True)
class ExportResult:
    """A package written: where, its hash (of the file as written), size and counts."""

    path: Path
    sha256: str
    size_bytes: int
    scope: Scope
    counts: Mapping[str, int]
    record_count: int
    encrypted: bool
    watermark: dt.datetime | None
    missing_files: tuple[str, ...] = ()

    @property
    def changes(self) -> Changes:
        """An export changes only the exchange history (it is recorded there)."""
        return frozenset({Change.EXCHANGE})


@dataclass(frozen=True)
class ImportPreview:
    """What importing a package would do, per table, and the conflicts to resolve."""

    path: Path
    manifest: Manifest
    reconciliation: mp.Reconciliation
    same_store: bool
    """The package comes from this store on another computer."""
    encrypted: bool
    sender: SenderCheck | None = None
    """Who sent it, the key's fingerprint (or unsigned), a key seen first, a name conflict."""

    @property
    def counts(self) -> Mapping[str, mp.TableCounts]:
        return self.reconciliation.counts

    @property
    def conflicts(self) -> tuple[mp.Conflict, ...]:
        return self.reconciliation.conflicts

    @property
    def has_changes(self) -> bool:
        return self.reconciliation.has_changes


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote (``written`` is False when everything was already here)."""

    path: Path
    manifest: Manifest
    reconciliation: mp.Reconciliation
    written: bool
    backup: Path | None
    history_added: int
    resolved: int
    files_copied: int
    created_store: bool = False
    sender: SenderCheck | None = None

    @property
    def changes(self) -> Changes:
        """What the import changed: the kinds of records it wrote, the exchange history (the
        import is recorded there) and the backup taken first; nothing when it wrote nothing."""
        if not self.written:
            return NO_CHANGES
        backup = {Change.BACKUPS} if self.backup is not None else set()
        return changes_of(self.reconciliation) | {Change.EXCHANGE} | backup

    def restored_text(self) -> str | None:
        """What to say of the attachment files an import restored without writing a record
        (they were missing or damaged here); None when it restored none."""
        if self.written or not self.files_copied:
            return None
        return ngettext(
            "{n} missing or damaged attachment file was restored from the package.",
            "{n} missing or damaged attachment files were restored from the package.",
            self.files_copied,
        ).format(n=format_number(self.files_copied))

    @classmethod
    def of(
        cls,
        path: Path,
        manifest: Manifest,
        outcome: MergeOutcome,
        *,
        created: bool = False,
        sender: SenderCheck | None = None,
    ) -> ImportResult:
        return cls(
            path=path,
            manifest=manifest,
            reconciliation=outcome.reconciliation,
            written=outcome.written,
            backup=outcome.backup,
            history_added=outcome.history_added,
            resolved=outcome.resolved,
            files_copied=outcome.files_copied,
            created_store=created,
            sender=sender,
        )

    def counts_only(self) -> ImportResult:
        """The same result whose reconciliation keeps its counts, not the records it wrote (a batch
        of
        hundreds of packages would otherwise hold every record of every package)."""
        return replace(
            self,
            reconciliation=mp.Reconciliation(
                self.reconciliation.counts, conflicts=self.reconciliation.conflicts
            ),
        )


@dataclass(frozen=True)
class BatchItem:
    """One package of :meth:`ExchangeService.import_many`: what it wrote (its reconciliation's
    counts), or why it was not."""

    path: Path
    result: ImportResult | None = None
    error: CuratorError | None = None

    @property
    def imported(self) -> bool:
        return self.result is not None


def import_state(path: Path, manifest: Manifest, reconciliation: mp.Reconciliation) -> SyncState:
    """The ``SyncState`` row of an import: the file, the peer store, what was taken."""
    written = (
        reconciliation.total("new")
        + reconciliation.total("changed")
        + reconciliation.total("deleted")
    )
    return SyncState(
        direction=IMPORT,
        destination=str(Path(path).resolve()),
        peer_store_id=manifest.store_id,
        package_sha256=file_sha256(path),
        record_count=written + reconciliation.total("conflicts"),
        scope={**manifest.scope.to_json(), "file": Path(path).name, "curator": manifest.curator},
        watermark=manifest.created_at,
    )
