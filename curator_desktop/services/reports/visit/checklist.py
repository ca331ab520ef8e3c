"""The справка's checklist and lesson cards: items numbered in print order, answers as text, and
points only where the template defines a scored scale (:mod:`~curator_desktop.domain.checklists.
scoring_rules`; the curator's own actions never scored). A draft's points are said to be «by the
items filled in»: the rest may still change them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.checklists.answers import answer_text, localized
from curator_desktop.domain.checklists.items import visible_items
from curator_desktop.domain.checklists.scoring import Score
from curator_desktop.domain.checklists.scoring_rules import template_score
from curator_desktop.domain.visits.records import AnswerRecord, EditorState
from curator_desktop.i18n import _, format_number
from curator_desktop.services.reports.visit.types import (
    ChecklistData,
    ItemRow,
    LessonData,
    SectionData,
)

Sections = list[tuple[str, str, list[ItemRow]]]
"""(section key, title, rows) of the sections with shown items, in print order."""


def score_text(score: Score | None, *, draft: bool = False) -> str:
    """«12 of 15 (80%)» («…, by the items filled in» for a draft); empty when the template has
    no scale, «not scored» when nothing on it was answered."""
    if score is None:
        return ""
    if score.percent is None:
        return _("not scored")
    text = _("{points} of {maximum} ({percent}%)").format(
        points=format_number(round(score.points, 1)),
        maximum=format_number(round(score.maximum, 1)),
        percent=format_number(round(score.percent)),
    )
    return _("{score}, by the items filled in").format(score=text) if draft else text


def checklist_rows(
    content: Mapping[str, Any], answers: Mapping[str, AnswerRecord]
) -> tuple[Sections, dict[str, str]]:
    """The sections with shown items, numbered «2.3» in print order (sections without shown
    items are skipped), and item key → number."""
    values = {key: answer.value for key, answer in answers.items()}
    shown = {item["key"] for item in visible_items(content, values)}
    sections: Sections = []
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
    return sections, numbers


def checklist(state: EditorState, *, draft: bool) -> tuple[ChecklistData | None, dict[str, str]]:
    """The visit's checklist (None without one) and item key → printed number."""
    content = state.visit.template
    if not content:
        return None, {}
    sections, numbers = checklist_rows(content, state.answers)
    values = {key: answer.value for key, answer in state.answers.items()}
    scores = template_score(content, values)

    def section_score(key: str) -> str:
        return score_text(scores.sections.get(key, Score()), draft=draft) if scores else ""

    data = ChecklistData(
        title=localized(content.get("title")),
        sections=tuple(
            SectionData(str(index), title, tuple(rows), section_score(key))
            for index, (key, title, rows) in enumerate(sections, start=1)
        ),
        total_score=score_text(scores.total if scores else None, draft=draft),
    )
    return data, numbers


def lessons(state: EditorState, *, draft: bool) -> tuple[LessonData, ...]:
    """The observed lessons as cards: what the record holds, the sheet's items and score."""
    cards = []
    for index, lesson in enumerate(state.lessons, start=1):
        answers = state.lesson_answers.get(lesson.id, {})
        sections: Sections = []
        score = ""
        if lesson.template:
            sections, _numbers = checklist_rows(lesson.template, answers)
            values = {key: answer.value for key, answer in answers.items()}
            scores = template_score(lesson.template, values)
            score = score_text(scores.total if scores else None, draft=draft)
        cards.append(
            LessonData(
                number=index,
                teacher=lesson.teacher,
                subject=lesson.subject,
                class_name=lesson.class_name,
                topic=lesson.topic,
                purpose=lesson.purpose,
                lesson_type=lesson.lesson_type,
                notes=lesson.notes,
                sheet=localized(lesson.template.get("title")) if lesson.template else "",
                sections=tuple(
                    SectionData(str(n), title, tuple(rows), "")
                    for n, (_key, title, rows) in enumerate(sections, start=1)
                ),
                score=score,
            )
        )
    return tuple(cards)
