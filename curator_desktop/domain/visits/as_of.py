"""A recommendation as it stood on a past day: its status, closing date and deadline then.

What a visit's справка says about recommendations is the world of that visit's day, not of the
day the PDF is made. Two sources tell the past: the change log (the value each field had at a
moment, see :mod:`curator_desktop.store.repositories.field_history`) and the closing date the
curator entered, which is when the work was done, however late it was recorded. The rules:

- a recommendation closed (done or cancelled) on or before the day was closed that day, whatever
  the log says: it was done by then, even if recorded later;
- otherwise the logged status, closing date and deadline of the day hold, and a closure dated
  after the day means it was still open;
- fields never changed keep their current value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from curator_desktop.domain.enums import RecommendationStatus
from curator_desktop.domain.visits.records import RecommendationRecord

HISTORY_FIELDS = ("status", "closed_on", "deadline")
"""The fields whose past values :func:`recommendation_as_of` reads from the change log."""
OPEN = RecommendationStatus.OPEN.value


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def recommendation_as_of(
    record: RecommendationRecord, logged: Mapping[str, str | None], day: dt.date
) -> RecommendationRecord:
    """``record`` as it stood at the end of ``day``; ``logged`` holds the fields' values at that
    moment from the change log (only those changed since)."""
    deadline = _date(logged["deadline"]) if "deadline" in logged else record.deadline
    if record.status != OPEN and record.closed_on is not None and record.closed_on <= day:
        return replace(record, deadline=deadline)
    status = logged.get("status") or record.status
    closed_on = _date(logged["closed_on"]) if "closed_on" in logged else record.closed_on
    if status == OPEN or (closed_on is not None and closed_on > day):
        status, closed_on = OPEN, None
    return replace(record, status=status, closed_on=closed_on, deadline=deadline)
