"""The days of a recurring event: the roadmap's own reading of «еженедельно» and «2 и 4 среда»
turned into the dates of a series within a range."""

from __future__ import annotations

import datetime as dt

import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.events import MAX_SERIES, series_days, series_rule
from curator_desktop.domain.roadmap.deadlines import parse_deadline

SEPTEMBER = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))


def rule_of(text: str) -> str:
    """The recurrence rule the roadmap parser reads from a deadline cell."""
    return parse_deadline(text, year=2026).recurrence


def test_second_and_fourth_wednesday_within_two_months() -> None:
    rule = rule_of("2 и 4 среда каждого месяца")
    days = series_days(rule, dt.date(2026, 9, 1), dt.date(2026, 10, 31))
    assert days == [
        dt.date(2026, 9, 9),
        dt.date(2026, 9, 23),
        dt.date(2026, 10, 14),
        dt.date(2026, 10, 28),
    ]
    assert all(d.weekday() == 2 for d in days)


def test_weekly_on_a_named_day() -> None:
    days = series_days(rule_of("еженедельно по средам"), *SEPTEMBER)
    assert days == [dt.date(2026, 9, d) for d in (2, 9, 16, 23, 30)]


def test_weekly_without_a_day_repeats_on_the_first_days_weekday() -> None:
    assert rule_of("еженедельно") == "weekly"
    start = dt.date(2026, 9, 3)  # a Thursday
    assert series_rule("weekly", start) == "weekly:thu"
    days = series_days("weekly", start, dt.date(2026, 9, 30))
    assert days == [dt.date(2026, 9, d) for d in (3, 10, 17, 24)]


def test_the_range_bounds_are_included() -> None:
    days = series_days("weekly:wed", dt.date(2026, 9, 2), dt.date(2026, 9, 16))
    assert days[0] == dt.date(2026, 9, 2) and days[-1] == dt.date(2026, 9, 16)


@pytest.mark.parametrize(
    ("rule", "start", "end", "field"),
    [
        ("", *SEPTEMBER, "rule"),
        ("weekly:wed", dt.date(2026, 9, 30), dt.date(2026, 9, 1), "end"),
        ("weekly:wed", dt.date(2026, 9, 3), dt.date(2026, 9, 8), "end"),  # no Wednesday
        ("daily", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "end"),  # too many
    ],
)
def test_a_series_that_cannot_be_made_says_why(
    rule: str, start: dt.date, end: dt.date, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        series_days(rule, start, end)
    assert caught.value.field == field
    assert str(caught.value)


def test_the_limit_is_generous_for_a_weekly_event_over_a_school_year() -> None:
    days = series_days("weekly:wed", dt.date(2026, 9, 1), dt.date(2027, 5, 31))
    assert 35 <= len(days) <= MAX_SERIES
