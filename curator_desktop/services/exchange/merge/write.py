"""Writing a checked merge inside one session: records keep the revisions they arrive with.

The tracker is told to preserve revisions (``session.info["preserve_revisions"]``), so this
module writes the history an import itself makes. Besides the package's own change-log rows
(added by id), it writes:

- ``merge``: ``revision`` is a revision the record absorbed, ``new_value`` the record's revision
  afterwards (a resolved conflict; two sides that made the same edit);
- ``resolve``: a conflict resolved by the user, at the record's new revision; ``new_value`` is
  ``mine``, ``theirs`` or ``fields``, followed by one ``update`` row per field that changed;
- ``import``: a record's own revision that the package's history lacked;

and a local :class:`Receipt` per record inserted or replaced (so an export «since the last one»
passes on what this store received meanwhile); not when a store is created from a package. The
aliases of records mapped onto local ones by identity (:mod:`merge.identity`) are kept in the
local ``record_alias`` table.

New and replaced records, history rows and receipts are written with bulk statements (a few per
table, whatever the number of records): a coordinator's store grows by hundreds of packages.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from curator_desktop.services.exchange.merge import reconcile as mp
from curator_desktop.services.exchange.records import (
    HISTORY_TABLE,
    MODELS,
    TABLE_ORDER,
    complete_row,
    from_json,
)
from curator_desktop.store.tables import (
    ChangeLog,
    Receipt,
    RecordAlias,
    new_revision,
)
from curator_desktop.store.write_hooks import WRITE_HOOKS

if TYPE_CHECKING:
    from curator_desktop.services.exchange.merge.apply import Prepared


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class _History:
    """This import's own change-log rows, stamped with one device and time, written at once."""

    def __init__(self, session: Any, device: str, now: dt.datetime) -> None:
        self.session, self.device, self.now = session, device, now
        self.rows: list[dict[str, Any]] = []

    def add(self, key: mp.RecordKey, action: str, revision: str, **values: Any) -> None:
        row = {
            "at": self.now,
            "entity": key[0],
            "entity_id": key[1],
            "action": action,
            "revision": revision,
            "device_id": self.device,
            **values,
        }
        self.rows.append(complete_row(HISTORY_TABLE, row))

    def write(self) -> None:
        _insert(self.session, ChangeLog, self.rows)
        self.rows = []


def _insert(session: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    """One multi-row INSERT of complete rows (every column given: see ``complete_row``)."""
    if rows:
        session.execute(insert(model.__table__), rows)


def write_merge(
    session: Any,
    prepared: Prepared,
    merged: Mapping[mp.RecordKey, Mapping[str, Any]],
    resolutions: Mapping[mp.RecordKey, mp.Resolution],
    *,
    device: str,
    now: dt.datetime,
    receipts: bool = True,
) -> None:
    """Write the reconciliation's actions and resolved conflicts table by table (parents first),
    then the package's new history rows (``receipts``: and a receipt per record taken).

    New and replaced records go in as bulk statements (one INSERT, one UPDATE per table), with
    the derived columns refreshed as a tracked write would; resolved conflicts go through the
    ORM. Nothing here asks the store one record at a time.
    """
    session.info["preserve_revisions"] = True
    history = _History(session, device, now)
    reconciliation = prepared.reconciliation
    actions: dict[str, list[mp.Action]] = defaultdict(list)
    for action in reconciliation.actions:
        actions[action.table].append(action)
    conflicts: dict[str, list[mp.Conflict]] = defaultdict(list)
    for conflict in reconciliation.conflicts:
        conflicts[conflict.table].append(conflict)
    local = prepared.local.records
    for table in TABLE_ORDER:
        model: Any = MODELS[table]
        mine = local.get(table, {})
        _write_actions(session, model, table, actions.get(table, []), mine, history)
        for conflict in conflicts.get(table, []):
            resolution = resolutions[conflict.key]
            _write_resolved(session, model, conflict, merged[conflict.key], resolution, history)
        session.flush()
    if receipts:
        taken = [(a.table, a.record_id) for a in reconciliation.actions if a.kind != "keep"]
        _write_receipts(session, taken, now)
    write_aliases(session, [(a.entity, a.alias_id, a.local_id) for a in prepared.aliases], now)
    added = [from_json(HISTORY_TABLE, row) for row in prepared.new_history]
    _insert(session, ChangeLog, [complete_row(HISTORY_TABLE, row) for row in added])
    for action in prepared.own_revisions_missing:
        history.add((action.table, action.record_id), "import", action.incoming["revision"])
    history.write()


def _row(table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """A complete row with its derived columns refreshed (``WRITE_HOOKS``), as a tracked write."""
    row = complete_row(table, values)
    hook = WRITE_HOOKS.get(MODELS[table])
    if hook is not None:  # hooks read and set attributes: give them the row as an object
        view = SimpleNamespace(**row)
        hook(view)
        row.update(vars(view))
    return row


def _write_actions(
    session: Any,
    model: Any,
    table: str,
    actions: list[mp.Action],
    local: Mapping[str, Mapping[str, Any]],
    history: _History,
) -> None:
    """Insert the new records and replace ours by theirs, in bulk; note what was absorbed."""
    inserts = [_row(table, from_json(table, a.incoming)) for a in actions if a.kind == "insert"]
    _insert(session, model, inserts)
    replaced = [
        _row(table, {**from_json(table, local[a.record_id]), **from_json(table, a.incoming)})
        for a in actions
        if a.kind == "replace"
    ]
    if replaced:
        columns = model.__table__.c
        names = [name for name in replaced[0] if name != "id"]
        statement = (
            update(model.__table__)
            .where(columns.id == bindparam("key_id"))
            .values({name: bindparam(f"new_{name}") for name in names})
        )
        session.execute(
            statement,
            [{"key_id": row["id"], **{f"new_{n}": row[n] for n in names}} for row in replaced],
        )
    for action in actions:
        if action.absorbs:
            after = (
                action.incoming["revision"] if action.kind == "replace" else action.local_revision
            )
            history.add((table, action.record_id), "merge", action.absorbs, new_value=after)


def _write_receipts(session: Any, taken: list[mp.RecordKey], now: dt.datetime) -> None:
    """A receipt per record taken: inserted, or its time moved on when there is one."""
    if not taken:
        return
    statement = sqlite_insert(Receipt.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=["entity", "entity_id"], set_={"at": statement.excluded.at}
    )
    session.execute(
        statement, [{"entity": table, "entity_id": rid, "at": now} for table, rid in taken]
    )


def write_aliases(session: Any, aliases: list[tuple[str, str, str]], now: dt.datetime) -> None:
    """Keep (table, alias id, local id) mappings; an alias already kept stays as it is."""
    if not aliases:
        return
    statement = sqlite_insert(RecordAlias.__table__).on_conflict_do_nothing(
        index_elements=["entity", "alias_id"]
    )
    session.execute(
        statement,
        [
            {"entity": entity, "alias_id": alias, "local_id": local, "created_at": now}
            for entity, alias, local in aliases
        ],
    )


def _write_resolved(
    session: Any,
    model: Any,
    conflict: mp.Conflict,
    content: Mapping[str, Any],
    resolution: mp.Resolution,
    history: _History,
) -> None:
    """The merged content at a new revision whose history holds both sides' revisions."""
    record = session.get(model, conflict.record_id)
    for name, value in from_json(conflict.table, content).items():
        setattr(record, name, value)
    revision = new_revision()
    record.parent_revision = conflict.local["revision"]
    record.revision = revision
    record.updated_at = history.now
    record.device_id = history.device
    session.add(record)
    key = conflict.key
    label = resolution if isinstance(resolution, str) else "fields"
    history.add(key, "merge", conflict.incoming["revision"], new_value=revision)
    history.add(key, "resolve", revision, new_value=label)
    for name in conflict.fields:
        old, new = conflict.local.get(name), content.get(name)
        if old == new:
            continue
        action = ("delete" if new else "restore") if name == "deleted" else "update"
        history.add(key, action, revision, field=name, old_value=_text(old), new_value=_text(new))
