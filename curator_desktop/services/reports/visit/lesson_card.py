"""One observed lesson of the справка as a card («карта наблюдения урока»): what the lesson record
holds (teacher, subject, class, topic, lesson type, the lesson's purpose, notes), the observation
sheet's items with their answers, the sheet's score where it defines a scale, and the line on
which the teacher acknowledges the observation's results."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from curator_desktop.i18n import _
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    HEADER_FILL,
    ZEBRA_FILL,
    report_styles,
    signature_block,
    signed_end,
)
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.form.text_grid import Cell, Padding, Row, TextGrid
from curator_desktop.services.reports.visit.types import ItemRow, LessonData

LABEL_WIDTH = 38 * mm
ITEM_WIDTHS = [11 * mm, 76 * mm, 39 * mm, CONTENT_WIDTH - 126 * mm]
"""The columns of an item table: number, question, answer, comment."""


def item_header() -> list[str]:
    return [_("No."), _("Question"), _("Answer"), _("Comment")]


def item_rows(items: tuple[ItemRow, ...]) -> list[list[Any]]:
    return [[i.number, i.question, i.answer, i.comment] for i in items]


def lesson_title(lesson: LessonData) -> str:
    return _("Lesson {number}: {subject}, class {class_name}").format(
        number=lesson.number, subject=lesson.subject or "—", class_name=lesson.class_name or "—"
    )


def lesson_fields(lesson: LessonData) -> list[tuple[str, str]]:
    """The card's (label, value) rows: what the lesson record holds, «—» where it is empty."""
    rows = [
        (_("Teacher"), lesson.teacher),
        (_("Subject"), lesson.subject),
        (_("Class"), lesson.class_name),
        (_("Topic"), lesson.topic),
        (_("Lesson type"), lesson.lesson_type),
        (_("Lesson purpose"), lesson.purpose),
    ]
    rows += lesson.head
    filled = [(label, value.strip() or "—") for label, value in rows]
    if lesson.notes.strip():
        filled.append((_("Notes"), lesson.notes))
    return filled


def _fields_table(lesson: LessonData) -> TextGrid:
    styles = report_styles()
    return TextGrid(
        [list(row) for row in lesson_fields(lesson)],
        [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
        header_rows=0,
        cell_style=styles.table_cell_small,
        column_styles={0: styles.table_header.clone("lesson_label", fontSize=7.5, leading=9.2)},
        padding=Padding(left=2, right=6, top=1.5, bottom=2),
        rules="below",
        rule_width=0.3,
        rule_color=HEADER_FILL,
    )


def section_row(number: str, title: str) -> Row:
    """A section's title across an item table, kept with the section's first item."""
    styles = report_styles()
    return Row(
        [Cell(((f"{number}. {title}", None),), span=4)],
        style=styles.table_header.clone("lesson_section", fontSize=7.5, leading=9.2),
        fill=ZEBRA_FILL,
        keep_with_next=True,
    )


def _items_table(lesson: LessonData) -> TextGrid:
    rows: list[Any] = [item_header()]
    for section in lesson.sections:
        rows.append(section_row(section.number, section.title))
        rows += item_rows(section.items)
    return TextGrid(rows, ITEM_WIDTHS, cell_style=report_styles().table_cell_small)


def lesson_card(lesson: LessonData) -> list[Flowable]:
    """The card's flowables: title, fields, items, score, and the teacher's acknowledgement
    («С результатами наблюдения ознакомлен(а)»: name, signature, date), which never starts a
    page alone."""
    styles = report_styles()
    fields = _fields_table(lesson)
    story: list[Flowable] = [TextBlock(lesson_title(lesson), styles.subheading), fields]
    if lesson.sections:
        fields.keepWithNext = True  # the card's head stays with the start of its items
        if lesson.sheet:
            sheet = styles.muted.clone("sheet", spaceBefore=3, spaceAfter=2, keepWithNext=1)
            story.append(TextBlock(lesson.sheet, sheet))
        story.append(_items_table(lesson))
    if lesson.score:
        score = _("Lesson score: {score}").format(score=lesson.score)
        story.append(TextBlock(score, styles.small.clone("lesson_score", spaceBefore=3)))
    teacher = _("I have read the observation results:") + "\n" + _("teacher")
    signature = signature_block([(teacher, lesson.teacher)])
    *head, last = story
    return [*head, signed_end([last], [signature], whole=False)]
