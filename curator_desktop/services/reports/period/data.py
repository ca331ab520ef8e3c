"""What the curator's interim / final report prints, read from the store in a few queries.

For each school of the report: the visits held in the period by type, the risk profile of the
cycle year in force (verified risks, activated directions), the state of its documents at the
period's end, the recommendations given in the period with their state at its end, and what the
visits noted (positive changes, problems); then totals across the schools. Everything is a
frozen tree of plain values with labels in the current language.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.visits.records import READ_ONLY_STATUSES
from curator_desktop.i18n import _, current_language
from curator_desktop.services.reports.period.parts import (
    DocumentLine,
    Note,
    RecommendationLine,
    RiskPart,
    documents_of,
    notes_of,
    recommendations_of,
    risks_of,
)
from curator_desktop.services.reports.protocol.data import (
    CuratorInfo,
    SchoolHeader,
    curator_info,
    school_header,
)
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, Visit

KINDS = ("interim", "final")

__all__ = [
    "DirectionTotal",
    "DocumentLine",
    "Note",
    "PeriodReportData",
    "RecommendationLine",
    "RiskPart",
    "SchoolSection",
    "Totals",
    "VisitCount",
    "collect",
]


@dataclass(frozen=True)
class VisitCount:
    """The visits of one type held at a school in the period."""

    visit_type: str
    label: str
    dates: tuple[dt.date, ...]

    @property
    def count(self) -> int:
        return len(self.dates)


@dataclass(frozen=True)
class SchoolSection:
    """One school's part of the report."""

    school: SchoolHeader
    visits: tuple[VisitCount, ...]
    risks: RiskPart
    documents: tuple[DocumentLine, ...]
    recommendations: tuple[RecommendationLine, ...]
    positive: tuple[Note, ...]
    problems: tuple[Note, ...]
    findings: tuple[Note, ...]

    @property
    def visit_total(self) -> int:
        return sum(v.count for v in self.visits)

    def recommendations_in(self, state: str) -> int:
        """How many of the period's recommendations were in ``state`` at its end."""
        return sum(r.state == state for r in self.recommendations)


@dataclass(frozen=True)
class DirectionTotal:
    """A risk direction and the schools that activated it."""

    code: str
    name: str
    schools: tuple[str, ...]


@dataclass(frozen=True)
class Totals:
    """Figures across every school of the report."""

    schools: int
    visits: tuple[tuple[str, str, int], ...]
    """(visit type, label, count) for each type held at least once, in the enum's order."""
    recommendations_given: int
    recommendations_done: int
    recommendations_overdue: int
    recommendations_open: int
    recommendations_cancelled: int
    documents_accepted: int
    documents_to_revise: int
    directions: tuple[DirectionTotal, ...]

    @property
    def visit_total(self) -> int:
        return sum(count for _type, _label, count in self.visits)


@dataclass(frozen=True)
class PeriodReportData:
    """The curator's report for a period across the chosen schools."""

    language: str
    kind: str
    date_from: dt.date
    date_to: dt.date
    curator: CuratorInfo
    region: str
    schools: tuple[SchoolSection, ...]
    totals: Totals


def _schools(session: Session, school_ids: list[str] | None) -> list[School]:
    query = select(School).where(col(School.deleted).is_(False))
    if school_ids is None:
        query = query.where(col(School.archived_at).is_(None))
    else:
        query = query.where(col(School.id).in_(school_ids))
    schools = list(session.exec(query.order_by(col(School.name_key), col(School.id))))
    if school_ids is not None:
        missing = set(school_ids) - {s.id for s in schools}
        if missing:
            raise NotFoundError(
                _("The school was not found: {ids}.").format(ids=", ".join(sorted(missing)))
            )
    return schools


def _visits(
    session: Session, school_ids: list[str], date_from: dt.date, date_to: dt.date
) -> list[Visit]:
    """The visits held (completed or later) in the period, by date."""
    query = (
        select(Visit)
        .where(col(Visit.school_id).in_(school_ids))
        .where(col(Visit.deleted).is_(False))
        .where(col(Visit.status).in_([s.value for s in READ_ONLY_STATUSES]))
    )
    held = [v for v in session.exec(query) if date_from <= _date(v) <= date_to]
    return sorted(held, key=lambda v: (_date(v), v.id))


def _date(visit: Visit) -> dt.date:
    return visit.actual_date or visit.planned_date or visit.created_at.date()


def _visit_counts(visits: list[Visit]) -> tuple[VisitCount, ...]:
    by_type: dict[str, list[dt.date]] = defaultdict(list)
    for visit in visits:
        by_type[visit.visit_type].append(_date(visit))
    order = [t.value for t in VisitType] + sorted(set(by_type) - {t.value for t in VisitType})
    return tuple(
        VisitCount(t, VisitType.label_for(t), tuple(by_type[t])) for t in order if t in by_type
    )


def _totals(sections: list[SchoolSection]) -> Totals:
    visits: Counter[str] = Counter()
    labels: dict[str, str] = {}
    directions: dict[str, tuple[str, list[str]]] = {}
    states: Counter[str] = Counter()
    conclusions: Counter[str] = Counter()
    for section in sections:
        for count in section.visits:
            visits[count.visit_type] += count.count
            labels[count.visit_type] = count.label
        for rec in section.recommendations:
            states[rec.state] += 1
        for doc in section.documents:
            conclusions[doc.conclusion or ""] += 1
        for risk in section.risks.activated:
            directions.setdefault(risk.code, (risk.name, []))[1].append(section.school.short_name)
    order = {code: n for n, code in enumerate(t.value for t in VisitType)}
    return Totals(
        schools=len(sections),
        visits=tuple(
            (t, labels[t], visits[t]) for t in sorted(visits, key=lambda t: order.get(t, 99))
        ),
        recommendations_given=sum(states.values()),
        recommendations_done=states["done"],
        recommendations_overdue=states["overdue"],
        recommendations_open=states["open"],
        recommendations_cancelled=states["cancelled"],
        documents_accepted=conclusions["accept"],
        documents_to_revise=conclusions["revise"],
        directions=tuple(
            DirectionTotal(code, name, tuple(schools))
            for code, (name, schools) in sorted(directions.items())
        ),
    )


def collect(
    database: Database,
    date_from: dt.date,
    date_to: dt.date,
    *,
    kind: str = "interim",
    school_ids: list[str] | None = None,
) -> PeriodReportData:
    """The report's data for the period ``date_from``–``date_to`` (both included).

    ``school_ids`` limits it to those schools (archived ones too); by default every school
    that is not archived. Raises :class:`ValidationError` for a bad period or kind and
    :class:`NotFoundError` for an unknown school.
    """
    if kind not in KINDS:
        raise ValidationError(_("Unknown kind of report “{kind}”.").format(kind=kind), field="kind")
    if date_from > date_to:
        raise ValidationError(_("The period ends before it starts."), field="date_to")
    language = current_language()
    curator = curator_info(database)
    with database.session() as session:
        schools = _schools(session, school_ids)
        ids = [s.id for s in schools]
        visits = _visits(session, ids, date_from, date_to)
        risks = risks_of(session, ids, date_to.year, language)
        documents = documents_of(session, ids, date_to)
        recommendations = recommendations_of(session, ids, date_from, date_to)
        positive, problems, findings = notes_of(session, visits)
        by_school: dict[str, list[Visit]] = defaultdict(list)
        for visit in visits:
            by_school[visit.school_id].append(visit)
        sections = [
            SchoolSection(
                school=school_header(school),
                visits=_visit_counts(by_school[school.id]),
                risks=risks[school.id],
                documents=tuple(documents[school.id]),
                recommendations=tuple(recommendations[school.id]),
                positive=tuple(positive[school.id]),
                problems=tuple(problems[school.id]),
                findings=tuple(findings[school.id]),
            )
            for school in schools
        ]
        region = curator.region or next((s.region for s in schools if s.region), "")
    return PeriodReportData(
        language=language,
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        curator=curator,
        region=region,
        schools=tuple(sections),
        totals=_totals(sections),
    )
