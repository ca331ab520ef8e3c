"""What a held demo visit concludes: findings on the school's risks and recommendations with a
deadline after the visit, followed up as the year goes on (done, cancelled, a deadline moved,
overdue) — each change written on its day, so a справка shows the advice as it stood then.

No text is written twice at one school: a factor's own findings and advice first, then the
texts of the visit's kind, then the general advice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.enums import RecommendationStatus
from curator_desktop.services.demo.calendar import workday_before
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.services.demo.risks import top_risks
from curator_desktop.services.demo.seeds import VisitKind
from curator_desktop.store.tables import Recommendation, Visit, VisitFinding


def _codes(data: DemoSchool, kind: VisitKind) -> list[str]:
    """The factors the visit writes about."""
    if kind.about == "top_risks":
        return top_risks(data, 2)
    if kind.about == "directions":
        return list(data.activated)
    return []


RANK = {"no": 0, "partly": 1, "yes": 2}
"""A yes / partly / no answer as a grade."""
SCHOOL_WIDE = "results.indicators_reached"
"""The monitoring answer «the programmes' targets for the stage are reached» (all directions)."""


def _grade(answers: Mapping[str, Any], code: str) -> int | None:
    """How well the direction goes by the visit's own answers (0–2), if it says: its
    indicators, no better than its measures on schedule; else the stage's targets reached (all
    directions), else the overall change."""
    value = answers.get(f"{code.lower()}.indicators")
    if isinstance(value, int) and not isinstance(value, bool):
        measures = RANK.get(answers.get(f"{code.lower()}.measures_on_schedule"), 2)
        return min(value, measures)
    if answers.get(SCHOOL_WIDE) in RANK:
        return RANK[answers[SCHOOL_WIDE]]
    value = answers.get("summary.overall")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _kind_text(
    ctx: DemoContext, texts: tuple[str, ...], grade: int | None, taken: set[int]
) -> int | None:
    """The index of a text of ``texts`` (ordered worse to better) not ``taken`` at this visit:
    the one ``grade`` points at, or the nearest to it."""
    free = [n for n in range(len(texts)) if n not in taken]
    if not free:
        return None
    if grade is None:
        return ctx.rng.choice(free)
    wanted = round(grade / 2 * (len(texts) - 1))
    return min(free, key=lambda n: (abs(n - wanted), n))


def add_findings(
    ctx: DemoContext, data: DemoSchool, visit: Visit, kind: VisitKind, answers: Mapping[str, Any]
) -> None:
    """One finding per factor the visit is about, agreeing with its checklist answers."""
    names = {f.code: f.name_ru for f in ctx.factors}
    taken: set[int] = set()
    for code in _codes(data, kind):
        own = ctx.seeds.risks.factors[code].findings
        text = own[kind.factor_texts] if kind.factor_texts >= 0 else None
        if text is None or text in data.texts_used:
            grade = _grade(answers, code)
            index = _kind_text(ctx, kind.findings, grade, taken)
            if index is None:
                continue
            if grade is None:  # texts vary; a graded one says what the answers say
                taken.add(index)
            text = kind.findings[index].format(factor=names[code])
        data.texts_used.add(text)
        finding = VisitFinding(visit_id=visit.id, factor_code=code, text=text)
        ctx.add(finding, "finding", day=visit.planned_date)


def add_recommendations(
    ctx: DemoContext, data: DemoSchool, visit: Visit, kind: VisitKind, first: str
) -> None:
    """``kind.recommendations`` pieces of advice: ``first`` if given, the factors' own, the
    kind's, then the general ones."""
    choices: list[tuple[str, str | None]] = [(first, None)] if first else []
    if kind.factor_texts >= 0:
        own = ctx.seeds.risks.factors
        choices += [(own[c].recommendations[kind.factor_texts], c) for c in _codes(data, kind)]
    choices += [(text, None) for text in kind.recommendation_texts]
    choices += [(text, None) for text in ctx.seeds.recommendations.general]
    given = 0
    for text, code in choices:
        if given == kind.recommendations:
            break
        if text in data.texts_used:
            continue
        data.texts_used.add(text)
        _add_recommendation(ctx, data, visit, kind, text, code)
        given += 1


def _responsible(ctx: DemoContext, data: DemoSchool) -> str:
    school, positions = data.school, ctx.seeds.people.positions
    deputy = f"{_short(school.deputy_name)}, {positions.deputy_short}"
    director = f"{_short(school.director_name)}, {positions.director}"
    return ctx.rng.choice((deputy, director, deputy))


def _short(full_name: str) -> str:
    """«Соколова М. В.» from «Соколова Марина Викторовна»."""
    surname, first, patronymic = full_name.split()
    return f"{surname} {first[0]}. {patronymic[0]}."


def _day_between(ctx: DemoContext, first: dt.date, last: dt.date) -> dt.date:
    """A working day from ``first`` to ``last`` (``first`` when there is none)."""
    if last <= first:
        return first
    day = workday_before(first + dt.timedelta(days=ctx.rng.randint(0, (last - first).days)))
    return max(day, first)


def _add_recommendation(
    ctx: DemoContext, data: DemoSchool, visit: Visit, kind: VisitKind, text: str, code: str | None
) -> None:
    rng, today, follow_up = ctx.rng, ctx.today, ctx.seeds.recommendations
    given = visit.planned_date or today
    low, high = kind.deadline_days
    deadline = max(workday_before(given + dt.timedelta(days=rng.randint(low, high))), given)
    record = Recommendation(
        school_id=data.school.id,
        visit_id=visit.id,
        factor_code=code,
        text=text,
        responsible=_responsible(ctx, data),
        deadline=deadline,
    )
    ctx.add(record, "recommendation", day=given)
    if deadline < today:
        statuses = follow_up.past_deadline_statuses
        status = statuses[ctx.past_deadlines % len(statuses)]
        ctx.past_deadlines += 1
    elif given + dt.timedelta(days=7) <= today and rng.random() < 0.2:
        status = RecommendationStatus.DONE  # done ahead of its deadline
    else:
        status = RecommendationStatus.OPEN
    closed: dt.date | None = None
    if status == RecommendationStatus.DONE:
        closed = _day_between(ctx, given + dt.timedelta(days=7), min(deadline, today))
        closed = min(closed, today)
        note = rng.choice(follow_up.done_notes)
        ctx.change(record, closed, status=status.value, closed_on=closed, progress_note=note)
    elif status == RecommendationStatus.CANCELLED:
        closed = _day_between(ctx, given + dt.timedelta(days=7), min(deadline, today))
        closed = min(closed, today)
        note = follow_up.cancelled_note
        ctx.change(record, closed, status=status.value, closed_on=closed, progress_note=note)
    elif deadline < today:
        asked = min(workday_before(deadline + dt.timedelta(days=3)), today)
        if not ctx.deadline_moved:
            ctx.deadline_moved = True
            moved = workday_before(deadline + dt.timedelta(days=follow_up.extend_days))
            ctx.change(record, asked, deadline=moved, progress_note=follow_up.extended_note)
            deadline = moved
        else:
            ctx.change(record, asked, progress_note=rng.choice(follow_up.overdue_notes))
    data.advice.append((text, deadline, closed))
