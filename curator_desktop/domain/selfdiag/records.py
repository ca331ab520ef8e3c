"""A self-diagnosis round as the methodist records it, and the management decisions taken on
its deficits. Plain frozen dataclasses: the store's rows become these (services.selfdiag)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from curator_desktop.domain.identity import derived_id
from curator_desktop.domain.selfdiag.catalog import school_year_of
from curator_desktop.domain.selfdiag.levels import Level


@dataclass(frozen=True)
class Deficit:
    """An indicator not met in a direction (дефицит); ``indicator`` is the catalog's code, or
    "" when the catalog has no indicator list and only the text names it."""

    direction: str
    indicator: str
    text: str = ""
    critical: bool = False
    id: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """What makes two rounds' deficits the same one: the direction and the indicator (its
        code, else its text folded)."""
        return self.direction, self.indicator or " ".join(self.text.casefold().split())


@dataclass(frozen=True)
class DirectionResult:
    """One direction's result in a round: points of the maximum, the level, the deficits."""

    direction: str
    points: int | None
    maximum: int | None = None
    level: Level | None = None
    deficits: tuple[Deficit, ...] = ()
    id: str = ""

    @property
    def critical_count(self) -> int:
        return sum(1 for d in self.deficits if d.critical)


@dataclass(frozen=True)
class SelfdiagRound:
    """One round of the self-diagnosis of a school (e.g. November, May)."""

    id: str
    school_id: str
    round_date: dt.date
    label: str = ""
    """E.g. «ноябрь 2024»; "" shows the date."""
    source: str = ""
    """Where the results come from (the federal self-diagnosis, a file name …)."""
    school_type: str = ""
    catalog_key: str = ""
    catalog_version: str = ""
    total_points: int | None = None
    total_maximum: int | None = None
    overall_level: Level | None = None
    notes: str = ""
    results: tuple[DirectionResult, ...] = ()
    author_id: str | None = None

    @property
    def school_year(self) -> int:
        return school_year_of(self.round_date)

    def result(self, direction: str) -> DirectionResult | None:
        return next((r for r in self.results if r.direction == direction), None)

    @property
    def deficits(self) -> tuple[Deficit, ...]:
        return tuple(d for r in self.results for d in r.deficits)

    def below_base(self) -> tuple[str, ...]:
        """The directions whose level is below base."""
        return tuple(r.direction for r in self.results if r.level is Level.BELOW_BASE)


@dataclass(frozen=True)
class Decision:
    """A management decision (управленческое решение) the school took on a deficit: what,
    who, by when, done or not — what the next interview checks."""

    id: str
    school_id: str
    round_id: str
    direction: str
    what: str
    indicator: str = ""
    deficit_id: str | None = None
    responsible: str = ""
    deadline: dt.date | None = None
    done: bool = False
    done_on: dt.date | None = None
    notes: str = ""

    def overdue(self, today: dt.date) -> bool:
        return not self.done and self.deadline is not None and self.deadline < today


# --- natural ids: one round of a school on a date is one record in every store -----------------


def round_id(school_id: str, round_date: dt.date) -> str:
    """The id of the round of school ``school_id`` dated ``round_date``."""
    return derived_id("selfdiag_round", school_id, round_date.isoformat())


def result_id(round_key: str, direction: str) -> str:
    """The id of a direction's result in the round ``round_key``."""
    return derived_id("selfdiag_result", round_key, direction)


def deficit_id(round_key: str, deficit: Deficit) -> str:
    """The id of a deficit of the round ``round_key`` (by direction and indicator or text)."""
    return derived_id("selfdiag_deficit", round_key, *deficit.key)


def programme_year_id(school_id: str, year: int) -> str:
    """The id of the record saying which programme school ``school_id`` is in in ``year``."""
    return derived_id("school_programme", school_id, int(year))
