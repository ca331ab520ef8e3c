"""From a search box into the list it searches, and back, with the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

_INTO_LIST = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchLead(QObject):
    """↓ or Enter in ``search`` moves into the list (the selected row, else the first one);
    ↑ on the list's first row goes back to the search. ``view`` is the list, or a function
    giving the one shown now (a page that switches lists)."""

    def __init__(
        self, search: QLineEdit, view: QAbstractItemView | Callable[[], QAbstractItemView]
    ) -> None:
        super().__init__(search)
        self._search = search
        self._view = view if callable(view) else (lambda: view)
        self._watched: set[int] = set()
        search.installEventFilter(self)

    def view(self) -> QAbstractItemView:
        view = self._view()
        if id(view) not in self._watched:  # a list shown for the first time
            self._watched.add(id(view))
            view.installEventFilter(self)
        return view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if not plain:
            return False
        if watched is self._search and event.key() in _INTO_LIST:
            return self.enter_list()
        if event.key() == Qt.Key.Key_Up and isinstance(watched, QAbstractItemView):
            current = watched.currentIndex()
            if watched is self._view() and current.isValid() and current.row() == 0:
                self._search.setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
        return False

    def enter_list(self) -> bool:
        """Focus the list with a row selected; False (nothing done) when it shows no rows."""
        view = self.view()
        model = view.model()
        if model is None or model.rowCount() == 0 or not view.isVisible():
            return False
        current = view.currentIndex()
        if not current.isValid():
            current = model.index(0, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            view.selectionModel().setCurrentIndex(current, flags)
        view.scrollTo(current)
        view.setFocus(Qt.FocusReason.TabFocusReason)
        return True
