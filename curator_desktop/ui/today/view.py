"""The «Сегодня» list: headings spanning the row, entries in columns; the arrows step over the
headings, Enter or a double-click opens the entry (``entry_activated``)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from curator_desktop.i18n import _
from curator_desktop.ui.today.model import DATE, NEXT, SCHOOL, WHAT, TodayModel

SCHOOL_SHARE = 30
"""Per cent of the width beside the date the school's column takes at most."""
WHAT_SHARE = 55
"""Per cent of the width left that «What» takes (the next step the rest)."""
WHAT_LINES = 2
"""At most this many lines of «What» make a row taller (the next step is always read whole)."""
CELL_PADDING = 24
INDENT = 12
"""How far the entries sit in from their heading."""
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_Move = QAbstractItemView.CursorAction
UPWARDS = (_Move.MoveUp, _Move.MovePageUp, _Move.MovePrevious)
SIDEWAYS = (_Move.MoveLeft, _Move.MoveRight)


class WrappingDelegate(QStyledItemDelegate):
    """Entries' texts wrapped in their column's width and top-aligned: the next step read whole,
    «What» in at most :data:`WHAT_LINES` lines (its last one elided; the tooltip has it all).
    The tree asks for a cell's size without its width, so unaided its text would stay one line."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def _is_entry(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.parent().isValid()  # headings are the top-level rows

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if self._is_entry(index):
            option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if not self._is_entry(index):
            return super().sizeHint(option, index)
        sized = QStyleOptionViewItem(option)
        sized.rect = QRect(0, 0, self._view.columnWidth(index.column()), 1)  # valid: it wraps
        hint = super().sizeHint(sized, index)
        if index.column() == WHAT:
            metrics = option.fontMetrics
            chrome = super().sizeHint(option, index).height() - metrics.height()
            hint.setHeight(min(hint.height(), chrome + WHAT_LINES * metrics.lineSpacing()))
        return hint


class TodayView(QTreeView):
    """Shows a :class:`TodayModel` expanded; ``entry_activated`` carries the row's index."""

    entry_activated = Signal(QModelIndex)

    def __init__(self, model: TodayModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.today_model = model
        model.heading_height = self.fontMetrics().height() * 2
        self.setAccessibleName(_("What is due"))
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setIndentation(INDENT)
        self.setAllColumnsShowFocus(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(True)  # a long «What» or next step wraps in its cell (150 % laptops)
        self.setItemDelegate(WrappingDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.doubleClicked.connect(self._on_double_clicked)
        model.modelReset.connect(self._on_model_reset)

    def _on_model_reset(self) -> None:
        self.expandAll()
        for row in range(self.today_model.rowCount()):
            self.setFirstColumnSpanned(row, QModelIndex(), True)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The date and the school as wide as their longest text (the school at most
        :data:`SCHOOL_SHARE` per cent of the width); what and the next step share the rest."""
        rows = self.today_model.entry_indexes()
        date_width = self._widest(DATE, rows) + INDENT
        width = max(self.viewport().width() - date_width, 300)
        school_width = min(self._widest(SCHOOL, rows), width * SCHOOL_SHARE // 100)
        spare = width - school_width
        widths = {DATE: date_width, SCHOOL: school_width, WHAT: spare * WHAT_SHARE // 100}
        widths[NEXT] = spare - widths[WHAT]
        if any(self.columnWidth(column) != width for column, width in widths.items()):
            for column, column_width in widths.items():
                self.setColumnWidth(column, column_width)
            self.scheduleDelayedItemsLayout()  # the rows' heights follow the wrapped texts

    def _widest(self, column: int, rows: list[QModelIndex]) -> int:
        model, metrics = self.today_model, self.fontMetrics()
        texts = [model.headerData(column, Qt.Orientation.Horizontal)]
        texts += [model.data(model.index(i.row(), column, i.parent())) or "" for i in rows]
        return max(metrics.horizontalAdvance(str(text)) for text in texts) + CELL_PADDING

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """As the tree moves, stepping over the headings (and staying put at either end);
        left and right do not move (they would climb to a heading)."""
        if action in SIDEWAYS:
            return self.currentIndex()
        index = super().moveCursor(action, modifiers)
        step = self.indexAbove if action in UPWARDS else self.indexBelow
        while index.isValid() and self.today_model.is_heading(index):
            index = step(index)
        return index if index.isValid() else self.currentIndex()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and self.currentIndex().isValid():
            self.entry_activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.entry_activated.emit(index)

    def select_first(self) -> None:
        """Make the first entry current (so the arrows and Enter act at once)."""
        entries = self.today_model.entry_indexes()
        if entries:
            self.setCurrentIndex(entries[0])
