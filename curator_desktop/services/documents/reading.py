"""Reading a school's documents into plain records: expected ones, versions, reviews, history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.documents import (
    ConfirmationRecord,
    CriterionMark,
    DocumentRecord,
    DocumentSummary,
    ReviewRecord,
    TargetIndicator,
    VersionRecord,
)
from curator_desktop.domain.documents.expected import expected_documents
from curator_desktop.domain.documents.identity import document_id
from curator_desktop.domain.documents.status import history, status_as_of
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.i18n import _
from curator_desktop.services.selfdiag.programme import programme_in
from curator_desktop.services.visits.files import stored_path
from curator_desktop.store.tables import (
    Attachment,
    ConfirmationDocument,
    DocumentReview,
    DocumentVersion,
    RiskAssessment,
    School,
    SchoolDocument,
)

OWNER_VERSION = "document_version"
OWNER_CONFIRMATION = "confirmation"


# --- rows to records -------------------------------------------------------------------------


def _files(session: Session, owner_type: str, owner_ids: Iterable[str]) -> dict[str, Attachment]:
    """The live file of each owner (the latest attached)."""
    ids = list(owner_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(Attachment)
        .where(col(Attachment.owner_type) == owner_type, col(Attachment.owner_id).in_(ids))
        .where(col(Attachment.deleted).is_(False))
        .order_by(col(Attachment.created_at))
    ).all()
    return {row.owner_id: row for row in rows}


def version_record(row: DocumentVersion, file: Attachment | None) -> VersionRecord:
    return VersionRecord(
        id=row.id,
        document_id=row.document_id,
        number=row.number,
        received_on=row.received_on,
        received_from=row.received_from,
        note=row.note,
        attachment_id=file.id if file else None,
        file_name=file.file_name if file else "",
        sha256=file.sha256 if file else "",
        size_bytes=file.size_bytes if file else 0,
        mime_type=file.mime_type if file else "",
        medk_uploaded_on=row.medk_uploaded_on,
    )


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def marks_of(criteria: Any) -> tuple[CriterionMark, ...]:
    if not isinstance(criteria, dict):
        return ()
    return tuple(
        CriterionMark(key, str(result.get("value") or ""), str(result.get("comment") or ""))
        for key, result in criteria.items()
        if isinstance(result, dict) and result.get("value")
    )


def indicators_of(values: Any) -> tuple[TargetIndicator, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(
        TargetIndicator(
            name=str(v.get("name") or ""),
            baseline=str(v.get("baseline") or ""),
            target=str(v.get("target") or ""),
            deadline=_date(v.get("deadline")),
        )
        for v in values
        if isinstance(v, dict)
    )


def review_record(row: DocumentReview) -> ReviewRecord:
    return ReviewRecord(
        id=row.id,
        document_id=row.document_id,
        version_id=row.version_id,
        school_id=row.school_id,
        kind=row.document_type,
        factor_code=row.factor_code,
        title=row.title,
        version_label=row.version_label,
        started_on=row.started_on,
        reviewed_on=row.reviewed_on,
        marks=marks_of(row.criteria),
        indicators=indicators_of(row.indicators),
        conclusion=row.conclusion,
        revision_deadline=row.revision_deadline,
        remarks=row.comment,
        accept_reason=row.accept_reason,
        visit_id=row.visit_id,
        criteria_key=row.criteria_key,
        criteria_version=row.criteria_version,
    )


def confirmation_record(row: ConfirmationDocument, file: Attachment | None) -> ConfirmationRecord:
    return ConfirmationRecord(
        id=row.id,
        school_id=row.school_id,
        year=row.year,
        document_id=row.document_id,
        measure=row.measure,
        stage=row.stage,
        title=row.title,
        dated_on=row.dated_on,
        attachment_id=file.id if file else None,
        file_name=file.file_name if file else "",
        medk_uploaded_on=row.medk_uploaded_on,
    )


# --- documents -------------------------------------------------------------------------------


def live_school(session: Session, school_id: str) -> School:
    school = session.get(School, school_id)
    if school is None or school.deleted:
        raise NotFoundError(_("School {id} not found.").format(id=school_id))
    return school


def activated_directions(session: Session, school_id: str, year: int) -> list[str]:
    rows = session.exec(
        select(RiskAssessment.factor_code)
        .where(col(RiskAssessment.school_id) == school_id, col(RiskAssessment.year) == year)
        .where(col(RiskAssessment.activated).is_(True), col(RiskAssessment.deleted).is_(False))
    ).all()
    return sorted(set(rows))


def _assemble(
    session: Session, documents: Sequence[SchoolDocument], as_of: dt.date | None
) -> dict[str, DocumentRecord]:
    """Each stored document with its versions, reviews, confirmations, status and history."""
    ids = [d.id for d in documents]
    if not ids:
        return {}
    versions: dict[str, list[DocumentVersion]] = defaultdict(list)
    for row in session.exec(
        select(DocumentVersion)
        .where(col(DocumentVersion.document_id).in_(ids), col(DocumentVersion.deleted).is_(False))
        .order_by(
            col(DocumentVersion.number),
            col(DocumentVersion.received_on),
            col(DocumentVersion.created_at),
        )
    ).all():
        versions[row.document_id].append(row)
    files = _files(session, OWNER_VERSION, [v.id for vs in versions.values() for v in vs])
    reviews: dict[str, list[DocumentReview]] = defaultdict(list)
    for row in session.exec(
        select(DocumentReview)
        .where(col(DocumentReview.document_id).in_(ids), col(DocumentReview.deleted).is_(False))
        .order_by(col(DocumentReview.started_on), col(DocumentReview.created_at))
    ).all():
        reviews[row.document_id or ""].append(row)
    confirmations: dict[str, list[ConfirmationDocument]] = defaultdict(list)
    for row in session.exec(
        select(ConfirmationDocument)
        .where(col(ConfirmationDocument.document_id).in_(ids))
        .where(col(ConfirmationDocument.deleted).is_(False))
        .order_by(col(ConfirmationDocument.dated_on), col(ConfirmationDocument.created_at))
    ).all():
        confirmations[row.document_id or ""].append(row)
    confirmation_files = _files(
        session, OWNER_CONFIRMATION, [c.id for cs in confirmations.values() for c in cs]
    )
    result: dict[str, DocumentRecord] = {}
    for document in documents:
        version_records = tuple(
            version_record(v, files.get(v.id)) for v in versions.get(document.id, [])
        )
        order = {v.id: i for i, v in enumerate(version_records)}
        review_records = tuple(
            sorted(
                (review_record(r) for r in reviews.get(document.id, [])),
                key=lambda r: order.get(r.version_id or "", -1),
            )
        )
        events = history(version_records, review_records)
        now = status_as_of(events, as_of)
        result[document.id] = DocumentRecord(
            id=document.id,
            school_id=document.school_id,
            year=document.year,
            kind=document.kind,
            factor_code=document.factor_code,
            title=document.title,
            expected=False,
            present=True,
            status=now.status,
            status_on=now.since,
            revision_deadline=now.deadline,
            overdue=now.overdue,
            medk_uploaded_on=now.medk_uploaded_on,
            versions=version_records,
            reviews=review_records,
            history=tuple(e for e in events if as_of is None or e.on <= as_of),
            confirmations=tuple(
                confirmation_record(c, confirmation_files.get(c.id))
                for c in confirmations.get(document.id, [])
            ),
        )
    return result


def _missing(school_id: str, year: int, kind: str, factor_code: str | None) -> DocumentRecord:
    from curator_desktop.domain.documents.kinds import DocumentStatus

    return DocumentRecord(
        id=document_id(school_id, year, kind, factor_code),
        school_id=school_id,
        year=year,
        kind=kind,
        factor_code=factor_code,
        title="",
        expected=True,
        present=False,
        status=DocumentStatus.MISSING,
        status_on=None,
        revision_deadline=None,
        overdue=False,
        medk_uploaded_on=None,
    )


def documents_of(
    session: Session, school_id: str, year: int, *, as_of: dt.date | None = None
) -> list[DocumentRecord]:
    """Expected documents first (in their order, missing ones included), then the others."""
    school = live_school(session, school_id)
    stored = session.exec(
        select(SchoolDocument)
        .where(col(SchoolDocument.school_id) == school_id, col(SchoolDocument.year) == year)
        .where(col(SchoolDocument.deleted).is_(False))
        .order_by(col(SchoolDocument.kind), col(SchoolDocument.factor_code))
    ).all()
    present = _assemble(session, stored, as_of)
    if as_of is not None:  # a document whose first version came later was not there yet
        present = {
            k: v if v.history else _missing(school_id, year, v.kind, v.factor_code)
            for k, v in present.items()
        }
    result: list[DocumentRecord] = []
    programme = programme_in(session, school.id, year)  # the programme may change by year
    for expected in expected_documents(programme, activated_directions(session, school_id, year)):
        key = document_id(school_id, year, expected.kind, expected.factor_code)
        found = present.pop(key, None)
        if found is None:
            result.append(_missing(school_id, year, expected.kind, expected.factor_code))
        else:
            result.append(_with_expected(found))
    result.extend(d for d in present.values() if d.present)
    return result


def _with_expected(record: DocumentRecord) -> DocumentRecord:
    from dataclasses import replace

    return replace(record, expected=True)


def document_by_id(
    session: Session, document: str, *, as_of: dt.date | None = None
) -> DocumentRecord:
    row = session.get(SchoolDocument, document)
    if row is None or row.deleted:
        raise NotFoundError(_("Document {id} not found.").format(id=document))
    return _assemble(session, [row], as_of)[row.id]


def years_of(session: Session, school_id: str | None) -> list[int]:
    query = select(SchoolDocument.year).where(col(SchoolDocument.deleted).is_(False))
    if school_id is not None:
        query = query.where(col(SchoolDocument.school_id) == school_id)
    return sorted(set(session.exec(query).all()))


def summaries_of(
    session: Session,
    *,
    school_id: str | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> list[DocumentSummary]:
    query = select(School).where(col(School.deleted).is_(False))
    if school_id is not None:
        live_school(session, school_id)
        query = query.where(col(School.id) == school_id)
    else:
        query = query.where(col(School.archived_at).is_(None))
    schools = session.exec(query.order_by(col(School.name_key), col(School.id))).all()
    current = cycle_year(as_of or dt.date.today())
    result: list[DocumentSummary] = []
    for school in schools:
        years = [year] if year is not None else sorted({*years_of(session, school.id), current})
        name = school.short_name or school.full_name
        for each in years:
            for record in documents_of(session, school.id, each, as_of=as_of):
                result.append(summary_of(record, name))
    return result


def summary_of(record: DocumentRecord, school_name: str) -> DocumentSummary:
    latest = next((r for r in reversed(record.reviews) if r.conclusion), None)
    return DocumentSummary(
        document_id=record.id,
        school_id=record.school_id,
        school_name=school_name,
        year=record.year,
        kind=record.kind,
        factor_code=record.factor_code,
        title=record.title,
        versions=len(record.versions),
        latest_conclusion=latest.conclusion if latest else None,
        status=record.status,
        status_on=record.status_on,
        revision_deadline=record.revision_deadline,
        overdue=record.overdue,
        medk_uploaded_on=record.medk_uploaded_on,
    )


# --- reviews, confirmations, files -----------------------------------------------------------


def review_by_id(session: Session, review: str) -> ReviewRecord:
    row = session.get(DocumentReview, review)
    if row is None or row.deleted:
        raise NotFoundError(_("Review {id} not found.").format(id=review))
    return review_record(row)


def reviews_at_visit(session: Session, visit_id: str) -> list[ReviewRecord]:
    rows = session.exec(
        select(DocumentReview)
        .where(col(DocumentReview.visit_id) == visit_id, col(DocumentReview.deleted).is_(False))
        .order_by(col(DocumentReview.reviewed_on), col(DocumentReview.created_at))
    ).all()
    return [review_record(row) for row in rows]


def confirmations_of(session: Session, school_id: str, year: int) -> list[ConfirmationRecord]:
    rows = session.exec(
        select(ConfirmationDocument)
        .where(col(ConfirmationDocument.school_id) == school_id)
        .where(col(ConfirmationDocument.year) == year)
        .where(col(ConfirmationDocument.deleted).is_(False))
        .order_by(col(ConfirmationDocument.dated_on), col(ConfirmationDocument.created_at))
    ).all()
    files = _files(session, OWNER_CONFIRMATION, [row.id for row in rows])
    return [confirmation_record(row, files.get(row.id)) for row in rows]


def attachment_path(session: Session, attachment_id: str, attachments_dir: Path) -> Path:
    row = session.get(Attachment, attachment_id)
    if row is None or row.deleted:
        raise NotFoundError(_("File {id} not found.").format(id=attachment_id))
    path = stored_path(attachments_dir, row.sha256)
    if not path.is_file():
        raise NotFoundError(
            _("The file «{name}» is missing from the store: {path}").format(
                name=row.file_name, path=path
            )
        )
    return path
