"""A regional roadmap (план-график, дорожная карта) as read from a document.

Pure values shared by the deadline parser, the table reader and the store: a document, its
items, and each item's deadline parsed into date ranges (or kept verbatim when it cannot be).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class DeadlineKind(StrEnum):
    """How a deadline cell was understood."""

    DATED = "dated"  # one or more date ranges
    RECURRING = "recurring"  # e.g. «2 и 4 среда каждого месяца»; ranges bound the recurrence
    UNDATED = "undated"  # «по мере необходимости», «по плану ДИРО»: no date by design
    UNPARSED = "unparsed"  # not understood: kept verbatim and marked, never guessed


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"range ends before it starts: {self.start} – {self.end}")

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Deadline:
    """A deadline cell: its original text and what was made of it."""

    text: str
    kind: DeadlineKind
    ranges: tuple[DateRange, ...] = ()
    recurrence: str = ""  # a normalized rule for RECURRING, e.g. "monthly:wed:2,4"

    @property
    def parsed(self) -> bool:
        return self.kind in (DeadlineKind.DATED, DeadlineKind.RECURRING)

    @property
    def first_day(self) -> dt.date | None:
        return self.ranges[0].start if self.ranges else None

    @property
    def last_day(self) -> dt.date | None:
        return max(r.end for r in self.ranges) if self.ranges else None


@dataclass(frozen=True)
class RoadmapItem:
    """One row (мероприятие) of the roadmap's table."""

    number: str  # as printed: «1», «2.3», «» when the table has none
    section: str  # the section heading the row sits under («» before the first one)
    title: str  # the activity (наименование мероприятия)
    description: str = ""  # extra text of the row that is not its title
    deadline_text: str = ""  # the deadline cell verbatim (whitespace normalized)
    responsible: str = ""
    indicator: str = ""  # indicator / expected result / form of completion
    control: str = ""  # control / reporting form
    concerns_curator: bool = False  # the curator's own: ведёт or посещает (relation.MINE)
    curator_reason: str = ""  # the relation's reason, e.g. «ответственные: кураторы»


@dataclass(frozen=True)
class RoadmapDocument:
    """The document a roadmap comes from."""

    title: str
    issuer: str = ""
    order_number: str = ""
    order_date: dt.date | None = None
    year: int | None = None  # the programme year; deadlines without a year take it
    legend: dict[str, str] = field(default_factory=dict)  # abbreviation → its meaning


@dataclass(frozen=True)
class ParsedRoadmap:
    """A document and its items, in table order."""

    document: RoadmapDocument
    items: tuple[RoadmapItem, ...]
    warnings: tuple[str, ...] = ()  # user-facing notes about skipped or doubtful rows
