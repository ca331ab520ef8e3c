"""Stamps every write for sync and records it in the change log.

A ``before_flush`` listener on :class:`TrackedSession` gives new records their device and
revision, renews the revision (keeping the parent) of every changed record, refreshes derived
columns and appends one change-log row per changed field. An importer that must keep incoming
revisions sets ``session.info["preserve_revisions"] = True``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import event, inspect
from sqlmodel import Session

from curator_desktop.store.own_profile import own_profile_select
from curator_desktop.store.tables import (
    AUTHORED_TABLES,
    ChangeLog,
    SyncRecord,
    new_revision,
)
from curator_desktop.store.types import utc_now
from curator_desktop.store.write_hooks import WRITE_HOOKS

_BOOKKEEPING = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "revision",
        "parent_revision",
        "device_id",
        "search_text",
        "name_key",
        "municipality_key",
    }
)


class TrackedSession(Session):
    """A session whose flushes are stamped for sync and logged."""


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _changed_fields(record: SyncRecord) -> list[tuple[str, Any, Any]]:
    state = inspect(record)
    changes = []
    for attr in state.mapper.column_attrs:
        if attr.key in _BOOKKEEPING:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes.append((attr.key, old, new))
    return changes


def _owner_id(session: Session) -> str | None:
    """The store owner's profile id: the author of what is made in this store."""
    with session.no_autoflush:
        owner = session.exec(own_profile_select()).first()
    return owner.id if owner is not None else None


def _run_hook(record: Any) -> None:
    hook = WRITE_HOOKS.get(type(record))
    if hook is not None:
        hook(record)


@event.listens_for(TrackedSession, "before_flush")
def _stamp_and_log(session: Session, flush_context: Any, instances: Any) -> None:
    preserve = bool(session.info.get("preserve_revisions"))
    device = str(session.info.get("device_id", ""))
    now = utc_now()
    author: list[str | None] = []  # the owner's profile id, read once and only when needed
    for record in list(session.new):
        _run_hook(record)
        if not isinstance(record, SyncRecord) or preserve:
            continue
        if isinstance(record, AUTHORED_TABLES) and getattr(record, "author_id", None) is None:
            if not author:
                author.append(_owner_id(session))
            record.author_id = author[0]  # type: ignore[attr-defined]
        record.device_id = device
        record.created_at = record.created_at or now
        record.updated_at = now
        session.add(
            ChangeLog(
                at=now,
                entity=record.__tablename__,
                entity_id=record.id,
                action="create",
                revision=record.revision,
                device_id=device,
            )
        )
    for record in list(session.dirty):
        if not isinstance(record, SyncRecord):
            continue
        _run_hook(record)
        changes = _changed_fields(record)
        if not changes or preserve:
            continue
        record.parent_revision = record.revision
        record.revision = new_revision()
        record.updated_at = now
        record.device_id = device
        for field, old, new in changes:
            action = "update"
            if field == "deleted":
                action = "delete" if new else "restore"
            session.add(
                ChangeLog(
                    at=now,
                    entity=record.__tablename__,
                    entity_id=record.id,
                    action=action,
                    field=field,
                    old_value=_as_text(old),
                    new_value=_as_text(new),
                    revision=record.revision,
                    device_id=device,
                )
            )
