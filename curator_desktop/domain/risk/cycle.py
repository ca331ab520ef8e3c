"""Which programme cycle year a day belongs to: the year a school's risk profile is kept under.

A «500+» cycle runs from February to the next January: schools are selected and the risk
profiles published in February–March, the first visit and the verification follow, the
monitoring stages run in June and October–November, the final report is written in December,
and January winds the year up before the next selection. So a January day belongs to the cycle
of the year before (a final visit of 20 January 2027 is one of the 2026 cycle, whose risk
profile it reports). A visit that opens a cycle (the primary visit) belongs to its calendar year
even in January: it is made for the new profile.
"""

from __future__ import annotations

import datetime as dt

from curator_desktop.domain.enums import VisitType

CYCLE_START_MONTH = 2
"""The month a cycle begins in (February); days before it belong to the previous cycle."""


def cycle_year(day: dt.date, *, visit_type: str | None = None) -> int:
    """The cycle year of ``day`` (of a visit of ``visit_type`` on that day, if given)."""
    if day.month >= CYCLE_START_MONTH or visit_type == VisitType.PRIMARY.value:
        return day.year
    return day.year - 1
