"""Which visit comes next at a school: the primary one opens its year, planned ones follow; a
visit planned and not done yet is the one to carry out before making another."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.summaries import VisitFacts

OPEN_STATUSES = frozenset({VisitStatus.PLANNED.value, VisitStatus.IN_PROGRESS.value})
"""Not completed yet."""


def next_visit_type(visits: Iterable[VisitFacts], day: dt.date) -> str:
    """«Primary» for a school's first visit of ``day``'s year, «planned» once it has one."""
    primary = VisitType.PRIMARY.value
    this_year = (v for v in visits if v.date is not None and v.date.year == day.year)
    return VisitType.PLANNED.value if any(v.visit_type == primary for v in this_year) else primary


def open_visits(visits: Iterable[VisitFacts]) -> list[VisitFacts]:
    """The visits not completed yet, soonest (or longest overdue) first, undated last."""
    waiting = [visit for visit in visits if visit.status in OPEN_STATUSES]
    return sorted(waiting, key=lambda visit: (visit.date is None, visit.date or dt.date.min))
