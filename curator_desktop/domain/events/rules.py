"""The rules a stored event meets, shared by the dialog, the service and any command line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.events.kinds import Attendance, EventFormat, EventKind
from curator_desktop.domain.events.records import Event
from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    TEXT_LENGTH,
    Problems,
    choice_problem,
    collect,
    date_problem,
    text_problem,
)
from curator_desktop.i18n import N_, _

RECORD_FIELDS = (
    "day",
    "start_time",
    "end_time",
    "kind",
    "topic",
    "organiser",
    "event_format",
    "attendance",
    "notes",
    "series_id",
)
"""The fields of an :class:`Event` stored in its ``curator_event`` record."""

FIELD_NAMES = {
    "day": N_("Date"),
    "start_time": N_("Start"),
    "end_time": N_("End"),
    "kind": N_("Kind"),
    "topic": N_("Topic"),
    "organiser": N_("Organiser"),
    "event_format": N_("Format"),
    "attendance": N_("Attendance"),
    "notes": N_("Notes"),
    "analyses": N_("Analysis of the schools' measures"),
}


def field_name(field: str) -> str:
    """A field's name as the dialog shows it."""
    return _(FIELD_NAMES[field]) if field in FIELD_NAMES else field


def _topic_problem(topic: Any) -> str | None:
    if isinstance(topic, str) and not topic.strip():
        return _("Enter the topic of the event.")
    return text_problem(topic, NAME_LENGTH, required=True)


def _day_problem(day: Any) -> str | None:
    if not isinstance(day, dt.date):
        return _("Enter the date of the event.")
    return date_problem(day)


def _times_problem(start: Any, end: Any) -> str | None:
    if start is not None and not isinstance(start, dt.time):
        return _("Enter the time as hours and minutes.")
    if end is not None and not isinstance(end, dt.time):
        return _("Enter the time as hours and minutes.")
    if start and end and end < start:
        return _("The event ends before it starts.")
    return None


def _attendance_problem(attendance: Any, day: Any, today: dt.date | None) -> str | None:
    problem = choice_problem(attendance, [a.value for a in Attendance])
    if problem or today is None or not isinstance(day, dt.date):
        return problem
    if attendance != Attendance.PLANNED and day > today:
        return _("The event has not taken place yet: it can only be planned.")
    return None


def event_record_problems(values: Mapping[str, Any], *, today: dt.date | None = None) -> Problems:
    """Field → problem for a ``curator_event`` record (empty: it may be stored). With
    ``today``, an event in the future cannot be marked attended or missed."""
    day = values.get("day")
    return collect(
        {},
        day=_day_problem(day),
        topic=_topic_problem(values.get("topic")),
        kind=choice_problem(values.get("kind"), [k.value for k in EventKind]),
        event_format=choice_problem(values.get("event_format"), [f.value for f in EventFormat]),
        attendance=_attendance_problem(values.get("attendance"), day, today),
        end_time=_times_problem(values.get("start_time"), values.get("end_time")),
        organiser=text_problem(values.get("organiser"), NAME_LENGTH),
        notes=text_problem(values.get("notes"), TEXT_LENGTH),
        series_id=text_problem(values.get("series_id"), 36),
    )


def analysis_record_problems(values: Mapping[str, Any]) -> Problems:
    """Field → problem for an ``event_analysis`` record."""
    return collect(
        {},
        event_id=text_problem(values.get("event_id"), 36, required=True),
        school_id=text_problem(values.get("school_id"), 36, required=True),
        text=text_problem(values.get("text"), TEXT_LENGTH),
    )


def _analyses_problem(event: Event) -> str | None:
    seen: set[str] = set()
    for analysis in event.analyses:
        if not analysis.school_id:
            return _("Choose the school the analysis is about.")
        if analysis.school_id in seen:
            return _("A school has two analyses; keep one.")
        seen.add(analysis.school_id)
        problem = text_problem(analysis.text, TEXT_LENGTH)
        if problem:
            return problem
    return None


def event_problems(event: Event, *, today: dt.date | None = None) -> Problems:
    """Field → problem for ``event`` with its analyses (empty: it may be stored)."""
    values = {name: getattr(event, name) for name in RECORD_FIELDS}
    problems = event_record_problems(values, today=today)
    return collect(problems, analyses=_analyses_problem(event))


def check_event(event: Event, *, today: dt.date | None = None) -> None:
    """Raise :class:`ValidationError` naming the first problem of ``event``."""
    problems = event_problems(event, today=today)
    if problems:
        field, problem = next(iter(problems.items()))
        raise ValidationError(
            _("{field}: {problem}").format(field=field_name(field), problem=problem), field=field
        )
