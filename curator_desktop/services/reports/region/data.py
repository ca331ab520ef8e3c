"""What the coordinator's analytical справки print: the region summary's rows (from the region
service) counted per municipality and per curator, and the details the summary does not carry
(:mod:`.details`), as a frozen tree of plain values in the current language.

«As of» is the period's last day, or today when the period has not ended: never a day in the
future. Every count is of the summary's school rows (a school with two curators counts for
each of them, once in its municipality and once in the region).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from curator_desktop.domain.region.summary import RegionSchool, RegionSummary
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.domain.selfdiag import LEVEL_ORDER
from curator_desktop.i18n import current_language
from curator_desktop.services.reports.protocol.data import CuratorInfo, curator_info
from curator_desktop.services.reports.region.details import (
    DirectionChange,
    LevelCount,
    WeekCount,
    direction_changes,
    factor_names,
    risk_levels,
    selfdiag_levels,
    weekly_visits,
)
from curator_desktop.store.database import Database

KINDS = ("monitoring", "visits", "documents", "summary")
"""The справки: on a monitoring stage, on first visits and verification, on documents, and the
region summary for a period."""
RISK_ORDER = ("high", "medium", "low", "none")


def first_visit_done(school: RegionSchool) -> bool:
    return school.first_visit is not None


def first_visit_overdue(school: RegionSchool, as_of: dt.date) -> bool:
    """No first visit and its window (the roadmap's) has closed by ``as_of``."""
    due = school.first_visit_due
    return school.first_visit is None and due is not None and due < as_of


def verified(school: RegionSchool) -> bool:
    """Every risk factor of the school verified."""
    return school.risk_factors > 0 and school.risks_verified >= school.risk_factors


def documents_accepted(school: RegionSchool) -> bool:
    """Every document expected of the school accepted."""
    return school.documents_expected > 0 and school.documents_accepted >= school.documents_expected


STAGES: tuple[tuple[str, Callable[[RegionSchool], bool]], ...] = (
    ("first_visit", first_visit_done),
    ("verified", verified),
    ("documents", documents_accepted),
    ("monitoring_1", lambda school: school.monitoring_1),
    ("monitoring_2", lambda school: school.monitoring_2),
)
"""The stages a school goes through in a year, in order (the stage chart's series)."""


@dataclass(frozen=True)
class GroupLine:
    """The counts of a group of schools: a municipality, a curator, or the region."""

    name: str
    schools: int
    first_visit: int
    first_visit_overdue: int
    verified: int
    risks_verified: int
    risk_factors: int
    directions_activated: int
    documents_full: int
    documents_accepted: int
    documents_expected: int
    monitoring_1: int
    monitoring_2: int
    visits_completed: int
    visits_planned: int
    recommendations_open: int
    recommendations_overdue: int
    behind: int

    def stage(self, key: str) -> int:
        """Schools that reached the stage ``key`` of :data:`STAGES`."""
        return {
            "first_visit": self.first_visit,
            "verified": self.verified,
            "documents": self.documents_full,
            "monitoring_1": self.monitoring_1,
            "monitoring_2": self.monitoring_2,
        }[key]


def group_line(name: str, schools: Sequence[RegionSchool], as_of: dt.date) -> GroupLine:
    """The counts of ``schools`` under ``name``."""

    def count(test: Callable[[RegionSchool], bool]) -> int:
        return sum(1 for school in schools if test(school))

    def total(attribute: str) -> int:
        return sum(getattr(school, attribute) for school in schools)

    return GroupLine(
        name=name,
        schools=len(schools),
        first_visit=count(first_visit_done),
        first_visit_overdue=count(lambda s: first_visit_overdue(s, as_of)),
        verified=count(verified),
        risks_verified=total("risks_verified"),
        risk_factors=total("risk_factors"),
        directions_activated=total("directions_activated"),
        documents_full=count(documents_accepted),
        documents_accepted=total("documents_accepted"),
        documents_expected=total("documents_expected"),
        monitoring_1=count(lambda s: s.monitoring_1),
        monitoring_2=count(lambda s: s.monitoring_2),
        visits_completed=total("visits_completed"),
        visits_planned=total("visits_planned"),
        recommendations_open=total("recommendations_open"),
        recommendations_overdue=total("recommendations_overdue"),
        behind=count(lambda s: s.behind),
    )


@dataclass(frozen=True)
class CuratorWeeks:
    """One curator's visits week by week across the period."""

    name: str
    done: tuple[int, ...]
    planned: tuple[int, ...]


@dataclass(frozen=True)
class DirectionLine:
    """One direction (a risk factor or a self-diagnosis direction): schools per level."""

    code: str
    name: str
    counts: tuple[int, ...]
    """Schools at each level of the scale, in the scale's order."""


@dataclass(frozen=True)
class ChangeLine:
    """Positive changes in one activated direction at one monitoring stage."""

    code: str
    name: str
    stage: str
    schools: int
    come: int
    partly: int
    none: int


@dataclass(frozen=True)
class RegionReportData:
    """One analytical справка of the region (``kind``: one of :data:`KINDS`)."""

    kind: str
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date
    year: int
    """The cycle year the summary's figures (visits, risks, documents, monitoring) count in."""
    region: str
    coordinator: CuratorInfo
    total: GroupLine
    municipalities: tuple[GroupLine, ...]
    curators: tuple[GroupLine, ...]
    weeks: tuple[dt.date, ...] = ()
    curator_weeks: tuple[CuratorWeeks, ...] = ()
    changes: tuple[ChangeLine, ...] = ()
    risk_levels: tuple[DirectionLine, ...] = ()
    selfdiag_levels: tuple[DirectionLine, ...] = ()
    programmes: tuple[tuple[str, int], ...] = ()

    @property
    def region_weeks(self) -> CuratorWeeks:
        """The region's visits week by week (every curator's summed)."""
        count = len(self.weeks)
        done = [sum(c.done[i] for c in self.curator_weeks) for i in range(count)]
        planned = [sum(c.planned[i] for c in self.curator_weeks) for i in range(count)]
        return CuratorWeeks("", tuple(done), tuple(planned))


def as_of_day(date_to: dt.date, today: dt.date | None = None) -> dt.date:
    """The day the справка is as of: the period's end, or today when that is still to come."""
    return min(date_to, today or dt.date.today())


def _sort_key(text: str) -> str:
    from curator_desktop.domain.text import sort_key

    return sort_key(text)


def _groups(
    schools: Iterable[RegionSchool], keys: Callable[[RegionSchool], Iterable[str]], as_of: dt.date
) -> tuple[GroupLine, ...]:
    grouped: dict[str, list[RegionSchool]] = defaultdict(list)
    for school in schools:
        for key in keys(school):
            grouped[key].append(school)
    return tuple(
        group_line(name, members, as_of)
        for name, members in sorted(grouped.items(), key=lambda item: _sort_key(item[0]))
    )


def _mondays(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    monday = start - dt.timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return tuple(weeks)


def _curator_weeks(
    counts: Sequence[WeekCount], weeks: tuple[dt.date, ...], curators: Iterable[str]
) -> tuple[CuratorWeeks, ...]:
    index = {week: n for n, week in enumerate(weeks)}
    curators = list(curators)
    done: dict[str, list[int]] = {name: [0] * len(weeks) for name in curators}
    planned: dict[str, list[int]] = {name: [0] * len(weeks) for name in curators}
    for row in counts:
        if row.week not in index:
            continue
        for counts_of, value in ((done, row.done), (planned, row.planned)):
            counts_of.setdefault(row.curator, [0] * len(weeks))[index[row.week]] += value
    names = sorted(done, key=_sort_key)
    return tuple(CuratorWeeks(name, tuple(done[name]), tuple(planned[name])) for name in names)


def _levels(
    counts: Sequence[LevelCount], order: Sequence[str], names: dict[str, str]
) -> tuple[DirectionLine, ...]:
    by_code: dict[str, list[int]] = {}
    for row in counts:
        if row.level in order:
            by_code.setdefault(row.code, [0] * len(order))[order.index(row.level)] += row.schools
    ordered = [code for code in names if code in by_code]
    ordered += sorted(code for code in by_code if code not in names)
    return tuple(
        DirectionLine(code, names.get(code, code), tuple(by_code[code])) for code in ordered
    )


def _changes(rows: Sequence[DirectionChange], names: dict[str, str]) -> tuple[ChangeLine, ...]:
    order = list(names)
    rows = sorted(
        rows, key=lambda r: (r.stage, order.index(r.code) if r.code in order else 999, r.code)
    )
    return tuple(
        ChangeLine(r.code, names.get(r.code, r.code), r.stage, r.schools, r.come, r.partly, r.none)
        for r in rows
    )


def build(
    kind: str,
    summary: RegionSummary,
    date_from: dt.date,
    date_to: dt.date,
    *,
    coordinator: CuratorInfo,
    weeks: Sequence[WeekCount] = (),
    changes: Sequence[DirectionChange] = (),
    risks: Sequence[LevelCount] = (),
    selfdiag: Sequence[LevelCount] = (),
    factor_names: dict[str, str] | None = None,
    direction_names: dict[str, str] | None = None,
) -> RegionReportData:
    """The справка's data from the region summary and the details (no database)."""
    as_of = summary.as_of
    schools = summary.schools
    mondays = _mondays(date_from, date_to)
    names = factor_names or {}
    programmes: dict[str, int] = defaultdict(int)
    for school in schools:
        programmes[school.programme] += 1
    region = coordinator.region
    return RegionReportData(
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        year=summary.year or cycle_year(as_of),
        region=region,
        coordinator=coordinator,
        total=group_line("", schools, as_of),
        municipalities=_groups(schools, lambda s: [s.municipality], as_of),
        curators=_groups(schools, lambda s: s.curators or ("",), as_of),
        weeks=mondays,
        curator_weeks=_curator_weeks(weeks, mondays, (c.name for c in summary.curators)),
        changes=_changes(changes, names),
        risk_levels=_levels(risks, RISK_ORDER, names),
        selfdiag_levels=_levels(
            selfdiag, [level.value for level in LEVEL_ORDER], direction_names or {}
        ),
        programmes=tuple(sorted(programmes.items())),
    )


def region_summary(database: Database, as_of: dt.date) -> RegionSummary:
    """The region service's summary (helper B's ``RegionService``)."""
    from curator_desktop.services.region import RegionService

    return RegionService(database).summary(as_of)


def _direction_names(database: Database, language: str) -> dict[str, str]:
    from curator_desktop.services.selfdiag import SelfdiagService

    catalog = SelfdiagService(database).catalog()
    return {d.code: d.name(language) for d in catalog.directions}


def collect(
    database: Database,
    date_from: dt.date,
    date_to: dt.date,
    *,
    kind: str = "summary",
    today: dt.date | None = None,
    summary: RegionSummary | None = None,
) -> RegionReportData:
    """Everything the справка of ``kind`` prints, as of :func:`as_of_day` (``summary``: one
    already made for that day, else the region service makes it)."""
    as_of = as_of_day(date_to, today)
    if summary is None:
        summary = region_summary(database, as_of)
    language = current_language()
    year = summary.year or cycle_year(as_of)
    until = min(date_to, as_of)
    weeks, changes, risks, selfdiag = [], [], [], []  # only what the kind prints is read
    with database.session() as session:
        names = factor_names(session, language)
        if kind in ("visits", "summary"):
            weeks = weekly_visits(session, date_from, until)
            risks = risk_levels(session, year)
        if kind == "monitoring":
            changes = direction_changes(session, date_from, until, year)
        if kind == "summary":
            selfdiag = selfdiag_levels(session, as_of)
    return build(
        kind,
        summary,
        date_from,
        date_to,
        coordinator=curator_info(database),
        weeks=weeks,
        changes=changes,
        risks=risks,
        selfdiag=selfdiag,
        factor_names=names,
        direction_names=_direction_names(database, language) if selfdiag else {},
    )


__all__ = [
    "KINDS",
    "STAGES",
    "ChangeLine",
    "CuratorWeeks",
    "DirectionLine",
    "GroupLine",
    "RegionReportData",
    "as_of_day",
    "build",
    "collect",
]
