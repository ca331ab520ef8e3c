"""The base of the app's list tables: a read-only table view, or an empty state in its place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStackedWidget, QTableView, QWidget

from curator_desktop.ui.common.models.row_table_model import ROW_ROLE, Column
from curator_desktop.ui.common.widgets.empty_state import EmptyState
from curator_desktop.ui.common.widgets.roomy_columns import make_roomy


class TableStack(QStackedWidget):
    """A table of rows (one selected at a time, alternating colours, no row numbers, columns the
    user resizes, the last one stretched, Tab moving on to the next widget) and an empty state
    to show instead. Text does not wrap, unless a column stretches (``Column.stretch``): then
    that one takes the spare width and rows are as tall as their text.

    ``row_activated`` carries the row object (``ROW_ROLE``) of a double-clicked or Enter row.
    Subclasses set up sorting and say when to show the rows.
    """

    row_activated = Signal(object)

    def __init__(
        self,
        view_model: QAbstractItemModel,
        parent: QWidget | None = None,
        *,
        columns: Sequence[Column[Any]] = (),
    ) -> None:
        """``columns``: how the model's columns show (one may stretch: see ``make_roomy``)."""
        super().__init__(parent)
        self.view = QTableView()
        self.view.setModel(view_model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.verticalHeader().setVisible(False)
        font = self.view.font()  # Cyrillic and Latin cells need no kerning or ligatures:
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)  # a third off each repaint
        self.view.setFont(font)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow column: «Рекоменд…»
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.activated.connect(self._on_view_activated)
        self.roomy = make_roomy(self.view, columns)
        """Whether a column stretches and wraps (then rows are as tall as their text)."""
        self.empty = EmptyState()
        self.addWidget(self.view)
        self.addWidget(self.empty)

    def show_view(self) -> None:
        """Show the rows, laid out now: after a model reset the view would otherwise paint
        once with its old layout and again when its delayed layout runs."""
        self.setCurrentWidget(self.view)
        self.view.executeDelayedItemsLayout()

    def show_empty(self, title: str, hint: str = "") -> None:
        """Show the empty state, saying why there are no rows."""
        self.empty.set_text(title, hint)
        self.setCurrentWidget(self.empty)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.row_activated.emit(index.data(ROW_ROLE))
