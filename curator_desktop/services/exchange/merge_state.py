"""Reading what an import needs from the store: the local side of a merge.

Only the records the package names are read (by id, in chunks), with whether their change-log
holds the revision the package brings, the ids the package's references point to, and which of
the package's change-log rows the store already holds. Nothing is read whole: the cost of an
import follows the size of the package, not of the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from curator_desktop.services.exchange.merge_plan import RecordKey, referenced_ids
from curator_desktop.services.exchange.records import MODELS, row_to_json
from curator_desktop.store.tables import ChangeLog

CHUNK = 500
"""Ids per ``IN (…)`` query (well under SQLite's variable limit)."""


@dataclass(frozen=True)
class LocalState:
    """The store's side: records by table and id, their histories (only the incoming revisions
    they hold: what the plan asks), referenced ids that exist, and the ids of the package's
    change-log rows already stored."""

    records: Mapping[str, Mapping[str, Mapping[str, Any]]]
    history: Mapping[RecordKey, set[str]]
    existing: Mapping[str, set[str]]
    known_history_ids: set[str]


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _ids_present(session: Session, table: str, ids: Iterable[str]) -> set[str]:
    model: Any = MODELS[table]
    found: set[str] = set()
    for part in chunks(sorted(ids)):
        found.update(session.exec(select(model.id).where(col(model.id).in_(part))).all())
    return found


def _incoming_revisions_known(
    session: Session, table: str, rows: Sequence[Mapping[str, Any]]
) -> Iterator[tuple[RecordKey, str]]:
    """The incoming revisions that the local history of the same record holds.

    That is all the plan asks of the local history (is theirs among our ancestors?), and a
    record's whole history can be long: a built-in catalog every curator's package brings
    gains a «merge» row per package in a coordinator's store. Read whole, it would make each
    import slower than the one before.
    """
    ids = [str(row["id"]) for row in rows]
    revisions = {str(row["revision"]) for row in rows if row.get("revision")}
    if not revisions:
        return
    query = select(ChangeLog.entity_id, ChangeLog.revision).where(
        col(ChangeLog.entity) == table,
        col(ChangeLog.entity_id).in_(ids),
        col(ChangeLog.revision).in_(sorted(revisions)),
    )
    for entity_id, revision in session.exec(query.distinct()):
        yield (table, entity_id), revision


def read_local(
    session: Session,
    incoming: Mapping[str, Sequence[Mapping[str, Any]]],
    history_ids: Iterable[str] = (),
) -> LocalState:
    """The local side of merging ``incoming`` (records per table) into the store."""
    records: dict[str, dict[str, Mapping[str, Any]]] = {}
    history: dict[RecordKey, set[str]] = {}
    for table, rows in incoming.items():
        columns: Any = MODELS[table].__table__  # type: ignore[attr-defined]
        found: dict[str, Mapping[str, Any]] = {}
        ids = [str(row["id"]) for row in rows]
        for part in chunks(ids):
            # Core rows, not ORM objects: a store's side of a big package is read quickly.
            selected = session.execute(core_select(columns).where(columns.c.id.in_(part)))
            for row in selected.mappings():
                found[row["id"]] = row_to_json(table, row)
        for part in chunks(rows, CHUNK // 2):  # ids and revisions: two parameters a record
            for key, revision in _incoming_revisions_known(session, table, part):
                history.setdefault(key, set()).add(revision)
        records[table] = found
    existing = {
        target: _ids_present(session, target, ids)
        for target, ids in referenced_ids(incoming).items()
    }
    known: set[str] = set()
    for part in chunks(sorted(set(history_ids))):
        known.update(session.exec(select(ChangeLog.id).where(col(ChangeLog.id).in_(part))).all())
    return LocalState(records, history, existing, known)
