"""A demo store: deterministic synthetic data that shows a newcomer what the app holds.

One curator of an invented region with eight schools in three municipalities: risk profiles
verified as a curator would, visits of the year with their checklists, observed lessons,
findings, recommendations and document reviews. The same ``today`` and ``seed`` always give the
same store (ids and timestamps aside). Everything is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from curator_desktop.domain.enums import (
    DocumentType,
    Programme,
    RecommendationStatus,
    ReviewConclusion,
    RiskLevel,
    SchoolStatus,
    SettlementType,
    Verdict,
    VisitStatus,
    VisitType,
)
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.inn import make_inn
from curator_desktop.i18n import N_, _
from curator_desktop.services.catalogs import (
    condition_holds,
    current_catalog_in,
    install_catalogs_in,
    iter_items,
)
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChecklistAnswer,
    ChecklistTemplate,
    CuratorProfile,
    DocumentReview,
    LessonObservation,
    Recommendation,
    RiskAssessment,
    RiskEvidence,
    RiskFactor,
    School,
    Visit,
    VisitFinding,
    VisitParticipant,
)

MSK = dt.timezone(dt.timedelta(hours=3))
YES_NO_WEIGHTS = {"yes": 68, "partly": 20, "no": 9, "na": 3}
SCALE_WEIGHTS = (10, 40, 50)
_PARENT_KINDS = frozenset({"school", "assessment", "visit", "lesson"})
_VERDICTS = (Verdict.CONFIRMED, Verdict.ADJUSTED, Verdict.REJECTED)
VERDICT_WEIGHTS = {
    "high": (70, 20, 10),
    "medium": (70, 20, 10),
    "low": (60, 25, 15),
    "none": (90, 10, 0),
}
"""How often a curator confirms, adjusts or rejects a questionnaire level."""


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


@dataclass
class _Ctx:
    """What is built so far, shared by the steps."""

    rng: random.Random
    session: Session
    today: dt.date
    year: int
    templates: dict[str, ChecklistTemplate]
    factors: list[RiskFactor]
    max_active: int
    curator: str = "Соколова Марина Викторовна"
    names: set[str] = field(default_factory=set)
    inns: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    coordinators: dict[str, str] = field(default_factory=dict)
    lessons: list[tuple[str, ...]] = field(default_factory=list)
    past_deadlines: int = 0

    def add(self, record: Any, kind: str) -> Any:
        """Add ``record``; parents are flushed at once (tables have no ORM relationships, so
        the unit of work would not know to insert them before their children)."""
        self.session.add(record)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind in _PARENT_KINDS:
            self.session.flush()
        return record


@dataclass
class _SchoolData:
    school: School
    seed: _SchoolSeed
    coordinator: str
    activated: list[str]
    assessments: dict[str, RiskAssessment]
    visits: list[Visit]


def create_demo_store(
    db: Database, *, today: dt.date | None = None, seed: int = 2026
) -> DemoSummary:
    """Fill an empty, migrated store with the demo data; refuse a store that has schools."""
    today = today or dt.date.today()
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
        ctx = _Ctx(
            rng=random.Random(seed),
            session=session,
            today=today,
            year=year,
            templates=templates,
            factors=list(session.exec(factors.order_by(RiskFactor.sort_order))),
            max_active=catalog.max_active_directions,
        )
        _add_profile(ctx)
        schools = [_add_school(ctx, seed_) for seed_ in SCHOOLS]
        for data in schools:
            if data.school.programme == Programme.SHNOR_500:
                if data.school.status == SchoolStatus.ACTIVE:
                    _add_risk_profile(ctx, data, year)
                else:  # a school that finished the project: last year's verified profile
                    _add_risk_profile(ctx, data, year - 1)
                    _stamp_verification(ctx, data, dt.date(year - 1, 3, 20), None)
        _add_visits(ctx, schools)
        _add_document_reviews(ctx, {d.seed.key: d for d in schools})
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


def _person(ctx: _Ctx, *, female: bool | None = None) -> str:
    """A fresh Russian full name (surname, name, patronymic), never used before in this store."""
    rng = ctx.rng
    while True:
        is_female = rng.random() < 0.8 if female is None else female
        surname = rng.choice(SURNAMES) + ("а" if is_female else "")
        first = rng.choice(FEMALE_NAMES if is_female else MALE_NAMES)
        patronymic = rng.choice(PATRONYMICS) + ("на" if is_female else "ич")
        name = f"{surname} {first} {patronymic}"
        if name not in ctx.names:
            ctx.names.add(name)
            return name


def _short(full_name: str) -> str:
    """«Соколова М. В.» from «Соколова Марина Викторовна»."""
    surname, first, patronymic = full_name.split()
    return f"{surname} {first[0]}. {patronymic[0]}."


def _phone(rng: random.Random, area: str) -> str:
    digits = 10 - len(area)
    number = str(rng.randint(2 * 10 ** (digits - 1), 10**digits - 1))
    return f"+7 ({area}) {number[:-4]}-{number[-4:-2]}-{number[-2:]}"


def _add_profile(ctx: _Ctx) -> None:
    profile = ctx.session.exec(select(CuratorProfile)).first()
    ctx.names.add(ctx.curator)
    if profile is None:
        ctx.add(CuratorProfile(**CURATOR), "profile")
    elif not profile.full_name:
        for key, value in CURATOR.items():
            setattr(profile, key, value)


def _add_school(ctx: _Ctx, seed: _SchoolSeed) -> _SchoolData:
    rng = ctx.rng
    municipality = MUNICIPALITIES[seed.municipality]
    village = seed.settlement == SettlementType.VILLAGE
    students = rng.randint(60, 190) if village else rng.randint(420, 920)
    completed = seed.status == SchoolStatus.COMPLETED
    cohort = None if seed.programme == Programme.MINPROS_SCHOOL else ctx.year - int(completed)
    inn = ""
    while not inn or inn in ctx.inns:
        inn = make_inn(
            REGION_TAX_CODE + municipality["tax_office"] + f"{rng.randint(0, 99999):05d}"
        )
    ctx.inns.add(inn)
    school = School(
        full_name=seed.full_name,
        short_name=seed.short_name,
        inn=inn,
        region=REGION,
        municipality=municipality["name"],
        settlement_type=seed.settlement,
        address=seed.address,
        director_name=_person(ctx),
        director_phone=_phone(rng, municipality["area_code"]),
        director_email=f"{seed.key}@{MAIL_DOMAIN}",
        deputy_name=_person(ctx),
        deputy_phone=_phone(rng, municipality["area_code"]),
        deputy_email=f"{seed.key}.uvr@{MAIL_DOMAIN}",
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
        ctx.coordinators[seed.municipality] = _person(ctx)
    coordinator = ctx.coordinators[seed.municipality]
    return _SchoolData(school, seed, coordinator, [], {}, [])


# --- risk profiles ----------------------------------------------------------------------------


def _adjusted(rng: random.Random, level: str) -> tuple[str, str]:
    """A level the curator moved to and which way (``up``/``down``)."""
    options = {
        RiskLevel.HIGH: [(RiskLevel.MEDIUM, "down")],
        RiskLevel.MEDIUM: [(RiskLevel.LOW, "down"), (RiskLevel.HIGH, "up")],
        RiskLevel.LOW: [(RiskLevel.MEDIUM, "up"), (RiskLevel.NONE, "down")],
        RiskLevel.NONE: [(RiskLevel.LOW, "up")],
    }[RiskLevel(level)]
    new, way = rng.choice(options)
    return new.value, way


def _add_risk_profile(ctx: _Ctx, data: _SchoolData, year: int) -> None:
    rng = ctx.rng
    levels = [RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW, RiskLevel.NONE]
    factors = [f for f in ctx.factors if (f.year_from or 0) <= year <= (f.year_to or 9999)]
    chosen = {f.code: rng.choices(levels, weights=(25, 30, 25, 20))[0].value for f in factors}
    while sum(v in ("high", "medium") for v in chosen.values()) < 3:
        chosen[rng.choice(sorted(chosen))] = RiskLevel.MEDIUM.value
    partial = data.seed.verification == "partial"
    for factor in factors:
        code, level = factor.code, chosen[factor.code]
        row = RiskAssessment(school_id=data.school.id, year=year, factor_code=code)
        row.questionnaire_level = level
        data.assessments[code] = row
        ctx.add(row, "assessment")
        if partial and level in ("low", "none"):
            continue
        verdict = rng.choices(_VERDICTS, weights=VERDICT_WEIGHTS[level])[0]
        row.verdict = verdict.value
        factor_texts = FACTORS[code]
        if verdict == Verdict.ADJUSTED:
            row.adjusted_level, way = _adjusted(rng, level)
            row.justification = factor_texts[way]
        elif verdict == Verdict.REJECTED:
            row.justification = factor_texts["reject"]
        elif level in ("high", "medium") and rng.random() < 0.5:
            row.justification = rng.choice(CONFIRM_JUSTIFICATIONS)
    _activate(ctx, data)


def _effective(row: RiskAssessment) -> str | None:
    if row.verdict == Verdict.CONFIRMED:
        return row.questionnaire_level
    if row.verdict == Verdict.ADJUSTED:
        return row.adjusted_level
    return None


def _activate(ctx: _Ctx, data: _SchoolData) -> None:
    """Pick one to three directions among confirmed/adjusted risks, highest first."""
    rng = ctx.rng
    rank = {"high": 3, "medium": 2, "low": 1}
    rows = list(data.assessments.values())
    candidates = [r for r in rows if _effective(r) in ("high", "medium")]
    if not candidates:
        top = max(rows, key=lambda r: rank.get(r.questionnaire_level, 0))
        top.verdict, top.adjusted_level = Verdict.CONFIRMED.value, None
        top.justification = rng.choice(CONFIRM_JUSTIFICATIONS)
        candidates = [top]
    candidates.sort(key=lambda r: (-rank[_effective(r) or "low"], rng.random()))
    count = min(len(candidates), ctx.max_active, rng.choice((1, 2, 2, 3, 3)))
    for row in candidates[:count]:
        row.activated = True
    order = {f.code: f.sort_order for f in ctx.factors}
    data.activated = sorted((r.factor_code for r in candidates[:count]), key=order.__getitem__)


def _stamp_verification(ctx: _Ctx, data: _SchoolData, after: dt.date, visit: Visit | None) -> None:
    """Date the verification a week or two ``after`` the visit; some are entered in ИС МЭДК."""
    rng = ctx.rng
    verified_on = min(after + dt.timedelta(days=rng.randint(6, 14)), ctx.today)
    entered = data.seed.medk_entered and data.seed.verification == "full"
    for row in data.assessments.values():
        if row.verdict is None:
            continue
        row.verified_on = verified_on
        if entered:
            row.medk_entered = True
            row.medk_entered_on = min(verified_on + dt.timedelta(days=rng.randint(1, 6)), ctx.today)
        if visit is not None and row.verdict != Verdict.CONFIRMED:
            ctx.add(RiskEvidence(assessment_id=row.id, kind="visit", visit_id=visit.id), "evidence")


# --- visits -----------------------------------------------------------------------------------


def _workday_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _workday_after(day: dt.date) -> dt.date:
    if day.month == 1 and day.day <= 8:  # New Year holidays
        day = day.replace(day=12)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() > 4 else 0)


def _add_visits(ctx: _Ctx, schools: list[_SchoolData]) -> None:
    rng, today = ctx.rng, ctx.today
    by_key = {d.seed.key: d for d in schools}
    start = max(dt.date(ctx.year, 2, 24), today - dt.timedelta(days=240))
    plan: list[tuple[_SchoolData, _VisitSeed, dt.date]] = []
    primaries = [d for d in schools if d.assessments and d.seed.status == SchoolStatus.ACTIVE]
    day = start
    for data in primaries:
        day = _workday_after(day + dt.timedelta(days=rng.randint(2, 4)))
        plan.append((data, PRIMARY_VISIT, day))
    span_from = day + dt.timedelta(days=14)
    span = max((today - dt.timedelta(days=3) - span_from).days, 7)
    for seed in LATER_VISITS:
        if seed.when == "today":
            when = today
        elif seed.when.startswith("+"):
            when = _workday_after(today + dt.timedelta(days=int(seed.when[1:])))
        else:
            when = _workday_before(span_from + dt.timedelta(days=round(span * float(seed.when))))
        plan.append((by_key[seed.school], seed, when))
    plan.sort(key=lambda entry: entry[2])
    for index, (data, seed, when) in enumerate(plan):
        following = [w for d, _s, w in plan[index + 1 :] if d is data]
        _add_visit(ctx, data, seed, when, following[0] if following else None)


def _add_visit(
    ctx: _Ctx, data: _SchoolData, seed: _VisitSeed, when: dt.date, next_date: dt.date | None
) -> None:
    rng, today = ctx.rng, ctx.today
    template = ctx.templates[seed.template]
    if seed.status == "auto":
        status = VisitStatus.COMPLETED if when < today else VisitStatus.PLANNED
    else:
        status = VisitStatus(seed.status)
    remote = seed.visit_type == VisitType.REMOTE
    start = dt.time(15, 0) if remote else dt.time(rng.choice((9, 10)), rng.choice((0, 30)))
    hours = 1 if remote else rng.choice((2, 3, 3, 4))
    end = dt.time(start.hour + hours, start.minute)
    stage = STAGE_LABELS[0 if when.month <= 8 else 1]
    visit = Visit(
        school_id=data.school.id,
        visit_type=seed.visit_type,
        status=status,
        planned_date=when,
        actual_date=when if status in (VisitStatus.COMPLETED, VisitStatus.IN_PROGRESS) else None,
        start_time=start,
        end_time=end,
        purpose=seed.purpose.format(stage=stage),
        agenda=seed.agenda.format(stage=stage),
        template_id=template.id,
        template_snapshot=template.content,
        notes=seed.notes,
    )
    if status == VisitStatus.COMPLETED:
        visit.completed_at = dt.datetime.combine(when, end, tzinfo=MSK).astimezone(dt.UTC)
        visit.next_visit_date = next_date or when + dt.timedelta(days=45)
    ctx.add(visit, "visit")
    data.visits.append(visit)
    _add_participants(ctx, data, visit, seed)
    if status not in (VisitStatus.COMPLETED, VisitStatus.IN_PROGRESS):
        return
    fraction = 1.0 if status == VisitStatus.COMPLETED else 0.45
    overrides = _overrides(data, seed, when, visit.next_visit_date)
    _answer(ctx, data, visit, template.content, when, overrides, fraction=fraction)
    if seed.visit_type == VisitType.PRIMARY and data.assessments:
        _stamp_verification(ctx, data, when, visit)
    for number in range(seed.lessons):
        _add_lesson(ctx, data, visit, number, partial=status == VisitStatus.IN_PROGRESS)
    codes = _finding_codes(ctx, data, seed)
    for code in codes:
        ctx.add(
            VisitFinding(visit_id=visit.id, factor_code=code, text=_finding(data, seed, code)),
            "finding",
        )
    for code in codes[: seed.recommendations] or [None] * min(seed.recommendations, 1):
        _add_recommendation(ctx, data, visit, seed, code)


def _add_participants(ctx: _Ctx, data: _SchoolData, visit: Visit, seed: _VisitSeed) -> None:
    school = data.school
    people = [
        (ctx.curator, CURATOR_PARTICIPANT_POSITION, ROLE_CURATOR),
        (school.deputy_name, DEPUTY_POSITION, ROLE_GROUP_HEAD),
    ]
    if seed.visit_type != VisitType.REMOTE:
        people.insert(1, (school.director_name, DIRECTOR_POSITION, ROLE_DIRECTOR))
    if seed.visit_type in (VisitType.PRIMARY, VisitType.FINAL):
        people.append((data.coordinator, COORDINATOR_POSITION, ROLE_COORDINATOR))
    if seed.visit_type == VisitType.PRIMARY:
        for position in ctx.rng.sample(GROUP_POSITIONS, 2):
            people.append((_person(ctx), position, ROLE_GROUP_MEMBER))
    for order, (name, position, role) in enumerate(people):
        participant = VisitParticipant(
            visit_id=visit.id, full_name=name, position=position, role=role, sort_order=order
        )
        ctx.add(participant, "participant")


def _overrides(
    data: _SchoolData, seed: _VisitSeed, when: dt.date, next_date: dt.date | None
) -> dict[str, Any]:
    overrides: dict[str, Any] = {"general.directions": list(data.activated)}
    overrides["period.stage"] = "stage1" if when.month <= 8 else "stage2"
    if next_date is not None:
        overrides["plan.next_visit_date"] = next_date.isoformat()
    overrides.update(seed.answers)
    return overrides


def _value(ctx: _Ctx, item: Mapping[str, Any], when: dt.date, fill: Mapping[str, str]) -> Any:
    rng, key, kind = ctx.rng, item["key"], item["type"]
    if kind == "yes_no_partly":
        weights = dict(YES_NO_WEIGHTS)
        if key not in NA_ALLOWED:
            weights.pop("na")
        return rng.choices(list(weights), weights=list(weights.values()))[0]
    if kind == "scale":
        low, high = item["scale"]["min"], item["scale"]["max"]
        values = list(range(low, high + 1))
        weights = list(SCALE_WEIGHTS[-len(values) :]) if len(values) <= 3 else None
        return rng.choices(values, weights=weights)[0]
    if kind == "number":
        low, high = NUMBER_RANGES.get(key, (item.get("min", 0), min(item.get("max", 10), 10)))
        return rng.randint(low, high)
    if kind in ("text", "long_text"):
        return rng.choice(TEXT_ANSWERS.get(key, GENERIC_TEXT)).format(**fill)
    if kind == "date":
        low, high = DATE_OFFSETS.get(key, (0, 0))
        return (when + dt.timedelta(days=rng.randint(low, high))).isoformat()
    values = [option["value"] for option in item["options"]]
    if kind == "choice":
        return rng.choices(values, weights=[3 ** (len(values) - i) for i in range(len(values))])[0]
    picked = rng.sample(values, rng.randint(1, max(1, len(values) - 1)))
    return [value for value in values if value in picked]


def _comment(ctx: _Ctx, item: Mapping[str, Any], value: Any) -> str:
    rng, mode = ctx.rng, item.get("comment", "none")
    if mode == "none":
        return ""
    criterion = item["key"].rsplit(".", 1)[-1]
    if value in ("partly", "not_meets") and criterion in CRITERIA_COMMENTS:
        return CRITERIA_COMMENTS[criterion]
    if item["type"] == "yes_no_partly":
        if value in ("partly", "no") and (mode == "required" or rng.random() < 0.7):
            return rng.choice(COMMENTS_SHORTFALL)
        if value == "yes" and rng.random() < 0.08:
            return rng.choice(COMMENTS_FINE)
    return rng.choice(COMMENTS_FINE) if mode == "required" else ""


def _answer(
    ctx: _Ctx,
    data: _SchoolData,
    visit: Visit,
    content: Mapping[str, Any],
    when: dt.date,
    overrides: Mapping[str, Any],
    *,
    fraction: float = 1.0,
    lesson_id: str | None = None,
) -> None:
    """Answer the shown items in order (all of them, or the first ``fraction`` of the template)."""
    items = list(iter_items(content))
    fill = {"deputy": data.school.deputy_name, "director": data.school.director_name}
    shown: dict[str, Mapping[str, Any]] = {}
    answers: dict[str, Any] = {}
    for item in items[: round(len(items) * fraction)]:
        condition = item.get("condition")
        if condition:
            target = shown.get(condition["item"])
            if target is None or not condition_holds(
                target, answers.get(condition["item"]), condition["equals"]
            ):
                continue
        shown[item["key"]] = item
        key = item["key"]
        value = overrides[key] if key in overrides else _value(ctx, item, when, fill)
        answers[key] = value
        answer = ChecklistAnswer(
            visit_id=visit.id,
            lesson_id=lesson_id,
            item_key=key,
            value=value,
            comment=_comment(ctx, item, value),
        )
        ctx.add(answer, "answer")


def _add_lesson(ctx: _Ctx, data: _SchoolData, visit: Visit, number: int, *, partial: bool) -> None:
    rng = ctx.rng
    if not ctx.lessons:
        ctx.lessons = rng.sample(LESSONS, len(LESSONS))
    subject, position, class_name, topic, purpose, lesson_type = ctx.lessons.pop()
    template = ctx.templates["lesson-observation"]
    lesson = LessonObservation(
        visit_id=visit.id,
        teacher=_person(ctx),
        subject=subject,
        class_name=class_name,
        topic=topic,
        purpose=purpose,
        lesson_type=lesson_type,
        template_id=template.id,
        template_snapshot=template.content,
        sort_order=number,
    )
    ctx.add(lesson, "lesson")
    ctx.add(
        VisitParticipant(
            visit_id=visit.id,
            full_name=lesson.teacher,
            position=position,
            role=ROLE_TEACHER,
            sort_order=10 + number,
        ),
        "participant",
    )
    when = visit.actual_date or visit.planned_date or ctx.today
    fraction = 0.5 if partial else 1.0
    _answer(ctx, data, visit, template.content, when, {}, fraction=fraction, lesson_id=lesson.id)


def _finding_codes(ctx: _Ctx, data: _SchoolData, seed: _VisitSeed) -> list[str]:
    if not data.assessments or seed.visit_type == VisitType.REMOTE:
        return []
    if seed.visit_type == VisitType.PRIMARY:  # the two highest risks the verification kept
        rows = sorted(
            data.assessments.values(),
            key=lambda r: -RiskLevel(_effective(r) or RiskLevel.NONE).rank,
        )
        return [r.factor_code for r in rows[:2] if _effective(r) not in (None, RiskLevel.NONE)]
    return list(data.activated)


def _finding(data: _SchoolData, seed: _VisitSeed, code: str) -> str:
    first, later = FACTORS[code]["findings"]
    return first if seed.visit_type == VisitType.PRIMARY else later


def _add_recommendation(
    ctx: _Ctx, data: _SchoolData, visit: Visit, seed: _VisitSeed, code: str | None
) -> None:
    rng, today = ctx.rng, ctx.today
    school, when = data.school, visit.planned_date or ctx.today
    if code is None:
        text = seed.general_recommendation or rng.choice(GENERAL_RECOMMENDATIONS)
    else:
        text = FACTORS[code]["recs"][0 if visit.visit_type == VisitType.PRIMARY else 1]
    responsible = rng.choice(
        (
            f"{_short(school.deputy_name)}, {DEPUTY_SHORT}",
            f"{_short(school.director_name)}, {DIRECTOR_POSITION}",
            f"{_short(school.deputy_name)}, {DEPUTY_SHORT}",
        )
    )
    deadline = _workday_before(when + dt.timedelta(days=rng.randint(30, 75)))
    record = Recommendation(
        school_id=school.id,
        visit_id=visit.id,
        factor_code=code,
        text=text,
        responsible=responsible,
        deadline=deadline,
    )
    if deadline < today:
        status = PAST_DEADLINE_STATUSES[ctx.past_deadlines % len(PAST_DEADLINE_STATUSES)]
        ctx.past_deadlines += 1
    else:
        status = RecommendationStatus.DONE if rng.random() < 0.2 else RecommendationStatus.OPEN
    record.status = status
    if status == RecommendationStatus.DONE:
        record.closed_on = min(deadline - dt.timedelta(days=rng.randint(0, 12)), today)
        record.closed_on = max(record.closed_on, when)
        record.progress_note = rng.choice(DONE_NOTES)
    elif status == RecommendationStatus.CANCELLED:
        record.closed_on = min(deadline, today)
        record.progress_note = CANCELLED_NOTE
    elif deadline < today:
        record.progress_note = rng.choice(OVERDUE_NOTES)
    ctx.add(record, "recommendation")


# --- document reviews -------------------------------------------------------------------------


def _add_document_reviews(ctx: _Ctx, schools: Mapping[str, _SchoolData]) -> None:
    rng, today = ctx.rng, ctx.today
    names = {f.code: f.name_ru for f in ctx.factors}
    for seed in DOCUMENT_REVIEWS:
        data = schools[seed.school]
        if seed.at_visit:  # reviewed at that visit (its checklist holds the same criteria)
            reviewed = next(v for v in data.visits if v.visit_type == seed.at_visit).planned_date
            received = reviewed - dt.timedelta(days=RECEIVED_DAYS_BEFORE)  # type: ignore[operator]
        else:
            start = data.visits[0].planned_date + dt.timedelta(days=seed.after_primary)  # type: ignore[operator]
            received = min(start, today)
            reviewed = min(received + dt.timedelta(days=rng.randint(3, 8)), today)
        code = data.activated[0] if seed.document_type == DocumentType.ANTIRISK_PROGRAMME else None
        criteria = {}
        for criterion in CRITERIA:
            value = seed.criteria.get(criterion, "meets")
            comment = CRITERIA_COMMENTS[criterion] if value != "meets" else ""
            criteria[criterion] = {"value": value, "comment": comment}
        review = DocumentReview(
            school_id=data.school.id,
            document_type=seed.document_type,
            title=seed.title.format(
                school=data.school.short_name,
                factor=names.get(code or "", ""),
                year=ctx.year,
                year_to=ctx.year + 2,
            ),
            factor_code=code,
            version_label=seed.version,
            received_on=received,
            reviewed_on=reviewed,
            criteria=criteria,
            conclusion=seed.conclusion,
            comment=seed.comment,
        )
        if seed.conclusion == ReviewConclusion.REVISE:
            review.revision_deadline = reviewed + dt.timedelta(days=REVISION_DAYS)  # type: ignore[operator]
        ctx.add(review, "document")


# --- the demo world ---------------------------------------------------------------------------
# Invented region, places and people; the Russian texts are what a curator would write.


@dataclass(frozen=True)
class _SchoolSeed:
    key: str
    full_name: str
    short_name: str
    municipality: str
    settlement: str
    address: str
    levels: tuple[str, ...] = ("НОО", "ООО", "СОО")
    programme: str = Programme.SHNOR_500.value
    status: str = SchoolStatus.ACTIVE.value
    notes: str = ""
    verification: str = "full"
    medk_entered: bool = True


@dataclass(frozen=True)
class _VisitSeed:
    school: str
    visit_type: str
    template: str
    when: str
    purpose: str
    agenda: str
    status: str = "auto"
    notes: str = ""
    lessons: int = 0
    recommendations: int = 1
    general_recommendation: str = ""
    answers: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _DocumentSeed:
    school: str
    document_type: str
    title: str
    version: str
    after_primary: int
    conclusion: str
    criteria: Mapping[str, str] = field(default_factory=dict)
    comment: str = ""
    at_visit: str = ""


REGION = "Верхнеокская область"
REGION_TAX_CODE = "57"
MAIL_DOMAIN = "edu-verhneoka.ru"
CURATOR = {
    "full_name": _Ctx.curator,
    "position": "методист",
    "organisation": "ГАУ ДПО «Верхнеокский институт развития образования»",
    "region": REGION,
    "email": "m.sokolova@voiro-edu.ru",
    "phone": "+7 (910) 412-37-85",
}
CURATOR_PARTICIPANT_POSITION = "методист ГАУ ДПО «ВИРО»"
DIRECTOR_POSITION = "директор"
DEPUTY_POSITION = "заместитель директора по учебно-воспитательной работе"
DEPUTY_SHORT = "заместитель директора по УВР"
COORDINATOR_POSITION = "главный специалист МКУ «Управление образования»"
GROUP_POSITIONS = (
    "руководитель МО учителей начальных классов",
    "руководитель МО учителей математики и информатики",
    "руководитель МО учителей русского языка и литературы",
    "заместитель директора по воспитательной работе",
    "педагог-психолог",
    "социальный педагог",
)
ROLE_CURATOR = "куратор"
ROLE_DIRECTOR = "руководитель ОО"
ROLE_GROUP_HEAD = "руководитель рабочей группы"
ROLE_GROUP_MEMBER = "член рабочей группы"
ROLE_COORDINATOR = "муниципальный координатор"
ROLE_TEACHER = "педагог"

SURNAMES = (
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов",
    "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров",
    "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев",
    "Кузьмин", "Фролов", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов",
    "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов",
    "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов",
    "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов",
)  # fmt: skip
FEMALE_NAMES = (
    "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Марина", "Юлия",
    "Екатерина", "Людмила", "Галина", "Надежда", "Валентина", "Оксана", "Лариса", "Вера",
    "Любовь", "Нина", "Евгения", "Анастасия", "Дарья", "Ксения", "Маргарита",
)  # fmt: skip
MALE_NAMES = (
    "Александр", "Сергей", "Андрей", "Алексей", "Дмитрий", "Владимир", "Николай", "Игорь",
    "Михаил", "Юрий", "Евгений", "Виктор", "Олег", "Павел", "Иван", "Константин",
)  # fmt: skip
PATRONYMICS = (
    "Александров", "Сергеев", "Владимиров", "Николаев", "Викторов", "Михайлов", "Петров",
    "Анатольев", "Иванов", "Алексеев", "Борисов", "Игорев", "Андреев", "Олегов", "Павлов",
)  # fmt: skip
"""Patronymic stems: «-ич» and «-на» are added."""

MUNICIPALITIES = {
    "krasnolesye": {
        "name": "городской округ Краснолесье",
        "tax_office": "10",
        "area_code": "48452",
    },
    "ozerets": {"name": "Озерецкий муниципальный район", "tax_office": "21", "area_code": "48455"},
    "kbrod": {
        "name": "Каменнобродский муниципальный округ",
        "tax_office": "24",
        "area_code": "48461",
    },
}
_MOU = "Муниципальное общеобразовательное учреждение"
SCHOOLS = (
    _SchoolSeed(
        key="kbrod-sosh1",
        full_name=f"{_MOU} «Каменнобродская средняя общеобразовательная школа № 1»",
        short_name="МОУ «Каменнобродская СОШ № 1»",
        municipality="kbrod",
        settlement=SettlementType.TOWN.value,
        address="ул. Советская, д. 21, пгт Каменный Брод",
    ),
    _SchoolSeed(
        key="krasnolesye-sosh2",
        full_name=f"{_MOU} «Средняя общеобразовательная школа № 2 г. Краснолесье»",
        short_name="МОУ «СОШ № 2»",
        municipality="krasnolesye",
        settlement=SettlementType.TOWN.value,
        address="ул. Заводская, д. 14, г. Краснолесье",
    ),
    _SchoolSeed(
        key="ozerets-sosh",
        full_name="Муниципальное бюджетное общеобразовательное учреждение "
        "«Озерецкая средняя общеобразовательная школа»",
        short_name="МБОУ «Озерецкая СОШ»",
        municipality="ozerets",
        settlement=SettlementType.TOWN.value,
        address="пл. Ленина, д. 3, г. Озерецк",
    ),
    _SchoolSeed(
        key="krasnolesye-sosh1",
        full_name=f"{_MOU} «Средняя общеобразовательная школа № 1 г. Краснолесье»",
        short_name="МОУ «СОШ № 1»",
        municipality="krasnolesye",
        settlement=SettlementType.TOWN.value,
        address="ул. Пушкина, д. 8, г. Краснолесье",
        programme=Programme.MINPROS_SCHOOL.value,
        notes="Проект «Школа Минпросвещения России»: по итогам самодиагностики — базовый "
        "уровень; критические показатели по направлению «Знание: качество и объективность».",
    ),
    _SchoolSeed(
        key="krasnolesye-sosh5",
        full_name=f"{_MOU} «Средняя общеобразовательная школа № 5 г. Краснолесье»",
        short_name="МОУ «СОШ № 5»",
        municipality="krasnolesye",
        settlement=SettlementType.TOWN.value,
        address="мкр. Северный, д. 30, г. Краснолесье",
    ),
    _SchoolSeed(
        key="lugovoe-oosh",
        full_name=f"{_MOU} «Луговская основная общеобразовательная школа»",
        short_name="МОУ «Луговская ООШ»",
        municipality="ozerets",
        settlement=SettlementType.VILLAGE.value,
        address="ул. Центральная, д. 5, с. Луговое, Озерецкий район",
        levels=("НОО", "ООО"),
        notes="Подвоз обучающихся из трёх деревень; зимой выезды возможны не всегда.",
        medk_entered=False,
    ),
    _SchoolSeed(
        key="nikolskoe-sosh",
        full_name=f"{_MOU} «Никольская средняя общеобразовательная школа»",
        short_name="МОУ «Никольская СОШ»",
        municipality="ozerets",
        settlement=SettlementType.VILLAGE.value,
        address="ул. Школьная, д. 1, с. Никольское, Озерецкий район",
        verification="partial",
        medk_entered=False,
    ),
    _SchoolSeed(
        key="rakitino-oosh",
        full_name="Муниципальное казённое общеобразовательное учреждение "
        "«Ракитинская основная общеобразовательная школа»",
        short_name="МКОУ «Ракитинская ООШ»",
        municipality="kbrod",
        settlement=SettlementType.VILLAGE.value,
        address="ул. Садовая, д. 12, д. Ракитино, Каменнобродский округ",
        levels=("НОО", "ООО"),
        status=SchoolStatus.COMPLETED.value,
        notes="Завершила участие в проекте в прошлом году: позитивные изменения наступили.",
    ),
)

CRITERIA = (
    "matches_profile",
    "goals_measurable",
    "indicators_baseline_target",
    "measures_lead_to_tasks",
    "deadlines_responsible",
    "documents_consistent",
    "monitoring_planned",
)
CRITERIA_COMMENTS = {
    "matches_profile": "Программа по одному из активированных направлений не представлена.",
    "goals_measurable": "Цели сформулированы как процесс («совершенствование», «повышение»), "
    "без измеримого результата.",
    "indicators_baseline_target": "У части показателей нет базовых значений; целевые значения "
    "не привязаны к срокам.",
    "measures_lead_to_tasks": "Мероприятия по задаче 2 не связаны с её содержанием.",
    "deadlines_responsible": "Сроки указаны как «в течение года», ответственный — «администрация».",
    "documents_consistent": "Показатели среднесрочной программы не совпадают с показателями "
    "антирисковой программы.",
    "monitoring_planned": "Не указано, кто, когда и как измеряет показатели.",
}
REVISION_DAYS = 21
RECEIVED_DAYS_BEFORE = 3
_ARP_REMARKS = {
    "goals_measurable": "partly",
    "indicators_baseline_target": "not_meets",
    "monitoring_planned": "partly",
}
"""What the curator found in one school's antirisk programme (checklist and review agree)."""

STAGE_LABELS = ("1 этап", "2 этап")
_PLANNED_PURPOSE = (
    "Мониторинг реализации антирисковых программ по активированным направлениям; посещение уроков."
)
_PLANNED_AGENDA = (
    "1. Беседа с рабочей группой о выполнении дорожной карты.\n"
    "2. Проверка подтверждающих документов по мероприятиям.\n"
    "3. Посещение уроков, анализ с учителями.\n"
    "4. Рекомендации по итогам посещения."
)
_MONITORING_AGENDA = (
    "1. Сбор данных мониторинга наступления позитивных изменений.\n"
    "2. Анализ показателей по активированным направлениям.\n"
    "3. Подготовка материалов к отчёту куратора."
)
PRIMARY_VISIT = _VisitSeed(
    school="",
    visit_type=VisitType.PRIMARY.value,
    template="primary-visit",
    when="",
    purpose="Первичное посещение: знакомство с администрацией и рабочей группой, обсуждение "
    "рискового профиля школы, согласование графика посещений.",
    agenda="1. Знакомство с директором и рабочей группой проекта.\n"
    "2. Обсуждение РПШ по итогам анкетирования.\n"
    "3. Итоги самодиагностики, выявленные дефициты.\n"
    "4. Порядок разработки концептуальных документов.\n"
    "5. Согласование графика посещений.",
    recommendations=2,
)
LATER_VISITS = (
    _VisitSeed(
        school="krasnolesye-sosh1",
        visit_type=VisitType.UNPLANNED.value,
        template="monitoring",
        when="0.1",
        purpose="Консультация по запросу школы: итоги самодиагностики «Школа Минпросвещения "
        "России», критические показатели направления «Знание: качество и объективность».",
        agenda="1. Результаты самодиагностики по магистральным направлениям.\n"
        "2. Критические показатели и дефициты.\n"
        "3. Мероприятия программы развития.",
        general_recommendation="Включить в программу развития мероприятия по устранению "
        "дефицитов, выявленных самодиагностикой (критические показатели направления "
        "«Знание: качество и объективность»); представить проект куратору.",
    ),
    _VisitSeed(
        school="kbrod-sosh1",
        visit_type=VisitType.PLANNED.value,
        template="planned-visit",
        when="0.2",
        purpose=_PLANNED_PURPOSE,
        agenda=_PLANNED_AGENDA,
        lessons=2,
        recommendations=2,
    ),
    _VisitSeed(
        school="krasnolesye-sosh2",
        visit_type=VisitType.REMOTE.value,
        template="documents-review",
        when="0.35",
        purpose="Онлайн-консультация (ВКС): экспертиза антирисковой программы, замечания "
        "к доработке.",
        agenda="1. Замечания куратора к проекту антирисковой программы.\n"
        "2. Согласование целевых показателей и сроков.\n"
        "3. Срок представления доработанной версии.",
        general_recommendation="Доработать антирисковую программу по замечаниям куратора: "
        "указать базовые и целевые значения показателей, порядок и сроки мониторинга.",
        answers={
            "received.documents": ["antirisk_programme"],
            **{f"antirisk_programme.{c}": _ARP_REMARKS.get(c, "meets") for c in CRITERIA},
            "antirisk_programme.conclusion": "revise",
        },
    ),
    _VisitSeed(
        school="ozerets-sosh",
        visit_type=VisitType.PLANNED.value,
        template="monitoring",
        when="0.5",
        purpose="Мониторинг наступления позитивных изменений ({stage}).",
        agenda=_MONITORING_AGENDA,
    ),
    _VisitSeed(
        school="lugovoe-oosh",
        visit_type=VisitType.PLANNED.value,
        template="planned-visit",
        when="0.62",
        status=VisitStatus.PLANNED.value,
        purpose=_PLANNED_PURPOSE,
        agenda=_PLANNED_AGENDA,
        notes="Посещение не состоялось: школа закрыта на карантин по гриппу. "
        "Новую дату согласовать с директором.",
    ),
    _VisitSeed(
        school="krasnolesye-sosh5",
        visit_type=VisitType.PLANNED.value,
        template="planned-visit",
        when="0.8",
        purpose=_PLANNED_PURPOSE,
        agenda=_PLANNED_AGENDA,
        lessons=1,
        recommendations=2,
    ),
    _VisitSeed(
        school="nikolskoe-sosh",
        visit_type=VisitType.PLANNED.value,
        template="planned-visit",
        when="today",
        status=VisitStatus.IN_PROGRESS.value,
        purpose=_PLANNED_PURPOSE,
        agenda=_PLANNED_AGENDA,
        lessons=1,
    ),
    _VisitSeed(
        school="krasnolesye-sosh2",
        visit_type=VisitType.PLANNED.value,
        template="planned-visit",
        when="+12",
        purpose=_PLANNED_PURPOSE,
        agenda=_PLANNED_AGENDA,
    ),
    _VisitSeed(
        school="ozerets-sosh",
        visit_type=VisitType.FINAL.value,
        template="monitoring",
        when="+35",
        purpose="Итоговое посещение: мониторинг позитивных изменений ({stage}), итоги года.",
        agenda=_MONITORING_AGENDA,
    ),
)

_CONCEPT = DocumentType.CONCEPT.value
_SPR = DocumentType.MEDIUM_TERM_PROGRAMME.value
_ARP = DocumentType.ANTIRISK_PROGRAMME.value
_ACCEPT, _REVISE = ReviewConclusion.ACCEPT.value, ReviewConclusion.REVISE.value
_ARP_TITLE = "Антирисковая программа по направлению «{factor}»"
DOCUMENT_REVIEWS = (
    _DocumentSeed(
        "kbrod-sosh1", _CONCEPT, "Концепция развития {school} на {year}–{year_to} годы", "1", 25,
        _ACCEPT, {"goals_measurable": "partly"},
        "Концепция принята; формулировки целей уточнить в среднесрочной программе.",
    ),
    _DocumentSeed(
        "kbrod-sosh1", _SPR, "Среднесрочная программа развития {school} на {year} год", "1", 35,
        _ACCEPT,
    ),
    _DocumentSeed(
        "krasnolesye-sosh2", _CONCEPT, "Концепция развития {school} на {year}–{year_to} годы",
        "1", 28, _ACCEPT,
    ),
    _DocumentSeed(
        "krasnolesye-sosh2", _ARP, _ARP_TITLE, "1", 0, _REVISE, _ARP_REMARKS,
        "Программа возвращена на доработку: у показателей нет базовых значений, "
        "не определены порядок и сроки мониторинга.",
        at_visit=VisitType.REMOTE.value,
    ),
    _DocumentSeed(
        "ozerets-sosh", _ARP, _ARP_TITLE, "1", 30, _REVISE,
        {"measures_lead_to_tasks": "partly", "deadlines_responsible": "not_meets"},
        "Мероприятия без сроков и ответственных; часть мероприятий не связана с задачами.",
    ),
    _DocumentSeed(
        "ozerets-sosh", _ARP, _ARP_TITLE, "2", 52, _ACCEPT, {},
        "Замечания учтены, программа принята.",
    ),
)  # fmt: skip

NA_ALLOWED = frozenset({"differentiation.ovz_adapted", "results.certificates"})
NUMBER_RANGES = {
    "intro.working_group_size": (4, 9),
    "profile.vacancies": (0, 3),
    "plan.directions_preliminary": (1, 3),
    "general.working_group_meetings": (1, 4),
    "structure.independent_work_minutes": (5, 18),
    "grading.marks_count": (2, 10),
    "results.failing_share": (4, 17),
    "staff.vacancies": (0, 2),
    "staff.trained": (3, 14),
    "engagement.parents_events": (1, 6),
    "engagement.extracurricular_share": (48, 86),
}
DATE_OFFSETS = {
    "intro.order_date": (-40, -10),
    "selfdiag.date": (-20, -3),
    "plan.next_visit_date": (30, 60),
    "plan.documents_deadline": (20, 40),
    "received.date": (-RECEIVED_DAYS_BEFORE, -RECEIVED_DAYS_BEFORE),
    "concept.revision_deadline": (REVISION_DAYS, REVISION_DAYS),
    "medium_term_programme.revision_deadline": (REVISION_DAYS, REVISION_DAYS),
    "antirisk_programme.revision_deadline": (REVISION_DAYS, REVISION_DAYS),
    "period.data_date": (-5, 0),
}
GENERIC_TEXT = ("Замечаний нет.",)
TEXT_ANSWERS = {
    "intro.director_absent_reason": (
        "Директор на курсах повышения квалификации; администрацию представляла заместитель "
        "директора по УВР {deputy}.",
    ),
    "intro.responsible_person": (
        "{deputy}, заместитель директора по учебно-воспитательной работе",
    ),
    "profile.main_risks_school_view": (
        "Главными администрация считает дефицит кадров и низкую мотивацию обучающихся основной "
        "школы; с результатами по оснащению не согласна.",
        "По мнению директора, главные риски — неуспешность обучающихся 5–7 классов и слабая "
        "вовлечённость родителей.",
        "Школа видит основной риск в компетентности педагогов: много молодых учителей, опытные "
        "педагоги уходят на пенсию.",
    ),
    "selfdiag.reasons": (
        "Самодиагностика начата, не заполнены разделы по кадрам и по работе с родителями; срок "
        "завершения — до конца месяца.",
    ),
    "plan.support_needed": (
        "Помощь в разработке антирисковых программ: измеримые показатели, выбор мероприятий.",
        "Методическая помощь учителям математики; консультация по работе с обучающимися группы "
        "риска.",
        "Семинар для рабочей группы по работе в ИС МЭДК и подготовке подтверждающих документов.",
    ),
    "summary.notes": (
        "Администрация открыта к сотрудничеству, рабочая группа понимает задачи проекта. Нужна "
        "помощь при разработке концептуальных документов.",
        "Школа воспринимает участие в проекте как проверку. Важно показать практическую пользу: "
        "начать с конкретных дефицитов учителей.",
        "Рабочая группа сформирована, основная нагрузка лежит на заместителе по УВР; "
        "рекомендовано распределить задачи между членами группы.",
    ),
    "general.lag_reasons": (
        "Отставание по курсам повышения квалификации: оператор перенёс обучение на следующий "
        "месяц. Школа скорректировала дорожную карту.",
    ),
    "summary.positive_changes": (
        "Составлены ИОМ для обучающихся группы риска, дополнительные занятия проводятся по "
        "графику; на уроках появились разноуровневые задания.",
        "Методические объединения работают по плану, проведены два семинара; выросла "
        "посещаемость родительских собраний.",
        "Оборудование «Точки роста» используется на уроках, открыты новые кружки, выросло "
        "участие в олимпиадах.",
    ),
    "summary.problems": (
        "Высокая нагрузка на учителей, не закрыта вакансия педагога-психолога.",
        "Подтверждающие документы собираются с опозданием; не все мероприятия отражены в ИС МЭДК.",
    ),
    "summary.strengths": (
        "Чёткая структура урока, доброжелательная атмосфера, уместно использованы цифровые "
        "ресурсы.",
        "Хороший темп, задания связаны с жизненными ситуациями, обучающиеся работали в парах.",
        "Учитель уверенно владеет материалом, даёт развёрнутую обратную связь по ответам.",
    ),
    "summary.growth_points": (
        "Формулировать цель вместе с обучающимися; предусмотреть задания разного уровня "
        "сложности; оставить время на рефлексию.",
        "Увеличить долю самостоятельной работы; комментировать отметки по критериям, известным "
        "обучающимся.",
        "Включать в работу обучающихся с трудностями: индивидуальные карточки, помощь "
        "консультанта из числа одноклассников.",
    ),
    "summary.no_changes_reasons": (
        "Мероприятия антирисковых программ начаты поздно, в сентябре; результаты ожидаются во "
        "втором полугодии.",
    ),
    "summary.description": (
        "Снизилась доля обучающихся с неудовлетворительными отметками (с 14 до 9 %), пять "
        "педагогов прошли курсы, выросла посещаемость родительских собраний.",
        "Выросло участие обучающихся в олимпиадах, работает служба медиации, по опросу улучшилась "
        "оценка школьного климата.",
    ),
    "summary.confirmations": (
        "Приказы о наставничестве и об утверждении ИОМ, протоколы заседаний МО, анализ "
        "четвертных контрольных работ.",
    ),
}
COMMENTS_SHORTFALL = (
    "Работа начата, но не завершена; срок — до конца четверти.",
    "Со слов заместителя директора, работа ведётся; подтверждения на момент посещения не "
    "представлены.",
    "Школа обязалась устранить замечание до следующего посещения.",
    "Подтверждено частично: представлены планы, протоколов нет.",
    "Вопрос обсуждён с директором, даны устные рекомендации.",
)
COMMENTS_FINE = (
    "Представлены приказ и протокол заседания рабочей группы.",
    "Подтверждено документами, копии приложены к справке.",
)
LESSONS = (
    ("математика", "учитель математики", "6 «А»", "Сложение дробей с разными знаменателями",
     "Сформировать умение складывать дроби с разными знаменателями",
     "урок открытия нового знания"),
    ("русский язык", "учитель русского языка и литературы", "5 «Б»", "Правописание приставок",
     "Закрепить правописание неизменяемых приставок", "урок рефлексии"),
    ("физика", "учитель физики", "8 «А»", "Закон Ома для участка цепи",
     "Установить зависимость силы тока от напряжения и сопротивления",
     "урок открытия нового знания"),
    ("биология", "учитель биологии", "7 «Б»", "Строение и функции корня",
     "Изучить строение корня в ходе практической работы", "комбинированный урок"),
    ("английский язык", "учитель английского языка", "4 «А»", "My Family",
     "Развивать навыки диалогической речи по теме", "урок общеметодологической направленности"),
    ("математика", "учитель математики", "9 «Б»", "Решение квадратных неравенств",
     "Отработать решение неравенств методом интервалов при подготовке к ОГЭ",
     "урок развивающего контроля"),
)  # fmt: skip

CONFIRM_JUSTIFICATIONS = (
    "Подтверждается данными, представленными школой, и наблюдением в ходе посещения.",
    "Подтверждается результатами ВПР за два года и беседой с администрацией.",
    "Данные анкетирования совпадают с результатами самодиагностики школы.",
)
GENERAL_RECOMMENDATIONS = (
    "Назначить ответственных за сбор подтверждающих документов и их загрузку в ИС МЭДК.",
    "Рассмотреть итоги посещения на заседании рабочей группы, внести изменения в дорожную карту.",
)
PAST_DEADLINE_STATUSES = (
    RecommendationStatus.DONE,
    RecommendationStatus.OPEN,
    RecommendationStatus.DONE,
    RecommendationStatus.DONE,
    RecommendationStatus.CANCELLED,
    RecommendationStatus.DONE,
    RecommendationStatus.OPEN,
)
DONE_NOTES = (
    "Выполнено: приказ и план представлены куратору.",
    "Выполнено, подтверждающие документы загружены в ИС МЭДК.",
    "Выполнено; результаты рассмотрены на заседании рабочей группы.",
)
OVERDUE_NOTES = (
    "Срок сорван: ответственный на больничном; школа просит перенести срок.",
    "Работа начата, документы не представлены.",
)
CANCELLED_NOTE = (
    "Отменено: мероприятие заменено курсами регионального института развития образования."
)

FACTORS: dict[str, dict[str, Any]] = {
    "R01": {
        "reject": "Риск не подтверждён. Осмотрены кабинеты: в прошлом году школа оснащена по "
        "проекту «Цифровая образовательная среда» (интерактивные панели в 12 кабинетах, "
        "30 ноутбуков), открыт центр «Точка роста». Низкие оценки в анкетах относятся ко времени "
        "до поставки.",
        "down": "Уровень снижен: кабинеты физики и химии оснащены в рамках «Точки роста», "
        "компьютерный класс обновлён. Не хватает лабораторного оборудования для начальной школы.",
        "up": "Уровень повышен: при осмотре выявлено, что в 5 из 14 кабинетов нет проекторов, "
        "скорость интернета не позволяет работать с ФГИС «Моя школа», спортзал требует ремонта.",
        "findings": (
            "Оборудование «Точки роста» используется в основном во внеурочной деятельности, на "
            "уроках — эпизодически.",
            "Поставленное оборудование установлено; по журналу использования интерактивные панели "
            "задействованы на 60 % уроков в 5–9 классах.",
        ),
        "recs": (
            "Составить график использования оборудования центра «Точка роста» на уроках физики, "
            "химии и биологии; вести журнал использования.",
            "Провести для педагогов практикум по работе с интерактивной панелью и ресурсами ФГИС "
            "«Моя школа».",
        ),
    },
    "R02": {
        "reject": "Риск не подтверждён: по штатному расписанию на дату посещения вакансий нет, все "
        "предметы ведут педагоги с профильным образованием; доля совместителей — 6 %.",
        "down": "Уровень снижен: с сентября приняты учитель математики и учитель английского языка "
        "(целевое обучение). Остаётся вакансия педагога-психолога.",
        "up": "Уровень повышен: анкетирование прошло до увольнения двух учителей начальных "
        "классов; на дату посещения 3 вакансии, нагрузка учителей доходит до 1,7 ставки.",
        "findings": (
            "Вакантны ставки учителя физики и педагога-психолога; средняя нагрузка учителей "
            "основной школы — 1,5 ставки.",
            "Принят молодой специалист (учитель физики); закреплён наставник, составлен план "
            "адаптации.",
        ),
        "recs": (
            "Направить в МКУ «Управление образования» заявку на целевое обучение по профилю "
            "«физика», разместить вакансии на портале «Работа России».",
            "Закрепить наставников за молодыми специалистами, утвердить планы адаптации.",
        ),
    },
    "R03": {
        "reject": "Риск не подтверждён: результаты ВПР за два года объективны и стабильны, на "
        "посещённых уроках педагоги уверенно владеют материалом; 85 % учителей прошли курсы по "
        "обновлённым ФГОС.",
        "down": "Уровень снижен: на посещённых уроках математики и русского языка предметная "
        "подготовка учителей достаточная; дефициты — в формирующем оценивании и работе со "
        "слабоуспевающими.",
        "up": "Уровень повышен: на 3 из 4 посещённых уроков не сформулирована цель, задания "
        "однотипные; по ВПР по математике в 6 классе 38 % отметок «2» при завышенных годовых.",
        "findings": (
            "На посещённых уроках цель сформулирована не всегда, преобладает фронтальная работа, "
            "обратная связь сводится к отметке.",
            "Учителя, прошедшие курсы по формирующему оцениванию, применяют критериальное "
            "оценивание; на двух из трёх посещённых уроков проведена рефлексия.",
        ),
        "recs": (
            "Провести диагностику профессиональных дефицитов и составить ИОМ для учителей "
            "математики и русского языка.",
            "Организовать взаимопосещение уроков с анализом по карте наблюдения урока (не реже "
            "двух раз в четверть для каждого учителя).",
        ),
    },
    "R04": {
        "reject": "Риск не подтверждён: в рабочих программах предусмотрены разноуровневые задания, "
        "консультации проводятся по расписанию, для обучающихся с трудностями есть планы.",
        "down": "Уровень снижен: разноуровневые задания используются в начальной школе; в 5–9 "
        "классах дифференциация эпизодическая, но консультации проводятся регулярно.",
        "up": "Уровень повышен: на посещённых уроках все обучающиеся выполняют одинаковые задания, "
        "графика консультаций нет, ИОМ для обучающихся с трудностями не разработаны.",
        "findings": (
            "На уроках задания одного уровня для всего класса; самостоятельная работа занимает не "
            "более 5 минут.",
            "В 5–7 классах на уроках математики введены разноуровневые задания; утверждён график "
            "консультаций.",
        ),
        "recs": (
            "Включить в рабочие программы по математике и русскому языку разноуровневые задания; "
            "рассмотреть на заседании МО.",
            "Утвердить график консультаций для обучающихся с трудностями в обучении и довести его "
            "до родителей.",
        ),
    },
    "R05": {
        "reject": "Риск не подтверждён: действует план внутрифирменного обучения, проводятся "
        "методические семинары (протоколы представлены), работает наставничество.",
        "down": "Уровень снижен: план повышения квалификации выполняется, но внутришкольное "
        "обучение ограничено педсоветами; взаимопосещение уроков не систематическое.",
        "up": "Уровень повышен: план повышения квалификации формальный, МО не заседали с начала "
        "года, курсы педагоги выбирают сами без связи с дефицитами.",
        "findings": (
            "План повышения квалификации не связан с выявленными дефицитами; методические "
            "объединения собираются нерегулярно.",
            "Проведены два методических семинара по формирующему оцениванию; МО работают по плану, "
            "протоколы ведутся.",
        ),
        "recs": (
            "Разработать план внутрифирменного обучения на учебный год с учётом диагностики "
            "профессиональных дефицитов.",
            "Утвердить план заседаний МО, вести протоколы, включить анализ результатов ВПР.",
        ),
    },
    "R06": {
        "reject": "Риск не подтверждён: по итогам года неуспевающих нет, переведены условно 2 "
        "обучающихся, доля отметок «2» по ВПР не выше средней по региону.",
        "down": "Уровень снижен: доля обучающихся с неудовлетворительными результатами снизилась "
        "до 9 %; для каждого составлен ИОМ, проводятся дополнительные занятия.",
        "up": "Уровень повышен: по итогам I четверти 17 % обучающихся 5–9 классов имеют "
        "неудовлетворительные отметки, 11 обучающихся переведены условно.",
        "findings": (
            "Списки обучающихся группы риска составлены, но ИОМ не разработаны; дополнительные "
            "занятия проводятся нерегулярно.",
            "Для 23 обучающихся группы риска составлены ИОМ; по итогам четверти у 14 из них "
            "отметки улучшились.",
        ),
        "recs": (
            "Составить списки обучающихся с рисками учебной неуспешности по классам и разработать "
            "для них ИОМ.",
            "Проводить дополнительные занятия по математике и русскому языку для обучающихся "
            "группы риска по графику; ежемесячно анализировать результаты.",
        ),
    },
    "R07": {
        "reject": "Риск не подтверждён: обучающихся, для которых русский язык не родной, трое, все "
        "успешно осваивают программу; языковых трудностей на уроках не выявлено.",
        "down": "Уровень снижен: обучающиеся-инофоны (7 человек) посещают занятия по русскому "
        "языку как неродному; трудности сохраняются у двоих обучающихся начальной школы.",
        "up": "Уровень повышен: в школе 19 обучающихся из семей мигрантов, у 8 из них "
        "недостаточное владение русским языком; программы языковой адаптации нет.",
        "findings": (
            "Во 2–4 классах обучаются 6 детей-инофонов; занятий по русскому языку как неродному "
            "нет, учителя отмечают трудности в понимании заданий.",
            "Введены занятия по русскому языку как неродному (2 часа в неделю), проводятся "
            "мероприятия по культурной адаптации.",
        ),
        "recs": (
            "Провести диагностику владения русским языком обучающимися-инофонами и организовать "
            "для них дополнительные занятия.",
            "Включить в план воспитательной работы мероприятия по культурной адаптации.",
        ),
    },
    "R08": {
        "reject": "Риск не подтверждён: повторный опрос о школьном климате дал благоприятные "
        "результаты, случаев травли не зафиксировано, работает служба медиации.",
        "down": "Уровень снижен: служба школьной медиации работает, в рекреациях созданы зоны "
        "отдыха; часть обучающихся 7–8 классов по-прежнему низко оценивает безопасность.",
        "up": "Уровень повышен: в беседе с обучающимися 8 класса выявлены конфликты и случаи "
        "травли; совет профилактики работает формально, педагога-психолога нет.",
        "findings": (
            "Со слов классных руководителей, в 7–8 классах есть конфликты; служба медиации создана "
            "приказом, но не работает.",
            "Проведён опрос о школьном климате; служба медиации рассмотрела 4 обращения.",
        ),
        "recs": (
            "Провести опрос о школьном климате среди обучающихся 5–11 классов и обсудить "
            "результаты на педагогическом совете.",
            "Организовать работу службы школьной медиации: обучить двух педагогов, утвердить "
            "порядок обращения.",
        ),
    },
    "R09": {
        "reject": "Риск не подтверждён: посещаемость родительских собраний выше 70 %, родители "
        "участвуют в управляющем совете и школьных мероприятиях.",
        "down": "Уровень снижен: в начальной школе посещаемость собраний высокая; в основной школе "
        "родители вовлечены слабее, но проводятся индивидуальные консультации.",
        "up": "Уровень повышен: на собрания в 5–9 классах приходит менее трети родителей, родители "
        "обучающихся группы риска на контакт не идут.",
        "findings": (
            "На последние собрания в 5–9 классах пришло около 30 % родителей; индивидуальной "
            "работы с семьями обучающихся группы риска нет.",
            "Проведены два занятия родительского лектория и день открытых дверей; посещаемость "
            "собраний выросла до 55 %.",
        ),
        "recs": (
            "Разработать план родительского лектория на учебный год с темами по запросу родителей.",
            "Провести встречи с родителями обучающихся группы риска с участием классного "
            "руководителя и педагога-психолога.",
        ),
    },
    "R10": {
        "reject": "Риск не подтверждён: внеурочной деятельностью занято 82 % обучающихся, школа "
        "участвует в олимпиадах и конкурсах, на уроках обучающиеся активны.",
        "down": "Уровень снижен: внеурочной деятельностью охвачено 70 % обучающихся, работают "
        "кружки «Точки роста»; мотивация снижена в основном в 8–9 классах.",
        "up": "Уровень повышен: на посещённых уроках большинство обучающихся пассивны, в школьном "
        "этапе олимпиады участвовало 4 % обучающихся.",
        "findings": (
            "В 8–9 классах обучающиеся на уроках пассивны, домашние задания выполняет меньшая "
            "часть класса; в олимпиадах участвуют единицы.",
            "Открыты два кружка на базе «Точки роста»; в школьном этапе олимпиады участвовали 27 "
            "обучающихся (в прошлом году — 9).",
        ),
        "recs": (
            "Расширить внеурочную деятельность с учётом интересов обучающихся (по итогам опроса); "
            "включить проектную деятельность в 5–9 классах.",
            "Организовать участие обучающихся в школьном этапе всероссийской олимпиады и "
            "муниципальных конкурсах; отмечать успехи на сайте школы.",
        ),
    },
    "R11": {
        "reject": "Риск не подтверждён: обучающихся с ОВЗ — 2 % контингента, все обучаются по "
        "адаптированным программам, специалисты сопровождения есть.",
        "down": "Уровень снижен: обучающиеся с ОВЗ (6 %) обучаются по АООП, в штате есть "
        "учитель-логопед; дефектолога нет, занятия ведёт приглашённый специалист.",
        "up": "Уровень повышен: доля обучающихся с ОВЗ — 14 %, адаптированные программы "
        "разработаны не для всех, учителя не проходили курсы по инклюзивному образованию.",
        "findings": (
            "В классах обучаются 17 детей с ОВЗ; АООП разработаны, но на уроках особые "
            "образовательные потребности учитываются слабо.",
            "Трое педагогов прошли курсы по инклюзивному образованию; утверждено расписание "
            "занятий логопеда и психолога.",
        ),
        "recs": (
            "Направить учителей, работающих с обучающимися с ОВЗ, на курсы по инклюзивному "
            "образованию.",
            "Обеспечить сопровождение обучающихся с ОВЗ специалистами по утверждённому расписанию; "
            "заключить договор о сетевом взаимодействии с ППМС-центром.",
        ),
    },
}
"""Per risk factor: justifications (reject, adjusted down/up), findings and recommendations."""
