"""Column widths of the period report's tables and the small pieces its blocks share: a table
header never broken inside a word, a line that keeps with the table below it, a subheading and
its content kept on one page."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Table

from curator_desktop.services.reports.form.grid_tables import PADDING_X
from curator_desktop.services.reports.form.layout import CONTENT_WIDTH, para, report_styles

BLOCK_START = 90.0
"""Points a subheading needs below it on the page, else it starts the next one."""
SUBHEADING_ROOM = 24.0
"""The subheading's height with its spacing."""


def word_room(header: str) -> float:
    """The width a column needs for ``header``'s longest word on one line."""
    style = report_styles().table_header
    words = header.split() or [""]
    return max(stringWidth(w, style.fontName, style.fontSize) for w in words) + 2 * PADDING_X + 1


def cell_room(texts: list[str]) -> float:
    """The width a column needs to keep each of ``texts`` on one line of a table cell."""
    style = report_styles().table_cell
    widest = max((stringWidth(t, style.fontName, style.fontSize) for t in texts), default=0.0)
    return widest + 2 * PADDING_X + 1


def header_widths(headers: list[str], widths: list[float], *, flexible: int) -> list[float]:
    """``widths`` widened where a header's longest word would not fit its column, the room
    taken from column ``flexible``, which also takes what is left of the content width."""
    result = [max(width, word_room(header)) for header, width in zip(headers, widths, strict=True)]
    result[flexible] = 0.0
    result[flexible] = CONTENT_WIDTH - sum(result)
    return result


def lead_style() -> ParagraphStyle:
    """The small style of a line that introduces a table and stays with it."""
    return ParagraphStyle("lead", parent=report_styles().small, keepWithNext=1, spaceAfter=3)


def lead(text: str) -> Flowable:
    """A line that introduces the table below it (never left alone at a page's foot)."""
    return para(text, lead_style())


def none_line(text: str) -> list[Flowable]:
    """The line that says a block has nothing to show."""
    return [para(text, report_styles().small)]


def first_row_room(content: list[Flowable]) -> float:
    """The height a block needs below its subheading so that its table (when it starts with
    one) shows its header and first body row on the same page (0: no table)."""
    table = content[0] if content else None
    if not isinstance(table, Table):
        return 0.0
    table.wrap(CONTENT_WIDTH, 100_000.0)
    heights = table._rowHeights  # measured by wrap (the report tables read it too)
    return float(sum(heights[:2]))


def block(title: str, content: list[Flowable]) -> list[Flowable]:
    """A subheading and its content; the subheading never ends a page alone (nor above a table
    whose first tall row moves on to the next page)."""
    start = max(BLOCK_START, SUBHEADING_ROOM + first_row_room(content))
    return [CondPageBreak(start), para(title, report_styles().subheading), *content]
