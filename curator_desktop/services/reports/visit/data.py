"""What the visit справка shows, collected from the store into plain display-ready values.

Built in the current language (labels, dates, numbers, answer texts are final strings), so the
data hash covers exactly what is printed. :func:`collect` reads, in one read transaction,
the visit as the editor does (:func:`~curator_desktop.services.visits.reading.read_state`), the
school, the curator's profile and the school's risk profile for the visit's cycle year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.answers import answer_text, localized, yes_no_partly_label
from curator_desktop.domain.checklists.items import visible_items
from curator_desktop.domain.checklists.scoring import Score, score_checklist
from curator_desktop.domain.enums import (
    Programme,
    RecommendationStatus,
    RiskLevel,
    Verdict,
    VisitStatus,
    VisitType,
)
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.domain.visits.records import (
    AnswerRecord,
    AttachmentRecord,
    EditorState,
    RecommendationRecord,
)
from curator_desktop.i18n import _, current_language, format_date, format_number
from curator_desktop.services.catalogs.builtin import active_factors_in
from curator_desktop.services.reports.visit.types import (
    ChecklistData,
    FindingRow,
    HeaderData,
    ItemRow,
    LessonData,
    ParticipantRow,
    PhotoData,
    RecommendationRow,
    RiskRow,
    SectionData,
    VisitReportData,
)
from curator_desktop.services.risk.profiles import live_assessments
from curator_desktop.services.visits.files import stored_path
from curator_desktop.services.visits.reading import read_state
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import author_in, profile_in
from curator_desktop.store.tables import School, Visit

IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "image/webp"}
)
"""Attachments printed as photos (scans in PDF and other files are not)."""


def score_text(score: Score) -> str:
    """«12 of 15 (80%)»; «not scored» when nothing was scored."""
    if score.percent is None:
        return _("not scored")
    return _("{points} of {maximum} ({percent}%)").format(
        points=format_number(round(score.points, 1)),
        maximum=format_number(round(score.maximum, 1)),
        percent=format_number(round(score.percent)),
    )


def _times(start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M}" if start else ""


def _checklist_rows(
    content: Mapping[str, Any], answers: Mapping[str, AnswerRecord]
) -> tuple[list[tuple[str, str, list[ItemRow]]], dict[str, str], Score, dict[str, Score]]:
    """(section key, title, rows) of the sections with shown items, numbered «2.3» in print
    order (sections without shown items are skipped), item key → number, and the scores."""
    values = {key: answer.value for key, answer in answers.items()}
    shown = {item["key"] for item in visible_items(content, values)}
    scores = score_checklist(content, values)
    sections: list[tuple[str, str, list[ItemRow]]] = []
    numbers: dict[str, str] = {}
    for section in content.get("sections", []):
        items = [item for item in section.get("items", []) if item["key"] in shown]
        if not items:
            continue
        rows: list[ItemRow] = []
        for index, item in enumerate(items, start=1):
            number = f"{len(sections) + 1}.{index}"
            numbers[item["key"]] = number
            answer = answers.get(item["key"])
            rows.append(
                ItemRow(
                    number=number,
                    question=localized(item.get("text")),
                    answer=answer_text(item, answer.value if answer else None),
                    comment=answer.comment if answer else "",
                )
            )
        sections.append((section["key"], localized(section.get("title")), rows))
    return sections, numbers, scores.total, dict(scores.sections)


def _checklist(state: EditorState) -> tuple[ChecklistData | None, dict[str, str]]:
    content = state.visit.template
    if not content:
        return None, {}
    sections, numbers, total, by_section = _checklist_rows(content, state.answers)
    data = ChecklistData(
        title=localized(content.get("title")),
        sections=tuple(
            SectionData(
                number=str(index),
                title=title,
                items=tuple(rows),
                score=score_text(by_section.get(key, Score())),
            )
            for index, (key, title, rows) in enumerate(sections, start=1)
        ),
        total_score=score_text(total),
    )
    return data, numbers


def _lessons(state: EditorState) -> list[LessonData]:
    lessons = []
    for index, lesson in enumerate(state.lessons, start=1):
        answers = state.lesson_answers.get(lesson.id, {})
        rows: list[ItemRow] = []
        score = _("not scored")
        if lesson.template:
            sections, _numbers, total, _by = _checklist_rows(lesson.template, answers)
            rows = [row for _key, _title, items in sections for row in items]
            score = score_text(total)
        lessons.append(
            LessonData(
                number=index,
                teacher=lesson.teacher,
                subject=lesson.subject,
                class_name=lesson.class_name,
                topic=lesson.topic,
                purpose=lesson.purpose,
                lesson_type=lesson.lesson_type,
                notes=lesson.notes,
                items=tuple(rows),
                score=score,
            )
        )
    return lessons


@cache
def _school_statement() -> Any:
    """The school's fields the header prints (deleted or not: the visit still names it)."""
    return select(
        School.region,
        School.programme,
        School.full_name,
        School.short_name,
        School.address,
        School.municipality,
    ).where(col(School.id) == bindparam("school_id"))


def _risk_rows(session: Session, school_id: str, year: int) -> list[RiskRow]:
    """The school's verified factors of ``year``, in the order of the catalog in force then:
    the rows of its risk profile that have a verification (the newest one of a factor)."""
    assessments = live_assessments(session, school_id, year)
    language = current_language()
    rows = []
    for factor in active_factors_in(session, year) if assessments else ():
        found = assessments.get(factor.code)
        if found is None:
            continue
        name = factor.name_ru if language == "ru" else (factor.name_en or factor.name_ru)
        verdict = found.verdict
        adjusted = found.adjusted_level if verdict == Verdict.ADJUSTED else None
        rows.append(
            RiskRow(
                factor=f"{factor.code} {name}",
                questionnaire_level=RiskLevel.label_for(found.questionnaire_level),
                verdict=Verdict.label_for(verdict) if verdict else _("not verified"),
                adjusted_level=RiskLevel.label_for(adjusted) if adjusted else "—",
                activated=yes_no_partly_label("yes" if found.activated else "no"),
            )
        )
    return rows


def _recommendation_rows(
    records: list[RecommendationRecord], factor_names: Mapping[str, str], today: dt.date
) -> tuple[RecommendationRow, ...]:
    rows = []
    for number, record in enumerate(records, start=1):
        status = RecommendationStatus.label_for(record.status)
        if record.overdue(today):
            status = _("{status}, overdue").format(status=status)
        if record.closed_on:
            status = _("{status} on {date}").format(
                status=status, date=format_date(record.closed_on)
            )
        code = record.factor_code or ""
        rows.append(
            RecommendationRow(
                number=number,
                text=record.text,
                factor=f"{code} {factor_names.get(code, '')}".strip(),
                responsible=record.responsible,
                deadline=format_date(record.deadline) if record.deadline else "—",
                status=status,
            )
        )
    return tuple(rows)


def _photos(
    state: EditorState, attachments_dir: Path, numbers: Mapping[str, str]
) -> tuple[PhotoData, ...]:
    answer_items = {a.id: a.item_key for a in state.answers.values()}
    lesson_numbers = {lesson.id: i for i, lesson in enumerate(state.lessons, start=1)}
    for lesson_id, answers in state.lesson_answers.items():
        answer_items.update({a.id: f"lesson:{lesson_id}" for a in answers.values()})
    photos = []
    for attachment in state.attachments:
        if attachment.mime_type not in IMAGE_TYPES:
            continue
        caption = attachment.caption or attachment.file_name
        context = _photo_context(attachment, answer_items, numbers, lesson_numbers)
        if context:
            caption = f"{caption} ({context})"
        source = stored_path(attachments_dir, attachment.sha256)
        photos.append(PhotoData(attachment.sha256, caption, str(source)))
    return tuple(photos)


def _photo_context(
    attachment: AttachmentRecord,
    answer_items: Mapping[str, str],
    numbers: Mapping[str, str],
    lesson_numbers: Mapping[str, int],
) -> str:
    owner = attachment.owner_id
    if attachment.owner_type == "answer" and owner in answer_items:
        key = answer_items[owner]
        if key.startswith("lesson:"):
            owner = key.removeprefix("lesson:")
        elif key in numbers:
            return _("checklist item {number}").format(number=numbers[key])
        else:
            return ""
    if owner in lesson_numbers:
        return _("lesson {number}").format(number=lesson_numbers[owner])
    return ""


def collect(db: Database, visit_id: str, *, attachments_dir: Path) -> VisitReportData:
    """The справка's data for one visit, in the current language."""
    today = VisitService(db, attachments_dir=attachments_dir).today()
    with db.session() as session:  # one read transaction: one consistent snapshot
        state = read_state(session, visit_id, today)
        visit = state.visit
        year = (visit.date or today).year
        school = session.exec(_school_statement(), params={"school_id": visit.school_id}).first()
        if school is None:
            raise NotFoundError(_("The school was not found; it may have been deleted."))
        risk_rows = _risk_rows(session, visit.school_id, year)
        author_id = session.exec(select(Visit.author_id).where(col(Visit.id) == visit_id)).first()
        profile = author_in(session, author_id) or profile_in(session)
    checklist, numbers = _checklist(state)
    factor_names = {f.code: f.name for f in state.factors}
    levels = {f.code: f.level for f in state.factors}
    own = [r for r in state.recommendations if r.visit_id == visit_id]
    earlier = [r for r in state.recommendations if r.visit_id != visit_id]
    header = HeaderData(
        region=school.region or (profile.region if profile else ""),
        programme=Programme.label_for(school.programme),
        school_name=school.full_name or school.short_name,
        school_short_name=school.short_name or school.full_name,
        school_address=school.address,
        municipality=school.municipality,
        visit_type=VisitType.label_for(visit.visit_type),
        visit_date=format_date(visit.date),
        times=_times(visit.start_time, visit.end_time),
        status=VisitStatus.label_for(visit.status),
        curator_name=profile.full_name if profile else "",
        curator_position=profile.position if profile else "",
        curator_organisation=profile.organisation if profile else "",
        next_visit_date=format_date(visit.next_visit_date) if visit.next_visit_date else "",
    )
    return VisitReportData(
        visit_id=visit.id,
        school_id=visit.school_id,
        language=current_language(),
        completed=visit.read_only,
        header=header,
        participants=tuple(
            ParticipantRow(p.full_name, p.position, p.role) for p in state.participants
        ),
        purpose=visit.purpose,
        agenda=visit.agenda,
        notes=visit.notes,
        checklist=checklist,
        lessons=tuple(_lessons(state)),
        findings=tuple(
            FindingRow(
                factor=f"{code} {factor_names.get(code, '')}".strip(),
                level=RiskLevel.label_for(levels.get(code)) or "—",
                text=text,
            )
            for code, text in sorted(state.findings.items(), key=lambda kv: _order(kv[0], state))
            if text.strip()
        ),
        risk_year=year,
        risk_rows=tuple(risk_rows),
        recommendations=_recommendation_rows(own, factor_names, today),
        earlier_recommendations=_recommendation_rows(earlier, factor_names, today),
        photos=_photos(state, attachments_dir, numbers),
    )


def _order(code: str, state: EditorState) -> tuple[int, str]:
    codes = [f.code for f in state.factors]
    return (codes.index(code), code) if code in codes else (len(codes), code)
