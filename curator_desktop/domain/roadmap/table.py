"""Rows of a roadmap's table → the document and its items (:class:`ParsedRoadmap`).

Every reader (text, CSV, DOCX, XLSX) ends here. The header row is found by its wording
(:mod:`roadmap_columns`); rows above it are more preamble; wrapped rows are joined and section
headings sorted out (:mod:`roadmap_rows`); rows under the last item that explain abbreviations
join the legend. Each item is marked when it is the curator's own — ведёт or посещает — with the
reason (:mod:`roadmap.relation`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.roadmap.columns import (
    ColumnMap,
    Role,
    clean_cell,
    recognise_header,
)
from curator_desktop.domain.roadmap.document import ParsedRoadmap, RoadmapDocument, RoadmapItem
from curator_desktop.domain.roadmap.legend import parse_legend, parse_legend_entry
from curator_desktop.domain.roadmap.preamble import (
    find_issuer,
    find_order,
    find_title,
    find_year,
    years_in,
)
from curator_desktop.domain.roadmap.relation import MINE, Relation, judge
from curator_desktop.domain.roadmap.rows import LogicalRow, is_item_number, logical_rows
from curator_desktop.i18n import _

NO_TABLE_FIELD = "table"
"""The ``field`` of the ValidationError raised when no roadmap table is found."""


def no_table_error() -> ValidationError:
    return ValidationError(
        _(
            "No roadmap table found: a table needs a header row naming the activity "
            "(e.g. «Мероприятие») and the deadline (e.g. «Сроки»)."
        ),
        field=NO_TABLE_FIELD,
    )


def find_header(rows: Sequence[Sequence[str]]) -> tuple[int, ColumnMap] | None:
    """The index of the first header row in ``rows`` and its columns, or None."""
    for index, row in enumerate(rows):
        columns = recognise_header(row)
        if columns is not None:
            return index, columns
    return None


def parse_roadmap_rows(
    rows: Sequence[Sequence[str]],
    *,
    preamble: Sequence[str] = (),
    trailer: Sequence[str] = (),
) -> ParsedRoadmap:
    """Read a roadmap from its table ``rows`` (header included) and the text around the table.

    ``preamble`` holds the lines before the table (letterhead, order, title), ``trailer`` those
    after it (the abbreviation list). Raises :class:`ValidationError` (``field="table"``) when no
    row names an activity and a deadline column.
    """
    found = find_header(rows)
    if found is None:
        raise no_table_error()
    header_index, columns = found
    above = [" ".join(clean_cell(cell) for cell in row) for row in rows[:header_index]]
    entries = _promote_parent_headings(logical_rows(rows[header_index + 1 :], columns), columns)
    last_item = max((i for i, entry in enumerate(entries) if not entry.is_heading), default=-1)
    items: list[RoadmapItem] = []
    tail: list[str] = []
    section = ""
    for index, entry in enumerate(entries):
        if entry.is_heading:
            if index > last_item:
                tail.append(entry.heading)
            else:
                section = entry.heading
            continue
        item = _item(entry.cells, columns, section)
        if item is not None:
            items.append(item)
    if not items:
        raise no_table_error()
    lines = [*preamble, *above]
    title = find_title(lines)
    order_number, order_date = find_order(lines)
    legend = parse_legend([*tail, *trailer])
    document = RoadmapDocument(
        title=title,
        issuer=find_issuer(lines),
        order_number=order_number,
        order_date=order_date,
        year=find_year(title, order_date) or _common_year(items),
        legend=legend,
    )
    warnings = _warnings(items, [line for line in tail if parse_legend_entry(line) is None])
    return ParsedRoadmap(document=document, items=tuple(items), warnings=tuple(warnings))


def _promote_parent_headings(entries: list[LogicalRow], columns: ColumnMap) -> list[LogicalRow]:
    """A numbered row with nothing but a title, followed by its sub-items («1» then «1.1»),
    is a section heading."""
    number_col = columns.first(Role.NUMBER)
    title_col = columns.first(Role.TITLE)
    if number_col is None or title_col is None:
        return entries
    result = list(entries)
    for index, entry in enumerate(entries[:-1]):
        following = entries[index + 1]
        if entry.is_heading or following.is_heading:
            continue
        number = entry.cells[number_col].rstrip(".)")
        others = [c for i, c in enumerate(entry.cells) if c and i not in (number_col, title_col)]
        if number and not others and following.cells[number_col].startswith(number + "."):
            result[index] = LogicalRow(
                heading=f"{entry.cells[number_col]} {entry.cells[title_col]}"
            )
    return result


def _joined(cells: Sequence[str], indexes: Sequence[int], separator: str) -> str:
    return separator.join(cells[index] for index in indexes if cells[index])


def _item(cells: Sequence[str], columns: ColumnMap, section: str) -> RoadmapItem | None:
    number_col = columns.first(Role.NUMBER)
    number = cells[number_col].rstrip(".)") if number_col is not None else ""
    if number and not is_item_number(number):
        number = ""
    title = _joined(cells, columns.columns(Role.TITLE), " ")
    extras = [
        f"{columns.headers[index]}: {cells[index]}" if columns.headers[index] else cells[index]
        for index, role in enumerate(columns.roles)
        if role is None and cells[index]
    ]
    description = "; ".join(
        part for part in (_joined(cells, columns.columns(Role.DESCRIPTION), "; "), *extras) if part
    )
    if not title:
        title, description = description, ""
    if not title:
        return None
    item = RoadmapItem(
        number=number,
        section=section,
        title=title,
        description=description,
        deadline_text=_joined(cells, columns.columns(Role.DEADLINE), " – "),
        responsible=_joined(cells, columns.columns(Role.RESPONSIBLE), "; "),
        indicator=_joined(cells, columns.columns(Role.INDICATOR), "; "),
        control=_joined(cells, columns.columns(Role.CONTROL), "; "),
    )
    judgement = judge(item)
    return replace(
        item,
        concerns_curator=judgement.relation in MINE,
        curator_reason=judgement.reason if judgement.relation is not Relation.NONE else "",
    )


def _common_year(items: Sequence[RoadmapItem]) -> int | None:
    """The year most deadlines name, when neither the title nor the order gives one."""
    years = Counter(year for item in items for year in years_in(item.deadline_text))
    return years.most_common(1)[0][0] if years else None


def _warnings(items: Sequence[RoadmapItem], skipped: Sequence[str]) -> list[str]:
    warnings: list[str] = []
    counts = Counter(item.number for item in items if item.number)
    for number, count in counts.items():
        if count > 1:
            warnings.append(
                _("Item number {number} appears {count} times; each row is kept.").format(
                    number=number, count=count
                )
            )
    for text in skipped:
        warnings.append(_("A line under the table was not read: «{text}».").format(text=text))
    return warnings
