"""The writes of the documents feature, each inside the caller's one transaction.

A version's file is stored (content-addressed, like a visit's photos) only after every check
passed, and its rows are added in the same transaction: an error leaves no record behind (a file
copied before a failing commit is only an unreferenced blob that the next copy of the same bytes
reuses).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlmodel import Session, col, func, select

from curator_desktop.domain.documents import (
    ConfirmationRecord,
    CriterionMark,
    ReviewRecord,
    TargetIndicator,
    VersionRecord,
)
from curator_desktop.domain.documents.identity import document_id
from curator_desktop.domain.documents.record_rules import (
    confirmation_problems,
    document_problems,
    version_problems,
)
from curator_desktop.domain.documents.rules import check_conclusion, check_marks
from curator_desktop.domain.enums import DocumentType, ReviewConclusion
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.field_rules import Problems
from curator_desktop.domain.schools.documents import review_problems
from curator_desktop.i18n import _
from curator_desktop.services.documents.reading import (
    OWNER_CONFIRMATION,
    OWNER_VERSION,
    confirmation_record,
    live_school,
    review_record,
    version_record,
)
from curator_desktop.services.visits import files as stored_files
from curator_desktop.store.tables import (
    Attachment,
    ConfirmationDocument,
    DocumentReview,
    DocumentVersion,
    SchoolDocument,
    Visit,
)


def _raise(problems: Problems) -> None:
    if problems:
        field, problem = next(iter(problems.items()))
        raise ValidationError(f"{field}: {problem}", field=field)


def _store_file(
    session: Session, source: Path, attachments_dir: Path, owner_type: str, owner_id: str
) -> Attachment:
    stored = stored_files.store_file(source, attachments_dir)
    row = Attachment(
        sha256=stored.sha256,
        file_name=source.name,
        mime_type=stored_files.mime_type_of(source.name),
        size_bytes=stored.size_bytes,
        owner_type=owner_type,
        owner_id=owner_id,
    )
    session.add(row)
    return row


# --- versions --------------------------------------------------------------------------------


def ensure_document(
    session: Session,
    *,
    school_id: str,
    year: int,
    kind: str,
    factor_code: str | None,
    title: str = "",
) -> SchoolDocument:
    """The school's document of ``kind`` (and direction) for ``year``, made when it is new."""
    live_school(session, school_id)
    if kind != DocumentType.ANTIRISK_PROGRAMME:
        factor_code = None
    elif not factor_code:
        raise ValidationError(
            _("An antirisk programme belongs to a direction: name the risk factor."),
            field="factor_code",
        )
    key = document_id(school_id, year, kind, factor_code)
    row = session.get(SchoolDocument, key)
    if row is None:
        row = SchoolDocument(
            id=key, school_id=school_id, year=year, kind=kind, factor_code=factor_code
        )
        session.add(row)
    elif row.deleted:
        row.deleted, row.deleted_at = False, None
    if title.strip():
        row.title = title.strip()
    _raise(document_problems(row.model_dump()))
    return row


def receive_version(
    session: Session,
    attachments_dir: Path,
    *,
    school_id: str,
    year: int,
    kind: str,
    factor_code: str | None,
    source: Path | None,
    received_on: dt.date,
    received_from: str = "",
    note: str = "",
    title: str = "",
) -> VersionRecord:
    document = ensure_document(
        session, school_id=school_id, year=year, kind=kind, factor_code=factor_code, title=title
    )
    last = session.exec(
        select(func.max(DocumentVersion.number))
        .where(col(DocumentVersion.document_id) == document.id)
        .where(col(DocumentVersion.deleted).is_(False))
    ).one()
    version = DocumentVersion(
        document_id=document.id,
        number=(last or 0) + 1,
        received_on=received_on,
        received_from=received_from.strip(),
        note=note.strip(),
    )
    _raise(version_problems(version.model_dump()))
    session.add(version)
    file = None
    if source is not None:
        file = _store_file(session, source, attachments_dir, OWNER_VERSION, version.id)
    session.flush()
    return version_record(version, file)


def _version(session: Session, version_id: str) -> DocumentVersion:
    row = session.get(DocumentVersion, version_id)
    if row is None or row.deleted:
        raise NotFoundError(_("Document version {id} not found.").format(id=version_id))
    return row


def mark_uploaded(
    session: Session, version_id: str, *, uploaded_on: dt.date | None
) -> VersionRecord:
    version = _version(session, version_id)
    if uploaded_on is not None:
        accepted = session.exec(
            select(DocumentReview.id)
            .where(col(DocumentReview.version_id) == version.id)
            .where(col(DocumentReview.conclusion) == ReviewConclusion.ACCEPT.value)
            .where(col(DocumentReview.deleted).is_(False))
        ).first()
        if accepted is None:
            raise ValidationError(
                _("Only an accepted version is uploaded to IS MEDK: accept it first."),
                field="medk_uploaded_on",
            )
    version.medk_uploaded_on = uploaded_on
    _raise(version_problems(version.model_dump()))
    file = session.exec(
        select(Attachment)
        .where(col(Attachment.owner_type) == OWNER_VERSION, col(Attachment.owner_id) == version.id)
        .where(col(Attachment.deleted).is_(False))
    ).first()
    session.flush()
    return version_record(version, file)


# --- reviews ---------------------------------------------------------------------------------


def _review(session: Session, review_id: str) -> DocumentReview:
    row = session.get(DocumentReview, review_id)
    if row is None or row.deleted:
        raise NotFoundError(_("Review {id} not found.").format(id=review_id))
    return row


def start_review(session: Session, version_id: str, *, started_on: dt.date) -> ReviewRecord:
    version = _version(session, version_id)
    existing = session.exec(
        select(DocumentReview)
        .where(col(DocumentReview.version_id) == version.id)
        .where(col(DocumentReview.deleted).is_(False))
        .order_by(col(DocumentReview.created_at))
    ).first()
    if existing is not None:
        return review_record(existing)
    if started_on < version.received_on:
        raise ValidationError(
            _("A review cannot start before the version was received."), field="started_on"
        )
    document = session.get(SchoolDocument, version.document_id)
    assert document is not None
    row = DocumentReview(
        school_id=document.school_id,
        document_type=document.kind,
        title=document.title,
        factor_code=document.factor_code,
        version_label=str(version.number),
        received_on=version.received_on,
        started_on=started_on,
        document_id=document.id,
        version_id=version.id,
    )
    _raise(review_problems(row.model_dump()))
    session.add(row)
    session.flush()
    return review_record(row)


def _criteria(marks: Sequence[CriterionMark]) -> dict[str, dict[str, str]]:
    return {m.criterion_id: {"value": m.result, "comment": m.comment.strip()} for m in marks}


def _indicators(indicators: Sequence[TargetIndicator]) -> list[dict[str, str | None]]:
    return [
        {
            "name": i.name.strip(),
            "baseline": i.baseline.strip(),
            "target": i.target.strip(),
            "deadline": i.deadline.isoformat() if i.deadline else None,
        }
        for i in indicators
        if i.name.strip()
    ]


def _require_open(row: DocumentReview) -> None:
    if row.conclusion is not None:
        raise ValidationError(
            _("The review is concluded; receive a new version to review it again."),
            field="conclusion",
        )


def save_review(
    session: Session,
    review_id: str,
    *,
    marks: Sequence[CriterionMark] | None,
    indicators: Sequence[TargetIndicator] | None,
    remarks: str | None,
    criteria_key: str | None,
    criteria_version: str | None,
) -> ReviewRecord:
    row = _review(session, review_id)
    _require_open(row)
    if marks is not None:
        check_marks(marks)
        row.criteria = _criteria(marks)
    if indicators is not None:
        row.indicators = _indicators(indicators)
    if remarks is not None:
        row.comment = remarks.strip()
    if criteria_key is not None:
        row.criteria_key = criteria_key
    if criteria_version is not None:
        row.criteria_version = criteria_version
    _raise(review_problems(row.model_dump()))
    session.flush()
    return review_record(row)


def set_conclusion(
    session: Session,
    review_id: str,
    *,
    conclusion: str,
    reviewed_on: dt.date,
    revision_deadline: dt.date | None,
    remarks: str | None,
    accept_reason: str,
) -> ReviewRecord:
    row = _review(session, review_id)
    _require_open(row)
    record = review_record(row)
    if conclusion == ReviewConclusion.ACCEPT:
        revision_deadline = None
    check_conclusion(
        conclusion,
        record.marks,
        accept_reason=accept_reason,
        revision_deadline=revision_deadline,
        reviewed_on=reviewed_on,
    )
    if row.started_on is not None and reviewed_on < row.started_on:
        raise ValidationError(
            _("The conclusion cannot be dated before the review began."), field="reviewed_on"
        )
    row.conclusion = conclusion
    row.reviewed_on = reviewed_on
    row.revision_deadline = revision_deadline
    row.accept_reason = accept_reason.strip()
    if row.started_on is None:
        row.started_on = reviewed_on
    if remarks is not None:
        row.comment = remarks.strip()
    _raise(review_problems(row.model_dump()))
    session.flush()
    return review_record(row)


def link_to_visit(session: Session, review_id: str, visit_id: str | None) -> ReviewRecord:
    row = _review(session, review_id)
    if visit_id is not None:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.deleted:
            raise NotFoundError(_("Visit {id} not found.").format(id=visit_id))
        if visit.school_id != row.school_id:
            raise ValidationError(
                _("The visit is to another school than the document's."), field="visit_id"
            )
    row.visit_id = visit_id
    session.flush()
    return review_record(row)


# --- confirmation documents ------------------------------------------------------------------


def attach_confirmation(
    session: Session,
    attachments_dir: Path,
    *,
    school_id: str,
    year: int,
    document_id: str | None,
    measure: str,
    stage: str,
    title: str,
    source: Path | None,
    dated_on: dt.date | None,
    medk_uploaded_on: dt.date | None,
) -> ConfirmationRecord:
    live_school(session, school_id)
    if document_id is not None:
        programme = session.get(SchoolDocument, document_id)
        if programme is None or programme.deleted or programme.school_id != school_id:
            raise NotFoundError(_("Document {id} not found.").format(id=document_id))
    if not title.strip():
        raise ValidationError(_("Say what the confirmation document is."), field="title")
    row = ConfirmationDocument(
        school_id=school_id,
        year=year,
        document_id=document_id,
        measure=measure.strip(),
        stage=stage.strip(),
        title=title.strip(),
        dated_on=dated_on,
        medk_uploaded_on=medk_uploaded_on,
    )
    _raise(confirmation_problems(row.model_dump()))
    session.add(row)
    file = None
    if source is not None:
        file = _store_file(session, source, attachments_dir, OWNER_CONFIRMATION, row.id)
    session.flush()
    return confirmation_record(row, file)


def mark_confirmation_uploaded(
    session: Session, confirmation_id: str, *, uploaded_on: dt.date | None
) -> ConfirmationRecord:
    row = session.get(ConfirmationDocument, confirmation_id)
    if row is None or row.deleted:
        raise NotFoundError(_("Confirmation document {id} not found.").format(id=confirmation_id))
    row.medk_uploaded_on = uploaded_on
    _raise(confirmation_problems(row.model_dump()))
    file = session.exec(
        select(Attachment)
        .where(col(Attachment.owner_type) == OWNER_CONFIRMATION)
        .where(col(Attachment.owner_id) == row.id, col(Attachment.deleted).is_(False))
    ).first()
    session.flush()
    return confirmation_record(row, file)
