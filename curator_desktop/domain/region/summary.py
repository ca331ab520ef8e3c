"""What the coordinator's overview, the curators' table, `region summary --json`, the XLSX export
and the analytical справки read: one row per school, one per curator, and the region's totals.

Contract between the #24 changes: the region service fills these; every page, export and report
reads them and nothing else. Counts are plain ints; dates are ``datetime.date`` (None: not yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Flag:
    """A colour flag on a row with its reason in the user's language (shown as a tooltip)."""

    code: str  # e.g. "first_visit_overdue", "recommendations_overdue", "no_package"
    reason: str


@dataclass(frozen=True, slots=True)
class RegionSchool:
    """One school of the region as of a day."""

    school_id: str
    inn: str
    name: str
    municipality: str
    programme: str  # "500plus" / "minpros_school" codes as stored
    curators: tuple[str, ...]
    first_visit: dt.date | None
    first_visit_due: dt.date | None  # the roadmap's window end, when the roadmap gives one
    visits_completed: int
    visits_planned: int
    risks_verified: int
    risk_factors: int
    directions_activated: int
    documents_accepted: int
    documents_expected: int
    monitoring_1: bool
    monitoring_2: bool
    recommendations_open: int
    recommendations_overdue: int
    selfdiag_level: str  # "" when not a «Школа Минпросвещения» school or no round
    last_package: dt.date | None
    flags: tuple[Flag, ...] = ()
    status: str = "active"  # the school's status in the programme (active/completed/withdrawn)
    verification_due: dt.date | None = None  # the roadmap's (or the default) verification end

    @property
    def behind(self) -> bool:
        """«Отстаёт»: any flag raised."""
        return bool(self.flags)


@dataclass(frozen=True, slots=True)
class RegionCurator:
    """One curator of the region as of a day."""

    name: str
    store_id: str  # "" when known only by name
    schools: int
    visits_completed: int
    visits_planned: int
    overdue_items: int  # overdue visits + overdue recommendations
    recommendations_overdue: int
    reports_produced: int
    last_package: dt.date | None  # when the coordinator received it
    data_recorded_until: dt.datetime | None  # the newest record's time on the curator's device
    flags: tuple[Flag, ...] = ()
    visits_overdue: int = 0  # open visits whose day has passed (part of overdue_items)

    @property
    def behind(self) -> bool:
        return bool(self.flags)


@dataclass(frozen=True, slots=True)
class RegionSummary:
    """The region as of ``as_of``."""

    as_of: dt.date
    schools: tuple[RegionSchool, ...]
    curators: tuple[RegionCurator, ...]
    totals: dict[str, int] = field(default_factory=dict)
    year: int = 0  # the programme's cycle year of ``as_of`` (visits, risks, documents count in it)
