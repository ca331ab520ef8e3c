"""Plain read models the list views, the CLI and reports share."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class SchoolSummary:
    """One row of the schools list."""

    id: str
    full_name: str
    short_name: str
    inn: str
    municipality: str
    programme: str
    cohort_year: int | None
    status: str
    archived: bool
    next_visit: dt.date | None
    open_recommendations: int
    highest_risk: str | None

    def to_json(self) -> dict[str, Any]:
        return {key: _jsonable(value) for key, value in asdict(self).items()}


@dataclass(frozen=True)
class VisitFacts:
    """What every read model of a visit starts with: its school, type, status and dates."""

    id: str
    school_id: str
    school_name: str
    visit_type: str
    status: str
    planned_date: dt.date | None
    actual_date: dt.date | None

    @property
    def date(self) -> dt.date | None:
        """The date that matters: when it happened, else when it is planned."""
        return self.actual_date or self.planned_date


@dataclass(frozen=True)
class VisitSummary(VisitFacts):
    """One row of the visits list."""

    purpose: str
    carried_out: bool = False
    """Not completed, but done by another visit of its school and kind, completed on or after
    its due date: neither upcoming nor overdue."""

    def to_json(self) -> dict[str, Any]:
        return {key: _jsonable(value) for key, value in asdict(self).items()}
