"""A school's status in the programme on the period report's «as of» day, read from the school's
record and the change log: a school that completed the programme or withdrew after that day was
still taking part then; one that had left is shown with the day it left (when the log has it)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from curator_desktop.domain.enums import SchoolStatus
from curator_desktop.services.reports.period.risks import aware, end_of
from curator_desktop.store.tables import ChangeLog, School

STATUS_FIELD = "status"


@dataclass(frozen=True)
class Standing:
    """A school's status on the «as of» day and, if it had left, since when."""

    status: str
    left_on: dt.date | None = None
    """The day the status became «completed» or «withdrawn» (None: active, or not logged)."""

    @property
    def taking_part(self) -> bool:
        return self.status == SchoolStatus.ACTIVE


def standings_of(session: Session, schools: list[School], as_of: dt.date) -> dict[str, Standing]:
    """Per school id, its status at the end of ``as_of``: later changes of it undone."""
    logs: defaultdict[str, list[ChangeLog]] = defaultdict(list)
    ids = [school.id for school in schools]
    if ids:
        for log in session.exec(
            select(ChangeLog)
            .where(col(ChangeLog.entity) == School.__tablename__)
            .where(col(ChangeLog.entity_id).in_(ids))
            .where(col(ChangeLog.field) == STATUS_FIELD)
            .order_by(col(ChangeLog.at), col(ChangeLog.id))
        ):
            logs[log.entity_id].append(log)
    moment = end_of(as_of)
    result = {}
    for school in schools:
        history = logs[school.id]  # by time
        earlier = [log for log in history if aware(log.at) <= moment]
        later = history[len(earlier) :]
        status = (later[0].old_value if later else None) or school.status
        left_on = None
        if status != SchoolStatus.ACTIVE and earlier and earlier[-1].new_value == status:
            left_on = aware(earlier[-1].at).astimezone().date()
        result[school.id] = Standing(status, left_on)
    return result
