"""The «Справка по итогам посещения» (visit report): one visit laid out on the common report form.

Sections, always in this order and present (an empty one says so): general information,
participants, purpose and agenda (an optional field left empty — time, agenda, notes — is left
out rather than printed as «not stated»), checklist results by section (with points only where the
template defines a scale), lessons observed (a card each, :mod:`.lesson_card`), findings per
risk factor, the school's risk verification for the visit's cycle year (left out, and the
sections after it renumbered, for a school of «Школа Минпросвещения России» in that year: it has
no risk profile), recommendations (the visit's, and the earlier ones as of the visit's day),
photos, then the signatures: «Справку составил(а)» (the visit's author: name, position,
organisation) and «Со справкой ознакомлен(а)» (the director). :func:`collect` (in
:mod:`.data`) gathers the data; :func:`render` lays it out.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from curator_desktop.i18n import _, pgettext
from curator_desktop.services.reports.form.layout import (
    CONTENT_WIDTH,
    HEADER_FILL,
    MUTED,
    ZEBRA_FILL,
    build_pdf,
    report_styles,
    signature_block,
    signed_end,
)
from curator_desktop.services.reports.form.meta import ReportMeta, Written
from curator_desktop.services.reports.form.photo_grid import Photo, PhotoGrid
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.form.text_grid import Cell, Padding, Row, TextGrid
from curator_desktop.services.reports.pdf.images import print_copy
from curator_desktop.services.reports.visit.data import collect
from curator_desktop.services.reports.visit.documents import discussed_part
from curator_desktop.services.reports.visit.lesson_card import (
    ITEM_WIDTHS,
    item_header,
    item_rows,
    lesson_card,
    lesson_title,
)
from curator_desktop.services.reports.visit.types import (
    PhotoData,
    RecommendationRow,
    VisitReportData,
)

__all__ = [
    "VisitReportData",
    "author_of",
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


def _titles(data: VisitReportData | None) -> list[str]:
    """The section headings, unnumbered: no risk verification — and no findings by risk factor
    unless some were written — for a school without a risk profile in the visit's year (a
    school of «Школа Минпросвещения России»)."""
    risk = [_("Risk profile verification")] if data is None or data.risk_profile else []
    findings = [_("Findings by risk factor")] if data is None or _has_findings(data) else []
    return [
        _("General information"),
        _("Participants"),
        _("Purpose and agenda"),
        _("Checklist results"),
        _("Lessons observed"),
        *findings,
        *risk,
        _("Recommendations"),
        _("Photos"),
    ]


def _has_findings(data: VisitReportData) -> bool:
    """Findings by risk factor are printed for a school with a risk profile, or when written."""
    return data.risk_profile or bool(data.findings)


def section_titles(data: VisitReportData | None = None) -> list[str]:
    """The numbered section headings in the current language, in print order (of ``data``'s
    справка; all of them without it)."""
    return [f"{number}. {title}" for number, title in enumerate(_titles(data), start=1)]


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
        (_("Director"), h.director_name or "—"),
        (_("Visit type"), h.visit_type),
        (_("Date of the visit"), h.visit_date),
        *([(_("Time"), h.times)] if h.times else []),  # optional: left out when not given
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
    """The purpose (required: a draft without one says so), then the agenda and the notes,
    each only when written."""
    styles = report_styles()
    story: list[Flowable] = [TextBlock(_("Purpose"), styles.subheading)]
    if data.purpose.strip():
        story.append(TextBlock(data.purpose, styles.body))
    else:
        story.append(_none(_("Not stated.")))
    for label, text in ((_("Agenda"), data.agenda), (_("Notes"), data.notes)):
        if text.strip():
            story += [TextBlock(label, styles.subheading), TextBlock(text, styles.body)]
    return story


def _score_row(title: str, score: str, fill: Any, *, keep_with_next: bool = False) -> Row:
    """A bold row across the table: a title, and a score on the right (if any)."""
    cells = [Cell(((title, None),), span=2), Cell(((score, None),), span=2, align="RIGHT")]
    if not score:
        cells = [Cell(((title, None),), span=4)]
    return Row(
        cells,
        style=report_styles().table_header,
        fill=fill,
        keep_with_next=keep_with_next,
    )


def _checklist(data: VisitReportData) -> list[Flowable]:
    styles = report_styles()
    checklist = data.checklist
    if checklist is None or not checklist.sections:
        return [_none(_("The visit has no checklist."))]
    rows: list[Any] = [item_header()]
    for section in checklist.sections:
        title = f"{section.number}. {section.title}"
        # the title stays with an item
        rows.append(_score_row(title, section.score, ZEBRA_FILL, keep_with_next=True))
        rows += item_rows(section.items)
    if checklist.total_score:
        rows.append(_score_row(_("Total score"), checklist.total_score, HEADER_FILL))
    return [TextBlock(checklist.title, styles.subheading), TextGrid(rows, ITEM_WIDTHS)]


def _lessons(data: VisitReportData) -> list[Flowable]:
    if not data.lessons:
        return [_none(_("No lessons were observed."))]
    if data.lesson_annex:
        return _annexed_lessons(data)
    return [flowable for lesson in data.lessons for flowable in lesson_card(lesson)]


def _annexed_lessons(data: VisitReportData) -> list[Flowable]:
    """The lessons as a list pointing to their annexes (the cards follow the signatures)."""
    styles = report_styles()
    rows: list[list[Any]] = [[_("No."), _("Lesson"), _("Teacher"), _("Observation sheet")]]
    for number, lesson in enumerate(data.lessons, start=1):
        sheet = _("Annex {number}").format(number=number)
        if lesson.score:
            sheet += "\n" + _("Lesson score: {score}").format(score=lesson.score)
        rows.append([str(lesson.number), lesson_title(lesson), lesson.teacher, sheet])
    widths = [9 * mm, 85 * mm, 45 * mm, CONTENT_WIDTH - 139 * mm]
    note = _("The lesson observation cards are annexed to the report, one lesson a page.")
    return [TextGrid(rows, widths, zebra=True), Spacer(1, 3), TextBlock(note, styles.small)]


def _annexes(data: VisitReportData) -> list[Flowable]:
    """Each lesson's card from a new page, headed «Annex N to the visit report»."""
    if not data.lesson_annex:
        return []
    styles = report_styles()
    story: list[Flowable] = []
    for number, lesson in enumerate(data.lessons, start=1):
        heading = _("Annex {number} to the visit report").format(number=number)
        story += [PageBreak(), TextBlock(heading, styles.small), *lesson_card(lesson)]
    return story


def _findings(data: VisitReportData) -> list[Flowable]:
    if not data.findings:
        return [_none(_("No findings recorded."))]
    rows: list[list[Any]] = [[_("Risk factor"), _("Level"), _("Finding")]]
    rows += [[f.factor, f.level, f.text] for f in data.findings]
    return [TextGrid(rows, [58 * mm, 24 * mm, CONTENT_WIDTH - 82 * mm])]


def _published_profile(data: VisitReportData) -> list[Flowable]:
    """A profile not verified by the visit's day: the questionnaire's levels, as published."""
    note = _("Not verified by the day of the visit: the levels are those of the questionnaire.")
    rows: list[list[Any]] = [[_("Risk factor"), _("Questionnaire level")]]
    rows += [[r.factor, r.questionnaire_level] for r in data.risk_rows]
    return [
        _none(note),
        Spacer(1, 3),
        TextGrid(rows, [CONTENT_WIDTH - 40 * mm, 40 * mm], zebra=True),
    ]


def _risks(data: VisitReportData) -> list[Flowable]:
    styles = report_styles()
    intro = TextBlock(_("Cycle year {year}").format(year=data.risk_year), styles.small)
    if not data.risk_rows:
        return [intro, _none(_("The school has no risk profile for this year."))]
    if not any(r.verified for r in data.risk_rows):
        return [intro, *_published_profile(data)]
    header = [
        _("Risk factor"),
        _("Questionnaire level"),
        _("Verdict"),
        _("Level after verification"),
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
    widths = [9 * mm, 70 * mm, 31 * mm, 27 * mm, CONTENT_WIDTH - 137 * mm]
    return TextGrid(rows, widths, zebra=True)


def _recommendations(data: VisitReportData) -> list[Flowable]:
    styles = report_styles()
    story: list[Flowable] = []
    if data.recommendations:
        story.append(_recommendation_table(data.recommendations))
    else:
        story.append(_none(_("No recommendations were given in this visit.")))
    if data.earlier_recommendations:
        story.append(TextBlock(_("Recommendations of earlier visits"), styles.subheading))
        note = _("Their state on the day of the visit, {date}.").format(date=data.header.visit_date)
        story.append(TextBlock(note, styles.muted.clone("as_of", spaceAfter=3)))
        story.append(_recommendation_table(data.earlier_recommendations))
    return story


def _photo_cell(photo: PhotoData, image_cache: Path, width: float) -> list[Flowable]:
    styles = report_styles()
    gap = PHOTO_GAP / 2  # captions side by side never run into each other
    caption = styles.small.clone(
        "caption", alignment=1, spaceBefore=2, leftIndent=gap, rightIndent=gap
    )
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


def author_of(data: VisitReportData) -> str:
    """Who made the справка: the visit's author (the PDF's Author)."""
    return data.header.curator_name


def _signatures(data: VisitReportData) -> Flowable:
    """«Справку составил(а)»: the author's position and organisation, their name; «Со справкой
    ознакомлен(а)»: the director, their name; each with signature and date lines."""
    h = data.header
    author = "\n".join(
        part
        for part in (_("Report prepared by:"), h.curator_position, h.curator_organisation)
        if part
    )
    director = _("I have read the report:") + "\n" + _("director of the school")
    return signature_block([(author, h.curator_name), (director, h.director_name)])


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
        _checklist(data) + discussed_part(data.documents),
        _lessons(data),
        *([_findings(data)] if _has_findings(data) else []),
        *([_risks(data)] if data.risk_profile else []),
        _recommendations(data),
        _photos(data, image_cache),
    ]
    *sections, (last_heading, last_part) = zip(section_titles(data), parts, strict=True)
    for heading, part in sections:
        story.append(TextBlock(heading, styles.heading))
        story.extend(part)
    # the signatures never stand alone on a page: the last section comes with them
    closing = [TextBlock(last_heading, styles.heading), *last_part]
    story.append(signed_end(closing, [Spacer(1, 10 * mm), _signatures(data)]))
    story += _annexes(data)
    return build_pdf(target, replace(meta, author=meta.author or author_of(data)), story)
