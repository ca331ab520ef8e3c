"""Reading the curator's schools as list rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func
from sqlmodel import col, select

from curator_desktop.domain.risk import effective_level, highest_level
from curator_desktop.domain.summaries import SchoolSummary
from curator_desktop.store.database import Database
from curator_desktop.store.tables import Recommendation, RiskAssessment, School, Visit


class SchoolRepository:
    """Queries about schools."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def count(self, *, include_archived: bool = False) -> int:
        with self._db.session() as session:
            query = select(func.count()).select_from(School).where(col(School.deleted).is_(False))
            if not include_archived:
                query = query.where(col(School.archived_at).is_(None))
            return int(session.exec(query).one())

    def summaries(
        self, *, include_archived: bool = False, today: dt.date | None = None
    ) -> list[SchoolSummary]:
        """Every school with its next planned visit, open recommendations and highest risk."""
        today = today or dt.date.today()
        with self._db.session() as session:
            query = select(School).where(col(School.deleted).is_(False))
            if not include_archived:
                query = query.where(col(School.archived_at).is_(None))
            schools = session.exec(query.order_by(School.short_name, School.full_name)).all()
            next_visits = dict(
                session.exec(
                    select(Visit.school_id, func.min(Visit.planned_date))
                    .where(col(Visit.deleted).is_(False))
                    .where(col(Visit.status) == "planned")
                    .where(col(Visit.planned_date) >= today)
                    .group_by(Visit.school_id)
                ).all()
            )
            open_recs = dict(
                session.exec(
                    select(Recommendation.school_id, func.count())
                    .where(col(Recommendation.deleted).is_(False))
                    .where(col(Recommendation.status) == "open")
                    .group_by(Recommendation.school_id)
                ).all()
            )
            risks = self._highest_risks(session)
        return [
            SchoolSummary(
                id=school.id,
                full_name=school.full_name,
                short_name=school.short_name,
                inn=school.inn,
                municipality=school.municipality,
                programme=school.programme,
                cohort_year=school.cohort_year,
                status=school.status,
                archived=school.archived_at is not None,
                next_visit=next_visits.get(school.id),
                open_recommendations=int(open_recs.get(school.id, 0)),
                highest_risk=risks.get(school.id),
            )
            for school in schools
        ]

    @staticmethod
    def _highest_risks(session: object) -> dict[str, str | None]:
        """Per school, the highest verified level in its latest cycle year."""
        rows = session.exec(  # type: ignore[attr-defined]
            select(
                RiskAssessment.school_id,
                RiskAssessment.year,
                RiskAssessment.questionnaire_level,
                RiskAssessment.verdict,
                RiskAssessment.adjusted_level,
            ).where(col(RiskAssessment.deleted).is_(False))
        ).all()
        latest: dict[str, int] = {}
        for school_id, year, *_ in rows:
            latest[school_id] = max(year, latest.get(school_id, year))
        levels: dict[str, list[str | None]] = defaultdict(list)
        for school_id, year, questionnaire, verdict, adjusted in rows:
            if year == latest[school_id]:
                levels[school_id].append(effective_level(questionnaire, verdict, adjusted))
        return {school_id: highest_level(values) for school_id, values in levels.items()}
