"""Enter on a row of a table inside a dialog: the row's action, never the dialog's default button.

An item view reports Enter as «activated» and then lets the key go on to its dialog, where the
default button (the school card's «Save») would also fire and close the card. The filter here
takes the key: the row is activated and nothing else happens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from curator_desktop.ui.common.widgets.table_stack import TableStack

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_KEPT = "enterKept"
"""The property marking a view that already has its keeper."""


class _EnterKeeper(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in _ENTER or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if self._view.state() == QAbstractItemView.State.EditingState:
            return False  # the cell's editor commits on Enter
        index = self._view.currentIndex()
        if index.isValid():
            self._view.activated.emit(index)  # a TableStack's ``row_activated`` follows
        return True


def keep_enter(*tables: TableStack | QAbstractItemView) -> None:
    """Enter on ``tables`` activates their current row and goes no further."""
    for table in tables:
        view = table.view if isinstance(table, TableStack) else table
        if not view.property(_KEPT):
            view.setProperty(_KEPT, True)
            view.installEventFilter(_EnterKeeper(view))


def keep_enter_within(window: QWidget) -> None:
    """Keep Enter on every table and list of ``window`` (not on the lists of its pop-ups: a combo
    box's or a calendar's own window takes Enter as a choice)."""
    views = window.findChildren(QAbstractItemView)
    keep_enter(*(v for v in views if v.window() is window and not isinstance(v, QHeaderView)))
