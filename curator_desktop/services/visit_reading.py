"""Reading a whole visit for the editor in one transaction, with a fixed number of queries.

Each kind of record (answers, participants, lessons, findings, recommendations, attachments,
risk factors) is one query whatever the visit holds, so a visit with hundreds of answers opens
as fast as an empty one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from curator_desktop.domain.risk import effective_level
from curator_desktop.domain.visit_records import (
    AnswerRecord,
    AttachmentRecord,
    EditorState,
    LessonRecord,
    ParticipantRecord,
    SchoolFactor,
    VisitRecord,
)
from curator_desktop.i18n import current_language
from curator_desktop.services.catalogs import current_catalog_in
from curator_desktop.services.visit_access import visit_in
from curator_desktop.store.repositories.recommendations import recommendation_records_in
from curator_desktop.store.rows import record_from
from curator_desktop.store.tables import (
    Attachment,
    ChecklistAnswer,
    LessonObservation,
    RiskAssessment,
    RiskFactor,
    School,
    Visit,
    VisitFinding,
    VisitParticipant,
)


def visit_record(visit: Visit, school_name: str) -> VisitRecord:
    return record_from(
        VisitRecord, visit, school_name=school_name, template=visit.template_snapshot
    )


def answer_record(row: ChecklistAnswer) -> AnswerRecord:
    return record_from(AnswerRecord, row)


def attachment_record(row: Attachment) -> AttachmentRecord:
    return record_from(AttachmentRecord, row)


def visit_year(visit: Visit, today: dt.date) -> int:
    """The cycle year a visit belongs to: its actual, else planned date, else today."""
    return (visit.actual_date or visit.planned_date or today).year


def _live_lesson_ids(visit_id: str) -> SelectOfScalar[str]:
    return (
        select(LessonObservation.id)
        .where(col(LessonObservation.visit_id) == visit_id)
        .where(col(LessonObservation.deleted).is_(False))
    )


def attachments_for_visit(session: Session, visit_id: str) -> list[AttachmentRecord]:
    """Every live attachment of the visit, its answers and its lessons, oldest first."""
    lessons = _live_lesson_ids(visit_id)
    answers = (
        select(ChecklistAnswer.id)
        .where(col(ChecklistAnswer.visit_id) == visit_id)
        .where(col(ChecklistAnswer.deleted).is_(False))
        .where(
            or_(
                col(ChecklistAnswer.lesson_id).is_(None),
                col(ChecklistAnswer.lesson_id).in_(lessons),
            )
        )
    )
    query = (
        select(Attachment)
        .where(col(Attachment.deleted).is_(False))
        .where(
            or_(
                and_(col(Attachment.owner_type) == "visit", col(Attachment.owner_id) == visit_id),
                and_(col(Attachment.owner_type) == "answer", col(Attachment.owner_id).in_(answers)),
                and_(col(Attachment.owner_type) == "lesson", col(Attachment.owner_id).in_(lessons)),
            )
        )
        .order_by(col(Attachment.created_at))
    )
    return [attachment_record(row) for row in session.exec(query)]


def school_factors(
    session: Session, school_id: str, year: int, finding_codes: set[str]
) -> list[SchoolFactor]:
    """The school's risks in ``year`` (effective level other than «none»), plus every factor
    the visit already has a finding on; named from the current catalog, in its order."""
    levels: dict[str, str | None] = {}
    rows = session.exec(
        select(RiskAssessment)
        .where(col(RiskAssessment.school_id) == school_id)
        .where(col(RiskAssessment.year) == year)
        .where(col(RiskAssessment.deleted).is_(False))
    )
    for row in rows:
        levels[row.factor_code] = (
            effective_level(row.questionnaire_level, row.verdict, row.adjusted_level)
            or row.questionnaire_level
        )
    codes = {code for code, level in levels.items() if level and level != "none"}
    codes |= finding_codes
    catalog = current_catalog_in(session)
    known: dict[str, RiskFactor] = {}
    if catalog is not None:
        query = select(RiskFactor).where(col(RiskFactor.catalog_id) == catalog.id)
        known = {f.code: f for f in session.exec(query.where(col(RiskFactor.deleted).is_(False)))}
    english = current_language() == "en"

    def name(code: str) -> str:
        factor = known.get(code)
        if factor is None:
            return code
        first, second = (
            (factor.name_en, factor.name_ru) if english else (factor.name_ru, factor.name_en)
        )
        return first or second or code

    def order(code: str) -> tuple[int, int, str]:
        factor = known.get(code)
        return (0, factor.sort_order, code) if factor else (1, 0, code)

    return [SchoolFactor(code, name(code), levels.get(code)) for code in sorted(codes, key=order)]


def read_state(session: Session, visit_id: str, today: dt.date) -> EditorState:
    """Everything the editor shows about one visit (see :class:`EditorState`)."""
    visit = visit_in(session, visit_id)
    school = session.get(School, visit.school_id)
    school_name = (school.short_name or school.full_name) if school else ""
    lessons = list(
        session.exec(
            select(LessonObservation)
            .where(col(LessonObservation.visit_id) == visit_id)
            .where(col(LessonObservation.deleted).is_(False))
            .order_by(col(LessonObservation.sort_order), col(LessonObservation.created_at))
        )
    )
    lesson_answers: dict[str, dict[str, AnswerRecord]] = {lesson.id: {} for lesson in lessons}
    answers: dict[str, AnswerRecord] = {}
    answer_rows = session.exec(
        select(ChecklistAnswer)
        .where(col(ChecklistAnswer.visit_id) == visit_id)
        .where(col(ChecklistAnswer.deleted).is_(False))
        .order_by(col(ChecklistAnswer.created_at))
    )
    for row in answer_rows:
        if row.lesson_id is None:
            answers[row.item_key] = answer_record(row)
        elif row.lesson_id in lesson_answers:
            lesson_answers[row.lesson_id][row.item_key] = answer_record(row)
    participants = session.exec(
        select(VisitParticipant)
        .where(col(VisitParticipant.visit_id) == visit_id)
        .where(col(VisitParticipant.deleted).is_(False))
        .order_by(col(VisitParticipant.sort_order), col(VisitParticipant.created_at))
    )
    findings = {
        f.factor_code: f.text
        for f in session.exec(
            select(VisitFinding)
            .where(col(VisitFinding.visit_id) == visit_id)
            .where(col(VisitFinding.deleted).is_(False))
            .order_by(col(VisitFinding.created_at))
        )
    }
    recommendations = recommendation_records_in(session, visit_id=visit_id)
    recommendations += [
        r
        for r in recommendation_records_in(session, school_id=visit.school_id, open_only=True)
        if r.visit_id != visit_id
    ]
    return EditorState(
        visit=visit_record(visit, school_name),
        answers=answers,
        participants=[record_from(ParticipantRecord, p) for p in participants],
        lessons=[
            record_from(LessonRecord, lesson, template=lesson.template_snapshot)
            for lesson in lessons
        ],
        lesson_answers=lesson_answers,
        factors=school_factors(session, visit.school_id, visit_year(visit, today), set(findings)),
        findings=findings,
        recommendations=recommendations,
        attachments=attachments_for_visit(session, visit_id),
    )
