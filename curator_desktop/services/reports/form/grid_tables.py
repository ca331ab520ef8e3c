"""The reports' grid tables: plain-text cells wrapped once, headers repeated on every page, tall
rows split inside, and the signature block that never splits.

A cell given as text is broken into lines here (:mod:`.wrapping`) and drawn as one text object
per cell; reportlab measures it by counting its lines. A ``Paragraph`` cell, by contrast, is
wrapped again at every height calculation, split attempt and draw: on a 60-item visit report
that was 2,600 line breakings for 500 cells. Cells may still be flowables (markup, several
paragraphs), and those are wrapped by platypus as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from curator_desktop.i18n import _
from curator_desktop.services.reports.form.styles import (
    CONTENT_WIDTH,
    HEADER_FILL,
    RULE,
    SANS,
    TEXT,
    ZEBRA_FILL,
    report_styles,
)
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.form.text_grid import ALONE_ROOM, MIN_ROWS
from curator_desktop.services.reports.form.wrapping import lines_text, wrap_text

PADDING_X, PADDING_TOP, PADDING_BOTTOM = 3.0, 2.0, 3.0
"""Cell padding of data tables (points)."""
TALL_ROW = 60.0
"""A row at least this tall (points) is split across pages rather than moved whole."""


def _raw(value: Any) -> Any:
    """A cell as given to the table: flowables (or a list of them) as they are, None empty,
    anything else as its text (broken into lines by :meth:`GridTable.fit_text`)."""
    if isinstance(value, Flowable | list):
        return value
    return "" if value is None else str(value)


def data_table(
    rows: list[list[Any]],
    col_widths: list[float],
    *,
    header_rows: int = 1,
    zebra: bool = False,
    extra_style: Sequence[tuple[Any, ...]] = (),
    cell_style: ParagraphStyle | None = None,
) -> Table:
    """A grid table of wrapped cells whose first ``header_rows`` rows repeat on every page;
    a row taller than what is left of a page is split inside (no half-empty pages).

    Text cells are set in ``cell_style`` (default: the table cell style; headers bold), or
    in the font an ``extra_style`` command gives them. ``extra_style`` adds TableStyle
    commands (spans, a bold total row…)."""
    styles = report_styles()
    body = cell_style or styles.table_cell
    head = styles.table_header
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize, body.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), body.textColor),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), PADDING_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING_BOTTOM),
    ]
    if header_rows:
        last = header_rows - 1
        commands.append(("FONT", (0, 0), (-1, last), head.fontName, head.fontSize, head.leading))
        commands.append(("TEXTCOLOR", (0, 0), (-1, last), head.textColor))
        commands.append(("BACKGROUND", (0, 0), (-1, last), HEADER_FILL))
        commands.append(("VALIGN", (0, 0), (-1, last), "MIDDLE"))
    if zebra and len(rows) > header_rows:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, ZEBRA_FILL]))
    commands.extend(extra_style)
    table = GridTable(
        [[_raw(value) for value in row] for row in rows],
        colWidths=col_widths,
        repeatRows=header_rows,
        splitInRow=24,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    table.fit_text()
    return table


class GridTable(Table):
    """A table of the reports: text cells drawn one text object each, split between rows,
    except that a tall row which does not fit is split inside itself (reportlab would first
    cut before it, then split it under a second copy of the header). A row shorter than
    :data:`TALL_ROW` is never cut: when not even the first one fits, the table moves on."""

    def fit_text(self) -> None:
        """Break each text cell into lines at its column's (or spanned columns') width in its
        cell's font, once, and fix the height of every row of text cells, so reportlab need
        not measure those rows again at each height calculation and page split. Call it after
        ``setStyle``."""
        spans: dict[tuple[int, int], Any] = {}
        if self._spanCmds:
            self._calcSpanRanges()
            spans = self._spanRanges
        widths = self._colWidths
        for r, (values, cell_styles) in enumerate(
            zip(self._cellvalues, self._cellStyles, strict=True)
        ):
            height: float | None = 0.0
            for c, (value, style) in enumerate(zip(values, cell_styles, strict=True)):
                span = spans.get((c, r), (c, r, c, r))
                if span is None:  # covered by a spanned cell
                    continue
                if span[1] != span[3] or not isinstance(value, str):
                    height = None  # spans rows, or holds flowables: reportlab measures it
                if not isinstance(value, str):
                    continue
                room = sum(widths[span[0] : span[2] + 1]) - style.leftPadding - style.rightPadding
                values[c] = text = wrap_text(value, style.fontname, style.fontsize, room)
                if height is not None:
                    leading = style.leading or 1.2 * style.fontsize
                    lines = text.count("\n") + 1
                    height = max(height, leading * lines + style.topPadding + style.bottomPadding)
            self._argH[r] = height

    def _getFirstPossibleSplitRowPosition(self, availHeight: float, ignoreSpans: int = 0) -> int:
        """Where reportlab would cut between rows, moved up so that at least
        :data:`.text_grid.MIN_ROWS` body rows stay on each side (0: no cut), unless the table
        has nearly a page and cannot do better; a cut inside a row (``ignoreSpans``) as is."""
        cut = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
        heights = self._rowHeights
        head = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
        if ignoreSpans or cut >= len(heights) or availHeight >= ALONE_ROOM:
            return cut
        if len(heights) - cut < MIN_ROWS:
            room = sum(heights[: len(heights) - MIN_ROWS]) + 1e-6
            cut = super()._getFirstPossibleSplitRowPosition(room, ignoreSpans)
        return cut if cut - head >= MIN_ROWS else 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        first_out = Table._getFirstPossibleSplitRowPosition(self, availHeight)
        heights = self._rowHeights
        if first_out < len(heights) and heights[first_out] >= TALL_ROW:
            parts = self._splitRows(availHeight, doInRowSplit=1)
            if parts:
                return parts
        return self._splitRows(availHeight)  # between rows; a short row is never cut

    def _splitCell(
        self, value: Any, style: Any, oldHeight: float, newHeight: float, width: float
    ) -> Any:
        """A top-aligned text cell splits after the lines that fit (reportlab counts lines of
        1.2 × the font size, not the cell's leading)."""
        if not isinstance(value, str) or style.valign != "TOP":
            return super()._splitCell(value, style, oldHeight, newHeight, width)
        lines = value.split("\n")
        leading = style.leading or 1.2 * style.fontsize
        room = newHeight - style.topPadding
        if leading * len(lines) <= room:
            return value, ""
        if len(lines) < 2:
            return []
        cut = int(room // leading)
        spacing = getattr(value, "word_space", {})
        return (
            lines_text(lines[:cut], {i: w for i, w in spacing.items() if i < cut}),
            lines_text(lines[cut:], {i - cut: w for i, w in spacing.items() if i >= cut}),
        )

    def _drawCell(
        self, cellval: Any, cellstyle: Any, pos: tuple[float, float], size: tuple[float, float]
    ) -> None:
        """A left-aligned text cell as one text object (its shrunk lines spaced as platypus
        draws them); any other cell as reportlab draws it."""
        plain = (
            isinstance(cellval, str)
            and cellstyle.alignment == "LEFT"
            and cellstyle.valign in ("TOP", "MIDDLE", "BOTTOM")
            and not (cellstyle.href or cellstyle.destination)
            and not (getattr(cellstyle, "direction", None) or getattr(cellstyle, "shaping", None))
        )
        if not plain:
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if not cellval:
            return
        canvas = self.canv
        current = self._curcellstyle
        if current is not cellstyle:
            if current is None or cellstyle.color != current.color:
                canvas.setFillColor(cellstyle.color)
            if current is None or (cellstyle.fontname, cellstyle.fontsize, cellstyle.leading) != (
                current.fontname,
                current.fontsize,
                current.leading,
            ):
                canvas.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        lines = cellval.split("\n")
        (x, bottom), (_width, height) = pos, size
        leading, font_size = cellstyle.leading, cellstyle.fontsize
        if cellstyle.valign == "TOP":
            y = bottom + height - cellstyle.topPadding - font_size
        elif cellstyle.valign == "BOTTOM":
            y = bottom + cellstyle.bottomPadding + len(lines) * leading - font_size
        else:
            y = (
                bottom
                + (cellstyle.bottomPadding + height - cellstyle.topPadding + len(lines) * leading)
                / 2
                - font_size
            )
        text = canvas.beginText(x + cellstyle.leftPadding, y)
        word_space = getattr(cellval, "word_space", None)
        for index, line in enumerate(lines):
            if word_space and index in word_space:
                text.setWordSpace(word_space[index])
                text.textLine(line)
                text.setWordSpace(0)
            else:
                text.textLine(line)
        canvas.drawText(text)


class WholeTable(Table):
    """A table that never splits: it moves to the next page whole."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


def signature_block(lines: list[tuple[str, str]]) -> Flowable:
    """Signature lines, one per (role, name): the role, then blanks for the signature, the
    name (printed above its line when given) and the date, each captioned below. The block
    is never split across pages."""
    styles = report_styles()
    caption = ParagraphStyle("caption", parent=styles.hint, fontSize=7, alignment=TA_CENTER)
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
        ("RIGHTPADDING", (0, 0), (0, -1), 3 * mm),  # the role clear of the signature line
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for role, name in lines:
        line, captions = len(rows), [TextBlock(text, caption) for text in texts]
        rows.append([TextBlock(role, role_style), "", "", TextBlock(name, name_style), "", ""])
        rows.append(["", captions[0], "", captions[1], "", captions[2]])
        commands += [
            ("VALIGN", (0, line), (-1, line), "BOTTOM"),
            ("TOPPADDING", (0, line), (-1, line), 16),
            ("TOPPADDING", (0, line + 1), (-1, line + 1), 1),
            *(("LINEBELOW", (c, line), (c, line), 0.6, TEXT) for c in (1, 3, 5)),
        ]
    table = WholeTable(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table
