"""A searchable, sortable table of records that explains itself when it is empty."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.models.row_table_model import ROW_ROLE, RowTableModel
from curator_desktop.ui.common.models.search_proxy import SearchProxyModel
from curator_desktop.ui.common.widgets.roomy_columns import fit_to_content
from curator_desktop.ui.common.widgets.table_stack import TableStack


class RecordTable(TableStack):
    """Shows the table, or an empty state (nothing stored yet / nothing matches the search)."""

    def __init__(
        self,
        model: RowTableModel[Any],
        parent: QWidget | None = None,
        *,
        sort_column: int = 0,
        sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    ) -> None:
        proxy = SearchProxyModel()
        proxy.setSourceModel(model)
        super().__init__(proxy, parent, columns=model.columns)
        self.model = model
        model.setParent(self)
        self.proxy = proxy
        proxy.setParent(self)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(sort_column, sort_order)
        self._empty_text = ("", "")
        self._query = ""

    def set_empty_text(self, title: str, hint: str) -> None:
        """What to say when there are no records at all."""
        self._empty_text = (title, hint)
        self._update_state()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        if self.roomy:
            fit_to_content(self.view, self.model.columns)
        else:
            self.view.resizeColumnsToContents()
            self._cap_column_widths()
        self._update_state()

    def set_query(self, text: str) -> None:
        self._query = text
        self.proxy.set_query(text)
        self._update_state()

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.proxy.set_predicate(predicate)
        self._update_state()

    def visible_rows(self) -> list[Any]:
        """Row objects in their current (filtered, sorted) order."""
        return [self.proxy.index(i, 0).data(ROW_ROLE) for i in range(self.proxy.rowCount())]

    def _cap_column_widths(self) -> None:
        header = self.view.horizontalHeader()
        for column, spec in enumerate(self.model.columns):
            header.resizeSection(column, min(max(header.sectionSize(column), 70), spec.max_width))

    def _update_state(self) -> None:
        if self.model.rowCount() == 0:
            self.empty.set_text(*self._empty_text)
            self.setCurrentWidget(self.empty)
        elif self.proxy.rowCount() == 0:
            query = self._query.strip()
            title = (
                _("Nothing found for «{query}»").format(query=query)
                if query
                else _("Nothing matches the filter")
            )
            self.empty.set_text(title, _("Check the spelling or clear the search and filters."))
            self.setCurrentWidget(self.empty)
        else:
            self.show_view()
