"""Natural identities at import: a package's school or risk assessment lands on the local record
that is the same school (valid ИНН) or the same verification (school, factor, year), whatever
id the sender's store gave it.

This step runs before the reconciliation (:func:`merge.apply.prepare_in`: a single import and a
coordinator's batch alike) and rewrites what the package brings as if the sender had used this
store's ids:

1. ids this store already maps (the local ``record_alias`` table: an earlier import, a merged
   twin) become the local ones;
2. a live incoming school with a valid ИНН that this store does not hold under its own id is
   mapped to the oldest live local school with that ИНН, one the user confirmed as a local
   school (:attr:`Incoming.confirmed`, from :attr:`Identity.proposals`) to that school; then a
   live incoming risk assessment this store does not hold to the oldest live local one of the
   same (mapped) school, factor and year. These are new aliases, written with the merge
   (:func:`merge.write.write_merge`).

The records' ids, every column that points at a mapped record (foreign keys, and a roadmap
link's target) and the history rows' ``entity_id`` follow. A record equal in content to the
local one then reconciles as unchanged (histories joined); one that differs is a conflict.

A local record takes at most one record of a package: when the package holds the local id
itself, or another of its records was mapped there first (a package from a store with twins),
the record keeps its own id and becomes a twin here too (``curator-desktop db repair-twins``
merges it), while what points at an alias still follows it. A record known here only as an
alias whose revision the local record already has is left out instead (it brings nothing, and
would only come back as a twin). A school without a valid ИНН is never mapped silently: it is
only proposed, by name and municipality.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain import identity
from curator_desktop.domain.schools.inn import is_valid_inn
from curator_desktop.services.exchange.merge.reconcile import foreign_keys
from curator_desktop.services.exchange.merge.state import chunks
from curator_desktop.store.tables import (
    ChangeLog,
    RecordAlias,
    RiskAssessment,
    School,
    SchoolDocument,
)

SCHOOL = "school"
ASSESSMENT = "risk_assessment"
DOCUMENT = "school_document"
ALIASED = (SCHOOL, ASSESSMENT, DOCUMENT)
"""The tables whose records have a natural identity and may be mapped (a school document only
by a known alias: a twin's document merged into the kept school's, :mod:`..schools.twins`)."""
SOFT_REFERENCES: dict[str, tuple[tuple[str, str, Mapping[str, str]], ...]] = {
    "roadmap_link": (("target_id", "target_type", {ASSESSMENT: ASSESSMENT}),),
}
"""Columns that point at a record without a foreign key: table → (column, the column naming
the kind, kind → table)."""

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


@dataclass(frozen=True)
class Alias:
    """An incoming id mapped onto a local record; ``by`` says why (``inn``, ``key``, ``name``)."""

    entity: str
    alias_id: str
    local_id: str
    by: str


@dataclass(frozen=True)
class NameMatch:
    """An incoming school without a valid ИНН whose name and municipality are those of one local
    school: the same school, if the user says so."""

    incoming_id: str
    local_id: str
    incoming_name: str
    local_name: str
    municipality: str


@dataclass(frozen=True)
class Identity:
    """What the step found: the new aliases to store, how many records of each table were
    mapped (known aliases included), and the schools proposed by name."""

    aliases: tuple[Alias, ...] = ()
    mapped: Mapping[str, int] = field(default_factory=dict)
    proposals: tuple[NameMatch, ...] = ()


def _created(record: Mapping[str, Any]) -> tuple[str, str]:
    return (str(record.get("created_at") or ""), str(record["id"]))


def _aliasable_ids(records: Rows) -> dict[str, set[str]]:
    """Every id of a mappable table the package names: its records and what points at them."""
    ids: dict[str, set[str]] = {table: set() for table in ALIASED}
    for table in ALIASED:
        ids[table].update(str(r["id"]) for r in records.get(table, ()))
    for table, rows in records.items():
        targets = [(c, t) for c, t in foreign_keys(table).items() if t in ALIASED]
        soft = SOFT_REFERENCES.get(table, ())
        if not targets and not soft:
            continue
        for row in rows:
            for column, target in targets:
                if row.get(column):
                    ids[target].add(str(row[column]))
            for column, kind, kinds in soft:
                target = kinds.get(str(row.get(kind)))
                if target is not None and row.get(column):
                    ids[target].add(str(row[column]))
    return ids


def known_aliases(session: Session, entity: str, ids: Iterable[str]) -> dict[str, str]:
    """Alias id → local id, for those of ``ids`` this store maps."""
    found: dict[str, str] = {}
    for part in chunks(sorted(set(ids))):
        query = select(RecordAlias.alias_id, RecordAlias.local_id).where(
            col(RecordAlias.entity) == entity, col(RecordAlias.alias_id).in_(part)
        )
        found.update(dict(session.exec(query).all()))
    return found


def _present(
    session: Session, model: Any, ids: Collection[str], *, live_only: bool = False
) -> set[str]:
    """Those of ``ids`` the store holds (``live_only``: not deleted)."""
    found: set[str] = set()
    for part in chunks(sorted(ids)):
        query = select(model.id).where(col(model.id).in_(part))
        if live_only:
            query = query.where(col(model.deleted).is_(False))
        found.update(session.exec(query).all())
    return found


def _local_schools_by_inn(session: Session, inns: Collection[str]) -> dict[str, str]:
    """The oldest live local school of each ИНН."""
    found: dict[str, str] = {}
    for part in chunks(sorted(inns)):
        query = (
            select(School.inn, School.id)
            .where(col(School.inn).in_(part), col(School.deleted).is_(False))
            .order_by(col(School.created_at), col(School.id))
        )
        for inn, school_id in session.exec(query):
            found.setdefault(inn, school_id)
    return found


def _local_assessments_by_key(
    session: Session, schools: Collection[str]
) -> dict[tuple[str, str, int], str]:
    """The oldest live local assessment of each (school, factor, year) of ``schools``."""
    found: dict[tuple[str, str, int], str] = {}
    for part in chunks(sorted(schools)):
        query = (
            select(
                RiskAssessment.school_id,
                RiskAssessment.factor_code,
                RiskAssessment.year,
                RiskAssessment.id,
            )
            .where(col(RiskAssessment.school_id).in_(part))
            .where(col(RiskAssessment.deleted).is_(False))
            .order_by(col(RiskAssessment.created_at), col(RiskAssessment.id))
        )
        for school, code, year, row_id in session.exec(query):
            found.setdefault((school, code, int(year)), row_id)
    return found


def _local_schools_by_name(session: Session, wanted: Collection[tuple[str, str]]) -> dict:
    """Live local schools of each wanted name key: key → [(id, inn, name)]."""
    found: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    if not wanted:
        return found
    query = select(School.id, School.inn, School.full_name, School.municipality).where(
        col(School.deleted).is_(False)
    )
    for school_id, inn, name, municipality in session.exec(query):
        key = identity.school_name_key(name, municipality)
        if key in wanted:
            found.setdefault(key, []).append((school_id, inn, name))
    return found


def _histories(session: Session, entity: str, ids: Collection[str]) -> dict[str, set[str]]:
    """Every revision each of the records ``ids`` has had or absorbed."""
    model = {SCHOOL: School, ASSESSMENT: RiskAssessment, DOCUMENT: SchoolDocument}[entity]
    found: dict[str, set[str]] = {}
    for part in chunks(sorted(ids)):
        query = select(model.id, model.revision, model.parent_revision).where(
            col(model.id).in_(part)
        )
        for row_id, revision, parent in session.exec(query):
            found.setdefault(row_id, set()).update(r for r in (revision, parent) if r)
        logged = select(ChangeLog.entity_id, ChangeLog.revision).where(
            col(ChangeLog.entity) == entity, col(ChangeLog.entity_id).in_(part)
        )
        for row_id, revision in session.exec(logged):
            found.setdefault(row_id, set()).add(revision)
    return found


class _Mapper:
    """The mappings of one table as they are decided: record ids and references."""

    def __init__(self, rows: Sequence[Mapping[str, Any]], known: Mapping[str, str]) -> None:
        self.rows = sorted(rows, key=_created)
        self.known = known
        self.records: dict[str, str] = {}
        """Incoming record id → local id (the record itself lands there)."""
        self.references: dict[str, str] = dict(known)
        """Incoming id → local id, for every column pointing at it."""
        self.taken: set[str] = {str(r["id"]) for r in rows}
        """Local ids the package's records already land on."""
        self.blocked: dict[str, str] = {}
        """Aliased records whose local record another record of the package takes."""
        self.dropped: set[str] = set()
        """Records left out: the local record they are already took another of the package."""

    def apply_known(self) -> None:
        for row in self.rows:
            row_id = str(row["id"])
            target = self.known.get(row_id)
            if target is None or target == row_id:
                continue
            if target in self.taken:
                self.blocked[row_id] = target
            else:
                self.records[row_id] = target
                self.taken.add(target)

    def drop_known(self, session: Session, entity: str, local: Collection[str]) -> None:
        """Leave out a blocked record held here only as an alias when the local record already
        has its revision (it would come back as a twin, bringing nothing new); one that brings
        something new keeps its id and arrives as a twin (nothing lost; the repair merges it)."""
        pending = {
            str(row["id"]): str(row.get("revision") or "")
            for row in self.rows
            if str(row["id"]) in self.blocked and str(row["id"]) not in local
        }
        if not pending:
            return
        known = _histories(session, entity, {self.blocked[row_id] for row_id in pending})
        for row_id, revision in pending.items():
            if revision in known.get(self.blocked[row_id], ()):
                self.dropped.add(row_id)

    def candidates(self, local: Collection[str]) -> list[Mapping[str, Any]]:
        """Live records neither held here under their id nor mapped already."""
        return [
            row
            for row in self.rows
            if not row.get("deleted")
            and str(row["id"]) not in self.known
            and str(row["id"]) not in local
        ]

    def map(self, row_id: str, target: str | None) -> bool:
        if target is None or target == row_id or target in self.taken:
            return False
        self.records[row_id] = target
        self.references[row_id] = target
        self.taken.add(target)
        return True


def identify(
    session: Session,
    records: Rows,
    confirmed: Collection[tuple[str, str]] = (),
    *,
    propose: bool = False,
) -> tuple[dict[str, Sequence[Mapping[str, Any]]] | None, Identity, dict[str, dict[str, str]]]:
    """Decide the mappings of a package's records (see the module); nothing is written.

    Returns the records rewritten (None when nothing maps), what was found (``propose``: with
    the schools proposed by name), and the record ids mapped per table (for the history rows).
    """
    wanted = _aliasable_ids(records)
    if not any(wanted.values()):
        return None, Identity(), {}
    schools = _Mapper(records.get(SCHOOL, ()), known_aliases(session, SCHOOL, wanted[SCHOOL]))
    assessments = _Mapper(
        records.get(ASSESSMENT, ()), known_aliases(session, ASSESSMENT, wanted[ASSESSMENT])
    )
    documents = _Mapper(
        records.get(DOCUMENT, ()), known_aliases(session, DOCUMENT, wanted[DOCUMENT])
    )
    aliases: list[Alias] = []
    schools.apply_known()
    assessments.apply_known()
    documents.apply_known()
    held = _present(session, SchoolDocument, [str(r["id"]) for r in documents.rows])
    documents.drop_known(session, DOCUMENT, held)

    local = _present(session, School, [str(r["id"]) for r in schools.rows])
    schools.drop_known(session, SCHOOL, local)
    unmapped = schools.candidates(local)
    with_inn = [r for r in unmapped if is_valid_inn(str(r.get("inn") or "").strip())]
    by_inn = _local_schools_by_inn(session, {str(r["inn"]).strip() for r in with_inn})
    for row in with_inn:
        row_id = str(row["id"])
        if schools.map(row_id, by_inn.get(str(row["inn"]).strip())):
            aliases.append(Alias(SCHOOL, row_id, schools.records[row_id], "inn"))
    chosen = dict(confirmed)
    live = _present(session, School, set(chosen.values()), live_only=True)
    chosen = {incoming: local for incoming, local in chosen.items() if local in live}
    for row in unmapped:
        row_id = str(row["id"])
        if row_id not in schools.records and schools.map(row_id, chosen.get(row_id)):
            aliases.append(Alias(SCHOOL, row_id, schools.records[row_id], "name"))
    proposals = _proposals(session, schools, unmapped) if propose else ()

    local = _present(session, RiskAssessment, [str(r["id"]) for r in assessments.rows])
    assessments.drop_known(session, ASSESSMENT, local)
    unmapped = assessments.candidates(local)

    def key(row: Mapping[str, Any]) -> tuple[str, str, int]:
        school = str(row["school_id"])
        return (schools.references.get(school, school), str(row["factor_code"]), int(row["year"]))

    by_key = _local_assessments_by_key(session, {key(r)[0] for r in unmapped})
    for row in unmapped:
        row_id = str(row["id"])
        if assessments.map(row_id, by_key.get(key(row))):
            aliases.append(Alias(ASSESSMENT, row_id, assessments.records[row_id], "key"))

    mappers = {SCHOOL: schools, ASSESSMENT: assessments, DOCUMENT: documents}
    found = Identity(
        tuple(aliases),
        {t: len(m.records) + len(m.dropped) for t, m in mappers.items() if m.records or m.dropped},
        proposals,
    )
    if not any(m.records or m.references or m.dropped for m in mappers.values()):
        return None, found, {}
    rewritten = _rewrite(records, mappers)
    return rewritten, found, {table: m.records for table, m in mappers.items() if m.records}


def _proposals(
    session: Session, schools: _Mapper, unmapped: Sequence[Mapping[str, Any]]
) -> tuple[NameMatch, ...]:
    """Incoming schools left unmapped whose name and municipality are those of exactly one
    live local school (and whose ИНН, if both have a valid one, agree)."""
    left = [r for r in unmapped if str(r["id"]) not in schools.records]
    keys = {
        str(r["id"]): identity.school_name_key(r.get("full_name"), r.get("municipality"))
        for r in left
        if r.get("full_name")
    }
    by_name = _local_schools_by_name(session, set(keys.values()))
    proposals: list[NameMatch] = []
    for row in left:
        row_id = str(row["id"])
        inn = str(row.get("inn") or "").strip()
        found = [
            (local_id, local_inn, name)
            for local_id, local_inn, name in by_name.get(keys.get(row_id, ("", "")), [])
            if local_id not in schools.taken
            and not (is_valid_inn(inn) and is_valid_inn(local_inn) and inn != local_inn)
        ]
        if len(found) == 1:
            local_id, _inn, name = found[0]
            proposals.append(
                NameMatch(
                    row_id,
                    local_id,
                    str(row.get("full_name") or ""),
                    name,
                    str(row.get("municipality") or ""),
                )
            )
    return tuple(proposals)


def _rewrite(
    records: Rows, mappers: Mapping[str, _Mapper]
) -> dict[str, Sequence[Mapping[str, Any]]]:
    """The records with mapped ids and every reference to a mapped record replaced."""
    out: dict[str, Sequence[Mapping[str, Any]]] = {}
    for table, rows in records.items():
        own = mappers[table].records if table in mappers else {}
        dropped = mappers[table].dropped if table in mappers else set()
        targets = [
            (column, mappers[target].references)
            for column, target in foreign_keys(table).items()
            if target in mappers and mappers[target].references
        ]
        soft = SOFT_REFERENCES.get(table, ())
        if not own and not dropped and not targets and not soft:
            out[table] = rows
            continue
        changed: list[Mapping[str, Any]] = []
        for row in rows:
            values: dict[str, Any] = {}
            row_id = str(row["id"])
            if row_id in dropped:
                continue
            if row_id in own:
                values["id"] = own[row_id]
            for column, references in targets:
                value = row.get(column)
                if value and value in references:
                    values[column] = references[value]
            for column, kind, kinds in soft:
                target = kinds.get(str(row.get(kind)))
                value = row.get(column)
                if target is not None and value and value in mappers[target].references:
                    values[column] = mappers[target].references[value]
            changed.append({**row, **values} if values else row)
        out[table] = changed
    return out


def rewrite_history(
    history: Sequence[Mapping[str, Any]], mapped: Mapping[str, Mapping[str, str]]
) -> Sequence[Mapping[str, Any]]:
    """History rows of mapped records, moved to the local record (the rest as they are)."""
    if not mapped:
        return history
    out: list[Mapping[str, Any]] = []
    for row in history:
        target = mapped.get(str(row.get("entity")), {}).get(str(row.get("entity_id")))
        out.append({**row, "entity_id": target} if target else row)
    return out
