"""A table of rows whose model sorts itself (or asks the store to), or an empty state.

Unlike :class:`~curator_desktop.ui.common.widgets.record_table.RecordTable` there is no sorting
proxy: a proxy asks the model for data at every comparison, seconds for tens of thousands of rows.
The view calls the model's ``sort`` (a Python sort, or a request to query the store in that order),
and whoever fills the model also says what to show when it is empty.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QWidget

from curator_desktop.ui.common.models.row_table_model import ROW_ROLE
from curator_desktop.ui.common.widgets.column_fit import fitted_widths
from curator_desktop.ui.common.widgets.roomy_columns import stretch_column, word_widths
from curator_desktop.ui.common.widgets.table_stack import TableStack

FIT_ROWS = 200
"""Column widths are measured on this many rows."""
CELL_PADDING = 16
"""Room around a cell's text (margins and focus frame)."""
MIN_WIDTH = 70
"""No column is fitted narrower (unless its content is)."""
TITLE_SHARE = 60
"""Per cent of its title a fitted column keeps at least."""
FIRST_SHARE = 30
"""Per cent of the width the first column keeps when the columns have to give."""
WRAPPED_SHARE = 40
"""Per cent of the width a column whose text wraps (``Column.stretch``) keeps."""


class ListTable(TableStack):
    """The rows (sortable by a click on a header), or an empty state saying why there are none.

    ``row_activated`` carries the row object (``ROW_ROLE``) of a double-clicked or Enter row.
    Column widths are fitted to the content the first time rows are shown and to the table's
    width (no sideways scrolling while the columns can give, also when the window is resized),
    until the user sizes a column by hand.
    """

    def __init__(
        self,
        model: QAbstractItemModel,
        parent: QWidget | None = None,
        *,
        sort_column: int = 0,
        sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    ) -> None:
        super().__init__(model, parent, columns=getattr(model, "columns", ()))
        name = stretch_column(getattr(model, "columns", ()))
        if name is not None:  # sized here with the others (the table may scroll sideways)
            self.view.horizontalHeader().setSectionResizeMode(
                name, QHeaderView.ResizeMode.Interactive
            )
        self.model = model
        if model.parent() is None:
            model.setParent(self)
        header = self.view.horizontalHeader()
        header.setSortIndicator(sort_column, sort_order)
        self.view.setSortingEnabled(True)
        header.setResizeContentsPrecision(FIT_ROWS)
        header.sectionResized.connect(self._on_header_section_resized)
        self.view.viewport().installEventFilter(self)
        self._fitted = False
        self._natural: list[int] = []
        self._minimum: list[int] = []
        self._fitting = False
        self._sized_by_user = False

    def show_rows(self) -> None:
        """Show the table (fitting the columns the first time it has rows)."""
        if not self._fitted and self.model.rowCount():
            self._fitted = True
            self.view.resizeColumnsToContents()
            header = self.view.horizontalHeader()
            metrics = self.view.fontMetrics()
            widths = []
            for column, spec in enumerate(getattr(self.model, "columns", ())):
                width = max(header.sectionSize(column), 70)
                if spec.samples is not None:
                    texts = spec.samples()
                    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
                    width = max(width, widest + CELL_PADDING)
                widths.append(min(width, spec.max_width))
            self.set_natural_widths(widths)
        self.show_view()

    def set_natural_widths(self, widths: list[int]) -> None:
        """The widths the columns' content wants; they are fitted to the table's width (each
        column keeps at least its title, or all it wants when that is less)."""
        header = self.view.horizontalHeader()
        titles = header.fontMetrics()
        model = self.view.model()
        self._natural = list(widths)
        self._minimum = [  # a title may be shortened «…» (its tooltip says it in full)
            max(
                MIN_WIDTH,
                titles.horizontalAdvance(
                    str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                )
                * TITLE_SHARE
                // 100
                + CELL_PADDING,
            )
            for column in range(len(widths))
        ]
        if self.roomy:  # its text wraps, at the spaces: no column is narrower than a word
            words = word_widths(self.view, FIT_ROWS)
            pairs = zip(self._minimum, words, strict=False)
            self._minimum = [max(least, word) for least, word in pairs]
        self._sized_by_user = False
        self._fit_to_width()

    def _fit_to_width(self) -> None:
        if not self._natural or self._sized_by_user:
            return
        available = self.view.viewport().width()
        if available <= 0:
            return
        name = stretch_column(getattr(self.model, "columns", ())) or 0
        natural, minimum = list(self._natural), list(self._minimum)
        # The column naming the row keeps a share. When its text wraps it wants no more, and
        # the others give until they fit beside it; if they cannot, it gives up its share
        # (down to its longest word) before the table scrolls sideways.
        if self.roomy:
            others = sum(
                min(want, least)
                for column, (want, least) in enumerate(zip(natural, minimum, strict=True))
                if column != name
            )
            share = min(available * WRAPPED_SHARE // 100, available - others)
            natural[name] = minimum[name] = max(minimum[name], share)
        else:
            share = available * FIRST_SHARE // 100
            minimum[name] = max(minimum[name], min(natural[name], share))
        widths = fitted_widths(natural, minimum, available, name=name)
        header = self.view.horizontalHeader()
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _on_header_section_resized(self, *_args: object) -> None:
        # Only a drag on the header is the user's: the stretched last column resizes itself.
        dragging = QApplication.mouseButtons() & Qt.MouseButton.LeftButton
        if not self._fitting and self._natural and dragging:
            self._sized_by_user = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_to_width()
        return super().eventFilter(watched, event)

    def set_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        """Show this order on the header without asking the model to sort."""
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        try:
            header.setSortIndicator(column, order)
        finally:
            header.blockSignals(False)
        header.viewport().update()

    def sort_indicator(self) -> tuple[int, Qt.SortOrder]:
        header = self.view.horizontalHeader()
        return header.sortIndicatorSection(), header.sortIndicatorOrder()

    def row_object(self, row: int) -> Any:
        return self.model.index(row, 0).data(ROW_ROLE)

    def visible_rows(self) -> list[Any]:
        """The row objects in their current order (reads every row: for tests and small lists)."""
        return [self.row_object(row) for row in range(self.model.rowCount())]

    def selected_row(self) -> Any:
        """The selected row's object, or None."""
        index = self.view.currentIndex()
        return self.row_object(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectRow(row)
