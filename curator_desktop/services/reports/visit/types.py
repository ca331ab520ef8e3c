"""The values the visit справка prints, as :func:`.data.collect` builds them: plain
display-ready strings in the report's language, so the data hash covers what is printed."""

from __future__ import annotations

from dataclasses import dataclass, field

from curator_desktop.services.reports.form.meta import NOT_HASHED


@dataclass(frozen=True)
class HeaderData:
    region: str
    programme: str
    school_name: str
    school_short_name: str
    school_address: str
    municipality: str
    visit_type: str
    visit_date: str
    times: str
    status: str
    """The visit's state the document records: «completed» for every completed visit, whatever
    happened to it since (a report made, an upload), so each version prints the same."""
    director_name: str
    curator_name: str
    curator_position: str
    curator_organisation: str
    next_visit_date: str


@dataclass(frozen=True)
class ParticipantRow:
    full_name: str
    position: str
    role: str


@dataclass(frozen=True)
class ItemRow:
    """One checklist item: its number («2.3»), question, answer text and comment."""

    number: str
    question: str
    answer: str
    comment: str


@dataclass(frozen=True)
class SectionData:
    number: str
    title: str
    items: tuple[ItemRow, ...]
    score: str
    """Empty when the template defines no scored scale."""


@dataclass(frozen=True)
class ChecklistData:
    title: str
    sections: tuple[SectionData, ...]
    total_score: str
    """Empty when the template defines no scored scale."""


@dataclass(frozen=True)
class LessonData:
    number: int
    teacher: str
    subject: str
    class_name: str
    topic: str
    purpose: str
    lesson_type: str
    notes: str
    head: tuple[tuple[str, str], ...]
    """(question, answer) of the sheet's head section: the purpose of the observation, the
    lesson's kind, the textbook series, the students present and on the roll (none for a
    sheet before version 3)."""
    sheet: str
    """The observation sheet's title (empty for a lesson recorded without one)."""
    sections: tuple[SectionData, ...]
    """The sheet's sections with shown items (their scores empty: the lesson has one)."""
    score: str
    """Empty when the sheet defines no scored scale."""


@dataclass(frozen=True)
class FindingRow:
    factor: str
    level: str
    text: str


@dataclass(frozen=True)
class RiskRow:
    factor: str
    questionnaire_level: str
    verdict: str
    adjusted_level: str
    """The level after verification, as the period reports word it (a rejected risk: «risk not
    identified»; «—» before the verification)."""
    activated: str
    verified: bool = True
    """Whether the factor had been verified by the visit's day."""


@dataclass(frozen=True)
class RecommendationRow:
    number: int
    text: str
    factor: str
    responsible: str
    deadline: str
    status: str


@dataclass(frozen=True)
class PhotoData:
    sha256: str
    caption: str
    source: str = field(metadata=NOT_HASHED)
    """The stored original (under this computer's attachments folder: not hashed)."""


@dataclass(frozen=True)
class DiscussedReview:
    """A review of one of the school's documents discussed at the visit, as printed."""

    document: str
    version: str
    conclusion: str
    remarks: str
    reviewed_on: str = ""
    """The review's date (short form; «—» when concluded after the visit)."""


@dataclass(frozen=True)
class VisitReportData:
    """Everything the visit справка prints, in the language it was collected in."""

    visit_id: str
    school_id: str
    language: str
    completed: bool
    """The visit is completed (or reported): a report of any other visit is a draft."""
    header: HeaderData
    participants: tuple[ParticipantRow, ...]
    purpose: str
    agenda: str
    notes: str
    checklist: ChecklistData | None
    lessons: tuple[LessonData, ...]
    findings: tuple[FindingRow, ...]
    risk_year: int
    """The programme cycle year the visit belongs to (:func:`~curator_desktop.domain.risk.cycle.
    cycle_year`)."""
    risk_rows: tuple[RiskRow, ...]
    risk_profile: bool
    """The school has a risk profile in ``risk_year`` (a school of «Школа Минпросвещения
    России» that year has none: its справка leaves the risk verification section out)."""
    recommendations: tuple[RecommendationRow, ...]
    """The advice given at the visit, as it stood on the visit's day."""
    earlier_recommendations: tuple[RecommendationRow, ...]
    """Earlier advice open on the visit's day or closed since the visit before, as of the day."""
    photos: tuple[PhotoData, ...]
    documents: tuple[DiscussedReview, ...] = ()
    """The reviews of the school's documents discussed at the visit (:mod:`.documents`)."""
    lesson_annex: bool = False
    """The lesson observation cards are printed as annexes after the signatures, each lesson
    from a new page (the «lessons observed» section then lists them); by default they are in
    that section."""
