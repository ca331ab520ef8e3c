"""Getting a roadmap's text and table rows out of DOCX (python-docx) and XLSX (openpyxl) files.

Both libraries are imported only when such a file is read, and only once the shared zip check
(:mod:`curator_desktop.services.limits`) has passed the file's directory against
:data:`ZIP_LIMITS`; the paragraphs and table rows of a document, and the rows of a sheet, are
bounded before they are read one by one. A DOCX gives its paragraphs before the roadmap table
(the preamble), the rows of that table and of any later table of the same width (a table split
at page breaks; paragraphs between them become heading rows), and the paragraphs after (the
abbreviation list). Cells merged across columns are kept once; a cell merged down several rows
(«В течение года» for a block of items) applies to each of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from curator_desktop.domain.roadmap.table import find_header
from curator_desktop.services.limits import office
from curator_desktop.services.limits.zips import ZipLimits

ZIP_LIMITS = ZipLimits(
    max_members=5_000,
    max_directory_bytes=4 * 1024**2,
    max_member_bytes=16 * 1024**2,
    max_total_bytes=128 * 1024**2,
)
"""What a roadmap's DOCX or XLSX may declare (a real one is well under a megabyte)."""
MAX_ROWS = 3_000
"""Table rows of a document, rows with something in them of a sheet: a roadmap has hundreds
(and reading one costs about a millisecond a row)."""
MAX_SHEET_ROWS = 100_000
"""Rows of a sheet read at most, empty ones included."""
MAX_PARAGRAPHS = 100_000
"""Paragraphs of a document, those in table cells included."""


class DocumentTooLong(Exception):
    """A document or sheet with more paragraphs or rows than a roadmap can have."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} paragraphs or table rows")
        self.limit = limit


@dataclass
class DocxContent:
    """A DOCX roadmap as the text before the table, the table's rows and the text after."""

    preamble: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)


def _table_rows(table: Any) -> list[list[str]]:
    """The table's rows as text; a cell spanning several columns appears once (then empty
    places), a cell merged down repeats in each row. Read from the XML in one pass: python-docx's
    own cell lookup walks up the table for every merged cell."""
    from docx.table import _Cell

    rows: list[list[str]] = []
    merged: dict[int, str] = {}  # grid column → text of the cell a vertical merge started with
    for tr in table._tbl.tr_lst:
        texts: list[str] = []
        column = tr.grid_before
        for tc in tr.tc_lst:
            span = max(1, min(tc.grid_span, office.MAX_COLUMNS))
            if tc.vMerge == "continue":
                text = merged.get(column, "")
            else:
                text = _Cell(tc, table).text
                if tc.vMerge == "restart":
                    merged[column] = text
            texts.extend([text] + [""] * (span - 1))
            column += span
            if len(texts) >= office.MAX_COLUMNS:
                break
        rows.append(texts[: office.MAX_COLUMNS])
    return rows


def _check_length(body: Any) -> None:
    """Refuse a document with more table rows or paragraphs than a roadmap can have."""
    from docx.oxml.ns import qn

    row, paragraph = qn("w:tr"), qn("w:p")
    rows = paragraphs = 0
    for element in body.iter(row, paragraph):
        if element.tag == row:
            rows += 1
        else:
            paragraphs += 1
        if rows > MAX_ROWS or paragraphs > MAX_PARAGRAPHS:
            raise DocumentTooLong(MAX_ROWS if rows > MAX_ROWS else MAX_PARAGRAPHS)


def _flatten(rows: list[list[str]]) -> list[str]:
    return [" ".join(text for text in row if text.strip()) for row in rows]


def read_docx(data: bytes) -> DocxContent:
    """Split a DOCX into preamble, roadmap rows and trailer (see the module's docstring);
    :class:`~curator_desktop.services.limits.zips.ZipRefused` or :class:`DocumentTooLong` before
    a document too large is read."""
    import docx
    from docx.table import Table

    document = docx.Document(office.checked_file(data, ZIP_LIMITS))
    _check_length(document.element.body)
    content = DocxContent()
    width: int | None = None
    after: list[str] = []  # paragraphs after the last roadmap table read so far
    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            (content.preamble if width is None else after).append(block.text)
            continue
        rows = _table_rows(block)
        found = find_header(rows)
        if width is None:
            if found is None:  # a letterhead laid out as a table
                content.preamble.extend(_flatten(rows))
                continue
            width = found[1].width
        elif found is None and (not rows or len(rows[0]) != width):  # e.g. a signature table
            after.extend(_flatten(rows))
            continue
        content.rows.extend([text] for text in after if text.strip())  # headings between tables
        after = []
        content.rows.extend(rows)
    content.trailer = after
    return content


def cell_text(value: Any) -> str:
    """A spreadsheet value as the text a roadmap cell would show."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time(0) else value
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx_sheets(data: bytes) -> Iterator[list[list[str]]]:
    """The rows of each worksheet in turn (the workbook is closed when the iteration ends);
    ``ZipRefused``, ``TooManyRows`` and ``SheetUnreadable`` (see
    :mod:`curator_desktop.services.limits.office`) or :class:`DocumentTooLong` for a file too
    large, too long or damaged."""
    workbook = office.open_workbook(data, ZIP_LIMITS)
    try:
        for sheet in workbook.worksheets:
            yield _sheet_rows(sheet)
    finally:
        workbook.close()


def _sheet_rows(sheet: Any) -> list[list[str]]:
    """The sheet's rows as text, empty ones at its end dropped; :class:`DocumentTooLong` past
    :data:`MAX_ROWS` rows with something in them."""
    rows: list[list[str]] = []
    filled = 0
    for values in office.sheet_rows(sheet, max_rows=MAX_SHEET_ROWS):
        filled += bool(values)
        if filled > MAX_ROWS:
            raise DocumentTooLong(MAX_ROWS)
        rows.append([cell_text(value) for value in values])
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows
