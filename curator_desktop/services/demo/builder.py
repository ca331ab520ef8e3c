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
written in one transaction. A seeded curator (:class:`DemoCurator`: ``demo create --seed N``)
tells the same story with schools of its own, assigned to it, and a name of its own
(:mod:`~curator_desktop.services.demo.seeded`; a region of them: ``demo.region``).

This module adds the profile and the schools and runs the steps: ``risks``, ``visits`` (with
``answers`` and ``advice``), ``events`` (the curator's seminars and meetings),
``profiles`` (document reviews) and ``history`` (the change log
dated as the story goes); the content is data in ``resources/demo``, read by ``loading`` into
the classes of ``seeds``.
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
from curator_desktop.services.demo.events import add_events
from curator_desktop.services.demo.history import date_the_story
from curator_desktop.services.demo.loading import load_demo_seeds
from curator_desktop.services.demo.profiles import add_document_reviews
from curator_desktop.services.demo.risks import add_risk_profile, verify
from curator_desktop.services.demo.seeded import SeededSchool, numbered, seeded_school
from curator_desktop.services.demo.seeds import SchoolSeed
from curator_desktop.services.demo.selfdiag import add_selfdiag_demo
from curator_desktop.services.demo.visits import add_visits
from curator_desktop.services.profile.assignments import assign
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import ProfileRepository
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


@dataclass(frozen=True)
class DemoCurator:
    """A seeded curator of the demo region: ``seed`` decides the schools, visits and dates;
    ``name`` the curator's full name ("": one drawn from the seed)."""

    seed: int
    name: str = ""


FIRST_MONTHS_DONE = 5
"""From this month on the demo tells the current cycle; before it, the cycle before."""


def demo_cycle_year(today: dt.date) -> int:
    """The programme cycle year the demo tells on ``today``: the current one from May (its
    first visits, verification and documents done), else the previous one (whole)."""
    year = cycle_year(today)
    return year if today >= dt.date(year, FIRST_MONTHS_DONE, 1) else year - 1


def create_demo_store(
    db: Database,
    *,
    today: dt.date | None = None,
    seed: int = 2026,
    curator: DemoCurator | None = None,
) -> DemoSummary:
    """Fill an empty, migrated store with the demo data; refuse a store that has schools.
    ``curator``: a seeded curator of the demo region instead of the demo's own (its seed
    replaces ``seed``; see :mod:`~curator_desktop.services.demo.seeded`)."""
    today = today or dt.date.today()
    seeds = load_demo_seeds()
    store_id = ProfileRepository(db).store_id() if curator is not None else ""
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
            rng=random.Random(seed if curator is None else curator.seed),
            session=session,
            today=today,
            year=year,
            factors=list(session.exec(factors.order_by(RiskFactor.sort_order))),
            max_active=catalog.max_active_directions,
        )
        _add_profile(ctx, curator, store_id)
        schools = [
            _add_school(ctx, seed_, _seeded(curator, n, seed_, len(seeds.region.schools)))
            for n, seed_ in enumerate(seeds.region.schools)
        ]
        if curator is not None:
            _assign(ctx, schools, store_id)
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
        add_events(ctx, schools)
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


def _add_profile(ctx: DemoContext, seeded: DemoCurator | None, store_id: str) -> None:
    profile = ctx.session.exec(select(CuratorProfile)).first()
    ctx.names.add(ctx.curator)
    curator = asdict(ctx.seeds.people.curator)
    if seeded is not None:  # named by the caller, else by the seed; the store's own person
        name = seeded.name or ctx.person()
        ctx.names.add(name)
        ctx.owner = name
        domain = curator["email"].rpartition("@")[2]
        curator |= {"full_name": name, "email": f"curator{seeded.seed}@{domain}"}
        curator["store_id"] = store_id
    if profile is None:
        first = ctx.cycle_day(ctx.seeds.visits.cycle.schools_assigned, year=ctx.year - 1)
        ctx.add(CuratorProfile(**curator), "profile", day=first)  # before the oldest school
    elif not profile.full_name:
        for key, value in curator.items():
            setattr(profile, key, value)


def _seeded(
    curator: DemoCurator | None, index: int, school: SchoolSeed, schools: int
) -> SeededSchool | None:
    return None if curator is None else seeded_school(curator.seed, index, school, schools)


def _assign(ctx: DemoContext, schools: list[DemoSchool], store_id: str) -> None:
    """Assign the seeded curator to each school from the day it was assigned (a coordinator's
    store then lists the curators of a school by these)."""
    ctx.session.flush()
    for data in schools:
        day = data.school.created_at.astimezone().date()
        record = assign(ctx.session, data.school.id, ctx.curator, day, store_id=store_id)
        ctx.session.flush()
        ctx.date(record, day)


def _add_school(
    ctx: DemoContext, seed: SchoolSeed, seeded: SeededSchool | None = None
) -> DemoSchool:
    """The school of ``seed`` (for a seeded curator: with the identity and fields of
    ``seeded``, drawn from its own random source)."""
    if seeded is None:
        return _school_of(ctx, seed, None)
    story, ctx.rng = ctx.rng, seeded.rng()
    try:
        return _school_of(ctx, seed, seeded)
    finally:
        ctx.rng = story


def _school_of(ctx: DemoContext, seed: SchoolSeed, seeded: SeededSchool | None) -> DemoSchool:
    rng, region = ctx.rng, ctx.seeds.region
    municipality = region.municipalities[seed.municipality]
    village = seed.settlement == SettlementType.VILLAGE
    students = rng.randint(60, 190) if village else rng.randint(420, 920)
    completed = seed.status == SchoolStatus.COMPLETED
    cohort = None if seed.programme == Programme.MINPROS_SCHOOL else ctx.year - int(completed)
    assigned = ctx.cycle_day(
        ctx.seeds.visits.cycle.schools_assigned, year=ctx.year - int(completed)
    )
    prefix = region.region_tax_code + municipality.tax_office
    inn = make_inn(prefix + f"{seeded.inn_number:05d}") if seeded is not None else ""
    while not inn or inn in ctx.inns:  # a seeded school's number is unique in its store
        inn = make_inn(prefix + f"{rng.randint(0, 99999):05d}")
    ctx.inns.add(inn)
    full_name, short_name = seed.full_name, seed.short_name
    if seeded is not None:
        full_name = numbered(full_name, seeded.name_number)
        short_name = numbered(short_name, seeded.name_number)
    school = School(
        id=free_id(ctx.session, School, identity.school_id(inn)),
        full_name=full_name,
        short_name=short_name,
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
