"""Working days of the demo's story: no visit or deadline falls on a weekend or a public holiday."""

from __future__ import annotations

import datetime as dt

HOLIDAYS = frozenset(
    {(1, d) for d in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)}
)
"""Russia's public holidays (month, day); the transfers of days off are left out."""


def is_workday(day: dt.date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def workday_before(day: dt.date) -> dt.date:
    """``day`` or the last working day before it."""
    while not is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def workday_after(day: dt.date) -> dt.date:
    """``day`` or the first working day after it."""
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def workday_within(day: dt.date, first: dt.date, last: dt.date) -> dt.date:
    """The working day nearest ``day`` (earlier first) inside ``first``–``last``."""
    day = min(max(day, first), last)
    before = workday_before(day)
    return before if before >= first else workday_after(day)
