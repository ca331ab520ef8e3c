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
passes on what this store received meanwhile); not when a store is created from a package.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from curator_desktop.services.exchange import merge_plan as mp
from curator_desktop.services.exchange.records import HISTORY_TABLE, MODELS, TABLE_ORDER, from_json
from curator_desktop.store.tables import ChangeLog, Receipt, new_revision

if TYPE_CHECKING:
    from curator_desktop.services.exchange.merge_apply import Prepared


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class _History:
    """Adds this import's own change-log rows, stamped with one device and time."""

    def __init__(self, session: Any, device: str, now: dt.datetime, receipts: bool) -> None:
        self.session, self.device, self.now, self.receipts = session, device, now, receipts

    def add(self, key: mp.RecordKey, action: str, revision: str, **values: Any) -> None:
        self.session.add(
            ChangeLog(
                at=self.now,
                entity=key[0],
                entity_id=key[1],
                action=action,
                revision=revision,
                device_id=self.device,
                **values,
            )
        )


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
    """Write the plan's actions and resolved conflicts table by table (parents first), then
    the package's new history rows (``receipts``: and a receipt per record taken)."""
    session.info["preserve_revisions"] = True
    history = _History(session, device, now, receipts)
    plan = prepared.plan
    for table in TABLE_ORDER:
        model: Any = MODELS[table]
        for action in (a for a in plan.actions if a.table == table):
            _write_action(session, model, action, history)
        for conflict in (c for c in plan.conflicts if c.table == table):
            resolution = resolutions[conflict.key]
            _write_resolved(session, model, conflict, merged[conflict.key], resolution, history)
        session.flush()
    for row in prepared.new_history:
        session.add(ChangeLog(**from_json(HISTORY_TABLE, row)))
    for action in prepared.own_revisions_missing:
        history.add((action.table, action.record_id), "import", action.incoming["revision"])


def _write_action(session: Any, model: Any, action: mp.Action, history: _History) -> None:
    values = from_json(action.table, action.incoming)
    if action.kind == "insert":
        session.add(model(**values))
    elif action.kind == "replace":
        record = session.get(model, action.record_id)
        for name, value in values.items():
            setattr(record, name, value)
        session.add(record)
    if action.kind != "keep" and history.receipts:
        session.merge(Receipt(entity=action.table, entity_id=action.record_id, at=history.now))
    if action.absorbs:
        after = action.incoming["revision"] if action.kind == "replace" else action.local_revision
        history.add((action.table, action.record_id), "merge", action.absorbs, new_value=after)


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
