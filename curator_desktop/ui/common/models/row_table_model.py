"""A read-only table model over a list of plain row objects, with columns declared as data.

Behind a :class:`~curator_desktop.ui.common.models.search_proxy.SearchProxyModel` the proxy sorts
and filters. A view may also use the model directly: ``sort`` then orders the rows with one Python
sort (a proxy calls ``data`` for every comparison, seconds for tens of thousands of rows) and
``set_rows`` keeps that order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from curator_desktop.domain.text import normalize_search, sort_key
from curator_desktop.ui.common import colours

Row = TypeVar("Row")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row object itself."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A value that sorts correctly (dates, numbers) where the display text would not."""
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
"""The row's normalized search text (lower case, ё → е)."""
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 4
"""How a cell is marked: ``ATTENTION``, ``CAUTION`` or None (for tests and delegates)."""

ATTENTION = "attention"
"""Needs action now (overdue, high risk): red text."""
CAUTION = "caution"
"""Will need action soon (due within days): a soft yellow band, dark text."""

_ATTENTION = QColor(colours.ATTENTION)
_CAUTION_TEXT = QColor(colours.CAUTION_TEXT)
_CAUTION_BACKGROUND = QColor(colours.CAUTION_BACKGROUND)


@dataclass(frozen=True)
class Column(Generic[Row]):
    """How one column shows a row: header, text, sort key, tooltip and when to draw attention."""

    header: Callable[[], str]
    text: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[Row], str] | None = None
    attention: Callable[[Row], bool] | None = None
    caution: Callable[[Row], bool] | None = None
    """A softer mark than ``attention`` (which wins when both hold)."""
    header_tip: Callable[[], str] | None = None
    max_width: int = 200
    """Wider text is elided (the tooltip has it whole); the last column takes the rest."""
    samples: Callable[[], Sequence[str]] | None = None
    """Every text the column can show, when they are few (labels of a status): a table can be
    made wide enough for all of them, not only for the rows it measured."""
    stretch: bool = False
    """The row's name, read whole: it takes the room the other columns leave and its text wraps
    (see :mod:`~curator_desktop.ui.common.widgets.roomy_columns`)."""


def column_header(
    columns: Sequence[Column[Any]], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    """``headerData`` of a model whose columns are declared as :class:`Column`."""
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(columns):
        return None
    column = columns[section]
    if role == Qt.ItemDataRole.DisplayRole:
        return column.header()
    if role == Qt.ItemDataRole.ToolTipRole:  # the full title, when a narrow column shortens it
        return column.header_tip() if column.header_tip is not None else column.header()
    return None


def highlight(column: Column[Any], row: Any) -> str | None:
    """``ATTENTION``, ``CAUTION`` or None for one cell."""
    if column.attention is not None and column.attention(row):
        return ATTENTION
    if column.caution is not None and column.caution(row):
        return CAUTION
    return None


def alignment(column: Column[Any]) -> int | None:
    """A column's ``TextAlignmentRole`` (the same for every row)."""
    if column.align_right:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def cell_data(column: Column[Any], row: Any, role: int) -> Any:
    """The display, tooltip, alignment and highlight roles of one cell (shared by models)."""
    if role == Qt.ItemDataRole.DisplayRole:
        return column.text(row)
    if role == Qt.ItemDataRole.ToolTipRole:
        return (column.tooltip(row) or None) if column.tooltip is not None else None
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return alignment(column)
    if role not in (
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        HIGHLIGHT_ROLE,
    ):
        return None
    mark = highlight(column, row)
    if role == HIGHLIGHT_ROLE or mark is None:
        return mark
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(_ATTENTION if mark == ATTENTION else _CAUTION_TEXT)
    return QBrush(_CAUTION_BACKGROUND) if mark == CAUTION else None


def sort_value(column: Column[Any], row: Any) -> Any:
    """The key a column sorts ``row`` by (text in natural, case-folded order; None as "")."""
    key = column.sort_key(row) if column.sort_key else column.text(row)
    if key is None:
        return ""
    return sort_key(key) if isinstance(key, str) else key


class ColumnTableModel(QAbstractTableModel):
    """A flat table whose ``columns`` are declared as :class:`Column`; subclasses say how many
    rows there are (``row_count``) and what a cell holds (``data``)."""

    columns: Sequence[Column[Any]] = ()

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.columns, section, orientation, role)


class RowTableModel(ColumnTableModel, Generic[Row]):
    """Rows are plain objects; subclasses declare ``columns`` and what a row's search text is."""

    columns: Sequence[Column[Row]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._search: list[str] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row (one reset), kept in the order of the last ``sort`` if any."""
        self.beginResetModel()
        self._rows = self._sorted(list(rows)) if self._sort else list(rows)
        self._search = None
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (stable; a view without a proxy calls this)."""
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        positions = self._sorted(list(range(len(self._rows))), by_position=True)
        self._rows = [self._rows[old] for old in positions]
        if self._search is not None:
            self._search = [self._search[old] for old in positions]
        moved = {old: new for new, old in enumerate(positions)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(moved[index.row()], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()

    def _sorted(self, items: list[Any], *, by_position: bool = False) -> list[Any]:
        assert self._sort is not None
        column, order = self._sort
        spec = self.columns[column]
        rows = self._rows

        def key(item: Any) -> Any:
            return sort_value(spec, rows[item] if by_position else item)

        return sorted(items, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def search_text(self, row: Row) -> str:
        """The text the search box matches; by default every column's text."""
        return " ".join(column.text(row) for column in self.columns)

    def row_count(self) -> int:
        return len(self._rows)

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
            if self._search is None:  # built on the first search, not on every load
                self._search = [normalize_search(self.search_text(r)) for r in self._rows]
            return self._search[index.row()]
        return cell_data(column, row, role)
