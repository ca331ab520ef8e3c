"""Закрепление as data: assigning curators to schools and reading who is assigned now.

An assignment is a synced record per (school, person) (:class:`SchoolAssignment`, id from
:func:`curator_desktop.domain.schools.assignment.assignment_id`). It is written

- by a coordinator's list with a «ФИО куратора» column (:func:`assign`: the named curator from
  the import day; another curator assigned before is released that day);
- in a curator's own store, for each school the curator adds without a named curator
  (:func:`assign_owner`).

A school without any assignment record (made before assignments were kept) keeps the older rule
of :mod:`curator_desktop.services.profile.authorship`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from curator_desktop.domain.profile import Role
from curator_desktop.domain.schools.assignment import (
    assignment_id,
    checked_curator_name,
    is_current,
    person_key,
)
from curator_desktop.store.repositories.profile import ROLE_KEY, profile_in
from curator_desktop.store.rows import assign as set_fields
from curator_desktop.store.tables import CuratorProfile, SchoolAssignment, StoreMeta


def store_role(session: Session) -> Role:
    """The store owner's role (curator when never chosen)."""
    meta = session.get(StoreMeta, ROLE_KEY)
    return Role.parse(meta.value if meta is not None else None) or Role.CURATOR


def assign(
    session: Session,
    school_id: str,
    curator_name: str,
    day: dt.date,
    *,
    store_id: str = "",
) -> SchoolAssignment:
    """Assign the curator named ``curator_name`` to the school from ``day`` (kept as is when
    already assigned; their store id is filled in when it becomes known); any other curator
    assigned to it then is released on ``day``. Raises ``ValidationError`` for a bad name."""
    name = checked_curator_name(curator_name)
    key = person_key(name)
    for other in _assignments_of(session, school_id):
        if person_key(other.curator_name) != key and is_current(
            other.assigned_from, other.assigned_until, day
        ):
            set_fields(other, {"assigned_until": max(day, other.assigned_from)})
            session.add(other)
    record = session.get(SchoolAssignment, assignment_id(school_id, name))
    if record is None:
        record = SchoolAssignment(
            id=assignment_id(school_id, name),
            school_id=school_id,
            curator_name=name,
            curator_store_id=store_id,
            assigned_from=day,
        )
    elif record.deleted or not is_current(record.assigned_from, record.assigned_until, day):
        set_fields(
            record,
            {"deleted": False, "deleted_at": None, "assigned_from": day, "assigned_until": None},
        )
    if store_id and not record.curator_store_id:
        record.curator_store_id = store_id
    if len(name) > len(record.curator_name):  # «Соколова Марина Викторовна» over «Соколова М. В.»
        record.curator_name = name
    session.add(record)
    return record


def assign_owner(session: Session, school_ids: Iterable[str], day: dt.date) -> int:
    """In a curator's store with a named owner, assign the owner to each of ``school_ids`` that
    has no assignment yet; returns how many were assigned (none in a coordinator's store)."""
    owner = profile_in(session)
    if owner is None or not owner.full_name.strip() or store_role(session) is Role.COORDINATOR:
        return 0
    wanted = set(school_ids)
    if not wanted:
        return 0
    held = set(
        session.exec(
            select(SchoolAssignment.school_id).where(col(SchoolAssignment.school_id).in_(wanted))
        )
    )
    for school_id in sorted(wanted - held):
        assign(session, school_id, owner.full_name, day, store_id=owner.store_id)
    return len(wanted - held)


def _assignments_of(session: Session, school_id: str) -> list[SchoolAssignment]:
    query = select(SchoolAssignment).where(col(SchoolAssignment.school_id) == school_id)
    return list(session.exec(query))


def assigned_curators(
    session: Session, day: dt.date, *, school_id: str | None = None
) -> dict[str, tuple[str, ...]]:
    """School id → the full names of the curators assigned to it on ``day`` (sorted; a name
    from a list is shown as the matching person's full name when the store knows them), for
    every school that has any assignment record (an empty tuple: nobody now); ``school_id``:
    that school only."""
    people: dict[str, str] = {}
    live = select(CuratorProfile).where(col(CuratorProfile.deleted).is_(False))
    for profile in session.exec(live):
        key = person_key(profile.full_name)
        if key and len(profile.full_name) > len(people.get(key, "")):
            people[key] = profile.full_name
    found: dict[str, set[str]] = defaultdict(set)
    query = select(SchoolAssignment)
    if school_id is not None:
        query = query.where(col(SchoolAssignment.school_id) == school_id)
    for record in session.exec(query):
        names = found[record.school_id]
        if record.deleted or not is_current(record.assigned_from, record.assigned_until, day):
            continue
        key = person_key(record.curator_name)
        names.add(people.get(key) or record.curator_name)
    return {school_id: tuple(sorted(names)) for school_id, names in found.items()}
