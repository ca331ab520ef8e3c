"""The Visits page: every visit, newest first, with search and a status filter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from curator_desktop.domain.enums import VisitStatus
from curator_desktop.i18n import _, ngettext
from curator_desktop.ui.models.visit_table_model import VisitTableModel, is_overdue
from curator_desktop.ui.pages.page import Page
from curator_desktop.ui.widgets.record_table import RecordTable

OVERDUE = "overdue"


class VisitsPage(Page):
    """Lists visits; overdue planned visits are highlighted."""

    kinds = frozenset({"visits", "schools"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by school, type, status or purpose"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.status_filter = QComboBox()
        self.status_filter.addItem(_("All statuses"), None)
        for value, label in VisitStatus.choices():
            self.status_filter.addItem(label, value)
        self.status_filter.addItem(_("Overdue"), OVERDUE)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.table = RecordTable(VisitTableModel(), sort_order=Qt.SortOrder.DescendingOrder)
        self.table.set_empty_text(_("Opening the store…"), "")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        self.build_layout(filters, self.table, beside_title=(self.count_label,))

    def title(self) -> str:
        return _("Visits")

    def refresh(self) -> None:
        if self.context is None:
            return
        rows = self.context.visits.summaries()
        self.table.set_empty_text(
            _("No visits recorded yet"),
            _(
                "Visits are recorded for an assigned school: the first one is usually the primary "
                "visit in February–March."
            ),
        )
        self.table.set_rows(rows)
        self.count_label.setText(ngettext("{n} visit", "{n} visits", len(rows)).format(n=len(rows)))

    def _on_search_text_changed(self, text: str) -> None:
        self.table.set_query(text)

    def _on_status_filter_changed(self) -> None:
        wanted = self.status_filter.currentData()
        if wanted is None:
            self.table.set_predicate(None)
        elif wanted == OVERDUE:
            self.table.set_predicate(is_overdue)
        else:
            self.table.set_predicate(lambda row: row.status == wanted)
