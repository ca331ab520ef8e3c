"""The справка's checklist and lesson cards: items numbered in print order, answers as text, and
points only where the template defines a scored scale (:mod:`~curator_desktop.domain.checklists.
scoring_rules`; the curator's own actions never scored). A draft's points are said to be «by the
items filled in»: the rest may still change them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.checklists.answers import answer_text, localized
from curator_desktop.domain.checklists.items import visible_items
from curator_desktop.domain.checklists.numbering import LESSON_HEAD_SECTION, numbered_sections
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

Sections = list[tuple[str, str, str, list[ItemRow]]]
"""(section key, number, title, rows) of the sections with shown items, in print order."""


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
    content: Mapping[str, Any],
    answers: Mapping[str, AnswerRecord],
    *,
    skip: frozenset[str] = frozenset(),
) -> tuple[Sections, dict[str, str]]:
    """The sections with shown items, numbered «2.3» as the form numbers them
    (:func:`~curator_desktop.domain.checklists.numbering.numbered_sections`; sections without
    shown items and those keyed in ``skip`` are left out), and item key → number."""
    values = {key: answer.value for key, answer in answers.items()}
    sections: Sections = []
    numbers: dict[str, str] = {}
    for numbered in numbered_sections(content, values):
        if numbered.key in skip:
            continue
        rows: list[ItemRow] = []
        for number, item in numbered.items:
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
        title = localized(numbered.section.get("title"))
        sections.append((numbered.key, numbered.number, title, rows))
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
            SectionData(number, title, tuple(rows), section_score(key))
            for key, number, title, rows in sections
        ),
        total_score=score_text(scores.total if scores else None, draft=draft),
    )
    return data, numbers


def head_rows(
    content: Mapping[str, Any], answers: Mapping[str, AnswerRecord]
) -> tuple[tuple[str, str], ...]:
    """(question, answer) of the shown items of the sheet's :data:`LESSON_HEAD_SECTION`, the
    comment after the answer; none for a sheet without that section (before version 3)."""
    values = {key: answer.value for key, answer in answers.items()}
    shown = {item["key"] for item in visible_items(content, values)}
    rows = []
    for section in content.get("sections", []):
        if section.get("key") != LESSON_HEAD_SECTION:
            continue
        for item in section.get("items", []):
            if item["key"] not in shown:
                continue
            answer = answers.get(item["key"])
            text = answer_text(item, answer.value if answer else None)
            comment = answer.comment.strip() if answer else ""
            rows.append((localized(item.get("text")), f"{text} — {comment}" if comment else text))
    return tuple(rows)


def lessons(state: EditorState, *, draft: bool) -> tuple[LessonData, ...]:
    """The observed lessons as cards: what the record holds, the lines of the sheet's head
    section, the sheet's other items and its score."""
    cards = []
    for index, lesson in enumerate(state.lessons, start=1):
        answers = state.lesson_answers.get(lesson.id, {})
        sections: Sections = []
        head: tuple[tuple[str, str], ...] = ()
        score = ""
        if lesson.template:
            skip = frozenset({LESSON_HEAD_SECTION})
            sections, _numbers = checklist_rows(lesson.template, answers, skip=skip)
            head = head_rows(lesson.template, answers)
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
                head=head,
                sheet=localized(lesson.template.get("title")) if lesson.template else "",
                sections=tuple(
                    SectionData(number, title, tuple(rows), "")
                    for _key, number, title, rows in sections
                ),
                score=score,
            )
        )
    return tuple(cards)
