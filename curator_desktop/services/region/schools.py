"""The region's per-school figures, each counted by SQLite in one GROUP BY over its table.

A coordinator's store holds thousands of schools and a hundred thousand visits: nothing here
loads a record, every query returns one row per school (or per school and code). The rules:

- a visit is *overdue* on a day as the Visits page says (open, due before the day, not carried
  out by another: :func:`visit_counts`);
- a visit is *held* by a day when its status is past «in progress» and its day (the actual
  date, else the planned one) is on or before it; it counts in the cycle year its day belongs
  to (:func:`curator_desktop.domain.risk.cycle.cycle_year`: February to January, a primary
  visit in its calendar year); *planned* counts every visit of the year, held or not, and the
  open ones without a date;
- the first visit is the earliest held primary visit of the year;
- the risk profile is the year's risk assessments; a factor is verified by a day when it has a
  verdict dated on or before it (or undated); directions are the activated factors;
- a recommendation is open on a day when it is open now or was closed after that day; it is
  overdue when also its deadline is before the day (on the deadline day it is not yet);
- a monitoring stage is held when a held visit of the year answers the stage item;
- the self-diagnosis level is the overall level of the school's latest round on or before the
  day;
- the last package of a school is the latest, on or before the day, of its curators' last
  packages (:mod:`.curators`) and of the receipts of its own record and its assignments (a
  curator's package brings every change of theirs: the school's data is as fresh as it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, or_, select, union_all
from sqlalchemy.engine import Connection

from curator_desktop.domain.enums import RecommendationStatus, VisitType
from curator_desktop.domain.region.windows import cycle_days
from curator_desktop.store.repositories.visits import OPEN_STATUSES
from curator_desktop.store.tables import (
    ChecklistAnswer,
    ChecklistTemplate,
    Receipt,
    Recommendation,
    RiskAssessment,
    School,
    SchoolAssignment,
    SchoolProgramme,
    SelfdiagRound,
    Visit,
)

MONITORING_PURPOSE = "monitoring"
"""``checklist_template.purpose`` of the monitoring templates."""
STAGE_ITEM = "period.stage"
"""The monitoring template's item naming the stage a visit is (as the period report reads it)."""

_PRIMARY = VisitType.PRIMARY.value
_OPEN = RecommendationStatus.OPEN.value


@dataclass(frozen=True, slots=True)
class SchoolRow:
    """A live school: who it is and its programme in the year."""

    id: str
    inn: str
    name: str
    municipality: str
    programme: str
    status: str


def visit_day() -> Any:
    """The day a visit is counted on: when it happened, else when it is planned."""
    return func.coalesce(Visit.actual_date, Visit.planned_date)


def held_by(as_of: dt.date) -> Any:
    """The visit was held on or before ``as_of``."""
    return and_(Visit.status.not_in(OPEN_STATUSES), visit_day() <= as_of)


def in_year(year: int) -> Any:
    """The visit's day belongs to the cycle year ``year`` (a primary visit: its calendar year)."""
    first, last = cycle_days(year)
    primary = and_(
        Visit.visit_type == _PRIMARY,
        visit_day().between(dt.date(year, 1, 1), dt.date(year, 12, 31)),
    )
    other = and_(Visit.visit_type != _PRIMARY, visit_day().between(first, last))
    return or_(primary, other)


def unindexed(column: Any) -> Any:
    """``column`` as an expression no index answers. Grouping a big table by it scans the table
    once and sorts (SQLite would otherwise walk an index of the column and fetch every row at
    random, twice as slow); filtering by it keeps SQLite on the join's key (not the time index,
    which walks every receipt once per kind of record)."""
    return func.coalesce(column, column)


def counted(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def open_on(as_of: dt.date) -> Any:
    """A recommendation open on ``as_of`` (open now, or closed after that day)."""
    return or_(
        Recommendation.status == _OPEN,
        and_(Recommendation.closed_on.is_not(None), Recommendation.closed_on > as_of),
    )


def overdue_on(as_of: dt.date) -> Any:
    return and_(open_on(as_of), Recommendation.deadline < as_of)


def live_schools(connection: Connection, year: int) -> list[SchoolRow]:
    """Schools neither deleted nor archived, by name, with their programme in ``year``."""
    programme = (
        select(SchoolProgramme.programme)
        .where(
            SchoolProgramme.school_id == School.id,
            SchoolProgramme.year == year,
            SchoolProgramme.deleted.is_(False),
        )
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            School.id,
            School.inn,
            func.coalesce(func.nullif(School.short_name, ""), School.full_name),
            School.municipality,
            func.coalesce(programme, School.programme),
            School.status,
        )
        .where(School.deleted.is_(False), School.archived_at.is_(None))
        .order_by(School.name_key, School.id)
    )
    return [SchoolRow(*row) for row in connection.execute(query)]


@dataclass(frozen=True, slots=True)
class VisitCounts:
    """One school's visits by one author (None: not known) on the day."""

    school_id: str
    author_id: str | None
    held: int
    planned: int
    overdue: int
    first_visit: dt.date | None


def visit_counts(connection: Connection, year: int, as_of: dt.date) -> list[VisitCounts]:
    """Per school and author, in one pass over the visits: held in the year by ``as_of``,
    planned in the year, overdue on ``as_of`` and the first visit.

    Overdue is the Visits page's rule (:mod:`curator_desktop.store.repositories.visits`): open,
    due (planned date, else actual) before the day, and not carried out by another visit of its
    school and kind held on or after the due date — told here by the latest held visit of each
    school and kind, joined once, instead of a search per open visit.
    """
    held, year_ = held_by(as_of), in_year(year)
    latest = (
        select(Visit.school_id, Visit.visit_type, func.max(visit_day()).label("day"))
        .where(Visit.deleted.is_(False), Visit.status.not_in(OPEN_STATUSES))
        .group_by(unindexed(Visit.school_id), Visit.visit_type)
        .subquery()
    )
    due = func.coalesce(Visit.planned_date, Visit.actual_date)
    overdue = and_(
        Visit.status.in_(OPEN_STATUSES),
        due < as_of,
        or_(latest.c.day.is_(None), latest.c.day < due),
    )
    undated_open = and_(Visit.status.in_(OPEN_STATUSES), visit_day().is_(None))
    first = func.min(case((and_(held, year_, Visit.visit_type == _PRIMARY), visit_day())))
    query = (
        select(
            Visit.school_id,
            Visit.author_id,
            counted(and_(held, year_)),
            counted(or_(year_, undated_open)),
            counted(overdue),
            first,
        )
        .select_from(Visit)
        .outerjoin(
            latest,
            and_(latest.c.school_id == Visit.school_id, latest.c.visit_type == Visit.visit_type),
        )
        .where(Visit.deleted.is_(False))
        .group_by(unindexed(Visit.school_id), Visit.author_id)
    )
    return [
        VisitCounts(school_id, author, int(done), int(planned), int(late), _date(first_day))
        for school_id, author, done, planned, late, first_day in connection.execute(query)
    ]


def risk_figures(
    connection: Connection, year: int, as_of: dt.date
) -> tuple[dict[str, tuple[int, int]], dict[str, list[str]]]:
    """School id → (verified, factors) of the year's profile by ``as_of``; and school id → the
    activated directions' factor codes."""
    verified = and_(
        RiskAssessment.verdict.is_not(None),
        or_(RiskAssessment.verified_on.is_(None), RiskAssessment.verified_on <= as_of),
    )
    live = and_(RiskAssessment.deleted.is_(False), RiskAssessment.year == year)
    query = (
        select(RiskAssessment.school_id, counted(verified), func.count())
        .where(live)
        .group_by(RiskAssessment.school_id)
    )
    figures = {school_id: (int(v), int(n)) for school_id, v, n in connection.execute(query)}
    activated: dict[str, list[str]] = defaultdict(list)
    codes = (
        select(RiskAssessment.school_id, RiskAssessment.factor_code)
        .where(live, RiskAssessment.activated.is_(True))
        .distinct()
        .order_by(RiskAssessment.school_id, RiskAssessment.factor_code)
    )
    for school_id, code in connection.execute(codes):
        activated[school_id].append(code)
    return figures, dict(activated)


def recommendation_counts(
    connection: Connection, as_of: dt.date
) -> list[tuple[str, str | None, int, int]]:
    """``(school id, author id, open, overdue)`` recommendations on ``as_of``, per school and
    author."""
    query = (
        select(
            Recommendation.school_id,
            Recommendation.author_id,
            counted(open_on(as_of)),
            counted(overdue_on(as_of)),
        )
        .where(Recommendation.deleted.is_(False))
        .group_by(unindexed(Recommendation.school_id), Recommendation.author_id)
    )
    return [
        (school, author, int(o), int(late)) for school, author, o, late in connection.execute(query)
    ]


def monitoring_stages(connection: Connection, year: int, as_of: dt.date) -> dict[str, set[str]]:
    """School id → the monitoring stages (the stage item's answers) held in the year (only
    visits made with a monitoring template are read: the item is theirs)."""
    monitoring_templates = select(ChecklistTemplate.id).where(
        ChecklistTemplate.purpose == MONITORING_PURPOSE
    )
    query = (
        select(Visit.school_id, ChecklistAnswer.value)
        .join(Visit, Visit.id == ChecklistAnswer.visit_id)
        .where(
            ChecklistAnswer.item_key == STAGE_ITEM,
            ChecklistAnswer.lesson_id.is_(None),
            Visit.template_id.in_(monitoring_templates),
            ChecklistAnswer.deleted.is_(False),
            Visit.deleted.is_(False),
            held_by(as_of),
            in_year(year),
        )
        .distinct()
    )
    stages: dict[str, set[str]] = defaultdict(set)
    for school_id, value in connection.execute(query):
        if isinstance(value, str) and value:
            stages[school_id].add(value)
    return dict(stages)


def selfdiag_levels(connection: Connection, as_of: dt.date) -> dict[str, str]:
    """School id → the overall level of its latest self-diagnosis round on or before ``as_of``."""
    ranked = (
        select(
            SelfdiagRound.school_id,
            SelfdiagRound.overall_level,
            func.row_number()
            .over(
                partition_by=SelfdiagRound.school_id,
                order_by=(SelfdiagRound.round_date.desc(), SelfdiagRound.created_at.desc()),
            )
            .label("n"),
        )
        .where(SelfdiagRound.deleted.is_(False), SelfdiagRound.round_date <= as_of)
        .subquery()
    )
    query = select(ranked.c.school_id, ranked.c.overall_level).where(ranked.c.n == 1)
    return {school_id: level or "" for school_id, level in connection.execute(query)}


def last_receipts(connection: Connection, until: dt.datetime) -> dict[str, dt.datetime]:
    """School id → the latest receipt (before ``until``) of the school's record or of an
    assignment to it."""

    def owned(table: Any, column: Any) -> Any:
        return (
            select(column.label("school_id"), Receipt.at.label("at"))
            .join(table, and_(Receipt.entity == table.__tablename__, Receipt.entity_id == table.id))
            .where(unindexed(Receipt.at) < until)
        )

    parts = [
        owned(School, School.id),
        owned(SchoolAssignment, SchoolAssignment.school_id),
    ]
    receipts = union_all(*parts).subquery()
    query = select(receipts.c.school_id, func.max(receipts.c.at)).group_by(receipts.c.school_id)
    return {school_id: as_utc(at) for school_id, at in connection.execute(query) if at is not None}


def assignments_on(connection: Connection, as_of: dt.date) -> list[tuple[str, str, str]]:
    """``(school id, curator's name, curator's store id)`` of every assignment holding on
    ``as_of`` (from that day, until the day before its end)."""
    query = select(
        SchoolAssignment.school_id,
        SchoolAssignment.curator_name,
        SchoolAssignment.curator_store_id,
    ).where(
        SchoolAssignment.deleted.is_(False),
        SchoolAssignment.assigned_from <= as_of,
        or_(SchoolAssignment.assigned_until.is_(None), SchoolAssignment.assigned_until > as_of),
    )
    return [tuple(row) for row in connection.execute(query)]  # type: ignore[misc]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_utc(value: Any) -> dt.datetime:
    """A stored UTC time read through an aggregate (SQLite gives it back as text)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
