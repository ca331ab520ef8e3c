"""A roadmap as plain text with tab-separated cells (extracted from PDF or DOCX) → table rows.

Lines before the header row are the preamble (letterhead, order, title); lines after the last
row with cells are the trailer (the abbreviation list). In between, a line with tabs is a table
row and a line without tabs («3. Работа с обучающимися с ОВЗ») a section heading; blank lines
are dropped. Wrapped rows, repeated headers and headings are then sorted out row by row, as for
any other format (:func:`roadmap_table.parse_roadmap_rows`).
"""

from __future__ import annotations

from curator_desktop.domain.roadmap.columns import is_blank, recognise_header
from curator_desktop.domain.roadmap.document import ParsedRoadmap
from curator_desktop.domain.roadmap.table import no_table_error, parse_roadmap_rows


def split_text(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """``text`` as (preamble lines, table rows, trailer lines); raises when no header is found."""
    lines = text.replace("\ufeff", "").splitlines()
    header = next(
        (
            index
            for index, line in enumerate(lines)
            if "\t" in line and recognise_header(line.split("\t")) is not None
        ),
        None,
    )
    if header is None:
        raise no_table_error()
    last = max(
        index
        for index in range(header, len(lines))
        if "\t" in lines[index] and not is_blank(lines[index].split("\t"))
    )
    rows = [
        line.split("\t") if "\t" in line else [line.strip()]
        for line in lines[header : last + 1]
        if line.strip()
    ]
    return lines[:header], rows, lines[last + 1 :]


def parse_roadmap_text(text: str) -> ParsedRoadmap:
    """Read a roadmap from tab-separated text (see the module's docstring)."""
    preamble, rows, trailer = split_text(text)
    return parse_roadmap_rows(rows, preamble=preamble, trailer=trailer)
