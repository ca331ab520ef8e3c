"""What surrounds a school's verification of one cycle year, for the protocol: who took part (the
people at the visits the verification rests on), the data the school provided for it (as the
primary visit recorded them), what answers each risk (the antirisk programme of the direction,
the curator's recommendations on the factor) and the catalog edition the factors come from.

The verification's visits are those its evidence cites (a visit, or the visit of an observed
lesson) and the primary visits of the cycle year (where a verification is made).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.answers import answer_text, localized
from curator_desktop.domain.checklists.items import iter_items
from curator_desktop.domain.documents import DocumentRecord, DocumentStatus
from curator_desktop.domain.enums import (
    DocumentType,
    RecommendationStatus,
    RiskLevel,
    VisitStatus,
    VisitType,
)
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.i18n import N_, _, format_date
from curator_desktop.services.catalogs.builtin import current_catalog_in
from curator_desktop.services.documents import documents_in
from curator_desktop.services.reports.visit.recommendations import status_text
from curator_desktop.store.repositories.recommendations import recommendation_records_in
from curator_desktop.store.tables import (
    ChecklistAnswer,
    LessonObservation,
    RiskEvidence,
    Visit,
    VisitParticipant,
)

SOURCES_ITEM = "profile.verification_sources"
"""The primary visit's item listing the data the school provides for the verification."""
CATALOG_SOURCES = {
    "builtin": N_("the list shipped with Curator Desktop"),
    "coordinator": N_("a file from the regional coordinator"),
}
"""A risk catalog's stored source → what the protocol says of it (translated when shown)."""


@dataclass(frozen=True)
class Participant:
    """A person present at the verification (as the visit recorded them)."""

    full_name: str
    position: str
    role: str


@dataclass(frozen=True)
class Advice:
    """A recommendation of the curator on a risk and its status on the protocol's day."""

    text: str
    status: str


@dataclass(frozen=True)
class FactorMeasures:
    """What answers one risk: the direction's antirisk programme and the curator's advice."""

    code: str
    name: str
    programme: str
    """The programme's title, version and state («not presented» for an activated direction
    without one, «—» for a risk not activated)."""
    advice: tuple[Advice, ...]


@dataclass(frozen=True)
class CatalogEdition:
    """The risk-factor catalog in force: its title, edition and where it came from."""

    title: str
    version: str
    source: str


@dataclass(frozen=True)
class _Visit:
    id: str
    visit_type: str
    day: Any
    template: dict[str, Any] | None


def _visits(session: Session, school_id: str, year: int, cited: set[str]) -> list[_Visit]:
    """The verification's visits: those cited as evidence, and the cycle's primary visits."""
    rows = session.exec(
        select(
            Visit.id,
            Visit.visit_type,
            Visit.actual_date,
            Visit.planned_date,
            Visit.template_snapshot,
        )
        .where(col(Visit.school_id) == school_id, col(Visit.deleted).is_(False))
        .where(col(Visit.status) != VisitStatus.PLANNED.value)
    )
    found = []
    for visit_id, visit_type, actual, planned, template in rows:
        day = actual or planned
        primary = visit_type == VisitType.PRIMARY.value and day is not None
        if visit_id in cited or (primary and cycle_year(day, visit_type=visit_type) == year):
            found.append(_Visit(visit_id, visit_type, day, template))
    return sorted(found, key=lambda v: (v.day is None, v.day, v.id))


def _cited_visits(session: Session, assessment_ids: Sequence[str]) -> set[str]:
    """The visits the verifications' evidence cites, directly or through an observed lesson."""
    if not assessment_ids:
        return set()
    rows = session.exec(
        select(RiskEvidence.visit_id, LessonObservation.visit_id)
        .outerjoin(LessonObservation, col(LessonObservation.id) == col(RiskEvidence.lesson_id))
        .where(col(RiskEvidence.assessment_id).in_(list(assessment_ids)))
        .where(col(RiskEvidence.deleted).is_(False))
    )
    return {visit_id for pair in rows for visit_id in pair if visit_id}


def participants(session: Session, visits: Sequence[_Visit]) -> tuple[Participant, ...]:
    """The people at the verification's visits, each once, in the order the visits name them."""
    order = {visit.id: index for index, visit in enumerate(visits)}
    rows = session.exec(
        select(VisitParticipant)
        .where(col(VisitParticipant.visit_id).in_(list(order)))
        .where(col(VisitParticipant.deleted).is_(False))
    ).all()
    rows = sorted(rows, key=lambda p: (order[p.visit_id], p.sort_order, p.created_at))
    seen: set[str] = set()
    people = []
    for row in rows:
        key = " ".join(row.full_name.casefold().split())
        if key and key not in seen:
            seen.add(key)
            people.append(Participant(row.full_name, row.position, row.role))
    return tuple(people)


def data_sources(session: Session, visits: Sequence[_Visit]) -> tuple[str, ...]:
    """The data the school provided for the verification, as the primary visits recorded it."""
    primary = {v.id: v for v in visits if v.visit_type == VisitType.PRIMARY.value and v.template}
    rows = session.exec(
        select(ChecklistAnswer.visit_id, ChecklistAnswer.value)
        .where(col(ChecklistAnswer.visit_id).in_(list(primary)))
        .where(col(ChecklistAnswer.item_key) == SOURCES_ITEM)
        .where(col(ChecklistAnswer.lesson_id).is_(None), col(ChecklistAnswer.deleted).is_(False))
    )
    sources: dict[str, None] = {}
    for visit_id, value in rows:
        items = {i["key"]: i for i in iter_items(primary[visit_id].template or {})}
        item = items.get(SOURCES_ITEM)
        if item is None or not isinstance(value, list):
            continue
        for choice in value:
            sources.setdefault(answer_text(item, [choice]))
    return tuple(sources)


def _programme_text(document: DocumentRecord) -> str:
    """The antirisk programme of a direction in one line: title, version, where it stands."""
    title = document.title or DocumentType.ANTIRISK_PROGRAMME.label
    version = document.latest_version
    if version is not None:
        title = _("{title}, version {version}").format(title=title, version=version.number)
    when = format_date(document.status_on) if document.status_on else ""
    status = document.status
    if status == DocumentStatus.UPLOADED:
        state = _("accepted, uploaded to IS MEDK on {date}").format(date=when)
    elif status == DocumentStatus.ACCEPTED:
        state = _("accepted on {date}").format(date=when) if when else _("accepted")
    elif status == DocumentStatus.REVISION:
        deadline = format_date(document.revision_deadline) if document.revision_deadline else "—"
        state = _("returned for revision, due {date}").format(date=deadline)
    else:
        state = _("under review")
    return f"{title}: {state}"


def measures(
    session: Session, school_id: str, year: int, factors: Iterable[Any], *, today: dt.date
) -> tuple[FactorMeasures, ...]:
    """For each factor that is a risk after verification or an activated direction: its
    antirisk programme of the cycle (its latest version and where it stands) and the curator's
    recommendations on it given in the cycle, each with its status on ``today`` (the protocol's
    day); a cancelled recommendation answers no risk and is left out."""
    programmes = {
        d.factor_code: d
        for d in documents_in(session, school_id, year)
        if d.kind == DocumentType.ANTIRISK_PROGRAMME and d.factor_code and d.present
    }
    advice: dict[str, list[Advice]] = {}
    for record in recommendation_records_in(session, school_id=school_id):
        day = record.visit_date
        if record.status == RecommendationStatus.CANCELLED.value:
            continue
        if record.factor_code and day is not None and cycle_year(day) == year:
            given = Advice(record.text, status_text(record, today))
            advice.setdefault(record.factor_code, []).append(given)
    answered = []
    for factor in factors:
        risky = factor.effective_level not in (None, RiskLevel.NONE.value)
        if not (risky or factor.activated):
            continue
        programme = programmes.get(factor.code)
        missing = _("not presented") if factor.activated else "—"
        answered.append(
            FactorMeasures(
                code=factor.code,
                name=factor.name,
                programme=_programme_text(programme) if programme else missing,
                advice=tuple(advice.get(factor.code, ())),
            )
        )
    return tuple(answered)


def catalog_edition(session: Session, language: str) -> CatalogEdition | None:
    """The catalog in force, named in ``language``, with its edition and source."""
    catalog = current_catalog_in(session)
    if catalog is None:
        return None
    title = localized({"ru": catalog.title_ru, "en": catalog.title_en}, lang=language)
    source = CATALOG_SOURCES.get(catalog.source)
    return CatalogEdition(title, catalog.version, _(source) if source else catalog.source)


def verification_visits(
    session: Session, school_id: str, year: int, assessment_ids: Sequence[str]
) -> list[_Visit]:
    """The visits the verification of ``year`` rests on, oldest first."""
    return _visits(session, school_id, year, _cited_visits(session, assessment_ids))
