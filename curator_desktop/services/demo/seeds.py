"""The shapes of the demo store's content, one class per file of ``resources/demo``.

The content itself (an invented region, its schools, people and texts) is data:
:mod:`curator_desktop.services.demo.loading` reads it into these frozen classes, and the build
steps make records from them. A field with a default may be left out of its file.
``Annotated[str, …]`` lists the values a text may take (an enum's values or literal words).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from curator_desktop.domain.enums import (
    DocumentType,
    Programme,
    RecommendationStatus,
    ReviewConclusion,
    SchoolStatus,
    SettlementType,
    VisitStatus,
    VisitType,
)

Level = Annotated[str, "noo", "ooo", "soo"]
CriterionValue = Annotated[str, "meets", "partly", "not_meets"]


@dataclass(frozen=True)
class Municipality:
    name: str
    tax_office: str
    """Two digits of the tax office, in the schools' INNs."""
    area_code: str
    """The telephone area code of the schools' numbers."""


@dataclass(frozen=True)
class SchoolSeed:
    """One school of the demo world; ``key`` is how the other files name it."""

    key: str
    full_name: str
    short_name: str
    municipality: str
    settlement: Annotated[str, SettlementType]
    address: str
    levels: tuple[Level, ...] = ("noo", "ooo", "soo")
    programme: Annotated[str, Programme] = Programme.SHNOR_500.value
    status: Annotated[str, SchoolStatus] = SchoolStatus.ACTIVE.value
    notes: str = ""
    verification: Annotated[str, "full", "partial"] = "full"
    """``partial``: the curator has not yet verified the low and absent risks."""
    medk_entered: bool = True


@dataclass(frozen=True)
class RegionFile:
    """``region.json``: the region, its municipalities (by key) and the schools."""

    region: str
    region_tax_code: str
    mail_domain: str
    municipalities: Mapping[str, Municipality]
    schools: tuple[SchoolSeed, ...]


@dataclass(frozen=True)
class Curator:
    full_name: str
    position: str
    organisation: str
    region: str
    email: str
    phone: str


@dataclass(frozen=True)
class Positions:
    """Positions as visit participants are listed (``curator``: the curator's own)."""

    curator: str
    director: str
    deputy: str
    deputy_short: str
    coordinator: str


@dataclass(frozen=True)
class Roles:
    """Participants' roles at a visit."""

    curator: str
    director: str
    group_head: str
    group_member: str
    coordinator: str
    teacher: str


@dataclass(frozen=True)
class PeopleFile:
    """``people.json``: the curator, positions, roles and the parts of invented names.

    A woman's surname gets «-а»; patronymic stems get «-на» or «-ич».
    """

    curator: Curator
    positions: Positions
    group_positions: tuple[str, ...]
    roles: Roles
    surnames: tuple[str, ...]
    female_names: tuple[str, ...]
    male_names: tuple[str, ...]
    patronymic_stems: tuple[str, ...]


@dataclass(frozen=True)
class VisitSeed:
    """One visit. ``when``: a fraction (0–1) of the span after the primary visits, ``today``
    or ``+days`` from today (empty for the primary visit, planned per school). ``purpose`` and
    ``agenda`` may name a shared text as ``@name``; ``{stage}`` is replaced by the stage."""

    visit_type: Annotated[str, VisitType]
    template: str
    purpose: str
    agenda: str
    school: str = ""
    when: str = ""
    status: Annotated[str, VisitStatus, "auto"] = "auto"
    notes: str = ""
    lessons: int = 0
    recommendations: int = 1
    general_recommendation: str = ""
    answers: Mapping[str, Any] = field(default_factory=dict)
    """Checklist answers given as they are (the others are drawn)."""


@dataclass(frozen=True)
class LessonSeed:
    """An observed lesson; ``position`` is the teacher's."""

    subject: str
    position: str
    class_name: str
    topic: str
    purpose: str
    lesson_type: str


@dataclass(frozen=True)
class PhotoSeed:
    """A drawn photo; ``item_key``: the checklist item it is attached to (else the visit)."""

    file: str
    background: str
    headline: str
    item_key: str = ""


@dataclass(frozen=True)
class VisitsFile:
    """``visits.json``: the primary visit (every active school), the later ones, lessons, photos."""

    stage_labels: tuple[str, str]
    shared_texts: Mapping[str, str]
    primary_visit: VisitSeed
    later_visits: tuple[VisitSeed, ...]
    lessons: tuple[LessonSeed, ...]
    photos: tuple[PhotoSeed, ...]


@dataclass(frozen=True)
class AnswersFile:
    """``answers.json``: how checklist answers are drawn, by item key."""

    na_allowed: frozenset[str]
    """Yes/no items that may be answered «not applicable»."""
    number_ranges: Mapping[str, tuple[int, int]]
    date_offsets: Mapping[str, tuple[int, int]]
    """Days from the visit, lowest and highest."""
    generic_text: tuple[str, ...]
    text_answers: Mapping[str, tuple[str, ...]]
    """Texts may use ``{deputy}`` and ``{director}``."""
    comments_shortfall: tuple[str, ...]
    comments_fine: tuple[str, ...]


@dataclass(frozen=True)
class DocumentSeed:
    """A document a school submitted and the curator's review of it. The title may use
    ``{school}``, ``{factor}``, ``{year}`` and ``{year_to}``; ``after_primary`` is in days;
    ``at_visit``: reviewed at the school's visit of that type (its checklist agrees)."""

    school: str
    document_type: Annotated[str, DocumentType]
    title: str
    version: str
    after_primary: int
    conclusion: Annotated[str, ReviewConclusion]
    criteria: Mapping[str, CriterionValue] = field(default_factory=dict)
    """Criteria that are not met (the others meet)."""
    comment: str = ""
    at_visit: Annotated[str, VisitType, ""] = ""


@dataclass(frozen=True)
class DocumentsFile:
    """``documents.json``: review criteria with the curator's remarks, and the reviews."""

    criteria: tuple[str, ...]
    criteria_comments: Mapping[str, str]
    received_days_before: int
    revision_days: int
    reviews: tuple[DocumentSeed, ...]


@dataclass(frozen=True)
class FactorTexts:
    """What a curator writes about one risk factor: why a level was rejected or moved, and
    findings and recommendations at the primary visit and at later ones."""

    reject: str
    down: str
    up: str
    findings: tuple[str, str]
    recommendations: tuple[str, str]


@dataclass(frozen=True)
class RisksFile:
    """``risks.json``: justifications of confirmed levels and the texts of each factor."""

    confirm_justifications: tuple[str, ...]
    factors: Mapping[str, FactorTexts]


@dataclass(frozen=True)
class RecommendationsFile:
    """``recommendations.json``: general advice, and how past deadlines turned out (in turn)."""

    general: tuple[str, ...]
    past_deadline_statuses: tuple[RecommendationStatus, ...]
    done_notes: tuple[str, ...]
    overdue_notes: tuple[str, ...]
    cancelled_note: str


@dataclass(frozen=True)
class DemoSeeds:
    """Everything in ``resources/demo``, one field per file."""

    region: RegionFile
    people: PeopleFile
    visits: VisitsFile
    answers: AnswersFile
    documents: DocumentsFile
    risks: RisksFile
    recommendations: RecommendationsFile
