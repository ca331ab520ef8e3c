"""The region's curators: who they are, and their figures counted per author by SQLite.

A curator is a person (:func:`curator_desktop.domain.schools.assignment.person_key`: surname
and initials) assigned to a school on the day, or whose package was imported (a profile of
another store). Their records are those naming one of their profiles as the author; their
packages are the imports from one of their stores (the assignment's or the profile's store id).
The coordinator's own profile is a curator only when assigned to a school.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from curator_desktop.domain.schools.assignment import person_key
from curator_desktop.services.region.schools import VisitCounts, as_utc
from curator_desktop.store.own_profile import STORE_ID_KEY
from curator_desktop.store.tables import (
    CuratorProfile,
    GeneratedReport,
    RiskAssessment,
    School,
    SchoolAssignment,
    StoreMeta,
    SyncState,
)

IMPORT = "import"
"""``sync_state.direction`` of an imported package (as the exchange records it)."""


@dataclass
class Person:
    """A curator of the region being gathered: names, profiles, stores and schools."""

    key: str
    name: str = ""
    profile_ids: set[str] = field(default_factory=set)
    store_ids: set[str] = field(default_factory=set)
    school_ids: set[str] = field(default_factory=set)

    def call(self, name: str) -> None:
        """Keep the fullest spelling of the name («Соколова Марина Викторовна» over «… М. В.»)."""
        if len(name) > len(self.name):
            self.name = name


def unassigned_authors(
    connection: Connection, visits: list[VisitCounts], owner_id: str | None
) -> list[tuple[str, str]]:
    """``(school id, profile id)`` for the schools without any assignment record (made before
    assignments were kept): the authors of their visits and verifications, and in a curator's
    own store the owner (``owner_id``), as :mod:`curator_desktop.services.profile.authorship`
    reads them."""
    assigned = select(SchoolAssignment.school_id)
    held = set(connection.execute(assigned.distinct()).scalars())
    pairs = {(v.school_id, v.author_id) for v in visits if v.author_id and v.school_id not in held}
    verified = select(RiskAssessment.school_id, RiskAssessment.author_id).where(
        RiskAssessment.deleted.is_(False),
        RiskAssessment.verdict.is_not(None),
        RiskAssessment.author_id.is_not(None),
        RiskAssessment.school_id.not_in(assigned),
    )
    pairs |= {(school_id, author) for school_id, author in connection.execute(verified.distinct())}
    if owner_id:
        unassigned = select(School.id).where(School.id.not_in(assigned))
        pairs |= {(school_id, owner_id) for school_id in connection.execute(unassigned).scalars()}
    return sorted(pairs)


def people(
    connection: Connection,
    assignments: list[tuple[str, str, str]],
    live_school_ids: set[str],
    authored: Sequence[tuple[str, str]] = (),
) -> dict[str, Person]:
    """Key → the curator: everyone assigned on the day (to a live school), every sender, and
    the ``authored`` pairs' authors of schools without assignments."""
    own_store = connection.execute(
        select(StoreMeta.value).where(StoreMeta.key == STORE_ID_KEY)
    ).scalar()
    found: dict[str, Person] = {}
    for school_id, name, store_id in assignments:
        key = person_key(name)
        if not key or school_id not in live_school_ids:
            continue
        person = found.setdefault(key, Person(key))
        person.call(name)
        person.school_ids.add(school_id)
        if store_id:
            person.store_ids.add(store_id)
    authors = {author for _school, author in authored}
    profiles = select(CuratorProfile.id, CuratorProfile.store_id, CuratorProfile.full_name).where(
        CuratorProfile.deleted.is_(False)
    )
    for profile_id, store_id, name in connection.execute(profiles):
        key = person_key(name)
        if not key:
            continue
        sender = bool(store_id) and store_id != own_store
        if key not in found and not sender and profile_id not in authors:
            continue  # the coordinator, not assigned to any school
        person = found.setdefault(key, Person(key))
        person.call(name)
        person.profile_ids.add(profile_id)
        if store_id:
            person.store_ids.add(store_id)
    by_profile = {p: person for person in found.values() for p in person.profile_ids}
    for school_id, author_id in authored:
        if school_id in live_school_ids and author_id in by_profile:
            by_profile[author_id].school_ids.add(school_id)
    return found


@dataclass(frozen=True, slots=True)
class AuthorFigures:
    """What one author's records count on the day."""

    visits_completed: int = 0
    visits_planned: int = 0
    visits_overdue: int = 0
    recommendations_overdue: int = 0
    reports: int = 0


def author_figures(
    connection: Connection,
    visits: list[VisitCounts],
    recommendations: list[tuple[str, str | None, int, int]],
    live_school_ids: set[str],
    year: int,
    until: dt.datetime,
) -> dict[str, AuthorFigures]:
    """Author (profile) id → their figures: the ``visits`` and ``recommendations`` counted per
    school and author, added up over the live schools; and reports made in the year (before
    ``until``)."""
    values: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    for v in visits:
        if v.author_id and v.school_id in live_school_ids:
            mine = values[v.author_id]
            mine["visits_completed"] += v.held
            mine["visits_planned"] += v.planned
            mine["visits_overdue"] += v.overdue
    for school_id, author, _open, late in recommendations:
        if author and school_id in live_school_ids:
            values[author]["recommendations_overdue"] += late
    first_day = dt.datetime(year, 2, 1, tzinfo=dt.UTC)
    reports = (
        select(GeneratedReport.author_id, func.count())
        .where(
            GeneratedReport.deleted.is_(False),
            GeneratedReport.generated_at >= first_day,
            GeneratedReport.generated_at < until,
        )
        .group_by(GeneratedReport.author_id)
    )
    for author, count in connection.execute(reports):
        if author:
            values[author]["reports"] = int(count)
    return {author: AuthorFigures(**fields) for author, fields in values.items()}


@dataclass(frozen=True, slots=True)
class Received:
    """A sender's latest package: when it was imported, and when it was made on the sender's
    computer (the manifest's time, kept as the import's watermark: what was recorded there
    until then is in it)."""

    at: dt.datetime
    made_at: dt.datetime | None


def last_imports(connection: Connection, until: dt.datetime) -> dict[str, Received]:
    """Sender's store id → its latest package imported before ``until``."""
    query = (
        select(SyncState.peer_store_id, func.max(SyncState.at), func.max(SyncState.watermark))
        .where(SyncState.direction == IMPORT, SyncState.at < until)
        .group_by(SyncState.peer_store_id)
    )
    return {
        store: Received(as_utc(at), as_utc(made) if made is not None else None)
        for store, at, made in connection.execute(query)
        if store and at
    }
