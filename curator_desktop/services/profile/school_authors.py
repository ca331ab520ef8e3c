"""Who wrote what about one school: its visits, verified risk factors, recommendations,
documents, document reviews and reports, each with the curator who made it (the coordinator's
read-only card shows them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import col, select

from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    CuratorProfile,
    DocumentReview,
    GeneratedReport,
    Recommendation,
    RiskAssessment,
    SchoolDocument,
    Visit,
)

KINDS = ("visit", "verification", "recommendation", "document", "review", "report")
"""The kinds of authored record, in the order they are listed."""


@dataclass(frozen=True, slots=True)
class AuthoredRecord:
    """One record about a school and its author ("" when authorship was not kept)."""

    kind: str  # one of KINDS
    day: dt.date | None
    what: str
    author: str


def school_authorship(database: Database, school_id: str) -> list[AuthoredRecord]:
    """Every live authored record of ``school_id``, newest first within each kind."""
    with database.session() as session:
        names = {p.id: p.full_name for p in session.exec(select(CuratorProfile))}

        def author(author_id: str | None) -> str:
            return names.get(author_id or "", "")

        found: list[AuthoredRecord] = []
        visits = select(Visit).where(
            col(Visit.school_id) == school_id, col(Visit.deleted).is_(False)
        )
        for visit in session.exec(visits):
            day = visit.actual_date or visit.planned_date
            found.append(AuthoredRecord("visit", day, visit.purpose, author(visit.author_id)))
        risks = select(RiskAssessment).where(
            col(RiskAssessment.school_id) == school_id,
            col(RiskAssessment.deleted).is_(False),
            col(RiskAssessment.verdict).is_not(None),
        )
        for risk in session.exec(risks):
            found.append(
                AuthoredRecord(
                    "verification", risk.verified_on, risk.factor_code, author(risk.author_id)
                )
            )
        recommendations = select(Recommendation).where(
            col(Recommendation.school_id) == school_id, col(Recommendation.deleted).is_(False)
        )
        for item in session.exec(recommendations):
            found.append(
                AuthoredRecord("recommendation", item.deadline, item.text, author(item.author_id))
            )
        documents = select(SchoolDocument).where(
            col(SchoolDocument.school_id) == school_id, col(SchoolDocument.deleted).is_(False)
        )
        for document in session.exec(documents):
            found.append(
                AuthoredRecord("document", None, document.title, author(document.author_id))
            )
        reviews = select(DocumentReview).where(
            col(DocumentReview.school_id) == school_id, col(DocumentReview.deleted).is_(False)
        )
        for review in session.exec(reviews):
            day = review.reviewed_on or review.received_on
            found.append(AuthoredRecord("review", day, review.title, author(review.author_id)))
        reports = select(GeneratedReport).where(
            col(GeneratedReport.school_id) == school_id, col(GeneratedReport.deleted).is_(False)
        )
        for report in session.exec(reports):
            found.append(
                AuthoredRecord(
                    "report", report.generated_at.date(), report.title, author(report.author_id)
                )
            )
    order = {kind: index for index, kind in enumerate(KINDS)}
    found.sort(key=lambda r: (order[r.kind], -(r.day.toordinal() if r.day else 0)))
    return found
