"""Reading what an import needs from the store: the local side of a merge.

Only the records the package names are read (by id, in chunks), with their change-log
revisions, the ids the package's references point to, and which of the package's change-log
rows the store already holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.services.exchange.merge_plan import RecordKey, referenced_ids
from curator_desktop.services.exchange.records import MODELS, to_json
from curator_desktop.store.tables import ChangeLog

CHUNK = 500
"""Ids per ``IN (…)`` query (well under SQLite's variable limit)."""


@dataclass(frozen=True)
class LocalState:
    """The store's side: records by table and id, their histories, referenced ids that exist,
    and the ids of the package's change-log rows already stored."""

    records: Mapping[str, Mapping[str, Mapping[str, Any]]]
    history: Mapping[RecordKey, set[str]]
    existing: Mapping[str, set[str]]
    known_history_ids: set[str]


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _ids_present(session: Session, table: str, ids: Iterable[str]) -> set[str]:
    model: Any = MODELS[table]
    found: set[str] = set()
    for part in chunks(sorted(ids)):
        found.update(session.exec(select(model.id).where(col(model.id).in_(part))).all())
    return found


def read_local(
    session: Session,
    incoming: Mapping[str, Sequence[Mapping[str, Any]]],
    history_ids: Iterable[str] = (),
) -> LocalState:
    """The local side of merging ``incoming`` (records per table) into the store."""
    records: dict[str, dict[str, Mapping[str, Any]]] = {}
    history: dict[RecordKey, set[str]] = {}
    for table, rows in incoming.items():
        model: Any = MODELS[table]
        found: dict[str, Mapping[str, Any]] = {}
        ids = [str(row["id"]) for row in rows]
        for part in chunks(ids):
            for record in session.exec(select(model).where(col(model.id).in_(part))):
                found[record.id] = to_json(record)
            logs = session.exec(
                select(ChangeLog.entity_id, ChangeLog.revision).where(
                    col(ChangeLog.entity) == table, col(ChangeLog.entity_id).in_(part)
                )
            )
            for entity_id, revision in logs:
                if revision:
                    history.setdefault((table, entity_id), set()).add(revision)
        records[table] = found
    existing = {
        target: _ids_present(session, target, ids)
        for target, ids in referenced_ids(incoming).items()
    }
    known: set[str] = set()
    for part in chunks(sorted(set(history_ids))):
        known.update(session.exec(select(ChangeLog.id).where(col(ChangeLog.id).in_(part))).all())
    return LocalState(records, history, existing, known)
