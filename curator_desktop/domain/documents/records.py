"""Plain records of the documents feature: what services hand to the UI, reports and the CLI.

A *document* is one school's document of one kind for one cycle year (an antirisk programme also
for one direction); it has *versions* (each a received file), each version may have a *review*
(criteria, target indicators, conclusion). Confirmation documents belong to a measure of a
programme and a stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from curator_desktop.domain.documents.kinds import DocumentStatus


@dataclass(frozen=True)
class ExpectedDocument:
    """A document the school's profile expects for a cycle year (``factor_code``: the direction
    of an antirisk programme; None for the others)."""

    kind: str
    factor_code: str | None = None


@dataclass(frozen=True)
class CriterionMark:
    """One criterion of a review: its id in the criteria data file, the result, the comment."""

    criterion_id: str
    result: str
    """A :class:`~curator_desktop.domain.documents.kinds.CriterionResult` value."""
    comment: str = ""


@dataclass(frozen=True)
class TargetIndicator:
    """A target indicator of an antirisk programme as the curator entered it."""

    name: str
    baseline: str = ""
    target: str = ""
    deadline: dt.date | None = None


@dataclass(frozen=True)
class VersionRecord:
    """One received version of a document and its file (``attachment_id`` None: no file, e.g.
    a version known only from a checklist)."""

    id: str
    document_id: str
    number: int
    received_on: dt.date
    received_from: str
    note: str
    attachment_id: str | None
    file_name: str
    sha256: str
    size_bytes: int
    mime_type: str
    medk_uploaded_on: dt.date | None


@dataclass(frozen=True)
class ReviewRecord:
    """The curator's review (экспертиза) of one version."""

    id: str
    document_id: str | None
    version_id: str | None
    school_id: str
    kind: str
    factor_code: str | None
    title: str
    version_label: str
    started_on: dt.date | None
    reviewed_on: dt.date | None
    marks: tuple[CriterionMark, ...]
    indicators: tuple[TargetIndicator, ...]
    conclusion: str | None
    """A :class:`~curator_desktop.domain.enums.ReviewConclusion` value; None while under review."""
    revision_deadline: dt.date | None
    remarks: str
    accept_reason: str
    """Why the version is accepted although a criterion is not met ("" when none is)."""
    visit_id: str | None
    """The visit the review was discussed at (or made during, from its checklist)."""
    criteria_key: str = ""
    criteria_version: str = ""


@dataclass(frozen=True)
class HistoryEvent:
    """One dated step of a document: received, review started, returned, accepted, uploaded."""

    on: dt.date
    status: DocumentStatus
    version_number: int | None
    deadline: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class ConfirmationRecord:
    """A подтверждающий документ: what it is, which measure of which programme, which stage."""

    id: str
    school_id: str
    year: int
    document_id: str | None
    """The programme (a school document) the measure belongs to."""
    measure: str
    stage: str
    title: str
    dated_on: dt.date | None
    attachment_id: str | None
    file_name: str
    medk_uploaded_on: dt.date | None


@dataclass(frozen=True)
class DocumentRecord:
    """A document (expected or present) with its versions, reviews, status and history."""

    id: str
    """The derived id (also for a missing document, which has no row yet)."""
    school_id: str
    year: int
    kind: str
    factor_code: str | None
    title: str
    expected: bool
    present: bool
    status: DocumentStatus
    status_on: dt.date | None
    revision_deadline: dt.date | None
    overdue: bool
    medk_uploaded_on: dt.date | None
    versions: tuple[VersionRecord, ...] = ()
    reviews: tuple[ReviewRecord, ...] = ()
    history: tuple[HistoryEvent, ...] = ()
    confirmations: tuple[ConfirmationRecord, ...] = ()

    @property
    def latest_version(self) -> VersionRecord | None:
        return self.versions[-1] if self.versions else None

    @property
    def latest_review(self) -> ReviewRecord | None:
        return self.reviews[-1] if self.reviews else None


@dataclass(frozen=True)
class DocumentSummary:
    """One line of ``documents list`` and of the period report: a document's state in brief."""

    document_id: str
    school_id: str
    school_name: str
    year: int
    kind: str
    factor_code: str | None
    title: str
    versions: int
    latest_conclusion: str | None
    status: DocumentStatus
    status_on: dt.date | None
    revision_deadline: dt.date | None
    overdue: bool
    medk_uploaded_on: dt.date | None


@dataclass(frozen=True)
class WorklistEntry:
    """A document needing the curator: ``group`` is ``revision``, ``awaiting`` or ``overdue``."""

    group: str
    summary: DocumentSummary
    days_overdue: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
