"""Reading roadmaps: documents, their items with links, and what an item can be linked to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import VisitStatus
from curator_desktop.domain.plan.links import (
    DOCUMENT,
    EVENT,
    LINK_TARGETS,
    REPORT,
    VERIFICATION,
    VISIT,
)
from curator_desktop.store.tables import (
    DocumentReview,
    GeneratedReport,
    RiskAssessment,
    RoadmapDocument,
    RoadmapItem,
    RoadmapLink,
    School,
    SchoolDocument,
    Visit,
)

TARGET_TYPES = LINK_TARGETS
FULFILLED_VISIT = frozenset(
    {VisitStatus.COMPLETED, VisitStatus.REPORT_GENERATED, VisitStatus.UPLOADED}
)


@dataclass(frozen=True)
class Target:
    """Something an item can be linked to: a visit, a school's verification, a report."""

    target_type: str
    target_id: str
    school: str
    day: dt.date | None
    title: str  # visit type / year / report title (raw codes; the UI labels them)
    fulfilled: bool


@dataclass(frozen=True)
class LinkRow:
    link_id: str
    item_id: str
    target: Target | None  # None when the target was deleted


def live(model: type) -> object:
    return col(model.deleted).is_(False)  # type: ignore[attr-defined]


def school_name() -> object:
    return func.coalesce(func.nullif(School.short_name, ""), School.full_name)


def documents(session: Session) -> list[RoadmapDocument]:
    query = select(RoadmapDocument).where(live(RoadmapDocument))
    return list(session.exec(query.order_by(col(RoadmapDocument.year).desc(), "title")))


def items(session: Session, document_id: str | None = None) -> list[RoadmapItem]:
    """Live items, of one document or all (hand-added ones have no document), in table order."""
    query = select(RoadmapItem).where(live(RoadmapItem))
    if document_id is not None:
        query = query.where(col(RoadmapItem.document_id) == document_id)
    order = (col(RoadmapItem.document_id), col(RoadmapItem.sort_order), col(RoadmapItem.number))
    return list(session.exec(query.order_by(*order)))


def _visits(session: Session, ids: Iterable[str] | None) -> list[Target]:
    query = (
        select(Visit.id, school_name(), Visit.actual_date, Visit.planned_date, Visit.visit_type)
        .add_columns(Visit.status)
        .join(School, col(School.id) == col(Visit.school_id))
        .where(live(Visit))
    )
    if ids is not None:
        query = query.where(col(Visit.id).in_(list(ids)))
    rows = session.exec(query.order_by(func.coalesce(Visit.actual_date, Visit.planned_date)))
    return [
        Target(VISIT, vid, name, actual or planned, kind, status in FULFILLED_VISIT)
        for vid, name, actual, planned, kind, status in rows
    ]


def _verifications(session: Session, ids: Iterable[str] | None) -> list[Target]:
    """One target per school and year: the assessment with the smallest id stands for it;
    fulfilled when every factor of that school and year has a verdict."""
    query = (
        select(
            func.min(RiskAssessment.id),
            school_name(),
            RiskAssessment.year,
            func.max(RiskAssessment.verified_on),
            func.count(RiskAssessment.id),
            func.count(RiskAssessment.verdict),
        )
        .join(School, col(School.id) == col(RiskAssessment.school_id))
        .where(live(RiskAssessment))
        .group_by(RiskAssessment.school_id, RiskAssessment.year)
    )
    targets = [
        Target(VERIFICATION, aid, name, verified, str(year), total > 0 and verdicts == total)
        for aid, name, year, verified, total, verdicts in session.exec(query)
    ]
    if ids is not None:
        wanted = set(ids)
        targets = [t for t in targets if t.target_id in wanted]
    return sorted(targets, key=lambda t: (t.title, t.school))


def _reports(session: Session, ids: Iterable[str] | None) -> list[Target]:
    query = (
        select(GeneratedReport.id, School.short_name, School.full_name, GeneratedReport.title)
        .add_columns(GeneratedReport.generated_at, GeneratedReport.document_number)
        .outerjoin(School, col(School.id) == col(GeneratedReport.school_id))
        .where(live(GeneratedReport))
    )
    if ids is not None:
        query = query.where(col(GeneratedReport.id).in_(list(ids)))
    rows = session.exec(query.order_by(col(GeneratedReport.generated_at)))
    return [
        Target(
            REPORT,
            rid,
            short or full or "",
            generated.date() if generated else None,
            f"{title} № {number}" if number else title,
            True,
        )
        for rid, short, full, title, generated, number in rows
    ]


def _documents(session: Session, ids: Iterable[str] | None) -> list[Target]:
    """A school's documents; fulfilled once a version is accepted (its title: the kind and
    the direction, ``kind:factor``; the UI labels them), dated by the latest acceptance."""
    accepted = (
        select(DocumentReview.document_id, func.max(DocumentReview.reviewed_on))
        .where(live(DocumentReview), col(DocumentReview.conclusion) == "accept")
        .group_by(DocumentReview.document_id)
    )
    accepted_on = {doc: day for doc, day in session.exec(accepted) if doc}
    query = (
        select(SchoolDocument.id, school_name(), SchoolDocument.kind, SchoolDocument.factor_code)
        .join(School, col(School.id) == col(SchoolDocument.school_id))
        .where(live(SchoolDocument))
    )
    if ids is not None:
        query = query.where(col(SchoolDocument.id).in_(list(ids)))
    return [
        Target(
            DOCUMENT,
            did,
            name,
            accepted_on.get(did),
            f"{kind}:{factor}" if factor else kind,
            did in accepted_on,
        )
        for did, name, kind, factor in session.exec(query.order_by(col(SchoolDocument.year)))
    ]


def _events(session: Session, ids: Iterable[str] | None) -> list[Target]:
    """Events the curator attends (#23); fulfilled once attended (the title: the topic)."""
    from curator_desktop.store.tables import CuratorEvent

    query = select(CuratorEvent).where(live(CuratorEvent))
    if ids is not None:
        query = query.where(col(CuratorEvent.id).in_(list(ids)))
    rows = session.exec(query.order_by(col(CuratorEvent.day)))
    return [Target(EVENT, e.id, "", e.day, e.topic, e.attendance == "attended") for e in rows]


_READERS = {
    VISIT: _visits,
    VERIFICATION: _verifications,
    REPORT: _reports,
    DOCUMENT: _documents,
    EVENT: _events,
}


def candidates(session: Session, target_type: str) -> list[Target]:
    """Everything of ``target_type`` an item could be linked to."""
    return _READERS[target_type](session, None)


def links(session: Session, item_ids: Iterable[str]) -> list[LinkRow]:
    """The live links of the items, each with its target (None when the target is gone)."""
    ids = list(item_ids)
    if not ids:
        return []
    query = select(RoadmapLink).where(live(RoadmapLink), col(RoadmapLink.item_id).in_(ids))
    rows = list(session.exec(query.order_by(col(RoadmapLink.created_at))))
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row.target_type, set()).add(row.target_id)
    found: dict[tuple[str, str], Target] = {}
    for target_type, target_ids in wanted.items():
        reader = _READERS.get(target_type)
        if reader is not None:
            for target in reader(session, target_ids):
                found[(target_type, target.target_id)] = target
    return [LinkRow(r.id, r.item_id, found.get((r.target_type, r.target_id))) for r in rows]


def item_links(session: Session, item_id: str) -> list[RoadmapLink]:
    """The live link rows of one item."""
    query = select(RoadmapLink).where(col(RoadmapLink.item_id) == item_id, live(RoadmapLink))
    return list(session.exec(query))
