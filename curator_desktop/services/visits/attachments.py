"""Attaching a stored file to a visit, to one of its checklist items or to a lesson."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, col, select

from curator_desktop.domain.visits.records import AttachmentRecord
from curator_desktop.services.visits import files as visit_files
from curator_desktop.services.visits.access import answer_for, lesson_of
from curator_desktop.services.visits.reading import attachment_record
from curator_desktop.store.tables import Attachment, Visit

OWNER_VISIT = "visit"
OWNER_ANSWER = "answer"
OWNER_LESSON = "lesson"


def owner_of(
    session: Session, visit: Visit, item_key: str | None, lesson_id: str | None
) -> tuple[str, str]:
    """(owner type, owner id): an item's answer (created if needed), a lesson, or the visit."""
    if item_key is not None:
        return OWNER_ANSWER, answer_for(session, visit, item_key, lesson_id).id
    if lesson_id is not None:
        return OWNER_LESSON, lesson_of(session, visit, lesson_id).id
    return OWNER_VISIT, visit.id


def attach_in(
    session: Session,
    visit: Visit,
    source: Path,
    attachments_dir: Path,
    *,
    item_key: str | None,
    lesson_id: str | None,
    caption: str,
) -> AttachmentRecord:
    """Store the file and link it to its owner; the same file on the same owner is linked once."""
    owner_type, owner_id = owner_of(session, visit, item_key, lesson_id)
    stored = visit_files.store_file(source, attachments_dir)
    existing = session.exec(
        select(Attachment)
        .where(col(Attachment.sha256) == stored.sha256)
        .where(col(Attachment.owner_type) == owner_type)
        .where(col(Attachment.owner_id) == owner_id)
        .where(col(Attachment.deleted).is_(False))
        .order_by(col(Attachment.created_at))
    ).first()
    if existing is not None:
        return attachment_record(existing)
    row = Attachment(
        sha256=stored.sha256,
        file_name=source.name,
        mime_type=visit_files.mime_type_of(source.name),
        size_bytes=stored.size_bytes,
        owner_type=owner_type,
        owner_id=owner_id,
        caption=caption,
    )
    session.add(row)
    return attachment_record(row)
