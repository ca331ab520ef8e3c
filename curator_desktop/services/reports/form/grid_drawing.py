"""PDF page operators for the fast parts of the reports (:class:`.text_grid.TextGrid`,
:class:`.text_block.TextBlock`, the page furniture): fills, text lines and rules written straight
into the canvas's page stream, one block per table part or paragraph.

reportlab's canvas makes a text object, formats its numbers and looks its font up for every
line it draws; a table of 60 checklist items has 600 of them. Here the lines of a whole table go
into one ``BT … ET`` block: each line is placed with ``Tm`` and drawn with ``Tj``, the font (and
its subset) is set only when it changes, and text with shrunk spaces gets ``Tw`` as platypus
gives it. The text is encoded by the font itself (``splitString``, which also registers the
characters and the subset with the document), so the PDF holds the same font subsets and the
same bytes as text drawn by reportlab. Everything is wrapped in ``q … Q``, so the canvas's idea
of the graphics state (colours, font) stays true.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple
from weakref import WeakKeyDictionary

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


TextLine = tuple[float, float, str, ParagraphStyle, float]
"""A line of text to draw: its baseline's start (x, y), text, style (font, size, colour) and
word spacing (points added to each space, negative for a line set with its spaces shrunk)."""


class Rule(NamedTuple):
    """A straight line from (x0, y0) to (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float


def fill_op(color: Color) -> str:
    """The operator setting ``color`` as the fill colour (as the canvas writes it)."""
    return f"{fp_str(color.red, color.green, color.blue)} rg"


def stroke_op(color: Color) -> str:
    """The operator setting ``color`` as the stroke colour."""
    return f"{fp_str(color.red, color.green, color.blue)} RG"


class GridPainter:
    """Collects one table part's operators, then writes them to the canvas in one piece."""

    def __init__(self, canvas: Canvas) -> None:
        self._canvas = canvas
        self._ops: list[str] = ["q"]

    def fills(self, boxes: Iterable[tuple[Color, float, float, float, float]]) -> None:
        """Filled rectangles: (colour, x, y, width, height) each."""
        current = None
        for color, x, y, width, height in boxes:
            if color is not current:
                self._ops.append(fill_op(color))
                current = color
            self._ops.append(f"{fp_str(x, y, width, height)} re f")

    def text(self, lines: Iterable[TextLine]) -> None:
        """Text lines in one text object."""
        canvas = self._canvas
        encoded = _ENCODED.setdefault(canvas._doc, {})
        add = self._ops.append
        add("BT")
        color = font = size = None
        for x, y, text, style, spacing in lines:
            if style.textColor is not color:
                color = style.textColor
                add(fill_op(color))
            chunks = encoded.get((style.fontName, text))
            if chunks is None:
                chunks = encoded[style.fontName, text] = _encode(canvas, style.fontName, text)
            if spacing:
                add(f"1 0 0 1 {fp_str(x, y)} Tm {fp_str(spacing)} Tw")
            else:
                add(f"1 0 0 1 {fp_str(x, y)} Tm")
            for subset, shown in chunks:
                if subset != font or style.fontSize != size:
                    font, size = subset, style.fontSize
                    add(f"{font} {fp_str(size)} Tf")
                add(shown)
            if spacing:
                add("0 Tw")
        add("ET")

    def rules(
        self, rules: Iterable[Rule], width: float, color: Color, *, round_caps: bool = True
    ) -> None:
        """Lines of ``width`` points in ``color``, stroked as one path: with round caps and
        joins (as platypus tables draw their grid), or butt ones (as ``Canvas.line``)."""
        path = [f"{m} m {l_} l" for m, l_ in _segments(rules)]
        if path:
            caps = "1 J 1 j" if round_caps else "0 J 0 j"
            self._ops += [stroke_op(color), f"{fp_str(width)} w {caps}", *path, "S"]

    def finish(self) -> None:
        """Write what was collected to the canvas's current page."""
        self._ops.append("Q")
        self._canvas._code.append("\n".join(self._ops))


_ENCODED: WeakKeyDictionary[Any, dict[tuple[str, str], tuple[tuple[str, str], ...]]]
_ENCODED = WeakKeyDictionary()
"""Per PDF document being made: (font, text) → the text's chunks as (subset font name, ``Tj``
operator). A character keeps its code in a document's font subsets once it has one, so a text
repeated in a report (answers, statuses, header rows on every page) is encoded once."""


def _encode(canvas: Canvas, font_name: str, text: str) -> tuple[tuple[str, str], ...]:
    """``text`` in ``font_name`` as (subset font name, ``Tj`` operator) chunks."""
    doc, font = canvas._doc, getFont(font_name)
    return tuple(
        (font.getSubsetInternalName(subset, doc), f"({canvas._escape(chunk)}) Tj")
        for subset, chunk in font.splitString(text, doc)
    )


def _segments(rules: Iterable[Rule]) -> Iterable[tuple[str, str]]:
    for rule in rules:
        yield fp_str(rule.x0, rule.y0), fp_str(rule.x1, rule.y1)
