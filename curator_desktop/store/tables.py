"""The store's tables: the whole curator domain, every record built for sync.

Each synced record carries a UUID, UTC creation and update times, a revision renewed on every
write with its parent kept, the device that wrote it and a tombstone flag
(:mod:`curator_desktop.store.record_base`). The stamping is done by
:mod:`curator_desktop.store.tracking`, so no caller has to remember it. The bookkeeping tables
(change log, exchange history, receipts, aliases) live in :mod:`curator_desktop.store.bookkeeping`
and are importable from here too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field

from curator_desktop.store.bookkeeping import ChangeLog, Receipt, RecordAlias, SyncState
from curator_desktop.store.documents_tables import (
    ConfirmationDocument,
    DocumentVersion,
    SchoolDocument,
)
from curator_desktop.store.record_base import (
    StoreMeta,
    SyncRecord,
    new_id,
    new_revision,
    utc_field,
)
from curator_desktop.store.roadmap_tables import RoadmapDocument, RoadmapItem, RoadmapLink
from curator_desktop.store.types import utc_now

__all__ = [
    "AUTHORED_TABLES",
    "SYNCED_TABLES",
    "Attachment",
    "ChangeLog",
    "ChecklistAnswer",
    "ChecklistTemplate",
    "ConfirmationDocument",
    "CuratorProfile",
    "DocumentReview",
    "DocumentVersion",
    "GeneratedReport",
    "LessonObservation",
    "Receipt",
    "Recommendation",
    "RecordAlias",
    "RiskAssessment",
    "RiskCatalog",
    "RiskEvidence",
    "RiskFactor",
    "RoadmapDocument",
    "RoadmapItem",
    "RoadmapLink",
    "School",
    "SchoolAssignment",
    "SchoolDocument",
    "StoreMeta",
    "SyncRecord",
    "SyncState",
    "Visit",
    "VisitFinding",
    "VisitParticipant",
    "new_id",
    "new_revision",
]


class CuratorProfile(SyncRecord, table=True):
    """A person whose work the store holds: its owner (the profile whose ``store_id`` is this
    store's), and every curator whose package was imported (one record per sender's store)."""

    __tablename__ = "curator_profile"

    store_id: str = Field(default="", index=True, max_length=36)
    """The id of the store this person works in ("" in stores made before authorship)."""
    full_name: str = Field(default="")
    position: str = Field(default="")
    organisation: str = Field(default="")
    region: str = Field(default="")
    email: str = Field(default="")
    phone: str = Field(default="")


class RiskCatalog(SyncRecord, table=True):
    """A version of the risk-factor list (ФИОКО's, or one a coordinator sent)."""

    __tablename__ = "risk_catalog"

    catalog_key: str = Field(index=True)
    version: str = Field(default="")
    title_ru: str = Field(default="")
    title_en: str = Field(default="")
    max_active_directions: int = Field(default=3)
    source: str = Field(default="builtin")


class RiskFactor(SyncRecord, table=True):
    """One factor of a risk catalog."""

    __tablename__ = "risk_factor"

    catalog_id: str = Field(foreign_key="risk_catalog.id", index=True)
    code: str = Field(index=True)
    name_ru: str = Field(default="")
    name_en: str = Field(default="")
    year_from: int | None = None
    year_to: int | None = None
    sort_order: int = 0


class School(SyncRecord, table=True):
    """A school (ОО) assigned to the curator."""

    __tablename__ = "school"
    __table_args__ = (
        Index(
            "ix_school_name_order",
            "name_key",
            "id",
            "deleted",
            "archived_at",
            "programme",
            "status",
            "municipality",
            "search_text",
        ),
    )

    full_name: str = Field(default="")
    short_name: str = Field(default="")
    inn: str = Field(default="", index=True, max_length=12)
    medk_code: str = Field(default="")
    region: str = Field(default="")
    municipality: str = Field(default="", index=True)
    settlement_type: str = Field(default="town")
    address: str = Field(default="")
    director_name: str = Field(default="")
    director_phone: str = Field(default="")
    director_email: str = Field(default="")
    deputy_name: str = Field(default="")
    deputy_phone: str = Field(default="")
    deputy_email: str = Field(default="")
    levels: list[str] = Field(default_factory=list, sa_type=JSON)
    students_count: int | None = None
    students_ovz_count: int | None = None
    teachers_count: int | None = None
    programme: str = Field(default="500plus")
    cohort_year: int | None = None
    status: str = Field(default="active", index=True)
    notes: str = Field(default="")
    archived_at: dt.datetime | None = utc_field(default=None)
    search_text: str = Field(default="", index=True)
    name_key: str = Field(default="")
    municipality_key: str = Field(default="")


class SchoolAssignment(SyncRecord, table=True):
    """Закрепление: a curator assigned to a school from a date (until another date).

    The id is derived from the school and the person (:mod:`curator_desktop.domain.schools.
    assignment`), so a coordinator's list and the curator's own store make the same record."""

    __tablename__ = "school_assignment"

    school_id: str = Field(foreign_key="school.id", index=True)
    curator_name: str = Field(default="")
    """The curator's name as the list or the profile gives it."""
    curator_store_id: str = Field(default="", max_length=36)
    """The store the curator works in, when known ("" for a name from a list)."""
    assigned_from: dt.date
    assigned_until: dt.date | None = None
    """The first day the assignment no longer holds (None: it still does)."""


class RiskAssessment(SyncRecord, table=True):
    """One risk factor of one school in one cycle year, as the curator verified it."""

    __tablename__ = "risk_assessment"
    __table_args__ = (Index("ix_risk_assessment_school_year", "school_id", "year"),)

    school_id: str = Field(foreign_key="school.id")
    year: int
    factor_code: str
    author_id: str | None = Field(default=None, index=True, max_length=36)
    """The ``curator_profile`` of the person who made it (None: not known, made before
    authorship was kept)."""
    questionnaire_level: str = Field(default="none")
    verdict: str | None = None
    adjusted_level: str | None = None
    justification: str = Field(default="")
    activated: bool = Field(default=False)
    verified_on: dt.date | None = None
    medk_entered: bool = Field(default=False)
    medk_entered_on: dt.date | None = None


class ChecklistTemplate(SyncRecord, table=True):
    """A versioned checklist template (sections and items as JSON)."""

    __tablename__ = "checklist_template"

    template_key: str = Field(index=True)
    version: int = 1
    title_ru: str = Field(default="")
    title_en: str = Field(default="")
    purpose: str = Field(default="visit")
    content: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    source: str = Field(default="builtin")


class Visit(SyncRecord, table=True):
    """A visit (посещение, выезд) to a school."""

    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_school_status_date", "school_id", "status", "planned_date"),)

    author_id: str | None = Field(default=None, index=True, max_length=36)
    """The ``curator_profile`` of the person who made it (None: not known, made before
    authorship was kept)."""
    school_id: str = Field(foreign_key="school.id", index=True)
    visit_type: str = Field(default="planned")
    status: str = Field(default="planned", index=True)
    planned_date: dt.date | None = Field(default=None, index=True)
    actual_date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    purpose: str = Field(default="")
    agenda: str = Field(default="")
    template_id: str | None = Field(default=None, foreign_key="checklist_template.id")
    template_snapshot: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    next_visit_date: dt.date | None = None
    notes: str = Field(default="")
    completed_at: dt.datetime | None = utc_field(default=None)


class VisitParticipant(SyncRecord, table=True):
    """A person who took part in a visit."""

    __tablename__ = "visit_participant"

    visit_id: str = Field(foreign_key="visit.id", index=True)
    full_name: str = Field(default="")
    position: str = Field(default="")
    role: str = Field(default="")
    sort_order: int = 0


class LessonObservation(SyncRecord, table=True):
    """A lesson observed during a visit (карта наблюдения урока)."""

    __tablename__ = "lesson_observation"

    visit_id: str = Field(foreign_key="visit.id", index=True)
    teacher: str = Field(default="")
    subject: str = Field(default="")
    class_name: str = Field(default="")
    topic: str = Field(default="")
    purpose: str = Field(default="")
    lesson_type: str = Field(default="")
    template_id: str | None = Field(default=None, foreign_key="checklist_template.id")
    template_snapshot: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    notes: str = Field(default="")
    sort_order: int = 0


class ChecklistAnswer(SyncRecord, table=True):
    """The answer to one checklist item of a visit (or of one observed lesson)."""

    __tablename__ = "checklist_answer"

    visit_id: str = Field(foreign_key="visit.id", index=True)
    lesson_id: str | None = Field(default=None, foreign_key="lesson_observation.id")
    item_key: str
    value: Any = Field(default=None, sa_type=JSON)
    comment: str = Field(default="")


class VisitFinding(SyncRecord, table=True):
    """What a visit found about one risk factor of the school."""

    __tablename__ = "visit_finding"

    visit_id: str = Field(foreign_key="visit.id", index=True)
    factor_code: str
    text: str = Field(default="")


class Recommendation(SyncRecord, table=True):
    """A recommendation or action for a school, tracked until closed."""

    __tablename__ = "recommendation"
    __table_args__ = (Index("ix_recommendation_school_status", "school_id", "status"),)

    author_id: str | None = Field(default=None, index=True, max_length=36)
    """The ``curator_profile`` of the person who made it (None: not known, made before
    authorship was kept)."""
    school_id: str = Field(foreign_key="school.id", index=True)
    visit_id: str | None = Field(default=None, foreign_key="visit.id", index=True)
    factor_code: str | None = None
    text: str = Field(default="")
    responsible: str = Field(default="")
    deadline: dt.date | None = None
    status: str = Field(default="open", index=True)
    closed_on: dt.date | None = None
    progress_note: str = Field(default="")


class DocumentReview(SyncRecord, table=True):
    """A review of one version of a school's conceptual document."""

    __tablename__ = "document_review"

    author_id: str | None = Field(default=None, index=True, max_length=36)
    """The ``curator_profile`` of the person who made it (None: not known, made before
    authorship was kept)."""
    school_id: str = Field(foreign_key="school.id", index=True)
    document_type: str = Field(default="concept")
    title: str = Field(default="")
    factor_code: str | None = None
    version_label: str = Field(default="")
    received_on: dt.date | None = None
    reviewed_on: dt.date | None = None
    criteria: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """Criterion id → ``{"value": meets|partly|not_meets, "comment": …}``."""
    conclusion: str | None = None
    revision_deadline: dt.date | None = None
    comment: str = Field(default="")
    """The remarks (замечания) sent to the school with the conclusion."""
    # The documents model (#21): which document and version the review is of, the visit it was
    # discussed at, when it began, the antirisk programme's target indicators as entered, and
    # why a version is accepted although a criterion is not met.
    document_id: str | None = Field(default=None, foreign_key="school_document.id", index=True)
    version_id: str | None = Field(default=None, foreign_key="document_version.id", index=True)
    visit_id: str | None = Field(default=None, foreign_key="visit.id", index=True)
    started_on: dt.date | None = None
    indicators: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    """``[{"name", "baseline", "target", "deadline": "YYYY-MM-DD" | null}, …]``."""
    accept_reason: str = Field(default="")
    criteria_key: str = Field(default="")
    criteria_version: str = Field(default="")


class RiskEvidence(SyncRecord, table=True):
    """Evidence behind a risk verification: a visit, lesson, document, attachment or note."""

    __tablename__ = "risk_evidence"

    assessment_id: str = Field(foreign_key="risk_assessment.id", index=True)
    kind: str = Field(default="note")
    visit_id: str | None = Field(default=None, foreign_key="visit.id")
    lesson_id: str | None = Field(default=None, foreign_key="lesson_observation.id")
    document_review_id: str | None = Field(default=None, foreign_key="document_review.id")
    attachment_id: str | None = Field(default=None, foreign_key="attachment.id")
    note: str = Field(default="")


class Attachment(SyncRecord, table=True):
    """A photo or scan; the bytes live in the data directory under their SHA-256."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_type", "owner_id"),)

    sha256: str = Field(index=True, max_length=64)
    file_name: str = Field(default="")
    mime_type: str = Field(default="application/octet-stream")
    size_bytes: int = 0
    owner_type: str = Field(default="")
    owner_id: str = Field(default="")
    caption: str = Field(default="")


class GeneratedReport(SyncRecord, table=True):
    """A PDF report the app produced, kept with the hash of the data it was built from."""

    __tablename__ = "generated_report"

    author_id: str | None = Field(default=None, index=True, max_length=36)
    """The ``curator_profile`` of the person who made it (None: not known, made before
    authorship was kept)."""
    kind: str
    title: str = Field(default="")
    visit_id: str | None = Field(default=None, foreign_key="visit.id", index=True)
    school_id: str | None = Field(default=None, foreign_key="school.id", index=True)
    review_id: str | None = Field(default=None, foreign_key="document_review.id", index=True)
    """The review an «Экспертное заключение» is of (#21); None for the other reports."""
    year: int | None = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    language: str = Field(default="ru")
    file_sha256: str = Field(default="", max_length=64)
    data_sha256: str = Field(default="", max_length=64)
    version: int = 1
    document_number: str = Field(default="")
    generated_at: dt.datetime = utc_field(default_factory=utc_now)


SYNCED_TABLES: tuple[type[SyncRecord], ...] = (
    CuratorProfile,
    RiskCatalog,
    RiskFactor,
    School,
    SchoolAssignment,
    RiskAssessment,
    ChecklistTemplate,
    Visit,
    VisitParticipant,
    LessonObservation,
    ChecklistAnswer,
    VisitFinding,
    Recommendation,
    DocumentReview,
    RiskEvidence,
    Attachment,
    GeneratedReport,
    RoadmapDocument,
    RoadmapItem,
    RoadmapLink,
    SchoolDocument,
    DocumentVersion,
    ConfirmationDocument,
)
AUTHORED_TABLES: tuple[type[SyncRecord], ...] = (
    RiskAssessment,
    Visit,
    Recommendation,
    DocumentReview,
    GeneratedReport,
    SchoolDocument,
)
"""Tables whose records name the person who made them (``author_id``)."""


# --- self-diagnosis of «Школа Минпросвещения России» (#22) -------------------------------------

from curator_desktop.store.selfdiag_tables import (  # noqa: E402 (after the tables it extends)
    SELFDIAG_TABLES,
    SchoolProgramme,
    SelfdiagCatalog,
    SelfdiagDecision,
    SelfdiagDeficit,
    SelfdiagResult,
    SelfdiagRound,
)

SYNCED_TABLES = (*SYNCED_TABLES, *SELFDIAG_TABLES)
AUTHORED_TABLES = (*AUTHORED_TABLES, SelfdiagRound, SelfdiagDecision)
__all__ += [
    "SELFDIAG_TABLES",
    "SchoolProgramme",
    "SelfdiagCatalog",
    "SelfdiagDecision",
    "SelfdiagDeficit",
    "SelfdiagResult",
    "SelfdiagRound",
]


# --- events a curator attends (#23) ------------------------------------------------------------

from curator_desktop.store.events_tables import (  # noqa: E402 (after the tables it extends)
    EVENT_TABLES,
    CuratorEvent,
    EventAnalysis,
)

SYNCED_TABLES = (*SYNCED_TABLES, *EVENT_TABLES)
AUTHORED_TABLES = (*AUTHORED_TABLES, CuratorEvent)
__all__ += ["EVENT_TABLES", "CuratorEvent", "EventAnalysis"]


# --- packages received and reviews of curators' reports (#24) ----------------------------------

from curator_desktop.store.intake_tables import (  # noqa: E402 (local bookkeeping, not synced)
    PackageIntake,
    ReportReview,
)

__all__ += ["PackageIntake", "ReportReview"]
