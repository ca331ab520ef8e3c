"""Schools held twice: finding them and merging each into one record, nothing lost.

Stores made before school ids were derived from the ИНН (:mod:`curator_desktop.domain.identity`)
could hold one school several times: the coordinator's list imported on two computers, packages of
both merged. :func:`find_twins` lists every valid ИНН held by several live schools (archived ones
included); :func:`merge_twins` repairs them all in one transaction, after a backup:

- the oldest record survives; every record pointing at a twin (visits, risk assessments,
  recommendations, document reviews, reports) is re-pointed to it;
- risk assessments of one factor and year that end up twice on the survivor are merged the same
  way (the oldest survives; its evidence and roadmap links follow);
- a twin's documents (#21) take the id the survivor gives a document of that year, kind and
  direction (:func:`~curator_desktop.domain.documents.identity.document_id`): into the
  survivor's own document when it has one, else a new one; their versions, reviews and
  confirmation documents follow, versions numbered again in the order received; the old
  document becomes a tombstone with an alias, like a twin school;
- the survivor's fields are resolved by the caller's choice (:data:`Choose`); by default it keeps
  its values and takes a twin's for each field it has empty (:func:`fill_empty`); it stays in the
  archive only when every twin was archived;
- each twin becomes a tombstone (``deleted``), its id kept as an alias of the survivor, so a
  package made before the repair still lands on the survivor; the survivor's history absorbs the
  twin's revisions, so such a package's unchanged twin reconciles as unchanged.

Everything goes through the tracked session: each change is in the change log and travels in the
next package, so other stores converge.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from curator_desktop.domain.documents.identity import document_id
from curator_desktop.domain.risk.verification import EDITABLE_FIELDS
from curator_desktop.domain.schools.inn import is_valid_inn
from curator_desktop.domain.schools.rules import SchoolFields
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    SYNCED_TABLES,
    ChangeLog,
    ConfirmationDocument,
    DocumentReview,
    DocumentVersion,
    RecordAlias,
    RiskAssessment,
    RoadmapLink,
    School,
    SchoolDocument,
)
from curator_desktop.store.types import utc_now

log = logging.getLogger(__name__)

FIELDS: tuple[str, ...] = (*SchoolFields.column_names(), "archived_at")
"""The school's fields a repair resolves."""
ASSESSMENT_FIELDS: tuple[str, ...] = EDITABLE_FIELDS
"""A verification's fields a repair resolves: those the curator edits."""


@dataclass(frozen=True)
class TwinRecord:
    """One live record of a school held twice."""

    id: str
    name: str
    created_at: dt.datetime
    archived: bool
    children: int
    """Records pointing at it (visits, assessments, recommendations, reviews, reports)."""


@dataclass(frozen=True)
class FieldDifference:
    """A field whose value is not the same in every record: (record id, value), survivor first."""

    field: str
    values: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class TwinGroup:
    """The live records of one ИНН: the oldest survives."""

    inn: str
    survivor: TwinRecord
    twins: tuple[TwinRecord, ...]
    differences: tuple[FieldDifference, ...] = ()


Choose = Callable[[TwinGroup], Mapping[str, str]]
"""The caller's choice for a group: field → id of the record (survivor or twin) whose value the
survivor keeps; fields not named keep the survivor's value."""


@dataclass(frozen=True)
class TwinRepair:
    """What :func:`merge_twins` did: the groups merged, the backup taken first, the records
    re-pointed per table and the risk assessments merged."""

    groups: tuple[TwinGroup, ...] = ()
    backup: Path | None = None
    moved: Mapping[str, int] = field(default_factory=dict)
    assessments_merged: int = 0

    @property
    def twins(self) -> int:
        return sum(len(group.twins) for group in self.groups)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def fill_empty(group: TwinGroup) -> dict[str, str]:
    """The default choice: the survivor's values, but each field it has empty takes the first
    (oldest) twin's non-empty value; the archive date only when every record is archived."""
    chosen: dict[str, str] = {}
    for difference in group.differences:
        (_survivor, value), *others = difference.values
        if difference.field == "archived_at":
            live = next((rid for rid, other in others if other is None), None)
            if value is not None and live is not None:
                chosen["archived_at"] = live
            continue
        if _empty(value):
            source = next((rid for rid, other in others if not _empty(other)), None)
            if source is not None:
                chosen[difference.field] = source
    return chosen


def school_references() -> list[tuple[Any, str]]:
    """(table, column) of every column pointing at a school."""
    return [
        (model, column.name)
        for model in SYNCED_TABLES
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if any(fk.column.table.name == School.__tablename__ for fk in column.foreign_keys)
    ]


def _children(session: Session, school_ids: Sequence[str]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(school_ids, 0)
    for model, column in school_references():
        target = getattr(model, column)
        query = (
            select(target, func.count())
            .where(col(target).in_(list(school_ids)))
            .where(col(model.deleted).is_(False))
            .group_by(target)
        )
        for school_id, count in session.exec(query):
            counts[school_id] += count
    return counts


def _twin_inns(session: Session) -> list[str]:
    duplicated = session.exec(
        select(School.inn)
        .where(col(School.deleted).is_(False), col(School.inn) != "")
        .group_by(School.inn)
        .having(func.count() > 1)
    ).all()
    return sorted(inn for inn in duplicated if is_valid_inn(inn))


def count_twins(database: Database) -> int:
    """How many valid ИНН are held by several live schools."""
    with database.session() as session:
        return len(_twin_inns(session))


def twins_in(session: Session) -> list[TwinGroup]:
    """Every valid ИНН held by several live schools, as groups (read in ``session``)."""
    inns = _twin_inns(session)
    if not inns:
        return []
    schools = session.exec(
        select(School)
        .where(col(School.inn).in_(inns), col(School.deleted).is_(False))
        .order_by(col(School.created_at), col(School.id))
    ).all()
    by_inn: dict[str, list[School]] = {}
    for school in schools:
        by_inn.setdefault(school.inn, []).append(school)
    children = _children(session, [s.id for s in schools])
    groups = []
    for inn in inns:
        records = [
            TwinRecord(
                s.id,
                s.short_name or s.full_name,
                s.created_at,
                s.archived_at is not None,
                children[s.id],
            )
            for s in by_inn[inn]
        ]
        differences = tuple(
            FieldDifference(name, tuple((s.id, getattr(s, name)) for s in by_inn[inn]))
            for name in FIELDS
            if len({repr(getattr(s, name)) for s in by_inn[inn]}) > 1
        )
        groups.append(TwinGroup(inn, records[0], tuple(records[1:]), differences))
    return groups


def find_twins(database: Database) -> list[TwinGroup]:
    """Every valid ИНН held by several live schools; the store is not changed."""
    with database.session() as session:
        return twins_in(session)


def merge_twins(
    database: Database, backup_dir: Path, *, choose: Choose | None = None
) -> TwinRepair:
    """Back up the store (``pre-repair``), then merge every group of twins in one transaction
    (see the module). Nothing is written, and no backup taken, when there are no twins."""
    from curator_desktop.store.backups import take_backup

    if not find_twins(database):
        return TwinRepair()
    backup = take_backup(database.path, backup_dir, reason="pre-repair")
    choose = choose or fill_empty
    moved: dict[str, int] = {}
    merger = _Merger(moved, database.device_id)
    with database.session() as session:
        groups = twins_in(session)  # again, in the writing transaction
        for group in groups:
            merger.school(session, group, choose(group))
    log.info(
        "Twins repaired: %d groups, %d twins, %d assessments merged; backup %s",
        len(groups),
        sum(len(g.twins) for g in groups),
        merger.assessments,
        backup,
    )
    return TwinRepair(tuple(groups), backup, moved, merger.assessments)


@dataclass
class _Merger:
    """Merges within one session; counts what it re-pointed."""

    moved: dict[str, int]
    device: str
    assessments: int = 0
    now: dt.datetime = field(default_factory=utc_now)

    def school(self, session: Session, group: TwinGroup, choice: Mapping[str, str]) -> None:
        survivor = session.get(School, group.survivor.id)
        twins = [session.get(School, twin.id) for twin in group.twins]
        records = {record.id: record for record in (survivor, *twins)}
        for name, source in choice.items():
            if name not in FIELDS or source not in records:
                raise ValueError(f"not a choice for ИНН {group.inn}: {name} → {source}")
            value = getattr(records[source], name)
            if getattr(survivor, name) != value:
                setattr(survivor, name, value)
        absorbed = {twin.id: self._revisions(session, "school", twin) for twin in twins}
        for model, column in school_references():
            target = getattr(model, column)
            rows = session.exec(select(model).where(col(target).in_(list(absorbed)))).all()
            for row in rows:
                setattr(row, column, survivor.id)
            if rows:
                table = model.__tablename__
                self.moved[table] = self.moved.get(table, 0) + len(rows)
        for twin in twins:
            self._tombstone(session, "school", twin, survivor.id)
        session.flush()
        self._assessments(session, survivor.id)
        self._documents(session, survivor.id)
        self._absorb(session, "school", survivor, absorbed)

    def _documents(self, session: Session, school_id: str) -> None:
        """Give the survivor's documents that came from a twin the survivor's ids (see the
        module): a document's id is derived from its school, so re-pointing is not enough."""
        rows = session.exec(
            select(SchoolDocument)
            .where(col(SchoolDocument.school_id) == school_id)
            .where(col(SchoolDocument.deleted).is_(False))
            .order_by(col(SchoolDocument.created_at), col(SchoolDocument.id))
        ).all()
        touched: set[str] = set()
        for row in rows:
            key = document_id(school_id, row.year, row.kind, row.factor_code)
            if row.id == key:
                continue
            target = session.get(SchoolDocument, key)
            if target is None:
                target = SchoolDocument(
                    id=key,
                    author_id=row.author_id,
                    school_id=school_id,
                    year=row.year,
                    kind=row.kind,
                    factor_code=row.factor_code,
                    title=row.title,
                )
            elif target.deleted or (not target.title and row.title):
                target.deleted, target.deleted_at = False, None
                target.title = target.title or row.title
            session.add(target)
            session.flush()  # the children's new parent exists before they point at it
            for model in (DocumentVersion, DocumentReview, ConfirmationDocument):
                children = session.exec(
                    select(model).where(col(model.document_id) == row.id)  # type: ignore[attr-defined]
                ).all()
                for child in children:
                    child.document_id = key  # type: ignore[attr-defined]
                    session.add(child)
                if children:
                    table = model.__tablename__  # type: ignore[attr-defined]
                    self.moved[table] = self.moved.get(table, 0) + len(children)
            absorbed = {row.id: self._revisions(session, "school_document", row)}
            self._tombstone(session, "school_document", row, key)
            session.flush()
            self._absorb(session, "school_document", target, absorbed)
            touched.add(key)
        session.flush()
        for key in sorted(touched):
            self._renumber(session, key)

    @staticmethod
    def _renumber(session: Session, key: str) -> None:
        """Number the document's live versions 1, 2, … in the order they were received."""
        versions = session.exec(
            select(DocumentVersion)
            .where(col(DocumentVersion.document_id) == key)
            .where(col(DocumentVersion.deleted).is_(False))
            .order_by(
                col(DocumentVersion.received_on),
                col(DocumentVersion.number),
                col(DocumentVersion.created_at),
            )
        ).all()
        for number, version in enumerate(versions, start=1):
            if version.number != number:
                version.number = number
                session.add(version)

    def _assessments(self, session: Session, school_id: str) -> None:
        """Merge the survivor's assessments held twice for one factor and year."""
        rows = session.exec(
            select(RiskAssessment)
            .where(col(RiskAssessment.school_id) == school_id)
            .where(col(RiskAssessment.deleted).is_(False))
            .order_by(col(RiskAssessment.created_at), col(RiskAssessment.id))
        ).all()
        by_key: dict[tuple[str, int], list[RiskAssessment]] = {}
        for row in rows:
            by_key.setdefault((row.factor_code, row.year), []).append(row)
        for survivor, *twins in by_key.values():
            if not twins:
                continue
            for name in ASSESSMENT_FIELDS:
                if _empty(getattr(survivor, name)):
                    source = next((t for t in twins if not _empty(getattr(t, name))), None)
                    if source is not None:
                        setattr(survivor, name, getattr(source, name))
            absorbed = {t.id: self._revisions(session, "risk_assessment", t) for t in twins}
            self._repoint_assessment(session, list(absorbed), survivor.id)
            for twin in twins:
                self._tombstone(session, "risk_assessment", twin, survivor.id)
                self.assessments += 1
            session.flush()
            self._absorb(session, "risk_assessment", survivor, absorbed)

    def _repoint_assessment(self, session: Session, ids: list[str], survivor: str) -> None:
        from curator_desktop.store.tables import RiskEvidence

        for row in session.exec(
            select(RiskEvidence).where(col(RiskEvidence.assessment_id).in_(ids))
        ):
            row.assessment_id = survivor
            self.moved["risk_evidence"] = self.moved.get("risk_evidence", 0) + 1
        links = select(RoadmapLink).where(
            col(RoadmapLink.target_type) == "risk_assessment", col(RoadmapLink.target_id).in_(ids)
        )
        for link in session.exec(links):
            link.target_id = survivor
            self.moved["roadmap_link"] = self.moved.get("roadmap_link", 0) + 1

    @staticmethod
    def _revisions(session: Session, entity: str, record: Any) -> set[str]:
        """Every revision the record has had (before its tombstone)."""
        logged = session.exec(
            select(ChangeLog.revision).where(
                col(ChangeLog.entity) == entity, col(ChangeLog.entity_id) == record.id
            )
        ).all()
        found = {r for r in logged if r}
        found.update(r for r in (record.revision, record.parent_revision) if r)
        return found

    def _tombstone(self, session: Session, entity: str, twin: Any, survivor: str) -> None:
        twin.deleted = True
        twin.deleted_at = self.now
        session.add(twin)
        # A twin merged earlier into this one now follows it to the survivor.
        session.execute(
            update(RecordAlias)
            .where(col(RecordAlias.entity) == entity, col(RecordAlias.local_id) == twin.id)
            .values(local_id=survivor)
        )
        session.merge(RecordAlias(entity=entity, alias_id=twin.id, local_id=survivor))

    def _absorb(
        self, session: Session, entity: str, survivor: Any, absorbed: Mapping[str, set[str]]
    ) -> None:
        """The survivor's history gains each twin's revisions (``merge`` rows), so a package
        bringing a twin as it was before the repair finds its revision here."""
        for revisions in absorbed.values():
            for revision in sorted(revisions):
                session.add(
                    ChangeLog(
                        at=self.now,
                        entity=entity,
                        entity_id=survivor.id,
                        action="merge",
                        revision=revision,
                        new_value=survivor.revision,
                        device_id=self.device,
                    )
                )
