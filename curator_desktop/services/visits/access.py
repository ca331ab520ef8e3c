"""Finding a visit's records in a session and refusing writes to a completed visit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.items import answer_problem, item_index
from curator_desktop.domain.errors import NotFoundError, ReadOnlyVisitError, ValidationError
from curator_desktop.domain.field_rules import text_problem
from curator_desktop.domain.visits.records import READ_ONLY_STATUSES
from curator_desktop.domain.visits.rules import text_limit
from curator_desktop.i18n import _
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import (
    Attachment,
    ChecklistAnswer,
    LessonObservation,
    SyncRecord,
    Visit,
    VisitParticipant,
)
from curator_desktop.store.types import utc_now

R = TypeVar("R", bound=SyncRecord)


def live(session: Session, table: type[R], record_id: str) -> R | None:
    """The record with ``record_id`` unless it is missing or deleted."""
    record = session.get(table, record_id)
    return None if record is None or record.deleted else record


def missing_visit() -> NotFoundError:
    """The error of a visit that is missing or deleted."""
    return NotFoundError(_("The visit was not found; it may have been deleted."))


def visit_in(session: Session, visit_id: str) -> Visit:
    """The visit, or :class:`NotFoundError`."""
    visit = live(session, Visit, visit_id)
    if visit is None:
        raise missing_visit()
    return visit


def require_writable(visit: Visit) -> None:
    """:class:`ReadOnlyVisitError` when the visit is completed (or reported, uploaded)."""
    if visit.status in READ_ONLY_STATUSES:
        raise ReadOnlyVisitError(_("This visit is completed. Reopen it to make changes."))


def writable_visit(session: Session, visit_id: str) -> Visit:
    """The visit, checked to exist and to accept changes."""
    visit = visit_in(session, visit_id)
    require_writable(visit)
    return visit


def lesson_of(session: Session, visit: Visit, lesson_id: str) -> LessonObservation:
    """The visit's lesson observation, or :class:`NotFoundError`."""
    lesson = live(session, LessonObservation, lesson_id)
    if lesson is None or lesson.visit_id != visit.id:
        raise NotFoundError(_("The lesson observation was not found; it may have been deleted."))
    return lesson


def find_item(content: Mapping[str, Any] | None, item_key: str) -> Mapping[str, Any]:
    """The item of a checklist snapshot, or ``ValidationError(field=item_key)``."""
    items = item_index(content)
    problem = answer_problem(items, item_key, None)
    if problem:
        raise ValidationError(problem, field=item_key)
    return items[item_key]


def answer_row(
    session: Session, visit_id: str, lesson_id: str | None, item_key: str
) -> ChecklistAnswer | None:
    """The stored answer to one item of the visit (or of one of its lessons)."""
    query = (
        select(ChecklistAnswer)
        .where(col(ChecklistAnswer.visit_id) == visit_id)
        .where(col(ChecklistAnswer.item_key) == item_key)
        .where(col(ChecklistAnswer.deleted).is_(False))
    )
    if lesson_id is None:
        query = query.where(col(ChecklistAnswer.lesson_id).is_(None))
    else:
        query = query.where(col(ChecklistAnswer.lesson_id) == lesson_id)
    return session.exec(query.order_by(col(ChecklistAnswer.created_at))).first()


def visit_of_attachment(session: Session, attachment: Attachment) -> Visit | None:
    """The visit an attachment belongs to through its owner (None for other owners)."""
    visit_id: str | None = None
    if attachment.owner_type == "visit":
        visit_id = attachment.owner_id
    elif attachment.owner_type == "answer":
        answer = session.get(ChecklistAnswer, attachment.owner_id)
        visit_id = answer.visit_id if answer else None
    elif attachment.owner_type == "lesson":
        lesson = session.get(LessonObservation, attachment.owner_id)
        visit_id = lesson.visit_id if lesson else None
    return session.get(Visit, visit_id) if visit_id else None


def tombstone(record: SyncRecord) -> None:
    """Mark deleted (sync needs the row to carry the deletion to other copies)."""
    if not record.deleted:
        record.deleted = True
        record.deleted_at = utc_now()


def text_fields(fields: Mapping[str, Any], allowed: Iterable[str], what: str) -> dict[str, str]:
    """Check field names (a programming error when unknown); None becomes an empty text; a text
    longer than its field takes (:func:`rules.text_limit`) is ``ValidationError(field=name)``."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"unknown {what} fields: {sorted(unknown)}")
    result = {}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{what} field {name} must be text, got {type(value).__name__}")
        problem = text_problem(value, text_limit(name))
        if problem:
            raise ValidationError(problem, field=name)
        result[name] = value or ""
    return result


def answer_for(
    session: Session,
    visit: Visit,
    item_key: str,
    lesson_id: str | None,
    *,
    comment: str | None = None,
) -> ChecklistAnswer:
    """The answer row of an item of the visit (or lesson), created unanswered when missing."""
    if lesson_id is not None:
        find_item(lesson_of(session, visit, lesson_id).template_snapshot, item_key)
    else:
        find_item(visit.template_snapshot, item_key)
    row = answer_row(session, visit.id, lesson_id, item_key)
    if row is None:
        row = ChecklistAnswer(
            visit_id=visit.id, lesson_id=lesson_id, item_key=item_key, comment=comment or ""
        )
        session.add(row)
    elif comment is not None:
        assign(row, {"comment": comment})
    return row


def next_order(
    session: Session, table: type[VisitParticipant] | type[LessonObservation], visit_id: str
) -> int:
    """The sort order after the visit's last participant (or lesson)."""
    query = select(func.max(table.sort_order)).where(col(table.visit_id) == visit_id)
    highest = session.exec(query).one()
    return 0 if highest is None else int(highest) + 1


def writable_child(
    session: Session, table: type[VisitParticipant] | type[LessonObservation], record_id: str
) -> Any:
    """A participant or lesson whose visit accepts changes."""
    row = live(session, table, record_id)
    if row is None:
        raise NotFoundError(_("The record was not found; it may have been deleted."))
    writable_visit(session, row.visit_id)
    return row


def writable_attachment(session: Session, attachment_id: str) -> Attachment:
    """An attachment whose visit (through its owner) accepts changes."""
    row = live(session, Attachment, attachment_id)
    if row is None:
        raise NotFoundError(_("The attachment was not found."))
    visit = visit_of_attachment(session, row)
    if visit is not None:
        require_writable(visit)
    return row
