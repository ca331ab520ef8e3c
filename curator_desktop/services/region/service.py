"""The region at a glance: :class:`RegionService` fills the contract of
:mod:`curator_desktop.domain.region.summary` from the store.

Every figure is counted by SQLite (one GROUP BY per table, :mod:`.schools`, :mod:`.curators`);
Python only joins the per-school rows and applies the flag rules. The year counted is the
programme's cycle year of the «as of» day; windows (first visit, verification) come from the
roadmap's items when the store holds them, else the cycle's defaults
(:mod:`curator_desktop.domain.region.windows`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from curator_desktop.domain.enums import Programme, SchoolStatus
from curator_desktop.domain.profile import Role
from curator_desktop.domain.region.flags import curator_flags, school_flags
from curator_desktop.domain.region.summary import RegionCurator, RegionSchool, RegionSummary
from curator_desktop.domain.region.windows import (
    FIRST_VISIT,
    VERIFICATION,
    Window,
    step_of,
    window_of,
)
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.services.profile.assignments import store_role
from curator_desktop.services.region import curators as cq
from curator_desktop.services.region import schools as sq
from curator_desktop.services.region.documents import document_figures
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import profile_in
from curator_desktop.store.roadmap_tables import RoadmapItem

MONITORING_STAGES = ("stage1", "stage2")
"""The stage item's answers of the first and the second stage (the monitoring template's)."""


def local_day(moment: dt.datetime | None) -> dt.date | None:
    """The day a UTC moment falls on in this computer's time zone."""
    return moment.astimezone().date() if moment is not None else None


def end_of(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` (local time) in UTC: what happened before it is «by» it."""
    start = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).astimezone()
    return start.astimezone(dt.UTC)


def roadmap_windows(connection: Connection, year: int) -> dict[str, Window]:
    """The first visit's and the verification's windows in ``year``."""
    query = select(
        RoadmapItem.title,
        RoadmapItem.description,
        func.coalesce(RoadmapItem.deadline_end, RoadmapItem.deadline_start),
    ).where(RoadmapItem.deleted.is_(False))
    ends: dict[str, list[dt.date]] = defaultdict(list)
    for title, description, end in connection.execute(query):
        step = step_of(title or "", description or "")
        if step is not None and end is not None:
            ends[step].append(end if isinstance(end, dt.date) else dt.date.fromisoformat(end))
    return {step: window_of(step, year, ends[step]) for step in (FIRST_VISIT, VERIFICATION)}


class RegionService:
    """Reads the region's overview, curators and totals from a store (reads only)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def summary(self, as_of: dt.date) -> RegionSummary:
        """Every live school and every curator of the store as of ``as_of``."""
        year = cycle_year(as_of)
        until = end_of(as_of)
        with self.database.session() as session:
            coordinator = store_role(session) is Role.COORDINATOR
            connection = session.connection()
            schools = sq.live_schools(connection, year)
            windows = roadmap_windows(connection, year)
            visit_rows = sq.visit_counts(connection, year, as_of)
            risks, activated = sq.risk_figures(connection, year, as_of)
            documents = document_figures(connection, schools, activated, year, as_of)
            recommendation_rows = sq.recommendation_counts(connection, as_of)
            stages = sq.monitoring_stages(connection, year, as_of)
            levels = sq.selfdiag_levels(connection, as_of)
            receipts = sq.last_receipts(connection, until)
            live = {school.id for school in schools}
            owner = profile_in(session) if not coordinator else None
            authored = cq.unassigned_authors(connection, visit_rows, owner.id if owner else None)
            assigned = sq.assignments_on(connection, as_of)
            persons = cq.people(connection, assigned, live, authored)
            authors = cq.author_figures(
                connection, visit_rows, recommendation_rows, live, year, until
            )
            imports = cq.last_imports(connection, until)
        visits = _by_school(visit_rows)
        recommendations: dict[str, tuple[int, int]] = {}
        for school_id, _author, opened, late in recommendation_rows:
            before = recommendations.get(school_id, (0, 0))
            recommendations[school_id] = (before[0] + opened, before[1] + late)
        names: dict[str, list[str]] = defaultdict(list)
        received: dict[str, list[dt.datetime]] = defaultdict(list)
        for person in persons.values():
            sent = [imports[s].at for s in person.store_ids if s in imports]
            for school_id in person.school_ids:
                names[school_id].append(person.name)
                received[school_id] += sent
        for school_id, at in receipts.items():
            received[school_id].append(at)
        rows = tuple(
            _school(
                school,
                as_of=as_of,
                curators=tuple(sorted(names.get(school.id, ()))),
                windows=windows,
                visits=visits.get(school.id, (0, 0, None)),
                risks=risks.get(school.id, (0, 0)),
                directions=len(activated.get(school.id, ())),
                documents=documents.get(school.id, (0, 0)),
                recommendations=recommendations.get(school.id, (0, 0)),
                stages=stages.get(school.id, set()),
                level=levels.get(school.id, ""),
                last_package=local_day(max(received[school.id], default=None)),
                coordinator=coordinator,
            )
            for school in schools
        )
        people = tuple(
            sorted(
                (_curator(p, authors, imports, as_of, coordinator) for p in persons.values()),
                key=lambda c: (c.name.casefold(), c.store_id),
            )
        )
        return RegionSummary(
            as_of=as_of, schools=rows, curators=people, totals=_totals(rows, people), year=year
        )


def _by_school(rows: list[sq.VisitCounts]) -> dict[str, tuple[int, int, dt.date | None]]:
    """School id → (held, planned, first visit) over its visits' authors."""
    found: dict[str, tuple[int, int, dt.date | None]] = {}
    for row in rows:
        held, planned, first = found.get(row.school_id, (0, 0, None))
        days = [d for d in (first, row.first_visit) if d is not None]
        found[row.school_id] = (held + row.held, planned + row.planned, min(days, default=None))
    return found


def _school(
    school: sq.SchoolRow,
    *,
    as_of: dt.date,
    curators: tuple[str, ...],
    windows: Mapping[str, Window],
    visits: tuple[int, int, dt.date | None],
    risks: tuple[int, int],
    directions: int,
    documents: tuple[int, int],
    recommendations: tuple[int, int],
    stages: set[str],
    level: str,
    last_package: dt.date | None,
    coordinator: bool,
) -> RegionSchool:
    shnor = school.programme == Programme.SHNOR_500.value
    done, planned, first = visits
    first_due = windows[FIRST_VISIT].due if shnor else None
    verification_due = windows[VERIFICATION].due if shnor and risks[1] else None
    flags = school_flags(
        as_of=as_of,
        taking_part=school.status == SchoolStatus.ACTIVE.value,
        first_visit_due=first_due,
        first_visit=first,
        verification_due=verification_due,
        risks_verified=risks[0],
        risk_factors=risks[1],
        recommendations_overdue=recommendations[1],
        last_package=last_package,
        packages_expected=coordinator,
    )
    return RegionSchool(
        school_id=school.id,
        inn=school.inn,
        name=school.name,
        municipality=school.municipality,
        programme=school.programme,
        curators=curators,
        first_visit=first,
        first_visit_due=first_due,
        visits_completed=done,
        visits_planned=planned,
        risks_verified=risks[0],
        risk_factors=risks[1],
        directions_activated=directions,
        documents_accepted=documents[0],
        documents_expected=documents[1],
        monitoring_1=MONITORING_STAGES[0] in stages,
        monitoring_2=MONITORING_STAGES[1] in stages,
        recommendations_open=recommendations[0],
        recommendations_overdue=recommendations[1],
        selfdiag_level="" if shnor else level,
        last_package=last_package,
        flags=flags,
        status=school.status,
        verification_due=verification_due,
    )


def _curator(
    person: cq.Person,
    authors: Mapping[str, cq.AuthorFigures],
    imports: Mapping[str, cq.Received],
    as_of: dt.date,
    coordinator: bool,
) -> RegionCurator:
    mine = [authors[a] for a in person.profile_ids if a in authors]
    received = [imports[s].at for s in person.store_ids if s in imports]
    recorded = [imports[s].made_at for s in person.store_ids if s in imports]
    recorded = [at for at in recorded if at is not None]
    visits_overdue = sum(f.visits_overdue for f in mine)
    late = sum(f.recommendations_overdue for f in mine)
    last_package = local_day(max(received)) if received else None
    return RegionCurator(
        name=person.name,
        store_id=min(person.store_ids) if person.store_ids else "",
        schools=len(person.school_ids),
        visits_completed=sum(f.visits_completed for f in mine),
        visits_planned=sum(f.visits_planned for f in mine),
        overdue_items=visits_overdue + late,
        recommendations_overdue=late,
        reports_produced=sum(f.reports for f in mine),
        last_package=last_package,
        data_recorded_until=max(recorded) if recorded else None,
        flags=curator_flags(
            as_of=as_of,
            visits_overdue=visits_overdue,
            recommendations_overdue=late,
            last_package=last_package,
            packages_expected=coordinator,
        ),
        visits_overdue=visits_overdue,
    )


TOTALLED = (
    "visits_completed",
    "visits_planned",
    "risks_verified",
    "risk_factors",
    "directions_activated",
    "documents_accepted",
    "documents_expected",
    "recommendations_open",
    "recommendations_overdue",
)
"""The school figures the totals add up."""


def _totals(schools: tuple[RegionSchool, ...], people: tuple[RegionCurator, ...]) -> dict[str, int]:
    totals: dict[str, Any] = {name: sum(getattr(s, name) for s in schools) for name in TOTALLED}
    totals.update(
        schools=len(schools),
        curators=len(people),
        first_visits=sum(s.first_visit is not None for s in schools),
        monitoring_1=sum(s.monitoring_1 for s in schools),
        monitoring_2=sum(s.monitoring_2 for s in schools),
        schools_behind=sum(s.behind for s in schools),
        curators_behind=sum(c.behind for c in people),
        reports_produced=sum(c.reports_produced for c in people),
    )
    return totals
