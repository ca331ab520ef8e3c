"""What the «Сегодня» page shows: sections of entries, each entry pointing at its place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Place(StrEnum):
    """Where an entry opens."""

    VISIT = "visit"
    """The visit editor (``Target.id``: the visit)."""
    SCHOOL = "school"
    """The school's card (``Target.school_id``)."""
    DOCUMENTS = "documents"
    """The school's card on its «Документы» tab (``Target.school_id``)."""
    PLAN_ITEM = "plan_item"
    """The item on the Plan page (``Target.id``: the roadmap item)."""
    EVENT = "event"
    """An event (``Target.id``)."""
    PAGE = "page"
    """A page of the window (``Target.id``: its key), for «… and N more»."""


@dataclass(frozen=True)
class Target:
    """The place an entry opens: a kind of place and the record's ids."""

    place: Place
    id: str = ""
    school_id: str = ""


@dataclass(frozen=True)
class TodayEntry:
    """One line: when, which school, what, and what it needs (texts already translated)."""

    day: dt.date | None
    school: str
    text: str
    next_step: str
    target: Target
    late: bool = False
    """Past its day: shown as overdue."""


@dataclass(frozen=True)
class TodaySection:
    """A heading and its entries; ``total`` counts them all, ``entries`` holds the first ones
    (a section is cut at :data:`~.service.SHOWN` entries, the rest one Enter away on their
    page, ``more``)."""

    key: str
    title: str
    total: int
    entries: tuple[TodayEntry, ...]
    more: Target | None = None


@dataclass(frozen=True)
class NextVisit:
    """The first open visit after this week (what an empty day points at)."""

    visit_id: str
    day: dt.date
    school: str


@dataclass(frozen=True)
class Agenda:
    """The day: its sections (only those with entries), and for an empty day what comes next
    and whether the store has schools and a roadmap yet."""

    today: dt.date
    sections: tuple[TodaySection, ...]
    next_visit: NextVisit | None
    has_schools: bool
    has_roadmap: bool

    @property
    def empty(self) -> bool:
        return not self.sections

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections)
