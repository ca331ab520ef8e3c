"""A record's fields as they were at a past moment, read back from the change log.

Every write logs one ``change_log`` row per changed field (old and new value as text, the time
in UTC; see :mod:`curator_desktop.store.tracking`). The value a field had at a moment is the new
value of its last change before that moment, or, when every change came after it, the old value
of the first one. A field never changed since the record was made has no entry: its value then
is the record's current one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.store.bookkeeping import ChangeLog

Logged = dict[str, str | None]
"""Field name → its value at the moment (as the change log holds it: text or None)."""


def end_of_day(day: dt.date) -> dt.datetime:
    """The moment a local day ends (the next local midnight), in UTC."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).astimezone()
    return midnight.astimezone(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def values_at(
    session: Session,
    entity: str,
    ids: Collection[str],
    fields: Collection[str],
    moment: dt.datetime,
) -> dict[str, Logged]:
    """Record id → the logged ``fields`` it had at ``moment`` (only the fields that changed
    since the record was made; see the module's docstring)."""
    if not ids or not fields:
        return {}
    rows: Any = session.exec(
        select(
            ChangeLog.entity_id,
            ChangeLog.field,
            ChangeLog.at,
            ChangeLog.old_value,
            ChangeLog.new_value,
        )
        .where(col(ChangeLog.entity) == entity)
        .where(col(ChangeLog.entity_id).in_(list(ids)))
        .where(col(ChangeLog.field).in_(list(fields)))
        .order_by(col(ChangeLog.at), col(ChangeLog.id))
    )
    moment = _aware(moment)
    found: dict[str, Logged] = {}
    for entity_id, field, at, old, new in rows:  # oldest first: those before the moment first
        values = found.setdefault(entity_id, {})
        if _aware(at) < moment:
            values[field] = new
        elif field not in values:
            values[field] = old
    return found
