"""Reading recommendations: the open ones stay with their school until closed."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import RecommendationStatus
from curator_desktop.domain.visit_records import RecommendationRecord
from curator_desktop.store.database import Database
from curator_desktop.store.tables import Recommendation, School, Visit

_RECORD_COLUMNS = (
    "id", "school_id", "visit_id", "factor_code", "text", "responsible", "deadline", "status",
    "closed_on", "progress_note",
)  # fmt: skip


def recommendation_records_in(
    session: Session,
    *,
    school_id: str | None = None,
    visit_id: str | None = None,
    open_only: bool = False,
) -> list[RecommendationRecord]:
    """Recommendations (of one school or visit, or all): earliest deadline first, none last."""
    query = (
        select(
            *(getattr(Recommendation, name) for name in _RECORD_COLUMNS),
            func.coalesce(Visit.actual_date, Visit.planned_date),
            func.coalesce(func.nullif(School.short_name, ""), School.full_name),
        )
        .join(School, col(School.id) == col(Recommendation.school_id))
        .outerjoin(Visit, col(Visit.id) == col(Recommendation.visit_id))
        .where(col(Recommendation.deleted).is_(False))
    )
    if school_id is not None:
        query = query.where(col(Recommendation.school_id) == school_id)
    if visit_id is not None:
        query = query.where(col(Recommendation.visit_id) == visit_id)
    if open_only:
        query = query.where(col(Recommendation.status) == RecommendationStatus.OPEN)
    query = query.order_by(
        col(Recommendation.deadline).is_(None),
        col(Recommendation.deadline),
        col(Recommendation.created_at),
    )
    # Plain columns, not ORM objects: a coordinator's store has tens of thousands of rows.
    return [
        RecommendationRecord(
            **dict(zip(_RECORD_COLUMNS, row[:-2], strict=True)),
            visit_date=row[-2],
            school_name=row[-1],
        )
        for row in session.exec(query).all()
    ]


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
