"""Who the records belong to: the curators named on visits and on schools.

Visits, verifications, recommendations, document reviews and reports name their author
(``author_id``, a ``curator_profile``: the store owner, or a curator whose package was
imported). Records made before authorship was kept may name nobody; for those the store's own
rule stands in:

- in a curator's store such a visit is the curator's (what came from their other computer too);
- in a coordinator's store a visit made there is the coordinator's, and one taken from a
  package without an author has no known curator ("").

A school's curators (archived schools have none) are the ones assigned to it now
(:mod:`curator_desktop.services.profile.assignments`); a school without any assignment record
(made before assignments were kept) has the authors of its visits and verifications and, in a
curator's own store, the curator.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.profile import Role
from curator_desktop.services.profile.assignments import assigned_curators, store_role
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import profile_in
from curator_desktop.store.tables import (
    CuratorProfile,
    Receipt,
    RiskAssessment,
    School,
    Visit,
)


def _owner(session: Session) -> tuple[str, Role]:
    profile = profile_in(session)
    return (profile.full_name if profile is not None else ""), store_role(session)


def _names(session: Session) -> dict[str, str]:
    return {p.id: p.full_name for p in session.exec(select(CuratorProfile)) if p.full_name}


def visit_curators(database: Database) -> dict[str, str]:
    """Visit id → the full name of the curator who made it; visits of unknown author are left
    out."""
    with database.session() as session:
        owner, role = _owner(session)
        names = _names(session)
        received: set[str] = set()
        if role is Role.COORDINATOR:
            received = set(
                session.exec(select(Receipt.entity_id).where(col(Receipt.entity) == "visit"))
            )
        found: dict[str, str] = {}
        rows = session.exec(select(Visit.id, Visit.author_id).where(col(Visit.deleted).is_(False)))
        for visit_id, author_id in rows:
            name = names.get(author_id or "") or ("" if visit_id in received else owner)
            if name:
                found[visit_id] = name
        return found


def school_curators(
    database: Database, day: dt.date | None = None, *, school_id: str | None = None
) -> dict[str, tuple[str, ...]]:
    """School id → the full names of its curators on ``day`` (today by default; sorted);
    schools without a known curator are left out. ``school_id``: that school only (a card)."""

    def only(query: Any, column: Any) -> Any:
        return query if school_id is None else query.where(col(column) == school_id)

    with database.session() as session:
        assigned = assigned_curators(session, day or dt.date.today(), school_id=school_id)
        owner, role = _owner(session)
        names = _names(session)
        found: dict[str, set[str]] = defaultdict(set)
        authored = [
            only(
                select(Visit.school_id, Visit.author_id).where(col(Visit.deleted).is_(False)),
                Visit.school_id,
            ),
            only(
                select(RiskAssessment.school_id, RiskAssessment.author_id)
                .where(col(RiskAssessment.deleted).is_(False))
                .where(col(RiskAssessment.verdict).is_not(None)),
                RiskAssessment.school_id,
            ),
        ]
        for query in authored:
            for found_id, author_id in session.exec(query):
                if author_id in names:
                    found[found_id].add(names[author_id])
        live = select(School.id).where(
            col(School.deleted).is_(False), col(School.archived_at).is_(None)
        )
        current = set(session.exec(only(live, School.id)))
        if owner and role is not Role.COORDINATOR:
            for found_id in current:
                found[found_id].add(owner)
        found.update({found_id: set(people) for found_id, people in assigned.items()})
        return {
            found_id: tuple(sorted(people))
            for found_id, people in found.items()
            if found_id in current and people  # an archived school has no curator now
        }
