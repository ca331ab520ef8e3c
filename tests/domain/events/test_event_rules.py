"""The rules a stored event meets (the dialog, the service and a package's import share them)."""

from __future__ import annotations

import datetime as dt

import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.events import (
    Event,
    SchoolAnalysis,
    check_event,
    event_problems,
    event_record_problems,
)

TODAY = dt.date(2026, 10, 1)


def event(**changes: object) -> Event:
    values: dict[str, object] = {"id": "", "day": dt.date(2026, 9, 9), "topic": "Вебинар"}
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


def test_a_complete_event_has_no_problem() -> None:
    full = event(
        kind="webinar",
        event_format="remote",
        attendance="attended",
        start_time=dt.time(15),
        end_time=dt.time(16, 30),
        organiser="ЛОИРО",
        analyses=(SchoolAnalysis("s-1", "Проведено заседание МО"),),
    )
    assert event_problems(full, today=TODAY) == {}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"topic": "  "}, "topic"),
        ({"kind": "party"}, "kind"),
        ({"event_format": "hybrid"}, "event_format"),
        ({"attendance": "maybe"}, "attendance"),
        ({"start_time": dt.time(16), "end_time": dt.time(15)}, "end_time"),
        ({"day": dt.date(1990, 1, 1)}, "day"),
        ({"day": dt.date(2026, 10, 2), "attendance": "attended"}, "attendance"),
        ({"analyses": (SchoolAnalysis("s-1", "а"), SchoolAnalysis("s-1", "б"))}, "analyses"),
        ({"analyses": (SchoolAnalysis("", "а"),)}, "analyses"),
    ],
)
def test_each_broken_rule_names_its_field(changes: dict[str, object], field: str) -> None:
    problems = event_problems(event(**changes), today=TODAY)
    assert problems.get(field)
    with pytest.raises(ValidationError) as caught:
        check_event(event(**changes), today=TODAY)
    assert caught.value.field == field


def test_a_future_event_may_be_planned() -> None:
    assert event_problems(event(day=dt.date(2026, 12, 1)), today=TODAY) == {}


def test_a_package_record_with_wrong_types_is_refused() -> None:
    problems = event_record_problems({"day": "9 сентября", "topic": 5, "kind": "seminar"})
    assert {"day", "topic", "event_format", "attendance"} <= set(problems)
