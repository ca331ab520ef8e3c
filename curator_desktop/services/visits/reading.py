"""Reading a whole visit for the editor in one transaction, with a fixed number of queries.

Each kind of record (answers, participants, lessons, findings, recommendations, attachments,
risk factors) is one query whatever the visit holds, so a visit with hundreds of answers opens
as fast as an empty one. The statements are built once with bound parameters and read plain
columns straight into the records (no ORM objects): building a statement and loading ORM objects
cost several times what SQLite takes to run it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select
from sqlmodel import Session

from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.domain.risk.profile import effective_level
from curator_desktop.domain.visits.records import (
    AnswerRecord,
    AttachmentRecord,
    EditorState,
    LessonRecord,
    ParticipantRecord,
    SchoolFactor,
    VisitRecord,
)
from curator_desktop.i18n import current_language
from curator_desktop.services.catalogs.builtin import current_catalog_in
from curator_desktop.services.visits.access import missing_visit
from curator_desktop.store.record_columns import record_columns
from curator_desktop.store.repositories.recommendations import visit_recommendations_in
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

_VISIT: Any = Visit.__table__  # type: ignore[attr-defined]
_SCHOOL: Any = School.__table__  # type: ignore[attr-defined]
_LESSON: Any = LessonObservation.__table__  # type: ignore[attr-defined]
_ANSWER: Any = ChecklistAnswer.__table__  # type: ignore[attr-defined]
_PARTICIPANT: Any = VisitParticipant.__table__  # type: ignore[attr-defined]
_FINDING: Any = VisitFinding.__table__  # type: ignore[attr-defined]
_ATTACHMENT: Any = Attachment.__table__  # type: ignore[attr-defined]
_ASSESSMENT: Any = RiskAssessment.__table__  # type: ignore[attr-defined]
_FACTOR: Any = RiskFactor.__table__  # type: ignore[attr-defined]


def attachment_record(row: Attachment) -> AttachmentRecord:
    """The record of an attachment row just written (reads build theirs from columns)."""
    return record_from(AttachmentRecord, row)


def _live(table: Any) -> Any:
    return table.c.deleted.is_(False)


@cache
def _visit_statement() -> Any:
    """The visit's record fields and its school's name, then whether the visit is deleted."""
    school_name = func.coalesce(func.nullif(_SCHOOL.c.short_name, ""), _SCHOOL.c.full_name, "")
    columns = record_columns(
        VisitRecord, _VISIT, school_name=school_name, template=_VISIT.c.template_snapshot
    )
    return (
        select(*columns, _VISIT.c.deleted)
        .select_from(_VISIT.outerjoin(_SCHOOL, _SCHOOL.c.id == _VISIT.c.school_id))
        .where(_VISIT.c.id == bindparam("visit_id"))
    )


@cache
def _lessons_statement() -> Any:
    columns = record_columns(LessonRecord, _LESSON, template=_LESSON.c.template_snapshot)
    return (
        select(*columns)
        .where(_LESSON.c.visit_id == bindparam("visit_id"), _live(_LESSON))
        .order_by(_LESSON.c.sort_order, _LESSON.c.created_at)
    )


@cache
def _answers_statement() -> Any:
    return (
        select(*record_columns(AnswerRecord, _ANSWER))
        .where(_ANSWER.c.visit_id == bindparam("visit_id"), _live(_ANSWER))
        .order_by(_ANSWER.c.created_at)
    )


@cache
def _participants_statement() -> Any:
    return (
        select(*record_columns(ParticipantRecord, _PARTICIPANT))
        .where(_PARTICIPANT.c.visit_id == bindparam("visit_id"), _live(_PARTICIPANT))
        .order_by(_PARTICIPANT.c.sort_order, _PARTICIPANT.c.created_at)
    )


@cache
def _findings_statement() -> Any:
    return (
        select(_FINDING.c.factor_code, _FINDING.c.text)
        .where(_FINDING.c.visit_id == bindparam("visit_id"), _live(_FINDING))
        .order_by(_FINDING.c.created_at)
    )


@cache
def _attachments_statement() -> Any:
    """Every live attachment of the visit, its answers (of the visit checklist or a live
    lesson) and its live lessons, oldest first."""
    visit_id = bindparam("visit_id")
    lessons = select(_LESSON.c.id).where(_LESSON.c.visit_id == visit_id, _live(_LESSON))
    answers = select(_ANSWER.c.id).where(
        _ANSWER.c.visit_id == visit_id,
        _live(_ANSWER),
        or_(_ANSWER.c.lesson_id.is_(None), _ANSWER.c.lesson_id.in_(lessons)),
    )
    owner_type, owner_id = _ATTACHMENT.c.owner_type, _ATTACHMENT.c.owner_id
    return (
        select(*record_columns(AttachmentRecord, _ATTACHMENT))
        .where(_live(_ATTACHMENT))
        .where(
            or_(
                and_(owner_type == "visit", owner_id == visit_id),
                and_(owner_type == "answer", owner_id.in_(answers)),
                and_(owner_type == "lesson", owner_id.in_(lessons)),
            )
        )
        .order_by(_ATTACHMENT.c.created_at)
    )


@cache
def _levels_statement() -> Any:
    return select(
        _ASSESSMENT.c.factor_code,
        _ASSESSMENT.c.questionnaire_level,
        _ASSESSMENT.c.verdict,
        _ASSESSMENT.c.adjusted_level,
    ).where(
        _ASSESSMENT.c.school_id == bindparam("school_id"),
        _ASSESSMENT.c.year == bindparam("year"),
        _live(_ASSESSMENT),
    )


@cache
def _factors_statement() -> Any:
    return select(_FACTOR.c.code, _FACTOR.c.name_ru, _FACTOR.c.name_en, _FACTOR.c.sort_order).where(
        _FACTOR.c.catalog_id == bindparam("catalog_id"), _live(_FACTOR)
    )


def visit_year(visit: VisitRecord | Visit, today: dt.date) -> int:
    """The cycle year a visit (its record or its row) belongs to
    (:func:`~curator_desktop.domain.risk.cycle.cycle_year`) by its actual, else planned date,
    else today."""
    day = visit.actual_date or visit.planned_date or today
    return cycle_year(day, visit_type=visit.visit_type)


def school_factors(
    session: Session, school_id: str, year: int, finding_codes: set[str]
) -> list[SchoolFactor]:
    """The school's risks in ``year`` (effective level other than «none»), plus every factor
    the visit already has a finding on; named from the current catalog, in its order."""
    levels: dict[str, str | None] = {}
    rows = session.exec(_levels_statement(), params={"school_id": school_id, "year": year})
    for code, questionnaire, verdict, adjusted in rows:
        levels[code] = effective_level(questionnaire, verdict, adjusted) or questionnaire
    codes = {code for code, level in levels.items() if level and level != "none"}
    codes |= finding_codes
    catalog = current_catalog_in(session)
    known: dict[str, Any] = {}
    if catalog is not None:
        factors = session.exec(_factors_statement(), params={"catalog_id": catalog.id})
        known = {factor.code: factor for factor in factors}
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
    """Everything the editor shows about one visit (see :class:`EditorState`);
    ``NotFoundError`` when the visit is missing or deleted."""

    def rows(statement: Any) -> Any:
        return session.exec(statement, params={"visit_id": visit_id})

    found = rows(_visit_statement()).first()
    if found is None or found[-1]:
        raise missing_visit()
    visit = VisitRecord(*found[:-1])
    lessons = [LessonRecord(*row) for row in rows(_lessons_statement())]
    lesson_answers: dict[str, dict[str, AnswerRecord]] = {lesson.id: {} for lesson in lessons}
    answers: dict[str, AnswerRecord] = {}
    for row in rows(_answers_statement()):
        answer = AnswerRecord(*row)
        if answer.lesson_id is None:
            answers[answer.item_key] = answer
        elif answer.lesson_id in lesson_answers:
            lesson_answers[answer.lesson_id][answer.item_key] = answer
    findings = dict(rows(_findings_statement()).all())
    return EditorState(
        visit=visit,
        answers=answers,
        participants=[ParticipantRecord(*row) for row in rows(_participants_statement())],
        lessons=lessons,
        lesson_answers=lesson_answers,
        factors=school_factors(session, visit.school_id, visit_year(visit, today), set(findings)),
        findings=findings,
        recommendations=visit_recommendations_in(session, visit_id, visit.school_id),
        attachments=[AttachmentRecord(*row) for row in rows(_attachments_statement())],
    )
