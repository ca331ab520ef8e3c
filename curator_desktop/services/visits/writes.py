"""Writes of the visit editor that take more than assigning fields: answers, findings, the
completion and the reopening (with its own history row)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.items import answer_problem, item_index
from curator_desktop.domain.enums import VisitStatus
from curator_desktop.domain.errors import IncompleteVisitError, ValidationError
from curator_desktop.domain.visits.records import READ_ONLY_STATUSES
from curator_desktop.i18n import ngettext
from curator_desktop.services.visits import checks as visit_checks
from curator_desktop.services.visits.access import (
    answer_row,
    lesson_of,
    tombstone,
)
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import ChangeLog, ChecklistAnswer, Visit, VisitFinding
from curator_desktop.store.types import utc_now

REOPEN_ACTION = "reopen"
"""The change-log action of a reopening: entity «visit», ``field`` None, the reason in
``new_value``, the revision the reopening gave the visit."""


def store_answer(
    session: Session, visit: Visit, item_key: str, value: Any, lesson_id: str | None
) -> None:
    """Check the value against the snapshot and upsert the answer; the first answer of a
    planned visit puts it «in progress»."""
    content = (
        lesson_of(session, visit, lesson_id).template_snapshot
        if lesson_id is not None
        else visit.template_snapshot
    )
    problem = answer_problem(item_index(content), item_key, value)
    if problem:
        raise ValidationError(problem, field=item_key)
    row = answer_row(session, visit.id, lesson_id, item_key)
    if row is None:
        session.add(
            ChecklistAnswer(visit_id=visit.id, lesson_id=lesson_id, item_key=item_key, value=value)
        )
    elif row.value != value:
        row.value = value
    if value is not None and visit.status == VisitStatus.PLANNED:
        visit.status = VisitStatus.IN_PROGRESS.value


def store_finding(session: Session, visit_id: str, factor_code: str, text: str) -> None:
    """Upsert the visit's finding on a factor (one row per factor); blank text tombstones it."""
    rows = session.exec(
        select(VisitFinding)
        .where(col(VisitFinding.visit_id) == visit_id)
        .where(col(VisitFinding.factor_code) == factor_code)
        .order_by(col(VisitFinding.deleted), col(VisitFinding.updated_at).desc())
    ).all()
    row = rows[0] if rows else None
    if not text.strip():
        if row is not None:
            tombstone(row)
    elif row is None:
        session.add(VisitFinding(visit_id=visit_id, factor_code=factor_code, text=text))
    else:
        assign(row, {"text": text, "deleted": False, "deleted_at": None})


def complete_visit(session: Session, visit: Visit, today: dt.date) -> None:
    """Completed now (dated today when it had no actual date), or ``IncompleteVisitError``."""
    missing = visit_checks.missing_items(session, visit, today)
    if missing:
        count = len(missing)
        message = ngettext(
            "{n} required entry is missing.", "{n} required entries are missing.", count
        ).format(n=count)
        raise IncompleteVisitError(message, missing=missing)
    visit.status = VisitStatus.COMPLETED.value
    visit.completed_at = utc_now()
    if visit.actual_date is None:
        visit.actual_date = today


def reopen_visit(session: Session, visit: Visit, reason: str) -> bool:
    """Back to «in progress» with a «reopen» history row; False when it was not completed."""
    if visit.status not in READ_ONLY_STATUSES:
        return False
    visit.status = VisitStatus.IN_PROGRESS.value
    visit.completed_at = None
    session.flush()  # the tracked flush gives the visit its new revision
    session.add(
        ChangeLog(
            at=visit.updated_at,
            entity=Visit.__tablename__,
            entity_id=visit.id,
            action=REOPEN_ACTION,
            field=None,
            new_value=reason,
            revision=visit.revision,
            device_id=str(session.info.get("device_id", "")),
        )
    )
    return True
