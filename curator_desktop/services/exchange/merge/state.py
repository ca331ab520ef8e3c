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

from sqlalchemy import String, and_, column, values
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from curator_desktop.services.exchange.merge.reconcile import RecordKey, referenced_ids
from curator_desktop.services.exchange.records import MODELS, row_to_json
from curator_desktop.store.tables import ChangeLog

CHUNK = 500
"""Ids per ``IN (…)`` query (well under SQLite's variable limit)."""


@dataclass(frozen=True)
class LocalState:
    """The store's side: records by table and id, their histories (only the incoming revisions they
    hold: what the reconciliation asks), referenced ids that exist, and the ids of the package's
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
    session: Session,
    table: str,
    rows: Sequence[Mapping[str, Any]],
    local: Mapping[str, Mapping[str, Any]],
) -> Iterator[tuple[RecordKey, str]]:
    """The incoming revisions that the history of the same local record holds.

    That is all the reconciliation asks of the local history (is theirs among our ancestors?). A
    record the store lacks has no history to ask, and one at the very revision the package brings
    holds it: neither costs a query. The others are asked as (record, revision) pairs joined to the
    change log, so an index on (entity, entity_id, revision) answers each pair with one look-up; a
    record's whole history can be long (a built-in catalog every curator's package brings gains rows
    with each package in a coordinator's store), and reading it would make each import slower than
    the one before.
    """
    asked: list[tuple[str, str]] = []
    for row in rows:
        record_id, revision = str(row["id"]), row.get("revision")
        mine = local.get(record_id)
        if mine is None or not revision:
            continue
        if mine.get("revision") == revision:
            yield (table, record_id), str(revision)
        else:
            asked.append((record_id, str(revision)))
    if not asked:
        return
    pairs = values(column("entity_id", String), column("revision", String), name="asked").data(
        asked
    )
    wanted = pairs.cte("asked")
    query = select(ChangeLog.entity_id, ChangeLog.revision).join_from(
        wanted,
        ChangeLog,
        and_(
            col(ChangeLog.entity) == table,
            col(ChangeLog.entity_id) == wanted.c.entity_id,
            col(ChangeLog.revision) == wanted.c.revision,
        ),
    )
    # Not DISTINCT: a pair can match several rows (one per field of an edit), and sorting them
    # out would build a temporary B-tree; the caller gathers revisions in a set anyway.
    for entity_id, revision in session.exec(query):
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
            for key, revision in _incoming_revisions_known(session, table, part, found):
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
