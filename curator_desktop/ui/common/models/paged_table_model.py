"""A table model over the ordered ids of a store query, its rows fetched a page at a time.

The store filters, searches and sorts (a coordinator's store holds tens of thousands of rows);
the model holds only the ids of the current query and asks a fetcher for rows a page at a time
when the view shows them, keeping the most recently used pages. Sorting is the store's job: a
click on a header only emits ``sort_requested``.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from curator_desktop.ui.common.models.row_table_model import (
    HIGHLIGHT_ROLE,
    ROW_ROLE,
    ColumnTableModel,
    alignment,
    cell_data,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 200
"""Rows fetched from the store at once."""
CACHE_PAGES = 10
"""Pages kept; the least recently used one is dropped beyond this."""
MAX_CACHED_CELLS = 5000
"""Rows whose cells are kept across searches at most (then the cache starts afresh)."""

_CACHED_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
)
"""The roles a painted cell asks for that depend on its row: worked out once per row."""
_ANSWERED_ROLES = frozenset(
    {
        *_CACHED_ROLES,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        HIGHLIGHT_ROLE,
        ROW_ROLE,
    }
)
"""The roles with an answer; the others (font, check state, decoration…) are asked for every
painted cell and need no row."""


class Identified(Protocol):
    @property
    def id(self) -> str: ...


Row = TypeVar("Row", bound=Identified)


class PagedTableModel(ColumnTableModel, Generic[Row]):
    """Rows of a store query shown by id; subclasses declare ``columns`` and ``noun``."""

    sort_requested = Signal(int, Qt.SortOrder)
    """A header asked for this order; the owner queries the store and calls ``set_ids``."""

    noun = "rows"
    """What a row is, for the log ("schools", "visits")."""

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
        self._fetch: Callable[[Sequence[str]], list[Row]] | None = None
        self._pages: OrderedDict[int, list[Row | None]] = OrderedDict()
        self._cells: dict[str, dict[int, tuple[Any, ...]]] = {}
        """By row id, per cached role, the value of each column (a repaint asks for every cell;
        rows shown again after a new search keep theirs when ``set_ids`` is told they are
        current)."""
        self.pages_fetched = 0
        """How many pages were read from the store since the model was made (for tests)."""

    # -- content -------------------------------------------------------------------------------

    def set_fetcher(self, fetch: Callable[[Sequence[str]], list[Row]] | None) -> None:
        """Where rows come from: ``fetch(ids)`` returns their rows (missing ids left out)."""
        self._fetch = fetch
        self._pages.clear()
        self._cells.clear()

    def set_ids(self, ids: Sequence[str], *, rows_current: bool = False) -> None:
        """Show these rows, in this order. Rows read before are dropped (they may be stale)
        unless ``rows_current``: the fetcher's data has not changed since they were read."""
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        if not rows_current or len(self._cells) > MAX_CACHED_CELLS:
            self._cells.clear()
        self.endResetModel()

    def ids(self) -> list[str]:
        return list(self._ids)

    def shows(self, ids: Sequence[str]) -> bool:
        """True when exactly these rows are shown, in this order."""
        return self._ids == list(ids)

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, row_id: str) -> int:
        """The row showing ``row_id``, or -1."""
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> Row | None:
        """The row object shown in ``row`` (fetching its page if needed); None if it is gone."""
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

    def rows(self) -> list[Row]:
        """Every row of the current list in order (reads them all: for tests and small lists)."""
        if self._fetch is None or not self._ids:
            return []
        return self._fetch(self._ids)

    def is_cached(self, row: int) -> bool:
        return row // self.page_size in self._pages

    def cached_pages(self) -> list[int]:
        """Numbers of the pages in the cache, least recently used first."""
        return list(self._pages)

    def _load_page(self, number: int) -> list[Row | None] | None:
        if self._fetch is None:
            return None
        ids = self._ids[number * self.page_size : (number + 1) * self.page_size]
        try:
            found = {row.id: row for row in self._fetch(ids)}
        except Exception:  # the store went away (closed, restored): show blanks, retry later
            log.warning("Could not read a page of %s", self.noun, exc_info=True)
            return None
        self._pages[number] = page = [found.get(row_id) for row_id in ids]
        self.pages_fetched += 1
        while len(self._pages) > self.cache_pages:
            self._pages.popitem(last=False)
        return page

    # -- Qt model ------------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._ids)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in _ANSWERED_ROLES:
            return None
        number = index.column()
        if not 0 <= number < len(self.columns):
            return None
        if role in _CACHED_ROLES:
            row_number = index.row()
            if not 0 <= row_number < len(self._ids):
                return None
            cells = self._cells.get(self._ids[row_number])
            if cells is None:
                cells = self._cells_of(row_number)
            return cells[role][number] if cells else None
        column = self.columns[number]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column)
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        return cell_data(column, row, role)

    def _cells_of(self, number: int) -> dict[int, tuple[Any, ...]] | None:
        """The cached roles of every column of row ``number`` (fetching its page if needed)."""
        row = self.row_at(number)
        if row is None:
            return None
        self._cells[row.id] = cells = {
            role: tuple(cell_data(column, row, role) for column in self.columns)
            for role in _CACHED_ROLES
        }
        return cells

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the owner to query the store in this order (the model never sorts itself)."""
        if 0 <= column < len(self.columns):
            self.sort_requested.emit(self.sort_column(column), order)

    def sort_column(self, section: int) -> int:
        """What ``sort_requested`` names for a click on ``section`` (by default the section)."""
        return section
