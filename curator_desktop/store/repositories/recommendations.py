"""Reading recommendations: the open ones stay with their school until closed."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, case, func, or_
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import RecommendationStatus
from curator_desktop.domain.visits.records import RecommendationRecord
from curator_desktop.store.database import Database
from curator_desktop.store.record_columns import record_columns
from curator_desktop.store.tables import Recommendation, School, Visit

_RECOMMENDATION: Any = Recommendation.__table__  # type: ignore[attr-defined]


def _records_query() -> Any:
    """Live recommendations as their records' columns (with the visit's date and the school's
    name), joined once."""
    columns = record_columns(
        RecommendationRecord,
        _RECOMMENDATION,
        visit_date=func.coalesce(Visit.actual_date, Visit.planned_date),
        school_name=func.coalesce(func.nullif(School.short_name, ""), School.full_name),
    )
    return (
        select(*columns)
        .join(School, col(School.id) == col(Recommendation.school_id))
        .outerjoin(Visit, col(Visit.id) == col(Recommendation.visit_id))
        .where(col(Recommendation.deleted).is_(False))
    )


def _deadline_order() -> tuple[Any, ...]:
    """Earliest deadline first, none last."""
    deadline = col(Recommendation.deadline)
    return deadline.is_(None), deadline, col(Recommendation.created_at)


@cache
def _records_statement(by_school: bool, by_visit: bool, open_only: bool) -> Any:
    """Built once per combination of filters (their values are bound when it runs): building
    a statement costs more than SQLite takes to run it."""
    query = _records_query()
    if by_school:
        query = query.where(col(Recommendation.school_id) == bindparam("school_id"))
    if by_visit:
        query = query.where(col(Recommendation.visit_id) == bindparam("visit_id"))
    if open_only:
        query = query.where(col(Recommendation.status) == RecommendationStatus.OPEN)
    return query.order_by(*_deadline_order())


@cache
def _visit_statement() -> Any:
    """The visit's own recommendations, then the school's open ones not given by this visit."""
    visit = col(Recommendation.visit_id)
    own = visit == bindparam("visit_id")
    elsewhere_open = and_(
        col(Recommendation.school_id) == bindparam("school_id"),
        col(Recommendation.status) == RecommendationStatus.OPEN,
        or_(visit.is_(None), visit != bindparam("visit_id")),
    )
    return (
        _records_query()
        .where(or_(own, elsewhere_open))
        .order_by(case((own, 0), else_=1), *_deadline_order())
    )


def _records(rows: Iterable[Any]) -> list[RecommendationRecord]:
    # Plain columns, not ORM objects: a coordinator's store has tens of thousands of rows.
    return [RecommendationRecord(*row) for row in rows]


def recommendation_records_in(
    session: Session,
    *,
    school_id: str | None = None,
    visit_id: str | None = None,
    open_only: bool = False,
) -> list[RecommendationRecord]:
    """Recommendations (of one school or visit, or all): earliest deadline first, none last."""
    statement = _records_statement(school_id is not None, visit_id is not None, open_only)
    rows = session.exec(statement, params={"school_id": school_id, "visit_id": visit_id})
    return _records(rows)


def visit_recommendations_in(
    session: Session, visit_id: str, school_id: str
) -> list[RecommendationRecord]:
    """The visit's recommendations, then its school's open ones from elsewhere (other visits,
    none), each part earliest deadline first (one query)."""
    rows = session.exec(_visit_statement(), params={"visit_id": visit_id, "school_id": school_id})
    return _records(rows)


class RecommendationRepository:
    """Queries about recommendations."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def open(self, *, school_id: str | None = None) -> list[RecommendationRecord]:
        """Open recommendations of every school (or one), earliest deadline first."""
        with self._db.session() as session:
            return recommendation_records_in(session, school_id=school_id, open_only=True)

    def of_school(self, school_id: str) -> list[RecommendationRecord]:
        """Every recommendation a school was given, open and closed."""
        with self._db.session() as session:
            return recommendation_records_in(session, school_id=school_id)
