"""Plain records the visit editor, the visits page and reports read: no SQL objects leak out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from curator_desktop.domain.enums import VisitStatus
from curator_desktop.domain.summaries import VisitFacts

READ_ONLY_STATUSES = frozenset(
    {VisitStatus.COMPLETED, VisitStatus.REPORT_GENERATED, VisitStatus.UPLOADED}
)


@dataclass(frozen=True)
class VisitRecord(VisitFacts):
    """A visit's own fields, with its school's name and the checklist snapshot it is filled with."""

    start_time: dt.time | None
    end_time: dt.time | None
    purpose: str
    agenda: str
    next_visit_date: dt.date | None
    notes: str
    completed_at: dt.datetime | None
    template: dict[str, Any] | None
    """The checklist template snapshot (its JSON content); None for a visit without one."""

    @property
    def read_only(self) -> bool:
        """Completed (or reported, uploaded) visits are read-only until reopened."""
        return self.status in READ_ONLY_STATUSES


@dataclass(frozen=True)
class AnswerRecord:
    """One stored answer: the value (None = not answered) and the curator's comment."""

    id: str
    item_key: str
    value: Any
    comment: str
    lesson_id: str | None = None


@dataclass(frozen=True)
class ParticipantRecord:
    id: str
    full_name: str
    position: str
    role: str


@dataclass(frozen=True)
class LessonRecord:
    """A lesson observed during the visit, with the observation template it is filled with."""

    id: str
    teacher: str
    subject: str
    class_name: str
    topic: str
    purpose: str
    lesson_type: str
    notes: str
    template: dict[str, Any] | None


@dataclass(frozen=True)
class SchoolFactor:
    """A risk factor of the visit's school (its profile for the visit's year)."""

    code: str
    name: str
    level: str | None
    """The effective level (adjusted if verified, else the questionnaire's); None if unassessed."""


@dataclass(frozen=True)
class RecommendationRecord:
    id: str
    school_id: str
    visit_id: str | None
    factor_code: str | None
    text: str
    responsible: str
    deadline: dt.date | None
    status: str
    closed_on: dt.date | None
    progress_note: str
    visit_date: dt.date | None = None
    """The date of the visit that gave it (None for a recommendation without a visit)."""
    school_name: str = ""

    def overdue(self, today: dt.date | None = None) -> bool:
        """Still open with its deadline passed."""
        today = today or dt.date.today()
        return self.status == "open" and self.deadline is not None and self.deadline < today


@dataclass(frozen=True)
class AttachmentRecord:
    """A stored file (photo, scan) attached to a visit, an answer or a lesson."""

    id: str
    sha256: str
    file_name: str
    mime_type: str
    size_bytes: int
    owner_type: str
    owner_id: str
    caption: str
    created_at: dt.datetime


@dataclass(frozen=True)
class MissingItem:
    """A required answer still missing, with what the editor needs to jump to it."""

    item_key: str
    item_text: str
    section_key: str
    section_title: str
    lesson_id: str | None = None
    lesson_label: str = ""
    reason: str = "answer"
    """What is missing: "answer", "comment" (a required comment) or "attachment"."""


@dataclass(frozen=True)
class AnswerChange:
    """An item whose answer differs between the previous visit and this one."""

    item_key: str
    item_text: str
    section_title: str
    previous: str
    current: str


@dataclass(frozen=True)
class Comparison:
    """This visit against the school's previous visit with the same checklist."""

    previous_visit_id: str | None
    previous_date: dt.date | None
    changes: list[AnswerChange] = field(default_factory=list)


@dataclass(frozen=True)
class EditorState:
    """Everything the visit editor shows, read in one transaction."""

    visit: VisitRecord
    answers: dict[str, AnswerRecord]
    """Answers of the visit checklist by item key (lesson answers are in ``lesson_answers``)."""
    participants: list[ParticipantRecord]
    lessons: list[LessonRecord]
    lesson_answers: dict[str, dict[str, AnswerRecord]]
    """Lesson id → item key → answer."""
    factors: list[SchoolFactor]
    findings: dict[str, str]
    """Risk-factor code → finding text."""
    recommendations: list[RecommendationRecord]
    """This visit's recommendations, then the school's open ones from earlier visits."""
    attachments: list[AttachmentRecord]
    """Every attachment of the visit: its own, its answers' and its lessons'."""
