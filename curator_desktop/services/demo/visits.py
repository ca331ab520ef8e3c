"""Demo visits of the year with their participants, observed lessons, findings and advice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from curator_desktop.domain.enums import (
    RecommendationStatus,
    RiskLevel,
    SchoolStatus,
    VisitStatus,
    VisitType,
)
from curator_desktop.services.demo.answers import add_answers
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.services.demo.profiles import effective_level, stamp_verification
from curator_desktop.services.demo.seeds import VisitSeed
from curator_desktop.store.tables import (
    LessonObservation,
    Recommendation,
    Visit,
    VisitFinding,
    VisitParticipant,
)

MSK = dt.timezone(dt.timedelta(hours=3))


def _workday_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _workday_after(day: dt.date) -> dt.date:
    if day.month == 1 and day.day <= 8:  # New Year holidays
        day = day.replace(day=12)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() > 4 else 0)


def _short(full_name: str) -> str:
    """«Соколова М. В.» from «Соколова Марина Викторовна»."""
    surname, first, patronymic = full_name.split()
    return f"{surname} {first[0]}. {patronymic[0]}."


def add_visits(ctx: DemoContext, schools: list[DemoSchool]) -> None:
    """Plan the primary visit of each active school, then the later ones, and add them by date."""
    rng, today = ctx.rng, ctx.today
    by_key = {d.seed.key: d for d in schools}
    start = max(dt.date(ctx.year, 2, 24), today - dt.timedelta(days=240))
    plan: list[tuple[DemoSchool, VisitSeed, dt.date]] = []
    primaries = [d for d in schools if d.assessments and d.seed.status == SchoolStatus.ACTIVE]
    day = start
    for data in primaries:
        day = _workday_after(day + dt.timedelta(days=rng.randint(2, 4)))
        plan.append((data, ctx.seeds.visits.primary_visit, day))
    span_from = day + dt.timedelta(days=14)
    span = max((today - dt.timedelta(days=3) - span_from).days, 7)
    for seed in ctx.seeds.visits.later_visits:
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
    ctx: DemoContext, data: DemoSchool, seed: VisitSeed, when: dt.date, next_date: dt.date | None
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
    stage = ctx.seeds.visits.stage_labels[0 if when.month <= 8 else 1]
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
    add_answers(ctx, data, visit, template.content, when, overrides, fraction=fraction)
    if seed.visit_type == VisitType.PRIMARY and data.assessments:
        stamp_verification(ctx, data, when, visit)
    for number in range(seed.lessons):
        _add_lesson(ctx, data, visit, number, partial=status == VisitStatus.IN_PROGRESS)
    codes = _finding_codes(ctx, data, seed)
    for code in codes:
        ctx.add(
            VisitFinding(visit_id=visit.id, factor_code=code, text=_finding(ctx, seed, code)),
            "finding",
        )
    for code in codes[: seed.recommendations] or [None] * min(seed.recommendations, 1):
        _add_recommendation(ctx, data, visit, seed, code)


def _add_participants(ctx: DemoContext, data: DemoSchool, visit: Visit, seed: VisitSeed) -> None:
    school, positions, roles = data.school, ctx.seeds.people.positions, ctx.seeds.people.roles
    people = [
        (ctx.curator, positions.curator, roles.curator),
        (school.deputy_name, positions.deputy, roles.group_head),
    ]
    if seed.visit_type != VisitType.REMOTE:
        people.insert(1, (school.director_name, positions.director, roles.director))
    if seed.visit_type in (VisitType.PRIMARY, VisitType.FINAL):
        people.append((data.coordinator, positions.coordinator, roles.coordinator))
    if seed.visit_type == VisitType.PRIMARY:
        for position in ctx.rng.sample(ctx.seeds.people.group_positions, 2):
            people.append((ctx.person(), position, roles.group_member))
    for order, (name, position, role) in enumerate(people):
        participant = VisitParticipant(
            visit_id=visit.id, full_name=name, position=position, role=role, sort_order=order
        )
        ctx.add(participant, "participant")


def _overrides(
    data: DemoSchool, seed: VisitSeed, when: dt.date, next_date: dt.date | None
) -> dict[str, Any]:
    overrides: dict[str, Any] = {"general.directions": list(data.activated)}
    overrides["period.stage"] = "stage1" if when.month <= 8 else "stage2"
    if next_date is not None:
        overrides["plan.next_visit_date"] = next_date.isoformat()
    overrides.update(seed.answers)
    return overrides


def _add_lesson(
    ctx: DemoContext, data: DemoSchool, visit: Visit, number: int, *, partial: bool
) -> None:
    rng = ctx.rng
    if not ctx.lessons:
        lessons = ctx.seeds.visits.lessons
        ctx.lessons = rng.sample(lessons, len(lessons))
    seed = ctx.lessons.pop()
    template = ctx.templates["lesson-observation"]
    lesson = LessonObservation(
        visit_id=visit.id,
        teacher=ctx.person(),
        subject=seed.subject,
        class_name=seed.class_name,
        topic=seed.topic,
        purpose=seed.purpose,
        lesson_type=seed.lesson_type,
        template_id=template.id,
        template_snapshot=template.content,
        sort_order=number,
    )
    ctx.add(lesson, "lesson")
    ctx.add(
        VisitParticipant(
            visit_id=visit.id,
            full_name=lesson.teacher,
            position=seed.position,
            role=ctx.seeds.people.roles.teacher,
            sort_order=10 + number,
        ),
        "participant",
    )
    when = visit.actual_date or visit.planned_date or ctx.today
    fraction = 0.5 if partial else 1.0
    add_answers(
        ctx, data, visit, template.content, when, {}, fraction=fraction, lesson_id=lesson.id
    )


def _finding_codes(ctx: DemoContext, data: DemoSchool, seed: VisitSeed) -> list[str]:
    if not data.assessments or seed.visit_type == VisitType.REMOTE:
        return []
    if seed.visit_type == VisitType.PRIMARY:  # the two highest risks the verification kept
        rows = sorted(
            data.assessments.values(),
            key=lambda r: -RiskLevel(effective_level(r) or RiskLevel.NONE).rank,
        )
        return [r.factor_code for r in rows[:2] if effective_level(r) not in (None, RiskLevel.NONE)]
    return list(data.activated)


def _finding(ctx: DemoContext, seed: VisitSeed, code: str) -> str:
    first, later = ctx.seeds.risks.factors[code].findings
    return first if seed.visit_type == VisitType.PRIMARY else later


def _add_recommendation(
    ctx: DemoContext, data: DemoSchool, visit: Visit, seed: VisitSeed, code: str | None
) -> None:
    rng, today, follow_up = ctx.rng, ctx.today, ctx.seeds.recommendations
    school, when = data.school, visit.planned_date or ctx.today
    if code is None:
        text = seed.general_recommendation or rng.choice(follow_up.general)
    else:
        texts = ctx.seeds.risks.factors[code].recommendations
        text = texts[0 if visit.visit_type == VisitType.PRIMARY else 1]
    positions = ctx.seeds.people.positions
    responsible = rng.choice(
        (
            f"{_short(school.deputy_name)}, {positions.deputy_short}",
            f"{_short(school.director_name)}, {positions.director}",
            f"{_short(school.deputy_name)}, {positions.deputy_short}",
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
        statuses = follow_up.past_deadline_statuses
        status = statuses[ctx.past_deadlines % len(statuses)]
        ctx.past_deadlines += 1
    else:
        status = RecommendationStatus.DONE if rng.random() < 0.2 else RecommendationStatus.OPEN
    record.status = status
    if status == RecommendationStatus.DONE:
        record.closed_on = min(deadline - dt.timedelta(days=rng.randint(0, 12)), today)
        record.closed_on = max(record.closed_on, when)
        record.progress_note = rng.choice(follow_up.done_notes)
    elif status == RecommendationStatus.CANCELLED:
        record.closed_on = min(deadline, today)
        record.progress_note = follow_up.cancelled_note
    elif deadline < today:
        record.progress_note = rng.choice(follow_up.overdue_notes)
    ctx.add(record, "recommendation")
