"""A day's programme cycle year: February to the next January; a primary visit opens its year."""

from __future__ import annotations

import datetime as dt

import pytest

from curator_desktop.domain.risk.cycle import cycle_year


@pytest.mark.parametrize(
    ("day", "visit_type", "year"),
    [
        (dt.date(2026, 2, 1), None, 2026),
        (dt.date(2026, 12, 25), "final", 2026),
        (dt.date(2027, 1, 20), "final", 2026),  # the wind-up of the 2026 cycle
        (dt.date(2027, 1, 31), "planned", 2026),
        (dt.date(2027, 1, 28), "primary", 2027),  # opens the new cycle
        (dt.date(2027, 2, 3), "planned", 2027),
    ],
)
def test_the_cycle_year_of_a_day(day: dt.date, visit_type: str | None, year: int) -> None:
    assert cycle_year(day, visit_type=visit_type) == year
