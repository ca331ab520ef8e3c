"""The report form's geometry, colours, fonts and paragraph styles (shared by every report).

A4 portrait with ГОСТ Р 7.0.97-2016 margins (left 30 mm, right 10 mm, top and bottom 20 mm),
PT Serif body and PT Sans headings and tables, Cyrillic embedded. :func:`para` builds a
paragraph that remembers its line breaking, so platypus wrapping a table cell again and again
(row heights, page splits, drawing) breaks its lines once per width.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from curator_desktop.services.reports.form.hyphenation import break_points
from curator_desktop.services.reports.form.punctuation import single_stops, tie_words

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 10 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH: float = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
CONTENT_HEIGHT: float = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

SERIF = "PT Serif"
SANS = "PT Sans"
TEXT = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f5f5f")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e4e9f0")
ZEBRA_FILL = colors.HexColor("#f4f6f9")
DRAFT_COLOUR = colors.HexColor("#c0392b")

FLATE_LEVEL = 1
"""zlib level of the report's streams (fonts, pages). reportlab's default, 6, cost a visit
report 6–7 ms more (three font subsets of about 90 KB) for 11 KB less in 3 MB; photos are
JPEG and never deflated."""

_FACES = {"": (400, "normal"), " Bold": (700, "normal"), " Italic": (400, "italic")}
_FACES[" Bold Italic"] = (700, "italic")


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register PT Serif and PT Sans (four faces each, as families) once; return their names.

    Also makes PT Sans reportlab's default canvas and graphics font, so nothing falls back to
    Helvetica (which has no Cyrillic), and turns off ASCII85 stream encoding (binary streams
    are smaller, and photos are embedded as their JPEG bytes)."""
    import fontpkg
    from reportlab import rl_config
    from reportlab.graphics import shapes
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    registered = set(pdfmetrics.getRegisteredFontNames())
    for family in (SERIF, SANS):
        for suffix, (weight, style) in _FACES.items():
            name = family + suffix
            if name not in registered:
                path = fontpkg.path(family, weight=weight, style=style)
                pdfmetrics.registerFont(_font_class()(name, str(path)))
            addMapping(family, weight >= 700, style == "italic", name)
    rl_config.canvas_basefontname = SANS
    rl_config.useA85 = 0
    shapes.STATE_DEFAULTS["fontName"] = SANS
    return SERIF, SANS


@lru_cache(maxsize=1)
def _font_class() -> type:
    from reportlab.pdfbase.ttfonts import TTFont

    class ReportFont(TTFont):
        """A TrueType font whose text encoding takes a shortcut for text whose characters all
        have their codes in the document's first subset already (nearly every line after the
        first few): the same bytes as reportlab's per-character loop, in one pass. Characters
        new to the document get their codes from reportlab first, in the order they appear in
        the text (the order reportlab's loop would give them), then the shortcut is taken."""

        def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
            state = self.state.get(doc)
            if state is not None and text and isinstance(text, str):
                plain = text.replace("\xa0", " ")  # reportlab draws a no-break space as a space
                codes = state.assignments
                try:
                    return [(0, bytes(map(codes.__getitem__, map(ord, plain))))]
                except KeyError:  # new characters: reportlab numbers them, in order
                    new = dict.fromkeys(c for c in plain if ord(c) not in codes)
                    super().splitString("".join(new), doc, encoding)
                    try:
                        return [(0, bytes(map(codes.__getitem__, map(ord, plain))))]
                    except (KeyError, ValueError):  # not in the font, or in a later subset
                        pass
                except ValueError:  # a character in a later subset
                    pass
            return super().splitString(text, doc, encoding)

    return ReportFont


def deflate(data: bytes | str) -> bytes:
    """``data`` deflated at :data:`FLATE_LEVEL` (what reportlab's Flate filter makes of it)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return zlib.compress(data, FLATE_LEVEL)


@contextmanager
def fast_flate() -> Iterator[None]:
    """Deflate reportlab's streams at :data:`FLATE_LEVEL` while the block runs. reportlab has one
    process-wide Flate filter and no level setting; the filter's own method is back afterwards,
    so other PDFs that reportlab writes in the process are not affected."""
    from reportlab.pdfbase import pdfdoc

    pdfdoc.PDFZCompress.encode = deflate
    try:
        yield
    finally:
        vars(pdfdoc.PDFZCompress).pop("encode", None)


@dataclass(frozen=True)
class ReportStyles:
    """The paragraph styles of every report, all with Cyrillic fonts. ``muted`` is what a
    section or a cell says when it has nothing to show («Уроки не посещались», «Не получен»,
    «Заполняется куратором»): content a reader needs, so as dark and nearly as large as the
    body text, set apart by italics; ``hint`` is for truly secondary text (captions under
    signature lines), small and grey (still over 4.5:1 on white)."""

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
    hint: ParagraphStyle


@lru_cache(maxsize=1)
def report_styles() -> ReportStyles:
    """The shared styles (built once; do not mutate them, derive with ``clone``)."""
    serif, sans = register_fonts()

    def style(name: str, font: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("textColor", TEXT)
        kw.setdefault("allowWidows", 0)  # no last line alone at the top of a page
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
        muted=style("muted", serif + " Italic", 10, 13),
        table_header=style("table_header", sans + " Bold", 8.5, 10.5, alignment=TA_LEFT),
        table_cell=style("table_cell", sans, 8.5, 10.5),
        table_cell_small=style("table_cell_small", sans, 7.5, 9.2),
        hint=style("hint", sans, 8, 10, textColor=MUTED),
    )


class ReportParagraph(Paragraph):
    """A paragraph that keeps its line breaking for the last width it was wrapped at. A word
    wider than the line (a narrow table column) is cut between syllables with a hyphen
    (:mod:`.hyphenation`), where reportlab would cut it anywhere without one."""

    _memo: tuple[Any, ...] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            _width, self.width, self._wrapWidths, self.blPara, self.height = memo
            return self.width, self.height
        style = self.style
        _soft_hyphens(self.frags, availWidth - style.leftIndent - style.rightIndent)
        size = super().wrap(availWidth, availHeight)
        self._memo = (availWidth, self.width, self._wrapWidths, self.blPara, self.height)
        return size


SOFT_HYPHEN = "\xad"


def _soft_hyphens(frags: list[Any], room: float) -> None:
    """Soft hyphens between the syllables of each word of ``frags`` wider than ``room`` (not in
    a compound: reportlab would print a second hyphen after its own)."""
    for frag in frags:
        text = getattr(frag, "text", None)
        if not isinstance(text, str) or not text:
            continue
        for word in set(text.split()):
            if (
                SOFT_HYPHEN in word
                or "-" in word
                or stringWidth(word, frag.fontName, frag.fontSize) <= room
            ):
                continue
            points = break_points(word)
            if points:
                pieces = [
                    word[a:b] for a, b in zip((0, *points), (*points, len(word)), strict=True)
                ]
                text = re.sub(rf"(?<!\S){re.escape(word)}(?!\S)", SOFT_HYPHEN.join(pieces), text)
        frag.text = text


def markup(text: str) -> str:
    """``text`` as reportlab markup: ``&``, ``<``, ``>`` escaped, newlines as line breaks, a
    doubled full stop printed once (:func:`.punctuation.single_stops`), «г.», «№» and initials
    kept with the word after them (:func:`.punctuation.tie_words`)."""
    return escape(tie_words(single_stops(text))).replace("\r\n", "\n").replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain ``text`` (markup characters escaped, newlines kept)."""
    return ReportParagraph(markup(text), style)


def para_markup(markup_text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of trusted reportlab markup (escape user text with ``para``'s rules)."""
    return ReportParagraph(markup_text, style)
