"""The «Справка по итогам посещения» (visit report): one visit laid out on the common report form.

Sections, always in this order and always present (an empty one says so): general information,
participants, purpose and agenda, checklist results by section with scores, lessons observed,
findings per risk factor, the school's risk verification for the year, recommendations, photos,
then the signature lines of the curator and of the director who acknowledges the report.
:func:`collect` (in :mod:`.visit_report_data`) gathers the data; :func:`render` only lays it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from curator_desktop.i18n import _, pgettext
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    HEADER_FILL,
    MUTED,
    ZEBRA_FILL,
    build_pdf,
    para_markup,
    report_styles,
    signature_block,
)
from curator_desktop.services.reports.form.meta import ReportMeta, Written
from curator_desktop.services.reports.form.photo_grid import Photo, PhotoGrid
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.form.text_grid import Cell, Padding, Row, TextGrid
from curator_desktop.services.reports.pdf.images import print_copy
from curator_desktop.services.reports.visit.data import collect
from curator_desktop.services.reports.visit.types import (
    LessonData,
    PhotoData,
    RecommendationRow,
    VisitReportData,
)

__all__ = [
    "VisitReportData",
    "collect",
    "describe",
    "general_rows",
    "photo_size",
    "render",
    "section_titles",
]

PHOTO_GAP = 6 * mm
PHOTO_MAX_HEIGHT = 72 * mm
PHOTO_WIDTH = (CONTENT_WIDTH - PHOTO_GAP) / 2
"""Photos print two a row, each at most this wide and ``PHOTO_MAX_HEIGHT`` tall."""


def describe(data: VisitReportData) -> tuple[str, str]:
    """(title, subject) for the report's meta: «Справка по итогам посещения», «school, date»."""
    return _("Visit report"), f"{data.header.school_short_name}, {data.header.visit_date}"


def section_titles() -> list[str]:
    """The numbered section headings in the current language, in print order."""
    titles = [
        _("General information"),
        _("Participants"),
        _("Purpose and agenda"),
        _("Checklist results"),
        _("Lessons observed"),
        _("Findings by risk factor"),
        _("Risk profile verification"),
        _("Recommendations"),
        _("Photos"),
    ]
    return [f"{number}. {title}" for number, title in enumerate(titles, start=1)]


def _none(text: str) -> Flowable:
    return TextBlock(text, report_styles().muted)


def _key_values(rows: list[tuple[str, str]]) -> TextGrid:
    """Label → value rows, labels bold, a light rule under each row."""
    return TextGrid(
        [list(row) for row in rows],
        [48 * mm, CONTENT_WIDTH - 48 * mm],
        header_rows=0,
        column_styles={0: report_styles().table_header},
        padding=Padding(left=2, right=6, top=2.5, bottom=3),
        rules="below",
        rule_width=0.3,
        rule_color=HEADER_FILL,
    )


def general_rows(data: VisitReportData) -> list[tuple[str, str]]:
    """The «general information» section as (label, value) rows."""
    h = data.header
    school = "\n".join(part for part in (h.school_name, h.school_address) if part)
    curator = "\n".join(
        part for part in (h.curator_name, h.curator_position, h.curator_organisation) if part
    )
    rows = [
        (_("Region"), h.region or "—"),
        (_("Programme"), h.programme),
        (_("School"), school or "—"),
        (_("Municipality"), h.municipality or "—"),
        (_("Visit type"), h.visit_type),
        (_("Date of the visit"), h.visit_date),
        (_("Time"), h.times or "—"),
        (_("Curator"), curator or "—"),
        (_("Visit status"), h.status),
    ]
    if h.next_visit_date:
        rows.append((_("Next visit"), h.next_visit_date))
    return rows


def _general(data: VisitReportData) -> list[Flowable]:
    return [_key_values(general_rows(data))]


def _participants(data: VisitReportData) -> list[Flowable]:
    if not data.participants:
        return [_none(_("No participants recorded."))]
    rows: list[list[Any]] = [
        [_("No."), pgettext("person", "Full name"), _("Position"), _("Role in the visit")]
    ]
    rows += [[str(i), p.full_name, p.position, p.role] for i, p in enumerate(data.participants, 1)]
    return [TextGrid(rows, [9 * mm, 55 * mm, 64 * mm, CONTENT_WIDTH - 128 * mm], zebra=True)]


def _purpose(data: VisitReportData) -> list[Flowable]:
    styles = report_styles()
    story: list[Flowable] = []
    for label, text in ((_("Purpose"), data.purpose), (_("Agenda"), data.agenda)):
        story.append(TextBlock(label, styles.subheading))
        story.append(TextBlock(text, styles.body) if text.strip() else _none(_("Not stated.")))
    if data.notes.strip():
        story += [TextBlock(_("Notes"), styles.subheading), TextBlock(data.notes, styles.body)]
    return story


ITEM_WIDTHS = [11 * mm, 76 * mm, 39 * mm, CONTENT_WIDTH - 126 * mm]


def _item_header() -> list[str]:
    return [_("No."), _("Question"), _("Answer"), _("Comment")]


def _score_row(title: str, score: str, fill: Any, *, keep_with_next: bool = False) -> Row:
    """A bold row across the table: a title, and a score on the right."""
    return Row(
        [Cell(((title, None),), span=2), Cell(((score, None),), span=2, align="RIGHT")],
        style=report_styles().table_header,
        fill=fill,
        keep_with_next=keep_with_next,
    )


def _checklist(data: VisitReportData) -> list[Flowable]:
    styles = report_styles()
    checklist = data.checklist
    if checklist is None or not checklist.sections:
        return [_none(_("The visit has no checklist."))]
    rows: list[Any] = [_item_header()]
    for section in checklist.sections:
        title = f"{section.number}. {section.title}"
        # the title stays with an item
        rows.append(_score_row(title, section.score, ZEBRA_FILL, keep_with_next=True))
        rows += [[i.number, i.question, i.answer, i.comment] for i in section.items]
    rows.append(_score_row(_("Total score"), checklist.total_score, HEADER_FILL))
    return [TextBlock(checklist.title, styles.subheading), TextGrid(rows, ITEM_WIDTHS)]


def _lesson(lesson: LessonData) -> list[Flowable]:
    styles = report_styles()
    title = _("Lesson {number}: {subject}, class {class_name}").format(
        number=lesson.number, subject=lesson.subject or "—", class_name=lesson.class_name or "—"
    )
    fields = [
        (_("Teacher"), lesson.teacher),
        (_("Topic"), lesson.topic),
        (_("Lesson purpose"), lesson.purpose),
        (_("Lesson type"), lesson.lesson_type),
        (_("Notes"), lesson.notes),
    ]
    summary = "; ".join(f"<b>{escape(k)}:</b> {escape(v)}" for k, v in fields if v.strip())
    story: list[Flowable] = [TextBlock(title, styles.subheading)]
    if summary:
        story.append(para_markup(summary, styles.small))
        story.append(Spacer(1, 3))
    if lesson.items:
        rows: list[list[Any]] = [_item_header()]
        rows += [[i.number, i.question, i.answer, i.comment] for i in lesson.items]
        story.append(TextGrid(rows, ITEM_WIDTHS, zebra=True, cell_style=styles.table_cell_small))
    score = _("Lesson score: {score}").format(score=lesson.score)
    story.append(TextBlock(score, styles.small.clone("lesson_score", spaceBefore=3)))
    return story


def _lessons(data: VisitReportData) -> list[Flowable]:
    if not data.lessons:
        return [_none(_("No lessons were observed."))]
    return [flowable for lesson in data.lessons for flowable in _lesson(lesson)]


def _findings(data: VisitReportData) -> list[Flowable]:
    if not data.findings:
        return [_none(_("No findings recorded."))]
    rows: list[list[Any]] = [[_("Risk factor"), _("Level"), _("Finding")]]
    rows += [[f.factor, f.level, f.text] for f in data.findings]
    return [TextGrid(rows, [58 * mm, 24 * mm, CONTENT_WIDTH - 82 * mm])]


def _risks(data: VisitReportData) -> list[Flowable]:
    styles = report_styles()
    intro = TextBlock(_("Cycle year {year}").format(year=data.risk_year), styles.small)
    if not data.risk_rows:
        return [intro, _none(_("The school has no risk profile for this year."))]
    header = [
        _("Risk factor"),
        _("Questionnaire level"),
        _("Verdict"),
        _("Adjusted level"),
        _("Direction activated"),
    ]
    rows: list[list[Any]] = [header]
    rows += [
        [r.factor, r.questionnaire_level, r.verdict, r.adjusted_level, r.activated]
        for r in data.risk_rows
    ]
    widths = [64 * mm, 26 * mm, 25 * mm, 31 * mm, CONTENT_WIDTH - 146 * mm]
    return [intro, Spacer(1, 3), TextGrid(rows, widths, zebra=True)]


def _recommendation_table(rows_data: tuple[RecommendationRow, ...]) -> TextGrid:
    styles = report_styles()
    factor = styles.table_cell_small.clone("factor", textColor=MUTED)
    rows: list[list[Any]] = [
        [_("No."), _("Recommendation"), _("Responsible"), _("Deadline"), _("Status")]
    ]
    for r in rows_data:
        text = Cell(((r.text, None), (r.factor, factor)) if r.factor else ((r.text, None),))
        rows.append([str(r.number), text, r.responsible, r.deadline, r.status])
    widths = [9 * mm, 74 * mm, 33 * mm, 27 * mm, CONTENT_WIDTH - 143 * mm]
    return TextGrid(rows, widths, zebra=True)


def _recommendations(data: VisitReportData) -> list[Flowable]:
    styles = report_styles()
    story: list[Flowable] = []
    if data.recommendations:
        story.append(_recommendation_table(data.recommendations))
    else:
        story.append(_none(_("No recommendations were given in this visit.")))
    if data.earlier_recommendations:
        story.append(TextBlock(_("Open recommendations from earlier visits"), styles.subheading))
        story.append(_recommendation_table(data.earlier_recommendations))
    return story


def _photo_cell(photo: PhotoData, image_cache: Path, width: float) -> list[Flowable]:
    styles = report_styles()
    caption = styles.small.clone("caption", alignment=1, spaceBefore=2)
    copy = print_copy(Path(photo.source), image_cache, sha256=photo.sha256)
    if copy is None:
        return [
            TextBlock(_("(the photo file cannot be read)"), styles.muted),
            TextBlock(photo.caption, caption),
        ]
    w, h = photo_size(copy.aspect, width)
    return [Photo(copy, w, h), TextBlock(photo.caption, caption)]


def photo_size(aspect: float, width: float = PHOTO_WIDTH) -> tuple[float, float]:
    """The printed size (points) of a photo of ``aspect`` (height / width) in a column."""
    w, h = width, width * aspect
    if h > PHOTO_MAX_HEIGHT:
        w, h = PHOTO_MAX_HEIGHT / aspect, PHOTO_MAX_HEIGHT
    return w, h


def _photos(data: VisitReportData, image_cache: Path) -> list[Flowable]:
    if not data.photos:
        return [_none(_("No photos attached."))]
    cells = [_photo_cell(photo, image_cache, PHOTO_WIDTH) for photo in data.photos]
    return [PhotoGrid(cells, [PHOTO_WIDTH + PHOTO_GAP / 2] * 2)]


def _signatures(data: VisitReportData) -> Flowable:
    h = data.header
    curator = "\n".join(part for part in (_("Curator"), h.curator_position) if part)
    director = _("I have read the report:") + "\n" + _("director of the school")
    return KeepTogether(
        [Spacer(1, 10 * mm), signature_block([(curator, h.curator_name), (director, "")])]
    )


def render(data: VisitReportData, target: Path, meta: ReportMeta, *, image_cache: Path) -> Written:
    """Write the справка as a PDF to ``target``; return its pages and SHA-256."""
    styles = report_styles()
    title, _subject = describe(data)
    story: list[Flowable] = [
        TextBlock(title, styles.title),
        TextBlock(f"{data.header.school_name}\n{data.header.visit_date}", styles.subtitle),
    ]
    parts = [
        _general(data),
        _participants(data),
        _purpose(data),
        _checklist(data),
        _lessons(data),
        _findings(data),
        _risks(data),
        _recommendations(data),
        _photos(data, image_cache),
    ]
    for heading, part in zip(section_titles(), parts, strict=True):
        story.append(TextBlock(heading, styles.heading))
        story.extend(part)
    story.append(_signatures(data))
    return build_pdf(target, meta, story)
