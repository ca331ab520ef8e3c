"""The curator's events of the demo year (``resources/demo/events.json``), written through the
events service: webinars and seminars of the cycle's steps, and working meetings after each
monitoring stage where the curator tells the analysis of every school that held the stage —
its words chosen by that stage's own answer «targets reached», so the meeting says what the
monitoring said. An event before today was attended; one from today on is planned (up to the
plan's horizon)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from curator_desktop.domain.events import Attendance, Event, SchoolAnalysis
from curator_desktop.services.demo.advice import SCHOOL_WIDE
from curator_desktop.services.demo.calendar import workday_after
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.services.demo.seeds import EventSeed
from curator_desktop.services.events.records import save_in
from curator_desktop.store.tables import CuratorEvent, EventAnalysis


def add_events(ctx: DemoContext, schools: list[DemoSchool]) -> None:
    """Add the year's events up to the plan's horizon, each dated on its day."""
    horizon = ctx.today + dt.timedelta(days=ctx.seeds.visits.cycle.plan_ahead_days)
    for seed in ctx.seeds.events.events:
        day = workday_after(ctx.cycle_day(seed.on))
        if day > horizon:
            continue
        attended = day < ctx.today
        analyses = _analyses(ctx, seed, schools) if attended and seed.stage else ()
        event = Event(
            id="",
            day=day,
            topic=seed.topic,
            kind=seed.kind,
            event_format=seed.format,
            attendance=(Attendance.ATTENDED if attended else Attendance.PLANNED).value,
            start_time=dt.time.fromisoformat(seed.start),
            end_time=dt.time.fromisoformat(seed.end),
            organiser=seed.organiser,
            notes=seed.notes if attended else "",
            analyses=analyses,
        )
        event_id = save_in(ctx.session, event)
        made = min(day, ctx.today) if attended else ctx.today - dt.timedelta(days=14)
        ctx.date(ctx.session.get(CuratorEvent, event_id), max(made, ctx.cycle_day("01-09")))
        rows = select(EventAnalysis).where(col(EventAnalysis.event_id) == event_id)
        for row in ctx.session.exec(rows):
            ctx.date(row, day)
        ctx.counts["event"] = ctx.counts.get("event", 0) + 1


def _analyses(
    ctx: DemoContext, seed: EventSeed, schools: list[DemoSchool]
) -> tuple[SchoolAnalysis, ...]:
    """The curator's analysis of each school that held the stage ``seed.stage``."""
    texts, names = ctx.seeds.events.analyses, ctx.seeds.events.stage_names
    result = []
    for data in schools:
        answers = data.stages.get(seed.stage)
        reached = (answers or {}).get(SCHOOL_WIDE)
        if reached not in texts or not data.activated:
            continue
        directions = ", ".join(data.activated)
        text = texts[reached].format(stage=names[seed.stage], directions=directions)
        result.append(SchoolAnalysis(school_id=data.school.id, text=text))
    return tuple(result)
