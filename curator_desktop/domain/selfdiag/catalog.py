"""The self-diagnosis catalog: directions, optional indicators, thresholds per level.

What the catalog holds is data (``resources/catalogs/selfdiag.json``, or the coordinator's file):
the built-in one holds only what public sources establish, and a part they do not establish is
``None`` with a note (:attr:`SelfdiagCatalog.notes`). Thresholds and indicators differ by school
year and school type; a school year is named by the calendar year it starts in
(:func:`school_year_of`: a round in May 2025 belongs to 2024, «2024/25»).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from curator_desktop.domain.selfdiag.levels import LEVEL_ORDER, DirectionKind, Level
from curator_desktop.domain.text import sort_key

FORMAT = 1
"""The version of the catalog file format this code reads."""
TOTAL = "total"
"""The code a threshold (or a results file's row) uses for the school's total."""
SCHOOL_YEAR_START_MONTH = 9


def school_year_of(day: dt.date) -> int:
    """The school year ``day`` falls in, named by its first calendar year (September on)."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


@dataclass(frozen=True)
class CatalogSource:
    """A public source the catalog cites: ``key`` is what the facts refer to."""

    key: str
    title: str
    url: str = ""


@dataclass(frozen=True)
class Direction:
    """A magistral direction or a key condition."""

    code: str
    kind: DirectionKind
    name_ru: str
    name_en: str
    sources: tuple[str, ...] = ()

    def name(self, language: str = "ru") -> str:
        return self.name_ru if language == "ru" else self.name_en


@dataclass(frozen=True)
class Indicator:
    """An indicator (показатель) of a direction, with its maximum points and whether it is a
    critical one (критический показатель); limited to school years and types when given."""

    code: str
    direction: str
    name_ru: str
    name_en: str = ""
    points: int | None = None
    critical: bool = False
    year_from: int | None = None
    year_to: int | None = None
    school_types: tuple[str, ...] = ()
    """Empty: every school type."""

    def applies(self, school_year: int | None, school_type: str | None) -> bool:
        return _applies(self.year_from, self.year_to, self.school_types, school_year, school_type)

    def name(self, language: str = "ru") -> str:
        return self.name_ru if language == "ru" or not self.name_en else self.name_en


@dataclass(frozen=True)
class Thresholds:
    """The least points of each level in a direction (or the total, :data:`TOTAL`) and its
    maximum, for school years and types. A level left out has no threshold of its own."""

    direction: str
    minimums: tuple[tuple[Level, int], ...]
    """(level, least points) from the lowest level with a threshold up."""
    maximum: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    school_types: tuple[str, ...] = ()

    def applies(self, school_year: int | None, school_type: str | None) -> bool:
        return _applies(self.year_from, self.year_to, self.school_types, school_year, school_type)

    def level_of(self, points: int) -> Level:
        """The highest level whose least points ``points`` reach (below base when none)."""
        reached = Level.BELOW_BASE
        for level, least in self.minimums:
            if points >= least and level.rank > reached.rank:
                reached = level
        return reached


@dataclass(frozen=True)
class SelfdiagCatalog:
    """One version of the catalog: what the round's results are checked against."""

    catalog_key: str
    version: str
    title_ru: str
    title_en: str
    directions: tuple[Direction, ...]
    indicators: tuple[Indicator, ...] | None
    """None: the catalog does not establish the indicator list (see ``notes['indicators']``)."""
    thresholds: tuple[Thresholds, ...] | None
    """None: the catalog does not establish the thresholds (see ``notes['thresholds']``)."""
    school_types: tuple[str, ...] | None = None
    critical_level: Level | None = None
    """The highest level a direction with an unmet critical indicator may have (None: the
    catalog sets no such rule)."""
    levels: tuple[Level, ...] = LEVEL_ORDER
    sources: tuple[CatalogSource, ...] = ()
    notes: Mapping[str, str] = field(default_factory=dict)
    source: str = "builtin"
    """«builtin» or «coordinator»."""

    def direction(self, code: str) -> Direction | None:
        return next((d for d in self.directions if d.code == code), None)

    def find_direction(self, text: str) -> Direction | None:
        """The direction named by its code or by its name in either language (case and «ё»
        folded; the Russian name's first part before «:» is enough: «Знание»)."""
        wanted = sort_key(text)
        for direction in self.directions:
            names = (direction.code, direction.name_ru, direction.name_en)
            short = direction.name_ru.split(":")[0].split(".")[0]
            if wanted in {sort_key(n) for n in (*names, short) if n}:
                return direction
        return None

    def indicators_for(
        self, direction: str, school_year: int | None = None, school_type: str | None = None
    ) -> tuple[Indicator, ...] | None:
        """The indicators of ``direction`` for the year and type (None: not established)."""
        if self.indicators is None:
            return None
        return tuple(
            i
            for i in self.indicators
            if i.direction == direction and i.applies(school_year, school_type)
        )

    def find_indicator(
        self,
        direction: str,
        text: str,
        school_year: int | None = None,
        school_type: str | None = None,
    ) -> Indicator | None:
        """The indicator of ``direction`` named by its code or name (case folded)."""
        wanted = sort_key(text)
        for indicator in self.indicators_for(direction, school_year, school_type) or ():
            if wanted in {
                sort_key(indicator.code),
                sort_key(indicator.name_ru),
                sort_key(indicator.name_en),
            }:
                return indicator
        return None

    def thresholds_for(
        self, direction: str, school_year: int | None = None, school_type: str | None = None
    ) -> Thresholds | None:
        """The thresholds of ``direction`` (or :data:`TOTAL`) for the year and type: one made
        for the school type wins over one for every type; None when the catalog has none."""
        found = [
            t
            for t in self.thresholds or ()
            if t.direction == direction and t.applies(school_year, school_type)
        ]
        found.sort(key=lambda t: (not t.school_types, -(t.year_from or 0)))
        return found[0] if found else None

    def maximum_for(
        self, direction: str, school_year: int | None = None, school_type: str | None = None
    ) -> int | None:
        """The most points of ``direction`` (or :data:`TOTAL`): the thresholds' maximum, else
        the sum of its indicators' points when every one has them; None when not established."""
        thresholds = self.thresholds_for(direction, school_year, school_type)
        if thresholds is not None and thresholds.maximum is not None:
            return thresholds.maximum
        if direction == TOTAL:
            parts = [self.maximum_for(d.code, school_year, school_type) for d in self.directions]
            return sum(p for p in parts if p is not None) if None not in parts else None
        indicators = self.indicators_for(direction, school_year, school_type)
        if not indicators or any(i.points is None for i in indicators):
            return None
        return sum(i.points or 0 for i in indicators)

    def level_for(
        self,
        direction: str,
        points: int,
        school_year: int | None = None,
        school_type: str | None = None,
        *,
        critical_unmet: bool = False,
    ) -> Level | None:
        """The level ``points`` reach in ``direction`` (or :data:`TOTAL`); None when the catalog
        has no thresholds for it. An unmet critical indicator caps it at :attr:`critical_level`."""
        thresholds = self.thresholds_for(direction, school_year, school_type)
        if thresholds is None:
            return None
        level = thresholds.level_of(points)
        if (
            critical_unmet
            and self.critical_level is not None
            and level.rank > self.critical_level.rank
        ):
            return self.critical_level
        return level

    def source_title(self, key: str) -> str:
        return next((s.title for s in self.sources if s.key == key), key)


def _applies(
    year_from: int | None,
    year_to: int | None,
    types: tuple[str, ...],
    school_year: int | None,
    school_type: str | None,
) -> bool:
    if school_year is not None:
        if year_from is not None and school_year < year_from:
            return False
        if year_to is not None and school_year > year_to:
            return False
    return not types or school_type is None or school_type in types
