"""When the first visit and the verification of a cycle year are due, as the region reads it.

A roadmap names the window of each step («первичное посещение школ кураторами — февраль–март»):
the last day of the item's deadline is when the step is due. A store without such an item takes
the default of the yearly cycle (the domain's calendar: first visit in February–March,
verification in March, so due by 31 March and 30 April of the cycle year). The year's days run
from February to the next January (:func:`curator_desktop.domain.risk.cycle.cycle_year`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from curator_desktop.domain.risk.cycle import CYCLE_START_MONTH
from curator_desktop.domain.text import normalize_search

FIRST_VISIT = "first_visit"
VERIFICATION = "verification"

DEFAULT_DUE: dict[str, tuple[int, int]] = {FIRST_VISIT: (3, 31), VERIFICATION: (4, 30)}
"""(month, day) each step is due by in its cycle year when no roadmap item gives its window."""

_STEP_WORDING: dict[str, re.Pattern[str]] = {
    FIRST_VISIT: re.compile(r"(?<![а-я])первичн[а-я]*\s+(?:[а-я]+\s+)?(?:посещени|выезд)"),
    VERIFICATION: re.compile(r"(?<![а-я])верифи[кц]"),
}
"""How a roadmap names each step (the wording the roadmap's relation rules read as the
curator's own step)."""


@dataclass(frozen=True, slots=True)
class Window:
    """When a step of the cycle year is due, and where that date comes from."""

    step: str
    due: dt.date
    from_roadmap: bool


def cycle_days(year: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of the cycle year ``year`` (1 February – 31 January)."""
    first = dt.date(year, CYCLE_START_MONTH, 1)
    return first, dt.date(year + 1, CYCLE_START_MONTH, 1) - dt.timedelta(days=1)


def step_of(title: str, description: str = "") -> str | None:
    """The step a roadmap item is about (:data:`FIRST_VISIT`, :data:`VERIFICATION`), or None.
    A «quoted» name is a topic («Семинар «Верификация рисков»»), not the step."""
    text = normalize_search(re.sub(r"«[^«»]*»", " ", f"{title} {description}"))
    for step, pattern in _STEP_WORDING.items():
        if pattern.search(text):
            return step
    return None


def default_window(step: str, year: int) -> Window:
    month, day = DEFAULT_DUE[step]
    return Window(step, dt.date(year, month, day), from_roadmap=False)


def window_of(step: str, year: int, roadmap_ends: list[dt.date]) -> Window:
    """The step's window in ``year``: the latest end among the roadmap's items for the step that
    fall in the cycle year, else the default."""
    first, last = cycle_days(year)
    inside = [end for end in roadmap_ends if first <= end <= last]
    if inside:
        return Window(step, max(inside), from_roadmap=True)
    return default_window(step, year)


def overdue(due: dt.date | None, done_on: dt.date | None, as_of: dt.date) -> bool:
    """A step not done by ``as_of`` whose due day has passed (on the due day it is not late)."""
    return due is not None and done_on is None and due < as_of
