"""Table rows as printed → logical rows: wrapped rows joined, repeated headers dropped, headings.

Text extracted from PDF or DOCX breaks a row whose cell wrapped into several lines. The rule,
read off the real roadmaps: in a numbered table, a row that does not start with an item number
continues the row above cell by cell («Управленческие» + «команды школ, …»), across blank lines
and across a header row repeated after a page break. Such a row either keeps its leading empty
cells (``\\t\\tкоординаторы\\t…``) or drops the number column altogether, in which case it has
fewer cells than the header and is aligned to the right. A row whose number column holds text
and nothing else («1. Организационные мероприятия», «Методическое направление») is a section
heading, as is a lone capitalised text in the activity column. A table without numbers keeps
every row as an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from curator_desktop.domain.roadmap.columns import (
    ITEM_NUMBER,
    ColumnMap,
    Role,
    clean_cell,
    is_blank,
    is_column_numbering,
    is_header_repeat,
)

_NUMBERED_TEXT = re.compile(r"(\d{1,3}(?:\.\d{1,3})*[.)]?)\s+(\S.*)")


@dataclass
class LogicalRow:
    """An item row (cells aligned with the header) or a section heading (``heading`` set)."""

    cells: list[str] = field(default_factory=list)
    heading: str = ""

    @property
    def is_heading(self) -> bool:
        return bool(self.heading)


def join_text(first: str, second: str) -> str:
    """Two pieces of a wrapped cell: «психолого-» + «педагогической» joins without a space."""
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-") and first[-2:-1].isalpha() and second[:1].islower():
        return first + second
    return f"{first} {second}"


def is_item_number(text: str) -> bool:
    return bool(ITEM_NUMBER.fullmatch(text))


def _align(cells: list[str], columns: ColumnMap, number_col: int | None) -> list[str]:
    """Pad or trim ``cells`` to the header's width; a short continuation is right-aligned."""
    width = columns.width
    if len(cells) > width:  # stray cells past the header: kept in the last column
        return [*cells[: width - 1], " ".join(cell for cell in cells[width - 1 :] if cell)]
    missing = width - len(cells)
    first = cells[0] if cells else ""
    if missing and number_col == 0 and len(cells) > 1 and first and not is_item_number(first):
        match = _NUMBERED_TEXT.fullmatch(first)
        if match and missing == 1:  # the tab after the number was lost: «1.1 Назначение …»
            return [match.group(1), match.group(2), *cells[1:]]
        return [""] * missing + cells  # the number column was dropped: align right
    return cells + [""] * missing


def _is_numbered(rows: list[list[str]], number_col: int | None) -> bool:
    if number_col is None:
        return False
    numbered = unnumbered = 0
    for cells in rows:
        if number_col >= len(cells) or is_blank(cells):
            continue
        value = cells[number_col]
        if is_item_number(value):
            numbered += 1
        elif not value:
            unnumbered += 1
    return numbered > 0 and numbered >= unnumbered


def _lone_heading(cells: list[str], columns: ColumnMap, number_col: int | None) -> str:
    """The text of a row that is a section heading, or ""."""
    filled = [index for index, cell in enumerate(cells) if cell]
    if len(filled) != 1:
        return ""
    index = filled[0]
    text = cells[index]
    if number_col is not None and index == number_col:
        return "" if is_item_number(text) else text
    if index == 0 or columns.roles[index] is Role.TITLE:
        letters = [char for char in text if char.isalpha()]
        if letters and letters[0].isupper():
            return text
    return ""


def logical_rows(rows: Sequence[Sequence[str]], columns: ColumnMap) -> list[LogicalRow]:
    """The rows under the header as items and headings, wrapped rows joined."""
    number_col = columns.first(Role.NUMBER)
    cleaned = [[clean_cell(cell) for cell in row] for row in rows]
    cleaned = [
        cells
        for cells in cleaned
        if not is_blank(cells)
        and not is_column_numbering(cells)
        and not (len(cells) > 1 and is_header_repeat(cells, columns))
    ]
    aligned = [_align(cells, columns, number_col) for cells in cleaned]
    numbered = _is_numbered(aligned, number_col)
    result: list[LogicalRow] = []
    current: LogicalRow | None = None
    for cells in aligned:
        heading = _lone_heading(cells, columns, number_col)
        if heading:
            result.append(LogicalRow(heading=heading))
            current = None
            continue
        number = cells[number_col] if number_col is not None else ""
        if numbered and not is_item_number(number):
            if current is not None:
                current.cells = [join_text(a, b) for a, b in zip(current.cells, cells, strict=True)]
                continue
            if not number:
                continue  # the tail of a wrapped header: nothing to attach it to
        current = LogicalRow(cells=list(cells))
        result.append(current)
    return result
