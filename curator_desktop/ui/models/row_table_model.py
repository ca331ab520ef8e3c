"""A read-only table model over a list of plain row objects, with columns declared as data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from curator_desktop.domain.text import normalize_search

Row = TypeVar("Row")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row object itself."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A value that sorts correctly (dates, numbers) where the display text would not."""
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
"""The row's normalized search text (lower case, ё → е)."""

_ATTENTION = QColor("#b3261e")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """How one column shows a row: header, text, sort key, tooltip and when to draw attention."""

    header: Callable[[], str]
    text: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[Row], str] | None = None
    attention: Callable[[Row], bool] | None = None
    header_tip: Callable[[], str] | None = None
    max_width: int = 200
    """Wider text is elided (the tooltip has it whole); the last column takes the rest."""


def column_header(
    columns: Sequence[Column[Any]], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    """``headerData`` of a model whose columns are declared as :class:`Column`."""
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(columns):
        return None
    column = columns[section]
    if role == Qt.ItemDataRole.DisplayRole:
        return column.header()
    if role == Qt.ItemDataRole.ToolTipRole and column.header_tip is not None:
        return column.header_tip()
    return None


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows are plain objects; subclasses declare ``columns`` and what a row's search text is."""

    columns: Sequence[Column[Row]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._search: list[str] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row (one reset, cheap for the list sizes of a curator)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [normalize_search(self.search_text(row)) for row in self._rows]
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def search_text(self, row: Row) -> str:
        """The text the search box matches; by default every column's text."""
        return " ".join(column.text(row) for column in self.columns)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.columns, section, orientation, role)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self.columns)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            key = column.sort_key(row) if column.sort_key else column.text(row)
            return key if key is not None else ""
        if role == ROW_ROLE:
            return row
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.attention and column.attention(row):
            return QBrush(_ATTENTION)
        return None
