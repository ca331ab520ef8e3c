"""The common form of every report: A4 portrait with ГОСТ Р 7.0.97-2016 margins (left 30 mm,
right 10 mm, top and bottom 20 mm), PT Serif body and PT Sans headings and tables with Cyrillic
embedded, a running header «title — subject» from page 2 on, a footer with the document number,
the generation time and «Страница X из Y» on every page, a QR code with the report id and data
hash on the first page, and a «ЧЕРНОВИК» mark on every page of a draft.

The form's parts live in :mod:`.styles` (geometry, fonts, paragraph styles), :mod:`.grid_tables`
(data tables, signature block), :mod:`.wrapping` (line breaking of text cells) and :mod:`.qr`;
the fast parts of the visit report in :mod:`.text_grid` (tables of plain text),
:mod:`.text_block` (paragraphs of plain text) and :mod:`.photo_grid`, all drawing through
:mod:`.grid_drawing`; the file is written by :mod:`.pdf_writer`. This module draws the page
furniture and builds the PDF, and re-exports what report builders use. Contract (the builders
of the three reports code against it):

    @dataclass(frozen=True)
    class ReportStyles:           # paragraph styles, all with Cyrillic fonts
        title, subtitle, heading, subheading, body, small, table_header, table_cell,
        table_cell_small: ParagraphStyle
        muted: ParagraphStyle     # what a section says when it has nothing: normal contrast
        hint: ParagraphStyle      # secondary text (captions), small and grey

    def report_styles() -> ReportStyles
    def para(text: str, style) -> Paragraph             # escapes &, <, > in ``text``
    def data_table(rows: list[list[Any]], col_widths: list[float], *, header_rows: int = 1,
                   zebra: bool = False, extra_style=(), cell_style=None) -> Table
                                                        # cells: str (wrapped) or Flowable;
                                                        # header repeated on every page
    def signature_block(lines: list[tuple[str, str]]) -> Flowable   # (role, name) → lines
    def signed_end(body, signatures, *, whole=True) -> Flowable  # signatures never alone
    def build_pdf(target: Path, meta: ReportMeta, story: list[Flowable]) -> int  # → pages
    CONTENT_WIDTH: float                                 # points between the margins

Details: ``para`` escapes markup and turns newlines into line breaks; ``para_markup`` takes
trusted reportlab markup (<b>, <i>, <br/>) as is. String cells of ``data_table`` are plain text
(no markup), wrapped once to the column (or spanned columns) in ``cell_style``'s font, headers
in the bold header style; cells that are ``None`` print empty, numbers print with ``str``; a cell
may also be a flowable or a list of flowables. ``data_table`` takes ``extra_style`` (more
TableStyle commands: spans, a total row) and splits a row taller than the rest of a page inside
it. Families are registered, so <b> and <i> work in every style; headings keep with the next
flowable, short texts before a table keep with it and a short line after a table keeps with its
last rows (:mod:`.binding`); tables and texts split with at least two rows or lines on each
page. ``signature_block`` never splits (safe inside a KeepTogether; do not nest KeepTogether,
whose wrap forces a page break). ``build_pdf`` writes ``target`` directly (the
caller makes it atomic) and sets the PDF's title (name and number), subject, author (the
curator) and language. The first page's frame
starts below the identity band (document number left, QR code right), so the story starts with
the report's title.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate
from reportlab.platypus.flowables import _listWrapOn

from curator_desktop.durable import file_sha256
from curator_desktop.i18n import _, format_datetime
from curator_desktop.services.reports.form.binding import bind
from curator_desktop.services.reports.form.grid_drawing import GridPainter, Rule, TextLine
from curator_desktop.services.reports.form.grid_tables import (
    TALL_ROW,
    GridTable,
    WholeTable,
    data_table,
    signature_block,
)
from curator_desktop.services.reports.form.meta import ReportMeta, Written
from curator_desktop.services.reports.form.signed_end import signed_end
from curator_desktop.services.reports.form.styles import (
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    DRAFT_COLOUR,
    HEADER_FILL,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    SANS,
    SERIF,
    TEXT,
    ZEBRA_FILL,
    ReportStyles,
    para,
    para_markup,
    register_fonts,
    report_styles,
)
from curator_desktop.services.reports.pdf.qr import draw_qr
from curator_desktop.services.reports.pdf.writer import save_pdf

__all__ = [
    "CONTENT_HEIGHT",
    "CONTENT_WIDTH",
    "HEADER_FILL",
    "MUTED",
    "RULE",
    "SANS",
    "SERIF",
    "TALL_ROW",
    "TEXT",
    "ZEBRA_FILL",
    "GridTable",
    "ReportStyles",
    "WholeTable",
    "build_pdf",
    "data_table",
    "para",
    "para_markup",
    "register_fonts",
    "report_styles",
    "signature_block",
    "signed_end",
]

QR_SIZE = 24 * mm
IDENTITY_BAND = QR_SIZE + 4 * mm
"""The first page's band above the story: document number and QR code."""


MIN_START_ROOM = 40.0
"""The room (points) the flowable after a heading needs to start on the same page."""


class _KeepWithNext(KeepTogether):
    """What reportlab groups headings with their next flowable into. reportlab moves the whole
    group to the next page when it does not fit, which leaves most of a page empty before a
    long table; here the group stays when the next flowable can start below the headings."""

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        """As ``KeepTogether.wrap``, without a canvas: reportlab then skips copying the frame
        for generated content (the reports have none)."""
        dims: list[tuple[float, float]] = []
        width, self._H = _listWrapOn(self._content, aW, None, dims=dims)
        self._H0 = dims[0][1] if dims else 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # force a split

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        *heads, last = self._content
        used = sum(f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in heads)
        room = aH - used - last.getSpaceBefore()
        if aH < self._H and heads and room >= MIN_START_ROOM and last.split(aW, room):
            return list(self._content)
        return super().split(aW, aH)


@dataclass(frozen=True)
class _Furniture:
    """What the report prints around its story on every page (its texts made once)."""

    meta: ReportMeta
    running: str
    """The running header «title — subject», cut with «…» to one line."""
    footer: str

    @classmethod
    def of(cls, meta: ReportMeta) -> _Furniture:
        from reportlab.lib.utils import simpleSplit

        running = f"{meta.title} — {meta.subject}" if meta.subject else meta.title
        lines = simpleSplit(running, SANS, 8, CONTENT_WIDTH)
        if len(lines) > 1:
            running = lines[0].rstrip(" ,.;:—") + "…"
        time = format_datetime(meta.generated_at)
        if meta.version > 1:
            footer = _("No. {number}, version {version} · generated {time}").format(
                number=meta.document_number, version=meta.version, time=time
            )
        else:
            footer = _("No. {number} · generated {time}").format(
                number=meta.document_number, time=time
            )
        return cls(meta, running, footer)

    def draw_running_header(self, canvas: Canvas) -> None:
        y = PAGE_HEIGHT - MARGIN_TOP + 6 * mm
        painter = GridPainter(canvas)
        painter.text([(MARGIN_LEFT, y, self.running, _SMALL_MUTED, 0.0)])
        rule = Rule(MARGIN_LEFT, y - 2.5 * mm, PAGE_WIDTH - MARGIN_RIGHT, y - 2.5 * mm)
        painter.rules([rule], 0.4, RULE, round_caps=False)
        painter.finish()

    def draw_identity_band(self, canvas: Canvas) -> None:
        meta = self.meta
        top = PAGE_HEIGHT - MARGIN_TOP
        right = PAGE_WIDTH - MARGIN_RIGHT
        draw_qr(canvas, meta.qr_payload(), right - QR_SIZE, top - QR_SIZE, QR_SIZE)
        text_right = right - QR_SIZE - 3 * mm
        generated = _("Generated: {time}").format(time=format_datetime(meta.generated_at))
        painter = GridPainter(canvas)
        painter.text(
            [
                (
                    MARGIN_LEFT,
                    top - 4 * mm,
                    number_text(meta),
                    _NUMBER,
                    0.0,
                ),
                (MARGIN_LEFT, top - 8.5 * mm, generated, _GENERATED, 0.0),
                _right(
                    text_right,
                    top - QR_SIZE + 7.5 * mm,
                    _("Report ID: {id}").format(id=meta.report_id),
                    _TINY_MUTED,
                ),
                _right(text_right, top - QR_SIZE + 4 * mm, _("Data SHA-256:"), _TINY_MUTED),
                _right(text_right, top - QR_SIZE + 0.5 * mm, meta.data_sha256, _TINY_MUTED),
            ]
        )
        painter.finish()

    def draw_footer(self, canvas: Canvas, page: int, pages: int) -> None:
        y = MARGIN_BOTTOM - 9 * mm
        right = PAGE_WIDTH - MARGIN_RIGHT
        numbered = _("Page {page} of {pages}").format(page=page, pages=pages)
        painter = GridPainter(canvas)
        painter.rules(
            [Rule(MARGIN_LEFT, y + 4 * mm, right, y + 4 * mm)], 0.4, RULE, round_caps=False
        )
        painter.text(
            [
                (MARGIN_LEFT, y, self.footer, _SMALL_MUTED, 0.0),
                _right(right, y, numbered, _SMALL_MUTED),
            ]
        )
        painter.finish()


def number_text(meta: ReportMeta) -> str:
    """«№ СП-2026-0007», «№ СП-2026-0007, версия 2» from the second version of a document on."""
    if meta.version > 1:
        return _("No. {number}, version {version}").format(
            number=meta.document_number, version=meta.version
        )
    return _("No. {number}").format(number=meta.document_number)


def pdf_title(meta: ReportMeta) -> str:
    """The PDF's Title: the report's name and number."""
    return _("{title} No. {number}").format(title=meta.title, number=meta.document_number)


def _right(x: float, y: float, text: str, style: ParagraphStyle) -> TextLine:
    """A line of ``text`` ending at ``x``."""
    return (x - stringWidth(text, style.fontName, style.fontSize), y, text, style, 0.0)


_SMALL_MUTED = ParagraphStyle("furniture", fontName=SANS, fontSize=8, textColor=MUTED)
_TINY_MUTED = ParagraphStyle("identity", fontName=SANS, fontSize=7, textColor=MUTED)
_NUMBER = ParagraphStyle("number", fontName=SANS + " Bold", fontSize=10, textColor=TEXT)
_GENERATED = ParagraphStyle("generated", fontName=SANS, fontSize=8.5, textColor=TEXT)


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


def _numbered_canvas(furniture: _Furniture) -> type[Canvas]:
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
                furniture.draw_footer(self, number, total)
                Canvas.showPage(self)
            self.file_sha256 = save_pdf(self)

    return NumberedCanvas


def build_pdf(target: Path, meta: ReportMeta, story: list[Flowable]) -> Written:
    """Lay ``story`` out on the report form and write the PDF to ``target``; return its pages
    and SHA-256."""
    register_fonts()
    padding = dict.fromkeys(("leftPadding", "rightPadding", "topPadding", "bottomPadding"), 0)
    first = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, CONTENT_HEIGHT - IDENTITY_BAND, **padding
    )
    later = Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, CONTENT_HEIGHT, **padding)

    furniture = _Furniture.of(meta)

    def on_first(canvas: Canvas, _doc: Any) -> None:
        furniture.draw_identity_band(canvas)
        if meta.draft:
            _draw_draft_mark(canvas)

    def on_later(canvas: Canvas, _doc: Any) -> None:
        furniture.draw_running_header(canvas)
        if meta.draft:
            _draw_draft_mark(canvas)

    doc = BaseDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=pdf_title(meta),
        subject=meta.subject,
        author=meta.author or "Curator Desktop",
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
    doc.build(bind(story), canvasmaker=_numbered_canvas(furniture))
    return Written(int(doc.page), doc.canv.file_sha256 or file_sha256(target))
