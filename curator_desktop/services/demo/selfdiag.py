"""The demo's «Школа Минпросвещения России» school: two self-diagnosis rounds (November of the
previous year and May), management decisions on the November deficits, an interview with the
management team (its checklist filled) and two consultations, one held and one planned.

The texts live in ``resources/demo/selfdiag.json``; the rounds go through the same store
functions the service uses, so they are checked like a methodist's. Given a ``stamp`` (the
demo's :meth:`~curator_desktop.services.demo.context.DemoContext.date`), each record is dated
on its day of the story, not when the demo was built.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop import paths
from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.selfdiag import Decision, Deficit, DirectionResult, Level, SelfdiagRound
from curator_desktop.services.demo.history import story_moment
from curator_desktop.services.selfdiag.catalog import catalog_in_force_in
from curator_desktop.services.selfdiag.decisions import save_decision_in
from curator_desktop.services.selfdiag.rounds import save_round_in
from curator_desktop.store.tables import (
    ChecklistAnswer,
    ChecklistTemplate,
    School,
    SelfdiagDecision,
    SelfdiagDeficit,
    SelfdiagResult,
    Visit,
    VisitParticipant,
)
from curator_desktop.store.tables import SelfdiagRound as RoundRow

Stamp = Callable[[Any, dt.date], None]
"""Dates a written record on a day of the story."""

SEED_FILE = ("demo", "selfdiag.json")
INTERVIEW_TEMPLATE = "management-interview"
PLAN_AHEAD = dt.timedelta(days=60)
"""Visits further ahead are not in the plan yet (as the «500+» visits: ``plan_ahead_days``)."""


def load_seed() -> dict[str, Any]:
    path = paths.resource_dir().joinpath(*SEED_FILE)
    return json.loads(path.read_text(encoding="utf-8"))


def round_days(today: dt.date) -> tuple[dt.date, dt.date]:
    """November of the year before the latest May that is not after ``today``, and that May."""
    may = dt.date(today.year, 5, 15)
    if may > today:
        may = dt.date(today.year - 1, 5, 15)
    return dt.date(may.year - 1, 11, 20), may


def add_selfdiag_demo(
    session: Session, *, today: dt.date, stamp: Stamp | None = None
) -> dict[str, int]:
    """Fill the self-diagnosis of the demo's ШМР school; counts of what was added (nothing
    when the demo has no such school)."""
    seed = load_seed()
    school = session.exec(
        select(School)
        .where(col(School.programme) == seed["school_programme"])
        .where(col(School.deleted).is_(False))
        .order_by(col(School.name_key))
    ).first()
    if school is None:
        return {}
    catalog = catalog_in_force_in(session)
    november, may = round_days(today)
    days = {"november": november, "may": may}
    rounds = []
    for item in seed["rounds"]:
        day = days[item["when"]]
        draft = SelfdiagRound(
            id="",
            school_id=school.id,
            round_date=day,
            label=f"{item['label']} {day.year}",
            source=item["source"],
            total_points=item["total"]["points"],
            total_maximum=item["total"]["maximum"],
            overall_level=Level(item["total"]["level"]),
            results=tuple(_result(r) for r in item["results"]),
        )
        saved = save_round_in(session, draft, catalog, today=today)
        rounds.append(saved)
        rows: list[Any] = [session.get(RoundRow, saved.id)]
        for part in (SelfdiagResult, SelfdiagDeficit):
            rows += session.exec(select(part).where(col(part.round_id) == saved.id)).all()
        _stamp(stamp, rows, day)
    first = rounds[0]
    decisions = 0
    agreed: list[str] = []
    for item in seed["decisions"]:
        deficit = next(d for d in first.deficits if d.text.startswith(item["deficit"]))
        done = item["done_days"]
        decision = save_decision_in(
            session,
            Decision(
                id="",
                school_id=school.id,
                round_id=first.id,
                direction=deficit.direction,
                indicator=deficit.indicator,
                deficit_id=deficit.id,
                what=item["what"],
                responsible=item["responsible"],
                deadline=november + dt.timedelta(days=item["deadline_days"]),
                done=done is not None and november + dt.timedelta(days=done) <= today,
                done_on=(
                    november + dt.timedelta(days=done)
                    if done is not None and november + dt.timedelta(days=done) <= today
                    else None
                ),
            ),
            today=today,
        )
        _stamp(stamp, [session.get(SelfdiagDecision, decision.id)], november)
        decisions += 1
        due = decision.deadline
        agreed.append(f"{item['what']} — {item['responsible'].lower()}, до {due:%d.%m.%Y}")
    interview = {**seed["interview"], "agreed": "; ".join(agreed) + "."}
    visits = _interview(session, school, interview, november, today, stamp)
    visits += _consultations(session, school, seed["consultations"], november, today, stamp)
    return {"selfdiag_round": len(rounds), "selfdiag_decision": decisions, "visit": visits}


def _result(item: Mapping[str, Any]) -> DirectionResult:
    code = item["direction"]
    return DirectionResult(
        code,
        item["points"],
        item["maximum"],
        Level(item["level"]),
        tuple(Deficit(code, "", d["text"], d.get("critical", False)) for d in item["deficits"]),
    )


def _stamp(stamp: Stamp | None, rows: Iterable[Any], day: dt.date) -> None:
    for row in rows:
        if stamp is not None and row is not None:
            stamp(row, day)


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _interview(
    session: Session,
    school: School,
    seed: Mapping[str, Any],
    november: dt.date,
    today: dt.date,
    stamp: Stamp | None,
) -> int:
    day = november + dt.timedelta(days=seed["days_after_november"])
    if day > today:
        return 0
    next_day = dt.date(november.year + 1, november.month, november.day) + (day - november)
    template = session.exec(
        select(ChecklistTemplate)
        .where(col(ChecklistTemplate.template_key) == INTERVIEW_TEMPLATE)
        .where(col(ChecklistTemplate.deleted).is_(False))
        .order_by(col(ChecklistTemplate.version).desc())
    ).first()
    visit = Visit(
        school_id=school.id,
        visit_type=VisitType.INTERVIEW.value,
        status=VisitStatus.COMPLETED.value,
        planned_date=day,
        actual_date=day,
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 30),
        purpose=seed["purpose"],
        agenda=seed["agenda"],
        template_id=template.id if template else None,
        template_snapshot=dict(template.content) if template else None,
        completed_at=story_moment(day),
    )
    session.add(visit)
    session.flush()
    rows: list[Any] = [visit, *_participants(session, visit, seed, school)]
    if template is not None:
        answers = dict(seed["answers"])
        answers["selfdiag.round"] = f"Ноябрь {november.year}"
        answers["selfdiag.overall_level"] = "base"
        answers["selfdiag.below_base"] = ["knowledge", "creativity"]
        answers["decisions.agreed"] = seed["agreed"]  # the decisions as saved, with their dates
        answers["decisions.next_interview"] = next_day.isoformat()
        for key, value in answers.items():
            rows.append(ChecklistAnswer(visit_id=visit.id, item_key=key, value=value))
            session.add(rows[-1])
    session.flush()
    _stamp(stamp, rows, day)
    return 1 + _next_interview(session, school, seed, next_day, today, stamp)


def _next_interview(
    session: Session,
    school: School,
    seed: Mapping[str, Any],
    day: dt.date,
    today: dt.date,
    stamp: Stamp | None,
) -> int:
    """The interview after the next November round, in the plan once it is near (within
    :data:`PLAN_AHEAD`); one whose day has passed keeps the note why it was not held."""
    if day > today + PLAN_AHEAD:
        return 0
    visit = Visit(
        school_id=school.id,
        visit_type=VisitType.INTERVIEW.value,
        status=VisitStatus.PLANNED.value,
        planned_date=day,
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 30),
        purpose=seed["purpose"],
        agenda=seed["agenda"],
        notes=seed["next_missed"] if day <= today else "",
    )
    session.add(visit)
    session.flush()
    _stamp(stamp, [visit], min(day, today) - PLAN_AHEAD // 2)
    return 1


def _participants(
    session: Session, visit: Visit, seed: Mapping[str, Any], school: School
) -> list[VisitParticipant]:
    """The visit's participants; a name ``{director}`` is the school's director."""
    people = [
        VisitParticipant(
            visit_id=visit.id,
            sort_order=order,
            **{**person, "full_name": person["full_name"].format(director=school.director_name)},
        )
        for order, person in enumerate(seed.get("participants", ()))
    ]
    session.add_all(people)
    return people


def _consultations(
    session: Session,
    school: School,
    seeds: list[Mapping[str, Any]],
    november: dt.date,
    today: dt.date,
    stamp: Stamp | None,
) -> int:
    for seed in seeds:
        if "days_after_november" in seed:
            day = min(november + dt.timedelta(days=seed["days_after_november"]), today)
        else:
            day = today + dt.timedelta(days=seed["days_after_today"])
        held = seed["status"] == VisitStatus.COMPLETED.value
        visit = Visit(
            school_id=school.id,
            visit_type=VisitType.CONSULTATION.value,
            status=seed["status"],
            planned_date=day,
            actual_date=day if held else None,
            start_time=_time(seed["start"]),
            end_time=_time(seed["end"]),
            purpose=seed["purpose"],
            agenda=seed["agenda"],
            completed_at=story_moment(day) if held else None,
        )
        session.add(visit)
        session.flush()
        rows = [visit, *_participants(session, visit, seed, school)]
        session.flush()
        _stamp(stamp, rows, min(day, today))
    session.flush()
    return len(seeds)
