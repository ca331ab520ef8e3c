"""The store queries of «Сегодня» that no repository has: each counts in SQL and reads only the
rows shown (a coordinator's store holds tens of thousands of visits and recommendations)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import RecommendationStatus, VisitStatus
from curator_desktop.store.documents_tables import DocumentVersion, SchoolDocument
from curator_desktop.store.repositories.roadmaps import school_name
from curator_desktop.store.repositories.visits import OPEN_STATUSES
from curator_desktop.store.roadmap_tables import RoadmapItem
from curator_desktop.store.tables import Recommendation, School, Visit


@dataclass(frozen=True)
class LateRecommendation:
    id: str
    school_id: str
    visit_id: str | None
    text: str
    responsible: str
    deadline: dt.date
    school: str


@dataclass(frozen=True)
class UnreportedVisit:
    id: str
    school_id: str
    visit_type: str
    purpose: str
    day: dt.date | None
    school: str


def _live_school() -> list[Any]:
    return [col(School.deleted).is_(False)]


def _counted_and_first(session: Session, query: Any, order: tuple[Any, ...], limit: int) -> Any:
    """How many rows ``query`` finds, and the first ``limit`` of them in ``order``."""
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(*order).limit(limit)).all()
    return int(total), rows


def late_recommendations(
    session: Session, today: dt.date, limit: int
) -> tuple[int, list[LateRecommendation]]:
    """Open recommendations whose deadline is before ``today``, earliest deadline first."""
    query = (
        select(
            Recommendation.id,
            Recommendation.school_id,
            Recommendation.visit_id,
            Recommendation.text,
            Recommendation.responsible,
            Recommendation.deadline,
            school_name(),
        )
        .join(School, col(School.id) == col(Recommendation.school_id))
        .where(
            col(Recommendation.deleted).is_(False),
            col(Recommendation.status) == RecommendationStatus.OPEN.value,
            col(Recommendation.deadline) < today,
            *_live_school(),
        )
    )
    order = (col(Recommendation.deadline), col(Recommendation.created_at), col(Recommendation.id))
    total, rows = _counted_and_first(session, query, order, limit)
    return total, [LateRecommendation(*row) for row in rows]


def unreported_visits(
    session: Session, since: dt.date, limit: int
) -> tuple[int, list[UnreportedVisit]]:
    """Completed visits held from ``since`` whose справка was not generated yet (generating it
    moves the visit to «report generated»; so does nothing else), the longest waiting first."""
    day = func.coalesce(Visit.actual_date, Visit.planned_date)
    query = (
        select(Visit.id, Visit.school_id, Visit.visit_type, Visit.purpose, day, school_name())
        .join(School, col(School.id) == col(Visit.school_id))
        .where(
            col(Visit.deleted).is_(False),
            col(Visit.status) == VisitStatus.COMPLETED.value,
            day >= since,
            *_live_school(),
        )
    )
    total, rows = _counted_and_first(session, query, (day, col(Visit.id)), limit)
    return total, [UnreportedVisit(*row) for row in rows]


def first_open_visit_after(session: Session, day: dt.date) -> tuple[str, dt.date, str] | None:
    """``(id, planned date, school)`` of the first open visit planned after ``day``."""
    query = (
        select(Visit.id, Visit.planned_date, school_name())
        .join(School, col(School.id) == col(Visit.school_id))
        .where(
            col(Visit.deleted).is_(False),
            col(Visit.status).in_(OPEN_STATUSES),
            col(Visit.planned_date) > day,
            *_live_school(),
        )
        .order_by(col(Visit.planned_date), col(Visit.id))
        .limit(1)
    )
    row = session.exec(query).first()
    return (row[0], row[1], row[2]) if row is not None else None


def store_has(session: Session) -> tuple[bool, bool]:
    """Whether the store holds a live school, and a live roadmap item."""
    school = select(School.id).where(*_live_school()).limit(1)
    item = select(RoadmapItem.id).where(col(RoadmapItem.deleted).is_(False)).limit(1)
    return session.exec(school).first() is not None, session.exec(item).first() is not None


def schools_with_versions(session: Session) -> list[str]:
    """Live schools, not archived, holding a document with a version received: the only ones
    whose documents can await a review or a revision (the documents worklist reads every
    school's expected documents, seconds in a store of thousands of schools)."""
    received = (
        select(SchoolDocument.school_id)
        .join(DocumentVersion, col(DocumentVersion.document_id) == col(SchoolDocument.id))
        .where(col(SchoolDocument.deleted).is_(False), col(DocumentVersion.deleted).is_(False))
    )
    query = select(School.id).where(
        *_live_school(), col(School.archived_at).is_(None), col(School.id).in_(received)
    )
    return list(session.exec(query.order_by(col(School.id))))
