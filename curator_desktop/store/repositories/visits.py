"""Reading visits as list rows."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import col, select

from curator_desktop.domain.summaries import VisitSummary
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, Visit


class VisitRepository:
    """Queries about visits."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def count(self) -> int:
        with self._db.session() as session:
            query = select(func.count()).select_from(Visit).where(col(Visit.deleted).is_(False))
            return int(session.exec(query).one())

    def summaries(self, *, school_id: str | None = None) -> list[VisitSummary]:
        """Visits, newest first, with their school's short name."""
        with self._db.session() as session:
            query = (
                select(Visit, School.short_name, School.full_name)
                .join(School, col(School.id) == col(Visit.school_id))
                .where(col(Visit.deleted).is_(False))
            )
            if school_id:
                query = query.where(col(Visit.school_id) == school_id)
            rows = session.exec(
                query.order_by(func.coalesce(Visit.actual_date, Visit.planned_date).desc())
            ).all()
        return [
            VisitSummary(
                id=visit.id,
                school_id=visit.school_id,
                school_name=short_name or full_name,
                visit_type=visit.visit_type,
                status=visit.status,
                planned_date=visit.planned_date,
                actual_date=visit.actual_date,
                purpose=visit.purpose,
            )
            for visit, short_name, full_name in rows
        ]
