"""What a visit still lacks before it can be completed, and what changed since the previous one.

:func:`missing_items` is the one check every completion runs (the editor before it asks, the
service before it writes): the visit's own required fields
(:mod:`curator_desktop.domain.visits.completeness`) and the required answers of its checklist
and of each observed lesson.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from curator_desktop.domain.checklists import items as checklists
from curator_desktop.domain.checklists.answers import answer_text, localized, same_answer
from curator_desktop.domain.visits import completeness
from curator_desktop.domain.visits.records import AnswerChange, Comparison, MissingItem
from curator_desktop.i18n import _
from curator_desktop.services.visits.reading import school_factors, visit_year
from curator_desktop.store.tables import (
    Attachment,
    ChecklistAnswer,
    LessonObservation,
    Visit,
    VisitFinding,
    VisitParticipant,
)


def _answer_values(
    session: Session, visit_ids: list[str]
) -> dict[tuple[str, str | None], dict[str, Any]]:
    """(visit id, lesson id) → item key → stored value, for every live answer of the visits."""
    result: dict[tuple[str, str | None], dict[str, Any]] = {}
    rows = session.exec(
        select(
            ChecklistAnswer.visit_id,
            ChecklistAnswer.lesson_id,
            ChecklistAnswer.item_key,
            ChecklistAnswer.value,
        )
        .where(col(ChecklistAnswer.visit_id).in_(visit_ids))
        .where(col(ChecklistAnswer.deleted).is_(False))
        .order_by(col(ChecklistAnswer.created_at))
    )
    for visit_id, lesson_id, item_key, value in rows:
        result.setdefault((visit_id, lesson_id), {})[item_key] = value
    return result


def _sections_by_item(content: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {
        item["key"]: section
        for section in content.get("sections", [])
        for item in section.get("items", [])
    }


def _comments_and_files(
    session: Session, visit_id: str
) -> tuple[dict[str | None, dict[str, str]], dict[str | None, set[str]]]:
    """(lesson id → item key → comment, lesson id → keys of items with a live attachment)."""
    comments: dict[str | None, dict[str, str]] = {}
    attached: dict[str | None, set[str]] = {}
    answers = session.exec(
        select(
            ChecklistAnswer.id,
            ChecklistAnswer.lesson_id,
            ChecklistAnswer.item_key,
            ChecklistAnswer.comment,
        )
        .where(col(ChecklistAnswer.visit_id) == visit_id)
        .where(col(ChecklistAnswer.deleted).is_(False))
    ).all()
    owners = {answer_id: (lesson_id, key) for answer_id, lesson_id, key, _c in answers}
    for _id, lesson_id, key, comment in answers:
        comments.setdefault(lesson_id, {})[key] = comment
    with_files = session.exec(
        select(Attachment.owner_id)
        .where(col(Attachment.owner_type) == "answer")
        .where(col(Attachment.owner_id).in_(list(owners)))
        .where(col(Attachment.deleted).is_(False))
    ).all()
    for owner_id in with_files:
        lesson_id, key = owners[owner_id]
        attached.setdefault(lesson_id, set()).add(key)
    return comments, attached


def _missing_in(
    content: Mapping[str, Any] | None,
    values: Mapping[str, Any],
    comments: Mapping[str, str],
    attached: set[str],
    *,
    lesson_id: str | None = None,
    lesson_label: str = "",
) -> list[MissingItem]:
    if not content:
        return []
    unmet = checklists.unmet_requirements(content, values, comments, attached)
    sections = _sections_by_item(content)
    items = {item["key"]: item for item in checklists.iter_items(content)}
    return [
        MissingItem(
            item_key=key,
            item_text=localized(items[key].get("text")),
            section_key=sections[key].get("key", ""),
            section_title=localized(sections[key].get("title")),
            lesson_id=lesson_id,
            lesson_label=lesson_label,
            reason=reason,
        )
        for key, reason in unmet
    ]


def lesson_label(lesson: LessonObservation, number: int) -> str:
    """«Lesson: mathematics, 7 A — Ivanova M. V.», leaving out what is not filled in."""
    details = ", ".join(
        part.strip() for part in (lesson.subject, lesson.class_name) if part.strip()
    )
    teacher = lesson.teacher.strip()
    if teacher:
        details = f"{details} — {teacher}" if details else teacher
    if not details:
        return _("Lesson {number}").format(number=number)
    return _("Lesson: {details}").format(details=details)


def _visit_content(session: Session, visit: Visit, today: dt.date) -> completeness.VisitContent:
    names = session.exec(
        select(VisitParticipant.full_name)
        .where(col(VisitParticipant.visit_id) == visit.id)
        .where(col(VisitParticipant.deleted).is_(False))
    ).all()
    findings = session.exec(
        select(VisitFinding.text)
        .where(col(VisitFinding.visit_id) == visit.id)
        .where(col(VisitFinding.deleted).is_(False))
    ).all()
    factors = school_factors(session, visit.school_id, visit_year(visit, today), set())
    return completeness.VisitContent(
        visit_type=visit.visit_type,
        purpose=visit.purpose,
        participant_names=tuple(names),
        finding_texts=tuple(findings),
        has_risk_profile=bool(factors),
    )


def missing_fields(session: Session, visit: Visit, today: dt.date) -> list[MissingItem]:
    """The visit's own required fields still empty (purpose, participants, findings), as
    entries of the missing list (``reason`` "field", ``item_key`` the field)."""
    result = []
    for name in completeness.missing_fields(_visit_content(session, visit, today)):
        place, title = completeness.field_place(name)
        result.append(
            MissingItem(
                item_key=name,
                item_text=completeness.field_problem(name),
                section_key=place,
                section_title=title,
                reason="field",
            )
        )
    return result


def missing_items(session: Session, visit: Visit, today: dt.date) -> list[MissingItem]:
    """Everything a completion still needs, in the editor's order: the visit's details (purpose,
    participants), the checklist's required answers, comments and files, each lesson's, then
    the findings. ``today`` dates a visit that has no date yet (for its risk profile's year)."""
    fields = missing_fields(session, visit, today)
    details = [item for item in fields if item.section_key == completeness.DETAILS_PLACE]
    later = [item for item in fields if item.section_key != completeness.DETAILS_PLACE]
    return details + _missing_answers(session, visit) + later


def _missing_answers(session: Session, visit: Visit) -> list[MissingItem]:
    """Required answers, comments and files still missing: the visit checklist's, then each
    lesson's, in order."""
    lessons = session.exec(
        select(LessonObservation)
        .where(col(LessonObservation.visit_id) == visit.id)
        .where(col(LessonObservation.deleted).is_(False))
        .order_by(col(LessonObservation.sort_order), col(LessonObservation.created_at))
    ).all()
    values = _answer_values(session, [visit.id])
    comments, attached = _comments_and_files(session, visit.id)
    result = _missing_in(
        visit.template_snapshot,
        values.get((visit.id, None), {}),
        comments.get(None, {}),
        attached.get(None, set()),
    )
    for number, lesson in enumerate(lessons, 1):
        result += _missing_in(
            lesson.template_snapshot,
            values.get((visit.id, lesson.id), {}),
            comments.get(lesson.id, {}),
            attached.get(lesson.id, set()),
            lesson_id=lesson.id,
            lesson_label=lesson_label(lesson, number),
        )
    return result


def _visit_day(visit_date: dt.date | None, created_at: dt.datetime) -> tuple[dt.date, dt.datetime]:
    return (visit_date or created_at.date(), created_at)


def previous_visit(session: Session, visit: Visit) -> Visit | None:
    """The school's latest live visit dated before ``visit`` with the same checklist id."""
    template_id = (visit.template_snapshot or {}).get("id")
    if not template_id:
        return None
    day = func.coalesce(Visit.actual_date, Visit.planned_date)
    rows = session.exec(
        select(Visit.id, day, Visit.created_at)
        .where(col(Visit.school_id) == visit.school_id)
        .where(col(Visit.deleted).is_(False))
        .where(col(Visit.id) != visit.id)
        .where(func.json_extract(Visit.template_snapshot, "$.id") == template_id)
    ).all()
    this = _visit_day(visit.actual_date or visit.planned_date, visit.created_at)
    earlier = [(_visit_day(d, created), vid) for vid, d, created in rows]
    earlier = [entry for entry in earlier if entry[0] < this]
    if not earlier:
        return None
    return session.get(Visit, max(earlier)[1])


def compare(session: Session, visit: Visit) -> Comparison:
    """Items of both checklists whose answers differ between the previous visit and this one."""
    previous = previous_visit(session, visit)
    if previous is None:
        return Comparison(None, None, [])
    values = _answer_values(session, [visit.id, previous.id])
    now, before = values.get((visit.id, None), {}), values.get((previous.id, None), {})
    earlier_items = {
        item["key"]: item for item in checklists.iter_items(previous.template_snapshot or {})
    }
    changes = []
    for section in (visit.template_snapshot or {}).get("sections", []):
        for item in section.get("items", []):
            key = item["key"]
            if key not in earlier_items or same_answer(before.get(key), now.get(key)):
                continue
            changes.append(
                AnswerChange(
                    item_key=key,
                    item_text=localized(item.get("text")),
                    section_title=localized(section.get("title")),
                    previous=answer_text(earlier_items[key], before.get(key)),
                    current=answer_text(item, now.get(key)),
                )
            )
    return Comparison(previous.id, previous.actual_date or previous.planned_date, changes)
