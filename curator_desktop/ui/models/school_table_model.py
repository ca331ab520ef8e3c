"""The schools list as a Qt table model over the ordered ids of a query, rows fetched in pages.

The model holds only the ids the store returned for the current query (a few thousand strings at
most) and asks a fetcher for ``SchoolSummary`` rows a page at a time when the view shows them,
keeping the most recently used pages. Sorting is the store's job: a click on a header only
emits ``sort_requested``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from curator_desktop.domain.enums import Programme, RiskLevel, SchoolStatus
from curator_desktop.domain.summaries import SchoolSummary
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.models.row_table_model import ROW_ROLE, Column, column_header

log = logging.getLogger(__name__)

PAGE_SIZE = 200
"""Rows fetched from the store at once."""
CACHE_PAGES = 10
"""Pages kept; the least recently used one is dropped beyond this."""

Fetcher = Callable[[Sequence[str]], list[SchoolSummary]]
_ATTENTION = QColor("#b3261e")


class SchoolColumn(IntEnum):
    NAME = 0
    MUNICIPALITY = 1
    PROGRAMME = 2
    STATUS = 3
    NEXT_VISIT = 4
    OPEN_RECOMMENDATIONS = 5
    HIGHEST_RISK = 6


SORT_FIELDS: dict[SchoolColumn, str] = {
    SchoolColumn.NAME: "name",
    SchoolColumn.MUNICIPALITY: "municipality",
    SchoolColumn.PROGRAMME: "programme",
    SchoolColumn.STATUS: "status",
    SchoolColumn.NEXT_VISIT: "next_visit",
    SchoolColumn.OPEN_RECOMMENDATIONS: "open_recommendations",
    SchoolColumn.HIGHEST_RISK: "highest_risk",
}
"""The store's sort key (``SchoolSort`` value) of each column."""
_BIGGEST_FIRST = frozenset({SchoolColumn.OPEN_RECOMMENDATIONS, SchoolColumn.HIGHEST_RISK})
"""Columns whose first click sorts descending (the schools needing attention on top)."""


def _programme(row: SchoolSummary) -> str:
    label = Programme.label_for(row.programme)
    return f"{label}, {row.cohort_year}" if row.cohort_year else label


def _status(row: SchoolSummary) -> str:
    label = SchoolStatus.label_for(row.status)
    return _("{status} (archived)").format(status=label) if row.archived else label


def _risk(row: SchoolSummary) -> str:
    if row.highest_risk is None:
        return _("not verified")
    return RiskLevel.label_for(row.highest_risk)


def _next_visit(row: SchoolSummary) -> str:
    return format_date(row.next_visit, "short") if isinstance(row.next_visit, dt.date) else ""


class SchoolTableModel(QAbstractTableModel):
    """One row per school: name, municipality, programme, status, next visit, open recs, risk."""

    sort_requested = Signal(int, Qt.SortOrder)
    """A header asked for this order; the owner queries the store and calls ``set_ids``."""

    columns: tuple[Column[SchoolSummary], ...] = (
        Column(
            lambda: _("School"),
            lambda r: r.short_name or r.full_name,
            tooltip=lambda r: r.full_name,
            max_width=340,
        ),
        Column(
            lambda: _("Municipality"), lambda r: r.municipality, tooltip=lambda r: r.municipality
        ),
        Column(lambda: _("Programme"), _programme, tooltip=_programme),
        Column(lambda: _("Status"), _status),
        Column(lambda: _("Next visit"), _next_visit),
        Column(
            lambda: _("Recommendations"),
            lambda r: str(r.open_recommendations),
            align_right=True,
            header_tip=lambda: _("Open recommendations (not done and not cancelled)"),
        ),
        Column(
            lambda: _("Risk"),
            _risk,
            attention=lambda r: r.highest_risk == RiskLevel.HIGH,
            header_tip=lambda: _("Highest verified risk level in the latest cycle year"),
        ),
    )

    def __init__(
        self,
        parent: Any = None,
        *,
        page_size: int = PAGE_SIZE,
        cache_pages: int = CACHE_PAGES,
    ) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.cache_pages = cache_pages
        self._ids: list[str] = []
        self._fetch: Fetcher | None = None
        self._pages: OrderedDict[int, list[SchoolSummary | None]] = OrderedDict()
        self.pages_fetched = 0
        """How many pages were read from the store since the model was made (for tests)."""

    # -- content -------------------------------------------------------------------------------

    def set_fetcher(self, fetch: Fetcher | None) -> None:
        """Where rows come from: ``fetch(ids)`` returns their summaries (missing ids left out)."""
        self._fetch = fetch
        self._pages.clear()

    def set_ids(self, ids: Sequence[str]) -> None:
        """Show these schools, in this order; cached rows are dropped (they may be stale)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self.endResetModel()

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, school_id: str) -> int:
        """The row showing ``school_id``, or -1."""
        try:
            return self._ids.index(school_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> SchoolSummary | None:
        """The summary shown in ``row`` (fetching its page if needed); None if it is gone."""
        if not 0 <= row < len(self._ids):
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
            if page is None:
                return None
        else:
            self._pages.move_to_end(number)
        return page[offset]

    def rows(self) -> list[SchoolSummary]:
        """Every row of the current list in order (reads them all: for tests and small lists)."""
        if self._fetch is None or not self._ids:
            return []
        return self._fetch(self._ids)

    def is_cached(self, row: int) -> bool:
        return row // self.page_size in self._pages

    def cached_pages(self) -> list[int]:
        """Numbers of the pages in the cache, least recently used first."""
        return list(self._pages)

    def _load_page(self, number: int) -> list[SchoolSummary | None] | None:
        if self._fetch is None:
            return None
        ids = self._ids[number * self.page_size : (number + 1) * self.page_size]
        try:
            found = {summary.id: summary for summary in self._fetch(ids)}
        except Exception:  # the store went away (closed, restored): show blanks, retry later
            log.warning("Could not read a page of schools", exc_info=True)
            return None
        page = [found.get(school_id) for school_id in ids]
        self._pages[number] = page
        self.pages_fetched += 1
        while len(self._pages) > self.cache_pages:
            self._pages.popitem(last=False)
        return page

    # -- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.InitialSortOrderRole
            and orientation == Qt.Orientation.Horizontal
        ):
            biggest_first = section in _BIGGEST_FIRST
            return Qt.SortOrder.DescendingOrder if biggest_first else Qt.SortOrder.AscendingOrder
        return column_header(self.columns, section, orientation, role)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            ROW_ROLE,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip(row) or None) if column.tooltip else None
        if column.attention and column.attention(row):
            return QBrush(_ATTENTION)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the owner to query the store in this order (the model never sorts itself)."""
        if 0 <= column < len(self.columns):
            self.sort_requested.emit(column, order)
