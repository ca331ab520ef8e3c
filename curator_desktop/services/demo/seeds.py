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
    VisitType,
)
from curator_desktop.domain.events import EventFormat, EventKind

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
    """Positions as visit participants are listed (the curator's is their position and
    organisation as the curator's profile spells them: one spelling in every document)."""

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


MonthDay = str
"""A day of the cycle year as ``MM-DD``."""


@dataclass(frozen=True)
class CycleDates:
    """Days of the programme cycle year the story keeps to (``MM-DD``)."""

    schools_assigned: MonthDay
    """The curator receives the list of assigned schools."""
    profile_published: MonthDay
    """The schools' risk profiles (questionnaire levels) are published."""
    verification: tuple[MonthDay, MonthDay]
    """The curator verifies the risk profiles (a week or two after the primary visit)."""
    plan_ahead_days: int
    """Visits further ahead of today than this are not planned in the app yet."""


@dataclass(frozen=True)
class VisitKind:
    """What the visits of one step of the year share. ``window``: the days of the cycle year
    such visits fall on. ``purpose`` and ``agenda`` may name a shared text as ``@name``.
    ``factor_texts``: which of a factor's own findings and recommendations the visit writes
    (0 the first visit's, 1 the later ones', -1 none); ``findings``: texts (``{factor}``)
    written on each direction when the factor's own are spent."""

    visit_type: Annotated[str, VisitType]
    window: tuple[MonthDay, MonthDay]
    purpose: str
    agenda: str = ""
    template: str = ""
    """The checklist's key (empty: a visit without a checklist)."""
    about: Annotated[str, "top_risks", "directions", "none"] = "directions"
    """What the findings are about: the two highest verified risks or the activated directions."""
    factor_texts: int = -1
    findings: tuple[str, ...] = ()
    recommendations: int = 1
    recommendation_texts: tuple[str, ...] = ()
    """General advice of this step, used when the factors' own texts are spent."""
    deadline_days: tuple[int, int] = (30, 60)
    """A recommendation's deadline: this many days after the visit (lowest, highest)."""
    answers: Mapping[str, Any] = field(default_factory=dict)
    """Checklist answers given as they are (the others are drawn)."""
    lesson_answers: Mapping[str, Any] = field(default_factory=dict)
    """Answers of every lesson observed at such a visit (the purpose of the observation)."""


@dataclass(frozen=True)
class VisitSeed:
    """One visit of the story: its school, kind and day of the cycle year (``MM-DD``, inside
    the kind's window). A visit after today is planned; ``missed``: the note of a visit that did
    not take place (it stays planned once its day has passed)."""

    school: str
    kind: str
    on: MonthDay
    visit_type: Annotated[str, VisitType, ""] = ""
    """Instead of the kind's type (a monitoring stage held at a distance)."""
    lessons: int = 0
    director_present: bool = True
    missed: str = ""
    purpose: str = ""
    """Instead of the kind's purpose."""
    general_recommendation: str = ""
    answers: Mapping[str, Any] = field(default_factory=dict)

    def type_of(self, kinds: Mapping[str, VisitKind]) -> str:
        """The visit's type: its own, else its kind's."""
        return self.visit_type or kinds[self.kind].visit_type


@dataclass(frozen=True)
class LessonSeed:
    """An observed lesson; ``position`` is the teacher's."""

    subject: str
    position: str
    class_name: str
    topic: str
    purpose: str
    lesson_type: str
    textbook: str = ""
    """The УМК the class learns by (the lesson card's «textbook» item)."""
    kind: str = ""
    """The lesson's form (the card's «kind» item; empty: a traditional lesson)."""


@dataclass(frozen=True)
class PhotoSeed:
    """A drawn photo of something the visit saw: attached to the answer of ``item_key`` where
    it was answered «yes», or (``lesson``) to an observed lesson; at most ``count`` times,
    earliest first."""

    file: str
    background: str
    headline: str
    item_key: str = ""
    lesson: bool = False
    count: int = 2


@dataclass(frozen=True)
class VisitsFile:
    """``visits.json``: the cycle's days, the kinds of visit, the visits, lessons and photos."""

    cycle: CycleDates
    shared_texts: Mapping[str, str]
    kinds: Mapping[str, VisitKind]
    visits: tuple[VisitSeed, ...]
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
    text_conditions: Mapping[str, Mapping[str, tuple[Any, ...]]] = field(default_factory=dict)
    """By text: the answers it needs (item → accepted values), so it never contradicts them;
    a text without conditions is written when no conditional one fits."""
    cycle_dates: Mapping[str, MonthDay] = field(default_factory=dict)
    """Date items answered with a fixed day of the cycle year (a deadline the region sets)."""
    lesson_answers: Mapping[str, Any] = field(default_factory=dict)
    """Answers every observed lesson gets (by item key; items a template lacks are skipped)."""
    not_above: Mapping[str, str] = field(default_factory=dict)
    """Number items never above another item of the same checklist, drawn a little below it
    (pupils present, not above those on the roll)."""
    progress: Mapping[str, Annotated[str, "up", "down"]] = field(default_factory=dict)
    """Monitoring items that move one way from a stage to the next (never back)."""
    not_worse_than: Mapping[str, str] = field(default_factory=dict)
    """Yes / partly / no items never worse than an earlier item of the same checklist (a
    direction's measures «confirmed by documents» once the documents are «entered in ИС МЭДК»)."""
    option_conditions: Mapping[str, Mapping[str, Mapping[str, tuple[Any, ...]]]] = field(
        default_factory=dict
    )
    """By item and value: the earlier answers the value needs (item → accepted values), so an
    answer never contradicts the answers before it (an area of change that its own item
    confirms; no reflection stage «not held» after minutes were given to it)."""
    item_conditions: Mapping[str, Mapping[str, tuple[Any, ...]]] = field(default_factory=dict)
    """Items answered only when earlier answers hold (no areas of change where none came)."""
    comments_by_item: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Shortfall comments of one item (by key) instead of the general ones."""
    lesson_minutes: int = 0
    """How long a lesson is: the stages' minutes add up to it (0: not checked)."""
    lesson_stages: tuple[str, ...] = ()
    """The number items of a lesson's stages; the last one takes the minutes left."""


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
    flow: Mapping[str, Any] = field(default_factory=dict)
    """One school's spring in the documents model: versions, a return for revision, uploads,
    confirmation documents (read by :mod:`curator_desktop.services.demo.document_flow`)."""
    spring: Mapping[str, Any] = field(default_factory=dict)
    """The other «500+» schools' spring: the days of each step (``MM-DD``), each school
    ``school_step_days`` after the one before (read by
    :mod:`curator_desktop.services.demo.document_spring`)."""


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
    extended_note: str
    """The note of the recommendation whose deadline the school asked to move."""
    extend_days: int


@dataclass(frozen=True)
class EventSeed:
    """An event the curator takes part in on day ``on`` (``MM-DD``) of the cycle year;
    ``stage``: a working meeting on that monitoring stage, with the curator's analysis of
    each school that held it."""

    on: MonthDay
    kind: Annotated[str, EventKind]
    format: Annotated[str, EventFormat]
    start: str
    end: str
    topic: str
    organiser: str
    notes: str
    stage: str = ""


@dataclass(frozen=True)
class EventsFile:
    """``events.json``: the curator's events of the year and the analyses told at them."""

    events: tuple[EventSeed, ...]
    analyses: Mapping[str, str]
    """By the stage's answer «targets reached» (yes / partly / no); may use ``{stage}`` and
    ``{directions}``."""
    stage_names: Mapping[str, str]


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
    events: EventsFile
