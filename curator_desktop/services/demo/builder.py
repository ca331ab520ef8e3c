"""A demo store: deterministic synthetic data that shows a newcomer what the app holds.

One curator of an invented region with eight schools in three municipalities tells one «500+»
programme cycle year as it happens: the schools assigned in January, risk profiles published in
February, the first visits in February–March and the verification in March, documents in
April–May, the first monitoring stage in June, planned visits with observed lessons in the
autumn, the second stage in October–November and the final visits in December — plus a «Школа
Минпросвещения России» school and one that finished the project last year. Each record is
written on its day of the story (its change log too), so the past reads true «as of» any day.

The year is the cycle of ``today`` once its first months are done (from May), else the cycle
before (:func:`demo_cycle_year`): the story's days are fixed in the cycle, and ``today`` only
decides what has happened yet — a visit after today is planned, one today is in progress.
Opened in March 2027 the demo shows the whole 2026 cycle done; in December 2026 the same cycle
with its final visits under way.

The same ``today`` and ``seed`` always give the same store (timestamps aside, and ids but those
of schools and risk assessments, derived from their identity as everywhere). Everything is
written in one transaction. This module adds the profile and the schools and runs the steps:
``risks``, ``visits`` (with ``answers`` and ``advice``), ``profiles`` (document reviews) and
``history`` (the change log dated as the story goes); the content is data in ``resources/demo``,
read by ``loading`` into the classes of ``seeds``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass

from sqlalchemy import func
from sqlmodel import select

from curator_desktop.domain import identity
from curator_desktop.domain.enums import Programme, SchoolStatus, SettlementType
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.i18n import N_, _
from curator_desktop.services.catalogs.builtin import current_catalog_in, install_catalogs_in
from curator_desktop.services.demo.calendar import workday_after
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.services.demo.history import date_the_story
from curator_desktop.services.demo.loading import load_demo_seeds
from curator_desktop.services.demo.profiles import add_document_reviews
from curator_desktop.services.demo.risks import add_risk_profile, verify
from curator_desktop.services.demo.seeds import SchoolSeed
from curator_desktop.services.demo.selfdiag import add_selfdiag_demo
from curator_desktop.services.demo.visits import add_visits
from curator_desktop.store.database import Database
from curator_desktop.store.rows import free_id
from curator_desktop.store.tables import ChecklistTemplate, CuratorProfile, RiskFactor, School


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo store received."""

    schools: int
    municipalities: int
    risk_factors: int
    templates: int
    risk_assessments: int
    activated_directions: int
    visits: int
    participants: int
    lessons: int
    answers: int
    findings: int
    recommendations: int
    document_reviews: int
    evidence: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def __str__(self) -> str:
        labels = {
            "schools": N_("Schools"),
            "municipalities": N_("Municipalities"),
            "risk_assessments": N_("Risk assessments"),
            "visits": N_("Visits"),
            "lessons": N_("Observed lessons"),
            "answers": N_("Checklist answers"),
            "recommendations": N_("Recommendations"),
            "document_reviews": N_("Document reviews"),
        }
        return "\n".join(f"{_(label)}: {getattr(self, key)}" for key, label in labels.items())


FIRST_MONTHS_DONE = 5
"""From this month on the demo tells the current cycle; before it, the cycle before."""


def demo_cycle_year(today: dt.date) -> int:
    """The programme cycle year the demo tells on ``today``: the current one from May (its
    first visits, verification and documents done), else the previous one (whole)."""
    year = cycle_year(today)
    return year if today >= dt.date(year, FIRST_MONTHS_DONE, 1) else year - 1


def create_demo_store(
    db: Database, *, today: dt.date | None = None, seed: int = 2026
) -> DemoSummary:
    """Fill an empty, migrated store with the demo data; refuse a store that has schools."""
    today = today or dt.date.today()
    seeds = load_demo_seeds()
    with db.session() as session:
        existing = session.exec(
            select(func.count()).select_from(School).where(School.deleted == False)  # noqa: E712
        ).one()
        if existing:
            raise ValidationError(
                _("The demo data can only be created in an empty store; this one has schools.")
            )
        install_catalogs_in(session)
        catalog = current_catalog_in(session)
        if catalog is None:  # pragma: no cover - the built-in catalog was just installed
            raise ValidationError(_("No risk-factor catalog is installed."))
        query = select(ChecklistTemplate).where(ChecklistTemplate.source == "builtin")
        templates = {t.template_key for t in session.exec(query)}
        factors = select(RiskFactor).where(RiskFactor.catalog_id == catalog.id)
        year = demo_cycle_year(today)
        ctx = DemoContext(
            seeds=seeds,
            rng=random.Random(seed),
            session=session,
            today=today,
            year=year,
            factors=list(session.exec(factors.order_by(RiskFactor.sort_order))),
            max_active=catalog.max_active_directions,
        )
        _add_profile(ctx)
        schools = [_add_school(ctx, seed_) for seed_ in seeds.region.schools]
        for data in schools:
            if data.school.programme != Programme.SHNOR_500:
                continue  # «Школа Минпросвещения»: self-diagnosis, not a risk profile
            if data.school.status == SchoolStatus.ACTIVE:
                add_risk_profile(ctx, data, year)
            else:  # a school that finished the project: last year's verified profile
                add_risk_profile(ctx, data, year - 1)
                first = ctx.cycle_day(seeds.visits.cycle.verification[0], year=year - 1)
                verify(ctx, data, workday_after(first), None)
        add_visits(ctx, schools)
        ctx.settle()
        add_document_reviews(ctx, {d.seed.key: d for d in schools})
        # the ШМР school: rounds, decisions, an interview and consultations
        add_selfdiag_demo(session, today=today, stamp=ctx.date)
        ctx.settle()
        date_the_story(session, ctx.dated)
        counts = ctx.counts
        return DemoSummary(
            schools=counts.get("school", 0),
            municipalities=len({d.school.municipality for d in schools}),
            risk_factors=len(ctx.factors),
            templates=len(templates),
            risk_assessments=counts.get("assessment", 0),
            activated_directions=sum(len(d.activated) for d in schools),
            visits=counts.get("visit", 0),
            participants=counts.get("participant", 0),
            lessons=counts.get("lesson", 0),
            answers=counts.get("answer", 0),
            findings=counts.get("finding", 0),
            recommendations=counts.get("recommendation", 0),
            document_reviews=counts.get("document", 0),
            evidence=counts.get("evidence", 0),
        )


# --- people and schools -----------------------------------------------------------------------


def _phone(rng: random.Random, area: str) -> str:
    digits = 10 - len(area)
    number = str(rng.randint(2 * 10 ** (digits - 1), 10**digits - 1))
    return f"+7 ({area}) {number[:-4]}-{number[-4:-2]}-{number[-2:]}"


def _add_profile(ctx: DemoContext) -> None:
    profile = ctx.session.exec(select(CuratorProfile)).first()
    ctx.names.add(ctx.curator)
    curator = asdict(ctx.seeds.people.curator)
    if profile is None:
        first = ctx.cycle_day(ctx.seeds.visits.cycle.schools_assigned, year=ctx.year - 1)
        ctx.add(CuratorProfile(**curator), "profile", day=first)  # before the oldest school
    elif not profile.full_name:
        for key, value in curator.items():
            setattr(profile, key, value)


def _add_school(ctx: DemoContext, seed: SchoolSeed) -> DemoSchool:
    rng, region = ctx.rng, ctx.seeds.region
    municipality = region.municipalities[seed.municipality]
    village = seed.settlement == SettlementType.VILLAGE
    students = rng.randint(60, 190) if village else rng.randint(420, 920)
    completed = seed.status == SchoolStatus.COMPLETED
    cohort = None if seed.programme == Programme.MINPROS_SCHOOL else ctx.year - int(completed)
    assigned = ctx.cycle_day(
        ctx.seeds.visits.cycle.schools_assigned, year=ctx.year - int(completed)
    )
    inn = ""
    while not inn or inn in ctx.inns:
        inn = make_inn(
            region.region_tax_code + municipality.tax_office + f"{rng.randint(0, 99999):05d}"
        )
    ctx.inns.add(inn)
    school = School(
        id=free_id(ctx.session, School, identity.school_id(inn)),
        full_name=seed.full_name,
        short_name=seed.short_name,
        inn=inn,
        region=region.region,
        municipality=municipality.name,
        settlement_type=seed.settlement,
        address=seed.address,
        director_name=ctx.person(),
        director_phone=_phone(rng, municipality.area_code),
        director_email=f"{seed.key}@{region.mail_domain}",
        deputy_name=ctx.person(),
        deputy_phone=_phone(rng, municipality.area_code),
        deputy_email=f"{seed.key}.uvr@{region.mail_domain}",
        levels=list(seed.levels),
        students_count=students,
        students_ovz_count=max(1, round(students * rng.uniform(0.03, 0.12))),
        teachers_count=max(8, round(students / rng.uniform(11, 15))),
        programme=seed.programme,
        cohort_year=cohort,
        status=seed.status,
        notes=seed.notes,
    )
    ctx.add(school, "school", day=assigned)
    if seed.municipality not in ctx.coordinators:
        ctx.coordinators[seed.municipality] = ctx.person()
    coordinator = ctx.coordinators[seed.municipality]
    return DemoSchool(school, seed, coordinator, [], {}, [])
