"""What the risk-profile verification protocol prints, read from the store in one go.

A frozen tree of plain values (labels already in the current language, dates as dates) built
from the school, the curator's profile, :class:`RiskProfileService`'s profile of the year and
what surrounds the verification (:mod:`.context`: participants, data sources, measures, the
catalog edition).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import col, select

from curator_desktop.domain.enums import Programme, RiskLevel, Verdict
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.i18n import _, current_language
from curator_desktop.services.reports.protocol.context import (
    CatalogEdition,
    FactorMeasures,
    Participant,
    catalog_edition,
    data_sources,
    measures,
    participants,
    verification_visits,
)
from curator_desktop.services.risk.profiles import FactorRow, RiskProfileService
from curator_desktop.services.selfdiag.programme import risk_profile_refusal
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import author_in, profile_in
from curator_desktop.store.tables import RiskAssessment, School


@dataclass(frozen=True)
class SchoolHeader:
    """The school as the header of a report names it."""

    id: str
    full_name: str
    short_name: str
    region: str
    programme: str
    """The programme's label («500+»)."""
    inn: str
    municipality: str
    director_name: str


@dataclass(frozen=True)
class CuratorInfo:
    """The curator who signs the report."""

    full_name: str
    position: str
    organisation: str
    region: str


@dataclass(frozen=True)
class ProtocolFactor:
    """One row of the protocol's table."""

    code: str
    name: str
    questionnaire_level: str
    """Stored code (``high`` … ``none``); the label is ``questionnaire_label``."""
    questionnaire_label: str
    verdict: str | None
    verdict_label: str
    adjusted_label: str
    """The level after verification (a rejected risk: «risk not identified»; «—» before)."""
    effective_level: str | None
    """The level after verification (``None``: not verified yet)."""
    justification: str
    evidence: tuple[str, ...]
    activated: bool
    verified_on: dt.date | None
    medk_entered_on: dt.date | None
    medk_entered: bool

    # What risk_chart.ChartRow reads: the name is already in the report's language.
    @property
    def name_ru(self) -> str:
        return self.name

    @property
    def name_en(self) -> str:
        return self.name


@dataclass(frozen=True)
class ProtocolReportData:
    """Everything the protocol prints about one school's risk profile of one cycle year."""

    language: str
    year: int
    school: SchoolHeader
    curator: CuratorInfo
    factors: tuple[ProtocolFactor, ...]
    max_directions: int
    participants: tuple[Participant, ...] = ()
    """The people present at the verification's visits."""
    sources: tuple[str, ...] = ()
    """The data the school provided for the verification (from the primary visit)."""
    measures: tuple[FactorMeasures, ...] = ()
    """What answers each risk: its antirisk programme, the curator's recommendations."""
    catalog: CatalogEdition | None = None
    measures_as_of: dt.date | None = None
    """The day the measures' state is told as of (the day the protocol is made)."""

    @property
    def activated(self) -> tuple[ProtocolFactor, ...]:
        """The directions the school activated, in catalog order."""
        return tuple(f for f in self.factors if f.activated)

    @property
    def verified(self) -> tuple[ProtocolFactor, ...]:
        """The factors that have a verdict."""
        return tuple(f for f in self.factors if f.verdict)

    @property
    def verified_from(self) -> dt.date | None:
        dates = [f.verified_on for f in self.factors if f.verified_on]
        return min(dates) if dates else None

    @property
    def verified_to(self) -> dt.date | None:
        dates = [f.verified_on for f in self.factors if f.verified_on]
        return max(dates) if dates else None

    @property
    def medk_entered(self) -> tuple[ProtocolFactor, ...]:
        """The factors whose verification was entered in ИС МЭДК."""
        return tuple(f for f in self.factors if f.medk_entered)

    @property
    def medk_entered_on(self) -> dt.date | None:
        dates = [f.medk_entered_on for f in self.factors if f.medk_entered_on]
        return max(dates) if dates else None


def keep_number(text: str) -> str:
    """«№ 5» never split across lines (a no-break space after the sign)."""
    return text.replace("№ ", "№\u00a0")


def school_header(school: School) -> SchoolHeader:
    """A school's header fields, the programme as its label."""
    return SchoolHeader(
        id=school.id,
        full_name=keep_number(school.full_name),
        short_name=keep_number(school.short_name or school.full_name),
        region=school.region,
        programme=Programme.label_for(school.programme),
        inn=school.inn,
        municipality=school.municipality,
        director_name=school.director_name,
    )


def curator_info(
    database: Database, *, school_id: str | None = None, year: int | None = None
) -> CuratorInfo:
    """Who signs: for a school's year, the author of its latest verification; otherwise (or when
    that is not known) the store owner's profile. Empty fields before the first-run dialog."""
    with database.session() as session:
        profile = None
        if school_id is not None and year is not None:
            author_id = session.exec(
                select(RiskAssessment.author_id)
                .where(col(RiskAssessment.school_id) == school_id)
                .where(col(RiskAssessment.year) == year)
                .where(col(RiskAssessment.deleted).is_(False))
                .where(col(RiskAssessment.verdict).is_not(None))
                .order_by(col(RiskAssessment.updated_at).desc())
            ).first()
            profile = author_in(session, author_id)
        profile = profile or profile_in(session)
        if profile is None:
            return CuratorInfo("", "", "", "")
        return CuratorInfo(
            profile.full_name, profile.position, profile.organisation, profile.region
        )


def _factor(row: FactorRow, language: str) -> ProtocolFactor:
    verified = row.effective_level  # worded as the справка and the period reports word it
    return ProtocolFactor(
        code=row.code,
        name=row.name_in(language),
        questionnaire_level=row.questionnaire_level,
        questionnaire_label=RiskLevel.label_for(row.questionnaire_level),
        verdict=row.verdict,
        verdict_label=Verdict.label_for(row.verdict) if row.verdict else _("Not verified"),
        adjusted_label=RiskLevel.label_for(verified) if verified else "—",
        effective_level=row.effective_level,
        justification=row.justification.strip(),
        evidence=tuple(e.label for e in row.evidence),
        activated=row.activated,
        verified_on=row.verified_on,
        medk_entered_on=row.medk_entered_on,
        medk_entered=row.medk_entered,
    )


def collect(
    database: Database, school_id: str, year: int, *, today: dt.date | None = None
) -> ProtocolReportData:
    """The protocol's data for ``school_id`` in the cycle year ``year``, its measures as of
    ``today`` (None: the calendar's today).

    Raises :class:`NotFoundError` for an unknown school or a year without a risk profile.
    """
    with database.session() as session:
        school = session.get(School, school_id)
        if school is None or school.deleted:
            raise NotFoundError(_("The school was not found."))
        header = school_header(school)
        started = session.exec(
            select(RiskAssessment.id)
            .where(col(RiskAssessment.school_id) == school_id)
            .where(col(RiskAssessment.year) == year)
            .where(col(RiskAssessment.deleted).is_(False))
        ).first()
        refusal = risk_profile_refusal(session, school, year) if started is None else None
    if refusal is not None:  # «Школа Минпросвещения»: a self-diagnosis, not a risk profile
        raise refusal
    if started is None:
        raise NotFoundError(
            _("{school} has no risk profile for {year}.").format(
                school=header.short_name, year=year
            )
        )
    service = RiskProfileService(database, today=today)
    language = current_language()
    rows = service.profile(school_id, year)
    factors = tuple(_factor(row, language) for row in rows)
    assessment_ids = [row.assessment_id for row in rows if row.assessment_id]
    with database.session() as session:
        visits = verification_visits(session, school_id, year, assessment_ids)
        people = participants(session, visits)
        sources = data_sources(session, visits)
        today = service.today()
        answers = measures(session, school_id, year, factors, today=today)
        catalog = catalog_edition(session, language)
    return ProtocolReportData(
        language=language,
        year=year,
        school=header,
        curator=curator_info(database, school_id=school_id, year=year),
        factors=factors,
        max_directions=service.max_active_directions(),
        participants=people,
        sources=sources,
        measures=answers,
        catalog=catalog,
        measures_as_of=today,
    )
