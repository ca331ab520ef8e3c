"""What the curator's interim / final report prints, read from the store in a few queries.

For each school of the report: its status in the programme on the «as of» day (a school that
had left is asked for no document), the visits held in the period by type, the risk profile of
the report's cycle year (levels at verification and now, activated directions), the antirisk
programmes, the monitoring stages, the state of its documents, the
recommendations given at the visits held with their state, and what the visits noted; then
totals across the schools, and what the curator adds (conclusions, best practices, who
approves). Everything is «as of» the earlier of the period's end and the day it is made: never a
state in the future. A frozen tree of plain values with labels in the current language.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from sqlmodel import Session, col, select

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.domain.enums import Programme, SchoolStatus, VisitType
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.domain.visits.records import READ_ONLY_STATUSES
from curator_desktop.i18n import _, current_language
from curator_desktop.services.reports.period.curator_texts import CuratorTexts
from curator_desktop.services.reports.period.document_states import (
    DocumentState,
    document_states_of,
)
from curator_desktop.services.reports.period.events_part import EventLine, events_of
from curator_desktop.services.reports.period.figures import DirectionTotal, Totals, totals_of
from curator_desktop.services.reports.period.monitoring import Monitoring, monitoring_of
from curator_desktop.services.reports.period.parts import (
    DocumentLine,
    Note,
    RecommendationLine,
    documents_of,
    notes_of,
    recommendations_of,
)
from curator_desktop.services.reports.period.programmes import (
    ProgrammeLine,
    accepted_programmes,
    programmes_for,
)
from curator_desktop.services.reports.period.risks import RiskPart, risks_of
from curator_desktop.services.reports.period.selfdiag_part import SelfdiagPart, selfdiag_parts
from curator_desktop.services.reports.period.standing import standings_of
from curator_desktop.services.reports.protocol.data import (
    CuratorInfo,
    SchoolHeader,
    curator_info,
    school_header,
)
from curator_desktop.services.selfdiag.programme import programmes_in
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, Visit

KINDS = ("interim", "final")

__all__ = [
    "CuratorTexts",
    "DirectionTotal",
    "DocumentLine",
    "Note",
    "PeriodReportData",
    "ProgrammeLine",
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
    programme: str
    """The school's programme (``500plus``, ``minpros_school``)."""
    status: str
    """The school's status in the programme on the «as of» day (``active``, ``completed``,
    ``withdrawn``)."""
    visits: tuple[VisitCount, ...]
    risks: RiskPart
    programmes: tuple[ProgrammeLine, ...]
    monitoring: Monitoring
    documents: tuple[DocumentLine, ...]
    recommendations: tuple[RecommendationLine, ...]
    positive: tuple[Note, ...]
    problems: tuple[Note, ...]
    findings: tuple[Note, ...]
    selfdiag: SelfdiagPart | None = None
    """«Школа Минпросвещения России»: the self-diagnosis told instead of a risk profile."""
    document_states: tuple[DocumentState, ...] = ()
    """Each expected or submitted document of the cycle year: status and ИС МЭДК upload (a
    school that had left: the submitted ones only)."""
    left_on: dt.date | None = None
    """The day the school completed the programme or withdrew, when the log has it."""

    @property
    def taking_part(self) -> bool:
        """The school took part in the programme on the «as of» day."""
        return self.status == SchoolStatus.ACTIVE

    @property
    def short_name(self) -> str:
        return self.school.short_name

    @property
    def keeps_risk_profile(self) -> bool:
        """A «500+» school, or any school with a risk profile (others have a self-diagnosis)."""
        return self.programme == Programme.SHNOR_500 or self.risks.year is not None

    @property
    def status_label(self) -> str:
        return SchoolStatus.label_for(self.status)

    @property
    def visit_counts(self) -> tuple[tuple[str, str, int], ...]:
        return tuple((v.visit_type, v.label, v.count) for v in self.visits)

    @property
    def visit_total(self) -> int:
        return sum(v.count for v in self.visits)

    def recommendations_in(self, state: str) -> int:
        """How many of the period's recommendations were in ``state`` on the «as of» day."""
        return sum(r.state == state for r in self.recommendations)


@dataclass(frozen=True)
class PeriodReportData:
    """The curator's report for a period across the chosen schools."""

    language: str
    kind: str
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date
    """The day the state is told as of: the period's end, or the day of making if earlier."""
    year: int
    """The programme's cycle year the report is about (that of the period's end)."""
    curator: CuratorInfo
    region: str
    schools: tuple[SchoolSection, ...]
    totals: Totals
    texts: CuratorTexts = field(default_factory=CuratorTexts)
    events: tuple[EventLine, ...] = ()
    """The events the curator attended in the period, up to the «as of» day (#23)."""


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


def collect(
    database: Database,
    date_from: dt.date,
    date_to: dt.date,
    *,
    kind: str = "interim",
    school_ids: list[str] | None = None,
    today: dt.date | None = None,
    conclusions: str = "",
    best_practices: str = "",
    approved_by: str | None = None,
) -> PeriodReportData:
    """The report's data for the period ``date_from``–``date_to`` (both included), as of the
    earlier of ``date_to`` and ``today`` (by default the computer's date).

    ``school_ids`` limits it to those schools (archived ones too); by default every school
    that is not archived. The curator's ``conclusions``, ``best_practices`` and ``approved_by``
    are printed as given (see :class:`CuratorTexts`). Raises :class:`ValidationError` for a bad
    period or kind and :class:`NotFoundError` for an unknown school.
    """
    if kind not in KINDS:
        raise ValidationError(_("Unknown kind of report “{kind}”.").format(kind=kind), field="kind")
    if date_from > date_to:
        raise ValidationError(_("The period ends before it starts."), field="date_to")
    as_of = min(date_to, today or dt.date.today())
    year = cycle_year(date_to)
    language = current_language()
    curator = curator_info(database)
    with database.session() as session:
        schools = _schools(session, school_ids)
        sections = _sections(session, schools, (date_from, date_to), as_of, year, kind, language)
        region = curator.region or next((s.region for s in schools if s.region), "")
        events = events_of(session, date_from, as_of, [s.id for s in schools])
    return PeriodReportData(
        language=language,
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        year=year,
        curator=curator,
        region=region,
        schools=tuple(sections),
        totals=totals_of(sections),
        texts=CuratorTexts(conclusions.strip(), best_practices.strip(), approved_by),
        events=events,
    )


def _sections(
    session: Session,
    schools: list[School],
    period: tuple[dt.date, dt.date],
    as_of: dt.date,
    year: int,
    kind: str,
    language: str,
) -> list[SchoolSection]:
    date_from, date_to = period
    ids = [s.id for s in schools]
    visits = _visits(session, ids, date_from, date_to)
    risks = risks_of(session, ids, year, language, as_of)
    documents = documents_of(session, ids, as_of)
    accepted = accepted_programmes(session, ids, as_of)
    states = document_states_of(session, ids, year, as_of)
    recommendations = recommendations_of(session, ids, date_from, date_to, as_of)
    monitoring, tabulated = monitoring_of(session, visits, every_stage=kind == "final")
    positive, problems, findings = notes_of(session, visits, tabulated=tabulated)
    by_school: dict[str, list[Visit]] = defaultdict(list)
    for visit in visits:
        by_school[visit.school_id].append(visit)
    standings = standings_of(session, schools, as_of)
    programmes = programmes_in(session, ids, year)  # a school's programme may change by year
    selfdiag = selfdiag_parts(
        session, [i for i in ids if programmes[i] == Programme.MINPROS_SCHOOL], as_of, language
    )
    sections = []
    for school in schools:
        school_docs = tuple(documents[school.id])
        standing = standings[school.id]
        school_states = states[school.id]
        if not standing.taking_part:  # a school that left is asked for nothing
            school_states = tuple(s for s in school_states if s.status != DocumentStatus.MISSING)
        sections.append(
            SchoolSection(
                school=replace(  # the programme of the report's year, not of today
                    school_header(school), programme=Programme.label_for(programmes[school.id])
                ),
                programme=programmes[school.id],
                status=standing.status,
                visits=_visit_counts(by_school[school.id]),
                risks=risks[school.id],
                programmes=programmes_for(
                    risks[school.id],
                    school_docs,
                    monitoring[school.id],
                    accepted=accepted,
                    school_id=school.id,
                    findings=findings[school.id],
                ),
                monitoring=monitoring[school.id],
                documents=school_docs,
                recommendations=tuple(recommendations[school.id]),
                positive=tuple(positive[school.id]),
                problems=tuple(problems[school.id]),
                findings=tuple(findings[school.id]),
                selfdiag=selfdiag.get(school.id),
                document_states=school_states,
                left_on=standing.left_on,
            )
        )
    return sections
