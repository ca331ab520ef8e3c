"""A grid table of plain text laid out once and drawn straight onto the canvas.

The big tables of the visit report (checklist, lessons, findings, risks, recommendations) hold
nothing but text. A platypus ``Table`` keeps a style object per cell, re-measures its rows at
each page split and draws cell by cell through the canvas API; :class:`TextGrid` wraps every
cell once when it is made (:mod:`.wrapping`, the line breaking of a platypus ``Paragraph``),
places every line in its row then, splits itself across pages (between rows, its header rows
repeated on every page; inside a row at least :data:`TALL_ROW` tall, rather than leaving most of
a page empty) and draws each page's part in one block of page operators (:mod:`.grid_drawing`).
It looks as the ``data_table`` of :mod:`.grid_tables` looks: the same fonts, paddings, fills,
grid and line breaks.

A cell is a text, or a :class:`Cell`: several texts stacked (each in its own style, as the
paragraphs of a recommendation and its risk factor), spanning columns, aligned right. A row is
a list of cells, or a :class:`Row` with its own text style, fill, and a wish to stay on the page
of the row after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from curator_desktop.services.reports.form.grid_drawing import GridPainter, Rule
from curator_desktop.services.reports.form.styles import (
    CONTENT_HEIGHT,
    HEADER_FILL,
    RULE,
    ZEBRA_FILL,
    report_styles,
)
from curator_desktop.services.reports.form.wrapping import wrap_text

TALL_ROW = 60.0
"""A row at least this tall (points) is split across pages rather than moved whole."""
MIN_ROWS = 2
"""Rows a split between rows leaves on each page at least (no «Итого» row, no last
recommendation carried alone to the next page; no first row alone under the header)."""
ALONE_ROOM = 0.75 * CONTENT_HEIGHT
"""A table given at least this much room (nearly a page) splits even where a part would hold
fewer than :data:`MIN_ROWS` rows (its rows are too tall for two to fit a page)."""


@dataclass(frozen=True)
class Padding:
    """Space between a cell's edges and its text (points)."""

    left: float = 3.0
    right: float = 3.0
    top: float = 2.0
    bottom: float = 3.0


@dataclass(frozen=True)
class Cell:
    """A cell of several texts stacked (each a (text, style) pair; a style of None is the
    row's), spanning ``span`` columns, aligned LEFT or RIGHT."""

    parts: tuple[tuple[str, ParagraphStyle | None], ...]
    span: int = 1
    align: str = "LEFT"


@dataclass(frozen=True)
class Row:
    """A row of cells with its own text style (default: the table's), its fill, and whether
    it must stay on the page of the row after it (a section title with its first item)."""

    cells: Sequence[Any]
    style: ParagraphStyle | None = None
    fill: Color | None = None
    keep_with_next: bool = False


_Line = tuple[str, float, ParagraphStyle]
"""A line of a cell: its text, its word spacing (0, or negative when its spaces shrink), its
style."""
_Placed = tuple[float, float, str, ParagraphStyle, float]
"""A line placed in its row: x from the table's left, baseline below the row's top, text,
style, word spacing."""


class _Block(NamedTuple):
    """A laid-out cell: its columns, alignment, lines, and the height of its lines."""

    column: int
    span: int
    align: str
    lines: tuple[_Line, ...]
    height: float


class _Laid(NamedTuple):
    """A laid-out row: its cells, height, fill, whether it keeps with the next row, the column
    boundaries its spanning cells cross, and its lines placed."""

    blocks: tuple[_Block, ...]
    height: float
    fill: Color | None
    keep_with_next: bool
    crossed: frozenset[int]
    placed: tuple[_Placed, ...]


class _Geometry(NamedTuple):
    """What the parts of a split table share: column positions, padding, rules, zebra."""

    positions: tuple[float, ...]
    padding: Padding
    rules: str
    rule_width: float
    rule_color: Color
    zebra: bool


class TextGrid(Flowable):
    """A table of text cells: wrapped once, split across pages by itself with its header rows
    repeated, drawn in one block of page operators per page."""

    def __init__(
        self,
        rows: Sequence[Sequence[Any] | Row],
        col_widths: Sequence[float],
        *,
        header_rows: int = 1,
        zebra: bool = False,
        cell_style: ParagraphStyle | None = None,
        header_style: ParagraphStyle | None = None,
        column_styles: dict[int, ParagraphStyle] | None = None,
        padding: Padding = Padding(),
        rules: str = "grid",
        rule_width: float = 0.4,
        rule_color: Color = RULE,
    ) -> None:
        """``rules`` is "grid" (every cell boxed) or "below" (a line under each row).
        ``column_styles`` sets the text style of whole columns (header rows excepted)."""
        super().__init__()
        styles = report_styles()
        body = cell_style or styles.table_cell
        head = header_style or styles.table_header
        positions = [0.0]
        for width in col_widths:
            positions.append(positions[-1] + width)
        self._grid = _Geometry(tuple(positions), padding, rules, rule_width, rule_color, zebra)
        laid = []
        for index, row in enumerate(rows):
            spec = row if isinstance(row, Row) else Row(row)
            header = index < header_rows
            fill = spec.fill or (HEADER_FILL if header else None)
            style = spec.style or (head if header else body)
            columns = None if header else column_styles
            blocks = self._blocks(spec.cells, style, columns)
            laid.append(self._row(blocks, fill, spec.keep_with_next, centred=header))
        self._header = tuple(laid[:header_rows])
        self._body = tuple(laid[header_rows:])
        self._measure()

    def _part(self, body: Sequence[_Laid]) -> TextGrid:
        """A part of this table on one page: its header rows and ``body``."""
        part = type(self).__new__(type(self))
        Flowable.__init__(part)
        part._grid, part._header, part._body = self._grid, self._header, tuple(body)
        part._measure()
        return part

    def _measure(self) -> None:
        self.width = self._grid.positions[-1]
        self._header_height = sum(row.height for row in self._header)
        self.height = self._header_height + sum(row.height for row in self._body)

    # --- layout -----------------------------------------------------------------------------

    def _blocks(
        self,
        cells: Sequence[Any],
        style: ParagraphStyle,
        column_styles: dict[int, ParagraphStyle] | None,
    ) -> list[_Block]:
        """The row's cells with their text broken into lines."""
        positions, padding = self._grid.positions, self._grid.padding
        columns = len(positions) - 1
        blocks = []
        column = 0
        for value in cells:
            if column >= columns:
                break
            if isinstance(value, Cell):
                parts, span, align = value.parts, min(value.span, columns - column), value.align
            else:
                parts, span, align = (("" if value is None else str(value), None),), 1, "LEFT"
            room = positions[column + span] - positions[column] - padding.left - padding.right
            own = column_styles.get(column, style) if column_styles else style
            lines: list[_Line] = []
            height = 0.0
            for text, part_style in parts:
                part = part_style or own
                wrapped = wrap_text(text, part.fontName, part.fontSize, room)
                if "\n" in wrapped:
                    spacing = wrapped.word_space
                    texts = wrapped.split("\n")
                    lines += [(t, spacing.get(i, 0.0), part) for i, t in enumerate(texts)]
                    height += part.leading * len(texts)
                else:
                    lines.append((wrapped, wrapped.word_space.get(0, 0.0), part))
                    height += part.leading
            blocks.append(_Block(column, span, align, tuple(lines), height))
            column += span
        return blocks

    def _row(
        self,
        blocks: Sequence[_Block],
        fill: Color | None,
        keep_with_next: bool,
        *,
        centred: bool,
    ) -> _Laid:
        """A row of laid-out cells, as tall as its tallest cell, its lines placed from the top
        of each cell, or ``centred`` in it (header rows)."""
        positions, padding = self._grid.positions, self._grid.padding
        tallest = max((block.height for block in blocks), default=0.0)
        height = tallest + padding.top + padding.bottom
        placed: list[_Placed] = []
        crossed: set[int] = set()
        for block in blocks:
            if block.span > 1:
                crossed.update(range(block.column + 1, block.column + block.span))
            if centred:
                y = (height + padding.top - padding.bottom - block.height) / 2
            else:
                y = padding.top
            left = positions[block.column] + padding.left
            right = positions[block.column + block.span] - padding.right
            for text, spacing, style in block.lines:
                x = left
                if block.align == "RIGHT":
                    x, spacing = right - stringWidth(text, style.fontName, style.fontSize), 0.0
                if text:
                    placed.append((x, y + style.fontSize, text, style, spacing))
                y += style.leading
        return _Laid(tuple(blocks), height, fill, keep_with_next, frozenset(crossed), tuple(placed))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Two parts, the first fitting ``availHeight``: cut between rows (never after a row
        that keeps with the next, with at least :data:`MIN_ROWS` rows on each side), or inside
        the first row that does not fit when that row is at least :data:`TALL_ROW` tall; none
        when no such cut fits."""
        room = availHeight - self._header_height
        body = self._body
        used, fitting = 0.0, 0
        for row in body:
            if used + row.height > room + 1e-6:
                break
            used += row.height
            fitting += 1
        if fitting == len(body):
            return [self]
        first_out = body[fitting]
        if first_out.height >= TALL_ROW:
            halves = self._cut(first_out, room - used)
            if halves is not None:
                top, rest = halves
                return [
                    self._part([*body[:fitting], top]),
                    self._part([rest, *body[fitting + 1 :]]),
                ]
        fitting = _cut_between(body, fitting, alone=availHeight >= ALONE_ROOM)
        if not fitting:
            return []
        return [self._part(body[:fitting]), self._part(body[fitting:])]

    def _cut(self, row: _Laid, room: float) -> tuple[_Laid, _Laid] | None:
        """``row`` cut after the lines that fit in ``room`` points, or None when the first
        part would hold no line of its tallest cell."""
        padding = self._grid.padding
        content = room - padding.top - padding.bottom
        tops, rests = [], []
        for block in row.blocks:
            used, count = 0.0, 0
            for _text, _spacing, style in block.lines:
                if used + style.leading > content + 1e-6:
                    break
                used += style.leading
                count += 1
            tops.append(block._replace(lines=block.lines[:count], height=used))
            rests.append(block._replace(lines=block.lines[count:], height=block.height - used))
        tallest = max(range(len(row.blocks)), key=lambda i: row.blocks[i].height)
        if not tops[tallest].lines:
            return None
        top = self._row(tops, row.fill, False, centred=False)
        return top, self._row(rests, row.fill, row.keep_with_next, centred=False)

    # --- drawing ----------------------------------------------------------------------------

    def draw(self) -> None:
        frame = self._grid
        rows = [*self._header, *self._body]
        tops = [self.height]
        for row in rows:
            tops.append(tops[-1] - row.height)
        headers = len(self._header)
        fills = [row.fill for row in rows]
        if frame.zebra:  # every other body row of each page, the first one plain (as platypus)
            fills[headers + 1 :: 2] = [f or ZEBRA_FILL for f in fills[headers + 1 :: 2]]
        painter = GridPainter(self.canv)
        painter.fills(
            (fill, 0.0, bottom, self.width, row.height)
            for fill, row, bottom in zip(fills, rows, tops[1:], strict=True)
            if fill is not None
        )
        painter.text(
            (x, top - dy, text, style, spacing)
            for row, top in zip(rows, tops, strict=False)
            for x, dy, text, style, spacing in row.placed
        )
        painter.rules(self._rule_lines(rows, tops), frame.rule_width, frame.rule_color)
        painter.finish()

    def _rule_lines(self, rows: list[_Laid], tops: list[float]) -> list[Rule]:
        width = self.width
        if self._grid.rules == "below":
            return [Rule(0.0, y, width, y) for y in tops[1:]]
        lines = [Rule(0.0, y, width, y) for y in tops]
        bottom = tops[-1]
        for boundary, x in enumerate(self._grid.positions):
            start = self.height  # the top of the segment being drawn down this boundary
            for row, top in zip(rows, tops, strict=False):
                if boundary in row.crossed:
                    if start is not None and start > top:
                        lines.append(Rule(x, start, x, top))
                    start = None
                elif start is None:
                    start = top
            if start is not None and start > bottom:
                lines.append(Rule(x, start, x, bottom))
        return lines


def _cut_between(body: Sequence[_Laid], fitting: int, *, alone: bool) -> int:
    """The number of rows before a cut between rows, at most ``fitting``: never after a row
    that keeps with the next, at least :data:`MIN_ROWS` rows on each side (fewer only when
    ``alone``, a table that cannot do better on a whole page); 0 for no cut."""
    cut = min(fitting, len(body) - MIN_ROWS)
    while cut > 0 and body[cut - 1].keep_with_next:
        cut -= 1
    if cut >= MIN_ROWS or not alone:
        return cut if cut >= MIN_ROWS else 0
    while fitting and body[fitting - 1].keep_with_next:
        fitting -= 1
    return fitting
