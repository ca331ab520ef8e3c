"""Building a set-up package in the coordinator's store: one curator's assigned schools with
the region's catalogs, templates, review criteria and roadmap, written as an exchange package
of the ``setup`` scope (the same writer, format, signature and limits as every package)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.schools.assignment import checked_curator_name, names_agree
from curator_desktop.i18n import _, format_date
from curator_desktop.services.documents.criteria_catalog import META_KEY as CRITERIA_KEY
from curator_desktop.services.exchange.package.format import Scope
from curator_desktop.services.exchange.results import ExportResult
from curator_desktop.services.exchange.service import ExchangeService
from curator_desktop.services.profile.assignments import assigned_curators
from curator_desktop.store.record_base import StoreMeta
from curator_desktop.store.tables import CuratorProfile, School


@dataclass(frozen=True)
class SetupExport:
    """A set-up package written: for whom (their store id when known), how many schools."""

    curator: str
    curator_store_id: str
    schools: int
    export: ExportResult


def assigned_school_ids(session: Session, curator: str, day: dt.date) -> list[str]:
    """The live, not archived schools the curator named ``curator`` is assigned to on ``day``."""
    assigned = assigned_curators(session, day)
    wanted = [sid for sid, names in assigned.items() if any(names_agree(n, curator) for n in names)]
    if not wanted:
        return []
    live = select(School.id).where(
        col(School.id).in_(wanted),
        col(School.deleted).is_(False),
        col(School.archived_at).is_(None),
    )
    return sorted(session.exec(live))


def _person(session: Session, curator: str) -> tuple[str, str]:
    """The curator's full name and store id as this store knows them from their packages (the
    name as given and "" when no profile, or more than one store, matches)."""
    query = select(CuratorProfile).where(col(CuratorProfile.deleted).is_(False))
    found = [p for p in session.exec(query) if p.store_id and names_agree(p.full_name, curator)]
    stores = {p.store_id for p in found}
    if len(stores) != 1:
        return curator, ""
    person = max(found, key=lambda p: len(p.full_name))
    return (person.full_name if len(person.full_name) > len(curator) else curator), person.store_id


def build_setup(
    service: ExchangeService,
    curator: str,
    target: Path,
    *,
    day: dt.date,
    password: str | None = None,
) -> SetupExport:
    """Write the set-up package for the curator named ``curator`` (the schools assigned to them
    on ``day``) to ``target``; a ``ValidationError`` when nobody of that name has a school."""
    name = checked_curator_name(curator)
    with service.database.session() as session:
        schools = assigned_school_ids(session, name, day)
        full_name, store_id = _person(session, name)
        criteria = session.get(StoreMeta, CRITERIA_KEY)
        criteria_text = criteria.value if criteria is not None else ""
    if not schools:
        raise ValidationError(
            _("No school is assigned to the curator {curator} on {day}: assign schools first "
              "(a list with the column «ФИО куратора»).").format(
                curator=name, day=format_date(day, "short")
            ),
            field="curator",
        )  # fmt: skip
    scope = Scope.setup(tuple(schools), full_name, store_id, criteria_text)
    result = service.export(Path(target), scope, password=password)
    return SetupExport(full_name, store_id, len(schools), result)
