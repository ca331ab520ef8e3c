"""Filtering a RowTableModel by a search query (every word must match, ё = е) and a predicate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from curator_desktop.domain.text import normalize_search
from curator_desktop.ui.common.models.row_table_model import ROW_ROLE, SEARCH_ROLE, SORT_ROLE


class SearchProxyModel(QSortFilterProxyModel):
    """Sorts by each column's sort key; keeps rows matching the query and the predicate."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_query(self, text: str) -> None:
        words = normalize_search(text).split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange()

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra filter over row objects (for combo-box filters); None shows every row."""
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._predicate is not None and not self._predicate(model.data(index, ROW_ROLE)):
            return False
        if not self._words:
            return True
        haystack = model.data(index, SEARCH_ROLE) or ""
        return all(word in haystack for word in self._words)
