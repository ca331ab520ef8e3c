"""The windows of the first visit and the verification: the roadmap's item for the step in the
cycle year, else the cycle's default; a step is late only after its due day."""

from __future__ import annotations

import datetime as dt

from curator_desktop.domain.region.windows import (
    FIRST_VISIT,
    VERIFICATION,
    cycle_days,
    overdue,
    step_of,
    window_of,
)
from curator_desktop.domain.risk.cycle import cycle_year


def test_the_cycle_runs_from_february_to_january() -> None:
    first, last = cycle_days(2026)
    assert (first, last) == (dt.date(2026, 2, 1), dt.date(2027, 1, 31))
    assert cycle_year(first) == cycle_year(last) == 2026
    assert cycle_year(first - dt.timedelta(days=1)) == 2025


def test_roadmap_items_are_read_for_their_step() -> None:
    assert step_of("Первичное посещение ОО кураторами") == FIRST_VISIT
    assert step_of("Первичный выезд в школы") == FIRST_VISIT
    assert step_of("Верификация рисковых профилей школ") == VERIFICATION
    assert step_of("Семинар «Верификация рисков»") is None  # a topic, not the step
    assert step_of("Мониторинг наступления позитивных изменений") is None


def test_the_roadmap_window_in_the_year_wins_over_the_default() -> None:
    ends = [dt.date(2025, 3, 15), dt.date(2026, 4, 10), dt.date(2026, 3, 1)]
    window = window_of(FIRST_VISIT, 2026, ends)
    assert (window.due, window.from_roadmap) == (dt.date(2026, 4, 10), True)
    default = window_of(VERIFICATION, 2026, [dt.date(2025, 3, 15)])
    assert (default.due, default.from_roadmap) == (dt.date(2026, 4, 30), False)


def test_a_step_is_overdue_only_after_its_due_day() -> None:
    due = dt.date(2026, 3, 31)
    assert not overdue(due, None, due)
    assert overdue(due, None, due + dt.timedelta(days=1))
    assert not overdue(due, dt.date(2026, 4, 5), dt.date(2026, 4, 6))
    assert not overdue(None, None, due)
