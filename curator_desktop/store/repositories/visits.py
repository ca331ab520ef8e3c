"""Reading visits as list rows: filtered, searched and sorted by SQLite, fetched a page at a time.

A coordinator's store holds tens of thousands of visits, so the Visits page never filters in
Python: :class:`VisitQuery` describes a view (all, upcoming, overdue), its filters and its order;
:meth:`VisitRepository.search` returns only the ordered ids and :meth:`summaries_for` reads the
rows of the page on screen. Reading 50,000 whole rows takes ~0.4 s, their ordered ids ~70 ms.

«Open» visits are planned or in progress. Their due date is the planned date (the actual date
when no date was planned): an open visit is *upcoming* from its due date on (or while it has no
date) and *overdue* once the due date has passed, whatever its status says; unless it was
*carried out* by another visit: one of the same school and kind, completed, dated on or after
its due date (the curator made a new visit instead of opening the planned one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import RecommendationStatus, VisitStatus, VisitType
from curator_desktop.domain.summaries import VisitSummary
from curator_desktop.domain.text import normalize_search
from curator_desktop.domain.visits.filter import VisitFilter
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.query_parts import contains, directed, ranked
from curator_desktop.store.rows import in_id_order
from curator_desktop.store.tables import Recommendation, School, Visit

OPEN_STATUSES = (VisitStatus.PLANNED.value, VisitStatus.IN_PROGRESS.value)
"""Visits not completed yet: they are upcoming or overdue."""
_FOLD = "curator_fold"
"""The SQL name of :func:`normalize_search` (SQLite's own ``lower`` folds only ASCII)."""


class VisitScope(StrEnum):
    """Which visits a view shows before its filters."""

    ALL = "all"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"


class VisitSort(StrEnum):
    """The columns the visits list sorts by."""

    DATE = "date"
    SCHOOL = "school"
    TYPE = "type"
    STATUS = "status"
    PURPOSE = "purpose"


@dataclass(frozen=True)
class VisitQuery(VisitFilter):
    """A view of the visits list, its filters (see :class:`VisitFilter`) and its order.

    Without ``sort`` a view has its natural order: every visit newest first, open ones soonest
    (or longest overdue) first. Undated visits count as the farthest future.
    """

    scope: VisitScope = VisitScope.ALL
    sort: VisitSort | None = None
    descending: bool = False

    def unfiltered(self) -> VisitQuery:
        """The same view without search and filters (what «N of TOTAL» counts)."""
        return VisitQuery(scope=self.scope)

    def ordered(self) -> VisitQuery:
        """This query with its sort made explicit (the view's natural order when unset)."""
        if self.sort is not None:
            return self
        return replace(self, sort=VisitSort.DATE, descending=self.scope == VisitScope.ALL)


@dataclass(frozen=True)
class VisitSignals:
    """What needs the curator's attention: counters for the views of the Visits page."""

    upcoming: int
    overdue: int
    open_recommendations: int
    overdue_recommendations: int


def _date() -> Any:
    """The date a visit is listed under: when it happened, else when it is planned."""
    return func.coalesce(Visit.actual_date, Visit.planned_date)


def _due() -> Any:
    """When an open visit is due: the planned date, else the actual one."""
    return func.coalesce(Visit.planned_date, Visit.actual_date)


def _carried_out() -> Any:
    """An open visit done by another: of its school and kind, completed, on or after its due
    date (see the module)."""
    later = aliased(Visit)
    return (
        select(later.id)
        .where(
            col(later.school_id) == col(Visit.school_id),
            col(later.visit_type) == col(Visit.visit_type),
            col(later.id) != col(Visit.id),
            col(later.deleted).is_(False),
            col(later.status).not_in(OPEN_STATUSES),
            func.coalesce(later.actual_date, later.planned_date) >= _due(),
        )
        .exists()
    )


def _fold(column: Any) -> Any:
    return getattr(func, _FOLD)(column)


def _labelled_codes(enum: type[VisitType] | type[VisitStatus], word: str) -> list[str]:
    """Codes whose label (in the current language) contains ``word``."""
    return [member.value for member in enum if word in normalize_search(member.label)]


def _scope_conditions(scope: VisitScope, today: dt.date) -> list[Any]:
    if scope == VisitScope.UPCOMING:
        return [
            col(Visit.status).in_(OPEN_STATUSES),
            or_(_due().is_(None), _due() >= today),
            ~_carried_out(),
        ]
    if scope == VisitScope.OVERDUE:
        return [col(Visit.status).in_(OPEN_STATUSES), _due() < today, ~_carried_out()]
    return []


def _live() -> list[Any]:
    """Visits not deleted, of schools not deleted (few are: a small list SQLite builds once)."""
    deleted_schools = select(School.id).where(col(School.deleted).is_(True))
    return [col(Visit.deleted).is_(False), col(Visit.school_id).not_in(deleted_schools)]


def _conditions(query: VisitQuery, today: dt.date) -> list[Any]:
    conditions = _live() + _scope_conditions(query.scope, today)
    if query.school_id:
        conditions.append(col(Visit.school_id) == query.school_id)
    if query.visit_type:
        conditions.append(col(Visit.visit_type) == query.visit_type)
    if query.status:
        conditions.append(col(Visit.status) == query.status)
    if query.date_from:
        conditions.append(_date() >= query.date_from)
    if query.date_to:
        conditions.append(_date() <= query.date_to)
    for word in query.words:
        schools = select(School.id).where(contains(School.search_text, word))
        matches = [col(Visit.school_id).in_(schools), contains(_fold(Visit.purpose), word)]
        if types := _labelled_codes(VisitType, word):
            matches.append(col(Visit.visit_type).in_(types))
        if statuses := _labelled_codes(VisitStatus, word):
            matches.append(col(Visit.status).in_(statuses))
        conditions.append(or_(*matches))
    return conditions


def _order_keys(query: VisitQuery) -> tuple[list[tuple[Any, bool]], bool]:
    """``[(expression, follows the direction)]`` and whether the school must be joined."""
    newest_first = [(_date().is_(None).desc(), False), (_date().desc(), False)]
    match query.sort:
        case VisitSort.SCHOOL:
            return [(col(School.name_key), True), *newest_first], True
        case VisitSort.TYPE:
            return [(ranked(Visit.visit_type, VisitType), True), *newest_first], False
        case VisitSort.STATUS:
            return [(ranked(Visit.status, VisitStatus), True), *newest_first], False
        case VisitSort.PURPOSE:
            return [(_fold(Visit.purpose), True), *newest_first], False
        case _:
            return [(_date().is_(None), True), (_date(), True)], False


def _register_fold(session: Session) -> None:
    """Make :func:`normalize_search` callable from SQL on this session's connection."""
    connection = session.connection().connection.driver_connection
    connection.create_function(_FOLD, 1, normalize_search, deterministic=True)


class VisitRepository:
    """Queries about visits."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def count(self, query: VisitQuery | None = None, *, today: dt.date | None = None) -> int:
        """How many visits ``query`` finds (every visit when None)."""
        query = query or VisitQuery()
        statement = select(func.count()).select_from(Visit)
        statement = statement.where(*_conditions(query, today or dt.date.today()))
        with self._db.session() as session:
            _register_fold(session)
            return int(session.exec(statement).one())

    def search(self, query: VisitQuery, *, today: dt.date | None = None) -> list[str]:
        """The ids of the visits ``query`` finds, in its order (ties newest first, then by id)."""
        query = query.ordered()
        keys, join_school = _order_keys(query)
        statement = select(Visit.id).where(*_conditions(query, today or dt.date.today()))
        if join_school:
            statement = statement.join(School, col(School.id) == col(Visit.school_id))
        order_by = directed(keys, query.descending)
        with self._db.session() as session:  # Core rows: no ORM loading for a list of ids
            _register_fold(session)
            result = session.connection().execute(statement.order_by(*order_by, col(Visit.id)))
            return list(result.scalars())

    def summaries_for(self, ids: Sequence[str]) -> list[VisitSummary]:
        """Rows for ``ids`` in that order (one page of a search); unknown ids are left out."""
        with self._db.session() as session:
            return in_id_order(ids, lambda chunk: _rows(session, chunk))

    def summaries(
        self,
        query: VisitQuery | None = None,
        *,
        school_id: str | None = None,
        today: dt.date | None = None,
    ) -> list[VisitSummary]:
        """Whole lists (CLI, reports, tests): every visit ``query`` finds (newest first by
        default), optionally of one school."""
        query = query or VisitQuery()
        if school_id is not None:
            query = replace(query, school_id=school_id)
        return self.summaries_for(self.search(query, today=today))

    def signals(self, *, today: dt.date | None = None) -> VisitSignals:
        """Counts of upcoming and overdue visits and of open and overdue recommendations."""
        today = today or dt.date.today()

        def counted(condition: Any) -> Any:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        upcoming, overdue = (
            and_(*_scope_conditions(scope, today))
            for scope in (VisitScope.UPCOMING, VisitScope.OVERDUE)
        )
        visits = select(counted(upcoming), counted(overdue)).select_from(Visit).where(*_live())
        recommendations = (
            select(func.count(), counted(col(Recommendation.deadline) < today))
            .select_from(Recommendation)
            .join(School, col(School.id) == col(Recommendation.school_id))
            .where(  # as RecommendationRepository.open() lists them
                col(Recommendation.deleted).is_(False),
                col(Recommendation.status) == RecommendationStatus.OPEN.value,
            )
        )
        with self._db.session() as session:
            upcoming_count, overdue_count = session.exec(visits).one()
            open_count, late_count = session.exec(recommendations).one()
        return VisitSignals(
            upcoming=int(upcoming_count),
            overdue=int(overdue_count),
            open_recommendations=int(open_count),
            overdue_recommendations=int(late_count),
        )

    def school_choices(self) -> list[tuple[str, str, bool]]:
        """``(id, name, archived)`` of every school visits can be filtered by, in name order."""
        statement = (
            select(School.id, School.short_name, School.full_name, School.archived_at)
            .where(col(School.deleted).is_(False))
            .order_by(col(School.name_key), col(School.id))
        )
        with self._db.session() as session:
            rows = session.exec(statement).all()
        return [(sid, short or full, archived is not None) for sid, short, full, archived in rows]


def _rows(session: Session, ids: list[str]) -> dict[str, VisitSummary]:
    statement = (
        select(
            Visit.id,
            Visit.school_id,
            School.short_name,
            School.full_name,
            Visit.visit_type,
            Visit.status,
            Visit.planned_date,
            Visit.actual_date,
            Visit.purpose,
            and_(col(Visit.status).in_(OPEN_STATUSES), _carried_out()),
        )
        .join(School, col(School.id) == col(Visit.school_id))
        .where(col(Visit.id).in_(ids), col(Visit.deleted).is_(False))
    )
    return {
        visit_id: VisitSummary(
            id=visit_id,
            school_id=school_id,
            school_name=short_name or full_name,
            visit_type=visit_type,
            status=status,
            planned_date=planned,
            actual_date=actual,
            purpose=purpose,
            carried_out=bool(carried_out),
        )
        for (
            visit_id,
            school_id,
            short_name,
            full_name,
            visit_type,
            status,
            planned,
            actual,
            purpose,
            carried_out,
        ) in session.exec(statement).all()
    }
