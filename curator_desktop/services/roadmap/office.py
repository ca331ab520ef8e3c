"""Getting a roadmap's text and table rows out of DOCX (python-docx) and XLSX (openpyxl) files.

Both libraries are imported only when such a file is read. A DOCX gives its paragraphs before
the roadmap table (the preamble), the rows of that table and of any later table of the same
width (a table split at page breaks; paragraphs between them become heading rows), and the
paragraphs after (the abbreviation list). Cells merged across columns are kept once; a cell
merged down several rows («В течение года» for a block of items) applies to each of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator_desktop.domain.roadmap.table import find_header


@dataclass
class DocxContent:
    """A DOCX roadmap as the text before the table, the table's rows and the text after."""

    preamble: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)


def _table_rows(table: Any) -> list[list[str]]:
    """The table's rows as text; a cell spanning several columns appears once."""
    rows: list[list[str]] = []
    for row in table.rows:
        seen: list[Any] = []
        texts: list[str] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                texts.append("")
                continue
            seen.append(cell._tc)
            texts.append(cell.text)
        rows.append(texts)
    return rows


def _flatten(rows: list[list[str]]) -> list[str]:
    return [" ".join(text for text in row if text.strip()) for row in rows]


def read_docx(path: Path) -> DocxContent:
    """Split a DOCX into preamble, roadmap rows and trailer (see the module's docstring)."""
    import docx
    from docx.table import Table

    document = docx.Document(str(path))
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


def read_xlsx_sheets(path: Path) -> Iterator[list[list[str]]]:
    """The rows of each worksheet in turn (the workbook is closed when the iteration ends)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
