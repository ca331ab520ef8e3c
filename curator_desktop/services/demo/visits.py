"""Demo visits of the cycle year, each on its day of the story: planned first (on the day the
school's previous visit agreed it), then held — participants, checklist, observed lessons,
findings and advice written that day, and the visit completed. A visit after today stays
planned; the one the curator is at today is in progress; one that did not take place keeps its
note. Visits further ahead than the plan's horizon are not in the app yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from curator_desktop.domain.enums import SchoolStatus, VisitStatus, VisitType
from curator_desktop.services.demo.advice import add_findings, add_recommendations
from curator_desktop.services.demo.answers import add_answers
from curator_desktop.services.demo.calendar import is_workday, workday_within
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.services.demo.risks import verification_day, verify
from curator_desktop.services.demo.seeds import VisitKind, VisitSeed
from curator_desktop.services.visits.templates import (
    choose_lesson_template,
    choose_visit_template,
    snapshot_of,
)
from curator_desktop.store.tables import LessonObservation, Visit, VisitParticipant

MSK = dt.timezone(dt.timedelta(hours=3))
HELD = frozenset({VisitStatus.COMPLETED.value, VisitStatus.IN_PROGRESS.value})
MEDK = "ИС МЭДК"
RETURNED = ("antirisk_programme.conclusion", "revise")
"""A documents review's answer: the antirisk programme is sent back for revision."""
TODAY_REACH = dt.timedelta(days=3)
"""A visit this close after today is the one the curator is at today (on a working day, when
its window allows)."""


@dataclass
class _Entry:
    """A visit of the story: its school, seed, kind, day and status."""

    data: DemoSchool
    seed: VisitSeed
    kind: VisitKind
    day: dt.date
    status: str = VisitStatus.PLANNED.value

    @property
    def visit_type(self) -> str:
        return self.seed.visit_type or self.kind.visit_type

    @property
    def missed(self) -> bool:
        """It did not take place (its day has passed)."""
        return bool(self.seed.missed)


def _window(ctx: DemoContext, kind: VisitKind) -> tuple[dt.date, dt.date]:
    first, last = kind.window
    return ctx.cycle_day(first), ctx.cycle_day(last)


def _plan(ctx: DemoContext, schools: list[DemoSchool]) -> list[_Entry]:
    """Every visit of the story by date, with its status as of today."""
    by_key = {d.seed.key: d for d in schools}
    kinds, today = ctx.seeds.visits.kinds, ctx.today
    plan = []
    for seed in ctx.seeds.visits.visits:
        data = by_key[seed.school]
        if data.school.status != SchoolStatus.ACTIVE:
            continue
        kind = kinds[seed.kind]
        day = workday_within(ctx.cycle_day(seed.on), *_window(ctx, kind))
        plan.append(_Entry(data, seed, kind, day))
    plan.sort(key=lambda entry: entry.day)
    if is_workday(today) and not any(entry.day == today for entry in plan):
        soon = [
            e
            for e in plan
            if today < e.day <= today + TODAY_REACH
            and not e.missed
            and e.kind.template
            and _window(ctx, e.kind)[0] <= today <= _window(ctx, e.kind)[1]
        ]
        if soon:
            soon[0].day = today
    for entry in plan:
        if entry.day < today and not entry.missed:
            entry.status = VisitStatus.COMPLETED.value
        elif entry.day == today and not entry.missed:
            entry.status = VisitStatus.IN_PROGRESS.value
    return plan


def add_visits(ctx: DemoContext, schools: list[DemoSchool]) -> None:
    """Add the story's visits up to the plan's horizon, in date order."""
    plan = _plan(ctx, schools)
    horizon = ctx.today + dt.timedelta(days=ctx.seeds.visits.cycle.plan_ahead_days)
    assigned = ctx.cycle_day(ctx.seeds.visits.cycle.schools_assigned)
    last_held: dict[str, dt.date] = {}
    for index, entry in enumerate(plan):
        key = entry.data.seed.key
        following = [e.day for e in plan[index + 1 :] if e.data is entry.data and not e.missed]
        if entry.day <= horizon:
            scheduled = last_held.get(key, assigned)
            _add_visit(ctx, entry, following[0] if following else None, scheduled)
        if entry.status in HELD:
            last_held[key] = entry.day


def _add_visit(
    ctx: DemoContext, entry: _Entry, next_day: dt.date | None, scheduled: dt.date
) -> None:
    rng, data, kind, day = ctx.rng, entry.data, entry.kind, entry.day
    template = (
        choose_visit_template(ctx.session, entry.visit_type, kind.template)
        if kind.template
        else None
    )
    remote = entry.visit_type == VisitType.REMOTE
    start = dt.time(15, 0) if remote else dt.time(rng.choice((9, 10)), rng.choice((0, 30)))
    end = dt.time(start.hour + (1 if remote else rng.choice((2, 3, 3, 4))), start.minute)
    visit = Visit(
        school_id=data.school.id,
        visit_type=entry.visit_type,
        status=VisitStatus.PLANNED.value,
        planned_date=day,
        start_time=start,
        end_time=end,
        purpose=entry.seed.purpose or kind.purpose,
        agenda=kind.agenda,
        template_id=template.id if template else None,
        template_snapshot=snapshot_of(template),
    )
    ctx.add(visit, "visit", day=scheduled)
    data.visits.append(visit)
    if entry.status not in HELD:
        _add_participants(ctx, entry, visit, scheduled)
        if entry.missed and day < ctx.today:
            ctx.change(visit, day + dt.timedelta(days=1), notes=entry.seed.missed)
        return
    _add_participants(ctx, entry, visit, day)
    answers: dict[str, Any] = {}
    if visit.template_snapshot is not None:
        partial = entry.status == VisitStatus.IN_PROGRESS
        previous = data.monitoring if template and template.purpose == "monitoring" else None
        answers = add_answers(
            ctx,
            data,
            visit,
            visit.template_snapshot,
            day,
            _overrides(entry, next_day),
            fraction=0.45 if partial else 1.0,
            previous=previous,
        )
        if previous is not None:
            data.monitoring = answers
            data.stages[str(answers.get("period.stage", ""))] = answers
        if answers.get(RETURNED[0]) == RETURNED[1]:
            data.programme_returned = True
    if entry.visit_type == VisitType.PRIMARY and data.assessments:
        verified = verification_day(ctx, day)
        if verified <= ctx.today:
            verify(ctx, data, verified, visit)
    for number in range(entry.seed.lessons):
        _add_lesson(ctx, entry, visit, number)
    add_findings(ctx, data, visit, kind, answers)
    add_recommendations(ctx, data, visit, kind, entry.seed.general_recommendation)
    if entry.status == VisitStatus.COMPLETED:
        completed = dt.datetime.combine(day, end, tzinfo=MSK).astimezone(dt.UTC)
        ctx.change(
            visit,
            day,
            status=entry.status,
            actual_date=day,
            completed_at=completed,
            next_visit_date=next_day,
        )
    else:
        ctx.change(visit, day, status=entry.status, actual_date=day)


def _add_participants(ctx: DemoContext, entry: _Entry, visit: Visit, day: dt.date) -> None:
    """Those who take part: the curator, the director (on site, unless away), the head of the
    working group; the municipal coordinator at the primary and final visits; two more members
    of the working group at the primary one."""
    school, positions, roles = entry.data.school, ctx.seeds.people.positions, ctx.seeds.people.roles
    curator = ctx.seeds.people.curator
    people = [(ctx.curator, f"{curator.position} {curator.organisation}", roles.curator)]
    if _director_present(entry):
        people.append((school.director_name, positions.director, roles.director))
    people.append((school.deputy_name, positions.deputy, roles.group_head))
    if entry.visit_type in (VisitType.PRIMARY, VisitType.FINAL):
        people.append((entry.data.coordinator, positions.coordinator, roles.coordinator))
    if entry.visit_type == VisitType.PRIMARY:
        for position in ctx.rng.sample(ctx.seeds.people.group_positions, 2):
            people.append((ctx.person(), position, roles.group_member))
    for order, (name, position, role) in enumerate(people):
        participant = VisitParticipant(
            visit_id=visit.id, full_name=name, position=position, role=role, sort_order=order
        )
        ctx.add(participant, "participant", day=day)


def _director_present(entry: _Entry) -> bool:
    return entry.visit_type != VisitType.REMOTE and entry.seed.director_present


def _overrides(entry: _Entry, next_day: dt.date | None) -> dict[str, Any]:
    """Answers the story fixes: what the visit's own records already say."""
    data = entry.data
    overrides: dict[str, Any] = {
        "general.directions": list(data.activated),
        "plan.directions_preliminary": len(data.activated),
        "intro.director_met": "yes" if _director_present(entry) else "no",
    }
    if next_day is not None:
        overrides["plan.next_visit_date"] = next_day.isoformat()
    if data.programme_returned:  # no targets are reached by a programme not accepted
        overrides["results.indicators_reached"] = "no"
    if _medk_overdue(data, entry.day):
        overrides["general.medk_entered"] = "partly"
    overrides.update(entry.kind.answers)
    overrides.update(entry.seed.answers)
    return overrides


def _medk_overdue(data: DemoSchool, day: dt.date) -> bool:
    """An ИС МЭДК upload the school was advised to make is overdue and not done on ``day``
    (so the visit cannot say everything is entered in ИС МЭДК)."""
    return any(
        MEDK in text and deadline < day and (closed is None or closed > day)
        for text, deadline, closed in data.advice
    )


def _add_lesson(ctx: DemoContext, entry: _Entry, visit: Visit, number: int) -> None:
    """An observed lesson with its card, its teacher among the participants and its answers
    (half of them while the visit is in progress)."""
    if not ctx.lessons:
        lessons = ctx.seeds.visits.lessons
        ctx.lessons = ctx.rng.sample(lessons, len(lessons))
    seed, day = ctx.lessons.pop(), entry.day
    template = choose_lesson_template(ctx.session, entry.visit_type)
    lesson = LessonObservation(
        visit_id=visit.id,
        teacher=ctx.person(),
        subject=seed.subject,
        class_name=seed.class_name,
        topic=seed.topic,
        purpose=seed.purpose,
        lesson_type=seed.lesson_type,
        template_id=template.id if template else None,
        template_snapshot=snapshot_of(template),
        sort_order=number,
    )
    ctx.add(lesson, "lesson", day=day)
    teacher = VisitParticipant(
        visit_id=visit.id,
        full_name=lesson.teacher,
        position=seed.position,
        role=ctx.seeds.people.roles.teacher,
        sort_order=10 + number,
    )
    ctx.add(teacher, "participant", day=day)
    if lesson.template_snapshot is not None:
        partial = entry.status == VisitStatus.IN_PROGRESS
        card = {"lesson.textbook": seed.textbook} if seed.textbook else {}
        if seed.kind:
            card["lesson.kind"] = seed.kind
        add_answers(
            ctx,
            entry.data,
            visit,
            lesson.template_snapshot,
            day,
            {**ctx.seeds.answers.lesson_answers, **entry.kind.lesson_answers, **card},
            fraction=0.5 if partial else 1.0,
            lesson_id=lesson.id,
        )
