"""The common form of every report: A4 portrait with ГОСТ Р 7.0.97-2016 margins (left 30 mm,
right 10 mm, top and bottom 20 mm), PT Serif body and PT Sans headings and tables with Cyrillic
embedded, a running header «title — subject» from page 2 on, a footer with the document number,
the generation time and «Страница X из Y» on every page, a QR code with the report id and data
hash on the first page, and a «ЧЕРНОВИК» mark on every page of a draft.

Contract (the builders of the three reports code against it):

    @dataclass(frozen=True)
    class ReportStyles:           # paragraph styles, all with Cyrillic fonts
        title, subtitle, heading, subheading, body, small, muted,
        table_header, table_cell, table_cell_small: ParagraphStyle

    def report_styles() -> ReportStyles
    def para(text: str, style) -> Paragraph             # escapes &, <, > in ``text``
    def data_table(rows: list[list[Any]], col_widths: list[float], *, header_rows: int = 1,
                   zebra: bool = False) -> Table        # cells: str (wrapped) or Flowable;
                                                        # header repeated on every page
    def signature_block(lines: list[tuple[str, str]]) -> Flowable   # (role, name) → lines
    def build_pdf(target: Path, meta: ReportMeta, story: list[Flowable]) -> int  # → pages
    CONTENT_WIDTH: float                                 # points between the margins

Details: ``para`` and string cells of ``data_table`` escape markup and turn newlines into line
breaks; ``para_markup`` takes trusted reportlab markup (<b>, <i>, <br/>) as is. Cells that are
``None`` print empty, numbers print with ``str``; a cell may also be a list of flowables.
``data_table`` takes ``extra_style`` (more TableStyle commands: spans, a total row) and splits a
row taller than the rest of a page inside it. Families are registered, so <b> and <i> work in
every style; headings keep with the next flowable. ``signature_block`` never splits (safe inside
a KeepTogether; do not nest KeepTogether, whose wrap forces a page break). ``build_pdf`` writes
``target`` directly (the caller makes it atomic) and sets the PDF's title, subject and language.
The first page's frame starts below the identity band (document number left, QR code right), so
the story starts with the report's title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from curator_desktop.i18n import _, format_datetime
from curator_desktop.services.reports.meta import ReportMeta

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 10 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH: float = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
CONTENT_HEIGHT: float = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
QR_SIZE = 24 * mm
IDENTITY_BAND = QR_SIZE + 4 * mm
"""The first page's band above the story: document number and QR code."""

SERIF = "PT Serif"
SANS = "PT Sans"
TEXT = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f5f5f")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e4e9f0")
ZEBRA_FILL = colors.HexColor("#f4f6f9")
DRAFT_COLOUR = colors.HexColor("#c0392b")

_FACES = {"": (400, "normal"), " Bold": (700, "normal"), " Italic": (400, "italic")}
_FACES[" Bold Italic"] = (700, "italic")


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register PT Serif and PT Sans (four faces each, as families) once; return their names.

    Also makes PT Sans reportlab's default canvas and graphics font, so nothing falls back to
    Helvetica (which has no Cyrillic), and turns off ASCII85 stream encoding (done in pure
    Python, it took a third of a report's time on its photos; binary streams are smaller)."""
    import fontpkg
    from reportlab import rl_config
    from reportlab.graphics import shapes
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = set(pdfmetrics.getRegisteredFontNames())
    for family in (SERIF, SANS):
        for suffix, (weight, style) in _FACES.items():
            name = family + suffix
            if name not in registered:
                path = fontpkg.path(family, weight=weight, style=style)
                pdfmetrics.registerFont(TTFont(name, str(path)))
            addMapping(family, weight >= 700, style == "italic", name)
    rl_config.canvas_basefontname = SANS
    rl_config.useA85 = 0
    shapes.STATE_DEFAULTS["fontName"] = SANS
    return SERIF, SANS


@dataclass(frozen=True)
class ReportStyles:
    """The paragraph styles of every report, all with Cyrillic fonts."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    table_header: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_small: ParagraphStyle


@lru_cache(maxsize=1)
def report_styles() -> ReportStyles:
    """The shared styles (built once; do not mutate them, derive with ``clone``)."""
    serif, sans = register_fonts()

    def style(name: str, font: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("textColor", TEXT)
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **kw)

    return ReportStyles(
        title=style("title", sans + " Bold", 15, 19, alignment=TA_CENTER, spaceAfter=4),
        subtitle=style("subtitle", sans, 11, 14, alignment=TA_CENTER, spaceAfter=10),
        heading=style(
            "heading", sans + " Bold", 12, 15, spaceBefore=12, spaceAfter=5, keepWithNext=1
        ),
        subheading=style(
            "subheading", sans + " Bold", 10.5, 13, spaceBefore=8, spaceAfter=3, keepWithNext=1
        ),
        body=style("body", serif, 10.5, 13.5, spaceAfter=3),
        small=style("small", serif, 9, 11.5),
        muted=style("muted", sans, 8.5, 10.5, textColor=MUTED),
        table_header=style("table_header", sans + " Bold", 8.5, 10.5, alignment=TA_LEFT),
        table_cell=style("table_cell", sans, 8.5, 10.5),
        table_cell_small=style("table_cell_small", sans, 7.5, 9.2),
    )


def _markup(text: str) -> str:
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain ``text`` (markup characters escaped, newlines kept)."""
    return Paragraph(_markup(text), style)


def para_markup(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of trusted reportlab markup (escape user text with ``para``'s rules)."""
    return Paragraph(markup, style)


def _cell(value: Any, style: ParagraphStyle) -> Any:
    if isinstance(value, Flowable | list):
        return value
    if value is None:
        return ""
    return Paragraph(_markup(str(value)), style)


def data_table(
    rows: list[list[Any]],
    col_widths: list[float],
    *,
    header_rows: int = 1,
    zebra: bool = False,
    extra_style: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A grid table of wrapped cells whose first ``header_rows`` rows repeat on every page;
    a row taller than what is left of a page is split inside (no half-empty pages).

    ``extra_style`` adds TableStyle commands (spans, a bold total row…)."""
    styles = report_styles()
    data = [
        [_cell(v, styles.table_header if i < header_rows else styles.table_cell) for v in row]
        for i, row in enumerate(rows)
    ]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
        commands.append(("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"))
    if zebra and len(rows) > header_rows:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, ZEBRA_FILL]))
    commands.extend(extra_style)
    table = _ReportTable(
        data, colWidths=col_widths, repeatRows=header_rows, splitInRow=24, hAlign="LEFT"
    )
    table.setStyle(TableStyle(commands))
    return table


TALL_ROW = 60.0
"""A row at least this tall (points) is split across pages rather than moved whole."""


class _ReportTable(Table):
    """Splits between rows, except that a tall row which does not fit is split inside itself
    (reportlab would first cut before it, then split it under a second copy of the header)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        first_out = self._getFirstPossibleSplitRowPosition(availHeight)
        heights = self._rowHeights
        if first_out < len(heights) and heights[first_out] >= TALL_ROW:
            parts = self._splitRows(availHeight, doInRowSplit=1)
            if parts:
                return parts
        return super().split(availWidth, availHeight)


MIN_START_ROOM = 40.0
"""The room (points) the flowable after a heading needs to start on the same page."""


class _KeepWithNext(KeepTogether):
    """What reportlab groups headings with their next flowable into. reportlab moves the whole
    group to the next page when it does not fit, which leaves most of a page empty before a
    long table; here the group stays when the next flowable can start below the headings."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        *heads, last = self._content
        used = sum(f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in heads)
        room = aH - used - last.getSpaceBefore()
        if aH < self._H and heads and room >= MIN_START_ROOM and last.split(aW, room):
            return list(self._content)
        return super().split(aW, aH)


class _WholeTable(Table):
    """A table that never splits: it moves to the next page whole."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


def signature_block(lines: list[tuple[str, str]]) -> Flowable:
    """Signature lines, one per (role, name): the role, then blanks for the signature, the
    name (printed above its line when given) and the date, each captioned below. The block
    is never split across pages."""
    styles = report_styles()
    caption = ParagraphStyle("caption", parent=styles.muted, fontSize=7, alignment=TA_CENTER)
    name_style = ParagraphStyle("signer", parent=styles.table_cell, alignment=TA_CENTER)
    role_style = ParagraphStyle("role", parent=styles.body, spaceAfter=0)
    gap = 5 * mm
    widths = [58 * mm, 34 * mm, gap, 46 * mm, gap, CONTENT_WIDTH - 148 * mm]
    texts = (_("(signature)"), _("(full name)"), _("(date)"))
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 8.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for role, name in lines:
        line, captions = len(rows), [para(text, caption) for text in texts]
        rows.append([para(role, role_style), "", "", para(name, name_style), "", ""])
        rows.append(["", captions[0], "", captions[1], "", captions[2]])
        commands += [
            ("VALIGN", (0, line), (-1, line), "BOTTOM"),
            ("TOPPADDING", (0, line), (-1, line), 16),
            ("TOPPADDING", (0, line + 1), (-1, line + 1), 1),
            *(("LINEBELOW", (c, line), (c, line), 0.6, TEXT) for c in (1, 3, 5)),
        ]
    table = _WholeTable(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _draw_running_header(canvas: Canvas, meta: ReportMeta) -> None:
    from reportlab.lib.utils import simpleSplit

    text = f"{meta.title} — {meta.subject}" if meta.subject else meta.title
    lines = simpleSplit(text, SANS, 8, CONTENT_WIDTH)
    if len(lines) > 1:
        text = lines[0].rstrip(" ,.;:—") + "…"
    y = PAGE_HEIGHT - MARGIN_TOP + 6 * mm
    canvas.setFont(SANS, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN_LEFT, y, text)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_LEFT, y - 2.5 * mm, PAGE_WIDTH - MARGIN_RIGHT, y - 2.5 * mm)


def _draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (error correction M) of ``size`` points at (x, y), drawn as one path of
    horizontal runs: one encoding, a few hundred rectangles."""
    from itertools import groupby

    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    box = size / code.getModuleCount()
    path = canvas.beginPath()
    for row_index, row in enumerate(code.modules):
        column = 0
        for dark, run in groupby(bool(module) for module in row):
            count = sum(1 for _module in run)
            if dark:
                path.rect(x + column * box, y + size - (row_index + 1) * box, count * box, box)
            column += count
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_identity_band(canvas: Canvas, meta: ReportMeta) -> None:
    top = PAGE_HEIGHT - MARGIN_TOP
    right = PAGE_WIDTH - MARGIN_RIGHT
    _draw_qr(canvas, meta.qr_payload(), right - QR_SIZE, top - QR_SIZE, QR_SIZE)
    text_right = right - QR_SIZE - 3 * mm
    canvas.setFillColor(TEXT)
    canvas.setFont(SANS + " Bold", 10)
    canvas.drawString(
        MARGIN_LEFT, top - 4 * mm, _("No. {number}").format(number=meta.document_number)
    )
    canvas.setFont(SANS, 8.5)
    generated = _("Generated: {time}").format(time=format_datetime(meta.generated_at))
    canvas.drawString(MARGIN_LEFT, top - 8.5 * mm, generated)
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 7)
    canvas.drawRightString(
        text_right, top - QR_SIZE + 7.5 * mm, _("Report ID: {id}").format(id=meta.report_id)
    )
    canvas.drawRightString(text_right, top - QR_SIZE + 4 * mm, _("Data SHA-256:"))
    canvas.drawRightString(text_right, top - QR_SIZE + 0.5 * mm, meta.data_sha256)


def _draw_draft_mark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(DRAFT_COLOUR, alpha=0.13)
    canvas.setFont(SANS + " Bold", 80)
    canvas.translate(PAGE_WIDTH / 2 + 10 * mm, PAGE_HEIGHT / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -25, _("DRAFT"))
    canvas.restoreState()
    canvas.setFillColor(DRAFT_COLOUR)
    canvas.setFont(SANS + " Bold", 8)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, PAGE_HEIGHT - MARGIN_TOP + 6 * mm, _("DRAFT"))


def _draw_footer(canvas: Canvas, meta: ReportMeta, page: int, pages: int) -> None:
    y = MARGIN_BOTTOM - 9 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_LEFT, y + 4 * mm, PAGE_WIDTH - MARGIN_RIGHT, y + 4 * mm)
    canvas.setFont(SANS, 8)
    canvas.setFillColor(MUTED)
    left = _("No. {number} · generated {time}").format(
        number=meta.document_number, time=format_datetime(meta.generated_at)
    )
    canvas.drawString(MARGIN_LEFT, y, left)
    canvas.drawRightString(
        PAGE_WIDTH - MARGIN_RIGHT, y, _("Page {page} of {pages}").format(page=page, pages=pages)
    )


def _numbered_canvas(meta: ReportMeta) -> type[Canvas]:
    """A canvas that holds its pages back until the end, to print «page X of Y» on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                _draw_footer(self, meta, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def build_pdf(target: Path, meta: ReportMeta, story: list[Flowable]) -> int:
    """Lay ``story`` out on the report form and write the PDF to ``target``; return the pages."""
    register_fonts()
    padding = dict.fromkeys(("leftPadding", "rightPadding", "topPadding", "bottomPadding"), 0)
    first = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, CONTENT_HEIGHT - IDENTITY_BAND, **padding
    )
    later = Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, CONTENT_HEIGHT, **padding)

    def on_first(canvas: Canvas, _doc: Any) -> None:
        _draw_identity_band(canvas, meta)
        if meta.draft:
            _draw_draft_mark(canvas)

    def on_later(canvas: Canvas, _doc: Any) -> None:
        _draw_running_header(canvas, meta)
        if meta.draft:
            _draw_draft_mark(canvas)

    doc = BaseDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=meta.title,
        subject=meta.subject,
        author="Curator Desktop",
        creator="Curator Desktop",
        lang=meta.language,
        initialFontName=SANS,
        initialFontSize=10,
        initialLeading=12,
        keepTogetherClass=_KeepWithNext,
        pageTemplates=[
            PageTemplate(id="first", frames=[first], onPage=on_first, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[later], onPage=on_later),
        ],
    )
    doc.build(list(story), canvasmaker=_numbered_canvas(meta))
    return int(doc.page)
