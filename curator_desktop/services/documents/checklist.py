"""The «Экспертиза концептуальных документов» checklist of a visit, turned into reviews.

The checklist (``documents-review``) has a section per document kind with the review criteria
(the same keys as the criteria file), a conclusion and a revision deadline. Each section answered
becomes the review of that document, linked to the visit: of the latest version received by the
visit's day, or of a version recorded from the checklist's «date received» when none was. The
antirisk section covers the programmes of every activated direction. Taking the checklist again
updates the same reviews; a conclusion that breaks a rule (accepted over an unmet criterion with
no reason) is not taken, the marks are.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.documents import CriterionMark, CriterionResult, ReviewRecord
from curator_desktop.domain.documents.rules import check_conclusion
from curator_desktop.domain.enums import DocumentType, ReviewConclusion
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.i18n import _
from curator_desktop.services.documents.reading import activated_directions, review_record
from curator_desktop.services.documents.writes import ensure_document
from curator_desktop.store.tables import ChecklistAnswer, DocumentReview, DocumentVersion, Visit

log = logging.getLogger(__name__)

TEMPLATE_KEY = "documents-review"
SECTIONS = (
    DocumentType.CONCEPT.value,
    DocumentType.MEDIUM_TERM_PROGRAMME.value,
    DocumentType.ANTIRISK_PROGRAMME.value,
)
_RESULTS = {r.value for r in CriterionResult}


def is_documents_checklist(visit: Visit) -> bool:
    return (visit.template_snapshot or {}).get("id") == TEMPLATE_KEY


def _answers(session: Session, visit_id: str) -> dict[str, ChecklistAnswer]:
    rows = session.exec(
        select(ChecklistAnswer)
        .where(col(ChecklistAnswer.visit_id) == visit_id, col(ChecklistAnswer.deleted).is_(False))
        .where(col(ChecklistAnswer.lesson_id).is_(None))
    ).all()
    return {row.item_key: row for row in rows}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _marks(section: str, answers: dict[str, ChecklistAnswer]) -> list[CriterionMark]:
    prefix = section + "."
    return [
        CriterionMark(key.removeprefix(prefix), str(answer.value), answer.comment.strip())
        for key, answer in sorted(answers.items())
        if key.startswith(prefix) and answer.value in _RESULTS
    ]


def _version_for(
    session: Session, document_id: str, day: dt.date, received: dt.date
) -> DocumentVersion:
    rows = session.exec(
        select(DocumentVersion)
        .where(col(DocumentVersion.document_id) == document_id)
        .where(col(DocumentVersion.deleted).is_(False))
        .order_by(col(DocumentVersion.number))
    ).all()
    before = [row for row in rows if row.received_on <= day]
    if before:
        return before[-1]
    version = DocumentVersion(
        document_id=document_id,
        number=(rows[-1].number if rows else 0) + 1,
        received_on=min(received, day),
        note=_("Recorded from the visit's checklist."),
    )
    session.add(version)
    return version


def _review_for(session: Session, visit: Visit, version: DocumentVersion) -> DocumentReview:
    row = session.exec(
        select(DocumentReview)
        .where(col(DocumentReview.version_id) == version.id)
        .where(col(DocumentReview.deleted).is_(False))
        .order_by(col(DocumentReview.created_at))
    ).first()
    if row is None:
        row = DocumentReview(school_id=visit.school_id, version_id=version.id)
        session.add(row)
    return row


def take_checklist(session: Session, visit_id: str) -> list[ReviewRecord]:
    """The reviews the visit's documents checklist gives (none for another checklist)."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise NotFoundError(_("Visit {id} not found.").format(id=visit_id))
    if not is_documents_checklist(visit):
        return []
    day = visit.actual_date or visit.planned_date or dt.date.today()
    year = cycle_year(day, visit_type=visit.visit_type)
    answers = _answers(session, visit.id)
    received = _date(getattr(answers.get("received.date"), "value", None)) or day
    overall = answers.get("overall.summary")
    records: list[ReviewRecord] = []
    for section in SECTIONS:
        marks = _marks(section, answers)
        conclusion_answer = answers.get(f"{section}.conclusion")
        conclusion = conclusion_answer.value if conclusion_answer else None
        if not marks and conclusion is None:
            continue
        directions: list[str | None] = [None]
        if section == DocumentType.ANTIRISK_PROGRAMME:
            directions = list(activated_directions(session, visit.school_id, year))
        deadline_answer = answers.get(f"{section}.revision_deadline")
        deadline = _date(deadline_answer.value) if deadline_answer else None
        remarks = (conclusion_answer.comment if conclusion_answer else "") or (
            str(overall.value or "") if overall else ""
        )
        for factor in directions:
            document = ensure_document(
                session, school_id=visit.school_id, year=year, kind=section, factor_code=factor
            )
            version = _version_for(session, document.id, day, received)
            row = _review_for(session, visit, version)
            row.document_id, row.visit_id = document.id, visit.id
            row.document_type, row.factor_code = section, factor
            row.title = row.title or document.title
            row.version_label = str(version.number)
            row.received_on = version.received_on
            row.started_on = row.started_on or min(received, day)
            row.criteria = {
                m.criterion_id: {"value": m.result, "comment": m.comment} for m in marks
            }
            row.criteria_key = TEMPLATE_KEY
            row.criteria_version = str((visit.template_snapshot or {}).get("version", ""))
            row.comment = remarks.strip()
            _conclude(row, conclusion, deadline, marks, day)
            session.flush()
            records.append(review_record(row))
    return records


def _conclude(
    row: DocumentReview,
    conclusion: Any,
    deadline: dt.date | None,
    marks: list[CriterionMark],
    day: dt.date,
) -> None:
    if conclusion not in {c.value for c in ReviewConclusion}:
        row.conclusion, row.reviewed_on, row.revision_deadline = None, None, None
        return
    if conclusion == ReviewConclusion.ACCEPT:
        deadline = None
    try:
        check_conclusion(
            conclusion,
            marks,
            accept_reason=row.accept_reason,
            revision_deadline=deadline,
            reviewed_on=day,
        )
    except ValidationError as exc:
        log.info("Checklist conclusion of review %s not taken: %s", row.id, exc.user_message)
        row.conclusion, row.reviewed_on, row.revision_deadline = None, None, None
        return
    row.conclusion, row.reviewed_on, row.revision_deadline = conclusion, day, deadline
