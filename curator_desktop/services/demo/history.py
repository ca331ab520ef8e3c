"""Dating the demo's story: each record was written on its day, and so was each change.

The store's write tracking stamps everything «now» (:mod:`curator_desktop.store.tracking`); the
demo then moves each change-log row it noted to the moment of the story it belongs to, and each
record's ``updated_at`` to its last change. What a report reads «as of» a past day — a
recommendation's status and deadline then, a risk profile's history — is the story's past.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import and_, bindparam, update
from sqlmodel import Session, SQLModel

from curator_desktop.services.demo.context import Dated
from curator_desktop.store.tables import ChangeLog


def date_the_story(session: Session, dated: Iterable[Dated]) -> None:
    """Move the change log's rows of each (table, id, revision) to its moment, and each
    record's ``updated_at`` to the moment of its last write."""
    session.flush()
    rows, latest = [], {}
    for table, record_id, revision, moment in dated:
        rows.append({"e": table, "i": record_id, "r": revision, "m": moment})
        key = (table, record_id)
        latest[key] = max(latest.get(key, moment), moment)
    if not rows:
        return
    log = ChangeLog.__table__  # type: ignore[attr-defined]
    session.execute(
        update(log)
        .where(
            and_(
                log.c.entity == bindparam("e"),
                log.c.entity_id == bindparam("i"),
                log.c.revision == bindparam("r"),
            )
        )
        .values(at=bindparam("m")),
        rows,
    )
    by_table: dict[str, list[dict[str, object]]] = defaultdict(list)
    for (table, record_id), moment in latest.items():
        by_table[table].append({"i": record_id, "m": moment})
    for table, values in by_table.items():
        records = SQLModel.metadata.tables[table]
        statement = update(records).where(records.c.id == bindparam("i"))
        session.execute(statement.values(updated_at=bindparam("m")), values)


def story_moment(day: dt.date, hour: int = 18) -> dt.datetime:
    """A moment of ``day`` (local time, in UTC) for a record added after the build."""
    return dt.datetime.combine(day, dt.time(hour)).astimezone().astimezone(dt.UTC)
