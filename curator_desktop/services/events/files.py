"""An event's materials: files stored once under their SHA-256, as visits store photos, and
attached to the event (``Attachment.owner_type`` ``event``)."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, col, select

from curator_desktop.domain.errors import NotFoundError
from curator_desktop.domain.visits.records import AttachmentRecord
from curator_desktop.i18n import _
from curator_desktop.services.events.records import OWNER_EVENT, event_row
from curator_desktop.services.visits import files as stored_files
from curator_desktop.store.rows import assign, record_from
from curator_desktop.store.tables import Attachment
from curator_desktop.store.types import utc_now


def _record(row: Attachment) -> AttachmentRecord:
    return record_from(AttachmentRecord, row)


def attach_in(
    session: Session, event_id: str, source: Path, attachments_dir: Path, caption: str = ""
) -> AttachmentRecord:
    """Store the file and attach it to the event (the same file on the event: once)."""
    event_row(session, event_id)
    stored = stored_files.store_file(source, attachments_dir)
    existing = session.exec(
        select(Attachment).where(
            col(Attachment.deleted).is_(False),
            col(Attachment.sha256) == stored.sha256,
            col(Attachment.owner_type) == OWNER_EVENT,
            col(Attachment.owner_id) == event_id,
        )
    ).first()
    if existing is not None:
        return _record(existing)
    row = Attachment(
        sha256=stored.sha256,
        file_name=source.name,
        mime_type=stored_files.mime_type_of(source.name),
        size_bytes=stored.size_bytes,
        owner_type=OWNER_EVENT,
        owner_id=event_id,
        caption=caption,
    )
    session.add(row)
    session.flush()
    return _record(row)


def attachments_in(session: Session, event_id: str) -> list[AttachmentRecord]:
    """The event's live files, oldest first."""
    rows = session.exec(
        select(Attachment)
        .where(col(Attachment.deleted).is_(False))
        .where(col(Attachment.owner_type) == OWNER_EVENT, col(Attachment.owner_id) == event_id)
        .order_by(col(Attachment.created_at), col(Attachment.id))
    )
    return [_record(r) for r in rows]


def remove_in(session: Session, attachment_id: str) -> None:
    """Tombstone an event's file row (the file stays: backups or other records may use it)."""
    row = session.get(Attachment, attachment_id)
    if row is None or row.deleted or row.owner_type != OWNER_EVENT:
        raise NotFoundError(_("No file with id {id}.").format(id=attachment_id))
    assign(row, {"deleted": True, "deleted_at": utc_now()})
