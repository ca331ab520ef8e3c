"""A demo store: deterministic synthetic data that shows a newcomer what the app holds.

One curator of an invented region with eight schools in three municipalities: risk profiles
verified as a curator would, visits of the year with their checklists, observed lessons,
findings, recommendations and document reviews. The same ``today`` and ``seed`` always give the
same store (timestamps aside, and ids but those of schools and risk assessments, derived from
their identity as everywhere). Everything is written in one transaction.

This module adds the profile and the schools and runs the steps: ``profiles`` (risk profiles,
document reviews), ``visits`` and ``answers``; the content is data in ``resources/demo``, read by
``loading`` into the classes of ``seeds``.
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
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.i18n import N_, _
from curator_desktop.services.catalogs.builtin import current_catalog_in, install_catalogs_in
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.services.demo.loading import load_demo_seeds
from curator_desktop.services.demo.profiles import (
    add_document_reviews,
    add_risk_profile,
    stamp_verification,
)
from curator_desktop.services.demo.seeds import SchoolSeed
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
        templates = {
            t.template_key: t for t in session.exec(query.order_by(ChecklistTemplate.version))
        }
        factors = select(RiskFactor).where(RiskFactor.catalog_id == catalog.id)
        year = today.year if today.month >= 5 else today.year - 1  # the cycle of the last months
        ctx = DemoContext(
            seeds=seeds,
            rng=random.Random(seed),
            session=session,
            today=today,
            year=year,
            templates=templates,
            factors=list(session.exec(factors.order_by(RiskFactor.sort_order))),
            max_active=catalog.max_active_directions,
        )
        _add_profile(ctx)
        schools = [_add_school(ctx, seed_) for seed_ in seeds.region.schools]
        for data in schools:
            if data.school.programme == Programme.SHNOR_500:
                if data.school.status == SchoolStatus.ACTIVE:
                    add_risk_profile(ctx, data, year)
                else:  # a school that finished the project: last year's verified profile
                    add_risk_profile(ctx, data, year - 1)
                    stamp_verification(ctx, data, dt.date(year - 1, 3, 20), None)
        add_visits(ctx, schools)
        add_document_reviews(ctx, {d.seed.key: d for d in schools})
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
        ctx.add(CuratorProfile(**curator), "profile")
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
    ctx.add(school, "school")
    if seed.municipality not in ctx.coordinators:
        ctx.coordinators[seed.municipality] = ctx.person()
    coordinator = ctx.coordinators[seed.municipality]
    return DemoSchool(school, seed, coordinator, [], {}, [])
