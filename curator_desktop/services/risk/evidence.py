"""Evidence behind a risk verification: a visit, an observed lesson, a document review, a file
or a note, linked to one factor's verification (RiskEvidence rows).

Helpers working inside a session owned by :class:`~curator_desktop.services.risk.profiles.
RiskProfileService`; the labels are ready to show in the current language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from curator_desktop.domain.enums import DocumentType, VisitType
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.field_rules import text_problem
from curator_desktop.domain.risk.records import EVIDENCE_KINDS, EVIDENCE_TARGETS, evidence_problem
from curator_desktop.i18n import _, format_date
from curator_desktop.store.tables import (
    Attachment,
    DocumentReview,
    LessonObservation,
    RiskEvidence,
    Visit,
)
from curator_desktop.store.types import utc_now

KINDS = EVIDENCE_KINDS
"""Evidence kinds (stored codes) and their English names."""
_TARGET_COLUMN = EVIDENCE_TARGETS


@dataclass(frozen=True)
class EvidenceRow:
    """One linked piece of evidence, with a label to show."""

    id: str
    kind: str
    target_id: str | None
    label: str
    note: str = ""


@dataclass(frozen=True)
class EvidenceChoice:
    """Something of the school that may be linked as evidence."""

    kind: str
    target_id: str
    label: str


def kind_label(kind: str) -> str:
    """The translated name of an evidence kind (an unknown code is shown as is)."""
    return _(KINDS[kind]) if kind in KINDS else kind


def _target_of(evidence: RiskEvidence) -> str | None:
    column = _TARGET_COLUMN.get(evidence.kind)
    return getattr(evidence, column) if column else None


# --- labels -----------------------------------------------------------------------------------


def _visit_label(visit: Visit) -> str:
    return _("Visit: {type}, {date}").format(
        type=VisitType.label_for(visit.visit_type),
        date=format_date(visit.actual_date or visit.planned_date, "short"),
    )


def _lesson_label(lesson: LessonObservation, visit: Visit | None) -> str:
    parts = [p for p in (lesson.subject, lesson.class_name, lesson.teacher) if p]
    when = format_date(visit.actual_date or visit.planned_date, "short") if visit else "—"
    return _("Lesson: {what} ({date})").format(what=", ".join(parts) or "—", date=when)


def _document_label(review: DocumentReview) -> str:
    title = review.title or DocumentType.label_for(review.document_type)
    if review.version_label:
        title = _("{title}, version {version}").format(title=title, version=review.version_label)
    return _("Document: {title}").format(title=title)


def _attachment_label(attachment: Attachment) -> str:
    return _("File: {name}").format(name=attachment.caption or attachment.file_name)


def _labels(session: Session, evidence: Sequence[RiskEvidence]) -> dict[str, str]:
    """Labels by evidence id; a target that no longer exists is marked as removed."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for item in evidence:
        target = _target_of(item)
        if target:
            wanted[item.kind].add(target)
    lessons = _by_id(session, LessonObservation, wanted["lesson"])
    visits = _by_id(
        session, Visit, wanted["visit"] | {lesson.visit_id for lesson in lessons.values()}
    )
    documents = _by_id(session, DocumentReview, wanted["document"])
    files = _by_id(session, Attachment, wanted["attachment"])
    labels = {}
    for item in evidence:
        target = _target_of(item)
        label = ""
        if item.kind == "visit" and target in visits:
            label = _visit_label(visits[target])
        elif item.kind == "lesson" and target in lessons:
            lesson = lessons[target]
            label = _lesson_label(lesson, visits.get(lesson.visit_id))
        elif item.kind == "document" and target in documents:
            label = _document_label(documents[target])
        elif item.kind == "attachment" and target in files:
            label = _attachment_label(files[target])
        elif item.kind == "note":
            label = _("Note: {text}").format(text=item.note)
        else:
            label = _("{kind} (removed)").format(kind=kind_label(item.kind))
        if item.note and item.kind != "note":
            label = f"{label} — {item.note}"
        labels[item.id] = label
    return labels


def _by_id(session: Session, table: type, ids: Iterable[str]) -> dict:
    ids = [i for i in ids if i]
    if not ids:
        return {}
    rows = session.exec(select(table).where(col(table.id).in_(ids)))
    return {row.id: row for row in rows if not row.deleted}


# --- reading ----------------------------------------------------------------------------------


def rows_for(session: Session, assessment_ids: Sequence[str]) -> dict[str, list[EvidenceRow]]:
    """Live evidence of each verification, oldest first, by assessment id."""
    if not assessment_ids:
        return {}
    query = (
        select(RiskEvidence)
        .where(col(RiskEvidence.assessment_id).in_(list(assessment_ids)))
        .where(col(RiskEvidence.deleted).is_(False))
        .order_by(col(RiskEvidence.created_at))
    )
    evidence = list(session.exec(query))
    labels = _labels(session, evidence)
    result: dict[str, list[EvidenceRow]] = defaultdict(list)
    for item in evidence:
        result[item.assessment_id].append(
            EvidenceRow(item.id, item.kind, _target_of(item), labels[item.id], item.note)
        )
    return result


def history_labels(session: Session, assessment_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Every evidence ever linked (removed too): id → (assessment id, label)."""
    if not assessment_ids:
        return {}
    query = select(RiskEvidence).where(col(RiskEvidence.assessment_id).in_(list(assessment_ids)))
    evidence = list(session.exec(query))
    labels = _labels(session, evidence)
    return {item.id: (item.assessment_id, labels[item.id]) for item in evidence}


def choices(session: Session, school_id: str) -> list[EvidenceChoice]:
    """The school's visits (newest first), their lessons, document reviews and files."""
    visits = list(
        session.exec(
            select(Visit)
            .where(col(Visit.school_id) == school_id)
            .where(col(Visit.deleted).is_(False))
        )
    )
    visits.sort(key=lambda v: v.actual_date or v.planned_date or v.created_at.date(), reverse=True)
    by_visit = {v.id: v for v in visits}
    lessons = list(
        session.exec(
            select(LessonObservation)
            .where(col(LessonObservation.visit_id).in_(list(by_visit)))
            .where(col(LessonObservation.deleted).is_(False))
        )
    )
    order = {visit_id: n for n, visit_id in enumerate(by_visit)}
    lessons.sort(key=lambda lesson: (order[lesson.visit_id], lesson.sort_order))
    documents = session.exec(
        select(DocumentReview)
        .where(col(DocumentReview.school_id) == school_id)
        .where(col(DocumentReview.deleted).is_(False))
        .order_by(col(DocumentReview.received_on).desc())
    ).all()
    owners = {school_id, *by_visit, *(lesson.id for lesson in lessons)}
    files = session.exec(
        select(Attachment)
        .where(col(Attachment.owner_id).in_(list(owners)))
        .where(col(Attachment.deleted).is_(False))
        .order_by(col(Attachment.created_at))
    ).all()
    result = [EvidenceChoice("visit", v.id, _visit_label(v)) for v in visits]
    result += [
        EvidenceChoice("lesson", lesson.id, _lesson_label(lesson, by_visit[lesson.visit_id]))
        for lesson in lessons
    ]
    result += [EvidenceChoice("document", d.id, _document_label(d)) for d in documents]
    result += [EvidenceChoice("attachment", f.id, _attachment_label(f)) for f in files]
    return result


# --- writing ----------------------------------------------------------------------------------


def add(
    session: Session,
    school_id: str,
    assessment_id: str,
    *,
    kind: str,
    target_id: str | None,
    note: str,
) -> EvidenceRow:
    """Link evidence to the verification ``assessment_id`` of ``school_id``."""
    note = note.strip()
    problem = evidence_problem(kind, note, target_id) or _note_length(note)
    if problem is not None:
        raise ValidationError(problem[1], field=problem[0])
    record = RiskEvidence(assessment_id=assessment_id, kind=kind, note=note)
    if kind != "note":
        allowed = {c.target_id for c in choices(session, school_id) if c.kind == kind}
        if target_id not in allowed:
            raise ValidationError(
                _("Choose what the evidence refers to among this school's records."),
                field="target",
            )
        setattr(record, _TARGET_COLUMN[kind], target_id)
        linked = session.exec(
            select(RiskEvidence)
            .where(col(RiskEvidence.assessment_id) == assessment_id)
            .where(col(RiskEvidence.kind) == kind)
            .where(col(getattr(RiskEvidence, _TARGET_COLUMN[kind])) == target_id)
            .where(col(RiskEvidence.deleted).is_(False))
        ).first()
        if linked is not None:
            raise ValidationError(
                _("This evidence is already linked to the factor."), field="target"
            )
    session.add(record)
    session.flush()
    label = _labels(session, [record])[record.id]
    return EvidenceRow(record.id, kind, target_id if kind != "note" else None, label, note)


def _note_length(note: str) -> tuple[str, str] | None:
    problem = text_problem(note)
    return ("note", problem) if problem else None


def remove(session: Session, evidence_id: str) -> None:
    """Mark one piece of evidence deleted (a tombstone, so sync and history keep it)."""
    record = session.get(RiskEvidence, evidence_id)
    if record is None or record.deleted:
        raise NotFoundError(_("The evidence was not found; it may have been removed already."))
    record.deleted = True
    record.deleted_at = utc_now()
