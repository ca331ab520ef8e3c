"""A school's visit history for its card: the visits, newest first, and its recommendations.

Recommendations are listed open first (by deadline), then done and cancelled ones; overdue open
ones are marked as on the Visits page. A double-click on a visit, or on a recommendation given
at a visit, asks to open that visit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.ui.common.widgets.list_table import ListTable
from curator_desktop.ui.visits.recommendation_model import RecommendationTableModel
from curator_desktop.ui.visits.table_model import SORT_FIELDS, VisitColumn, VisitTableModel

if TYPE_CHECKING:
    from curator_desktop.domain.summaries import VisitSummary
    from curator_desktop.domain.visits.records import RecommendationRecord
    from curator_desktop.services.context import AppContext


class SchoolVisitsWidget(QWidget):
    """The «Visits» tab of a school's card; ``refresh`` reloads it after a visit changed."""

    visit_open_requested = Signal(str)
    """A visit (or a recommendation's visit) was activated: the visit's id."""
    new_visit_requested = Signal(str)
    """«New visit…»: the school's id."""

    def __init__(self, context: AppContext, school_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._school_id = school_id
        self._sort = (VisitColumn.DATE, Qt.SortOrder.DescendingOrder)
        self.clock: Callable[[], dt.date] = dt.date.today
        """Where «today» comes from (tests set a fixed date)."""

        self.visits_label = QLabel()
        self.new_button = QPushButton(_("New visit…"))
        self.new_button.setToolTip(_("Plan or record a visit to this school"))
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.visit_model = VisitTableModel(self, show_school=False)
        self.visit_table = ListTable(
            self.visit_model,
            sort_column=self.visit_model.column_of(VisitColumn.DATE),
            sort_order=Qt.SortOrder.DescendingOrder,
        )
        self.visit_table.view.setAccessibleName(_("Visits"))
        self.visit_model.sort_requested.connect(self._on_visit_model_sort_requested)
        self.visit_table.row_activated.connect(self._on_visit_table_row_activated)

        self.recommendations_label = QLabel()
        self.recommendation_model = RecommendationTableModel(
            self, show_school=False, show_status=True
        )
        assert self.recommendation_model.status_column is not None
        self.recommendation_table = ListTable(
            self.recommendation_model,
            sort_column=self.recommendation_model.status_column,
            sort_order=Qt.SortOrder.AscendingOrder,
        )
        self.recommendation_table.view.setAccessibleName(_("Recommendations"))
        self.recommendation_table.row_activated.connect(self._on_recommendation_table_row_activated)
        self._build_layout()
        self.refresh()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.visits_label, 1)
        top.addWidget(self.new_button)
        visits = QWidget()
        visits_layout = QVBoxLayout(visits)
        visits_layout.setContentsMargins(0, 0, 0, 0)
        visits_layout.addLayout(top)
        visits_layout.addWidget(self.visit_table, 1)
        recommendations = QWidget()
        recommendations_layout = QVBoxLayout(recommendations)
        recommendations_layout.setContentsMargins(0, 0, 0, 0)
        recommendations_layout.addWidget(self.recommendations_label)
        recommendations_layout.addWidget(self.recommendation_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(visits)
        self.splitter.addWidget(recommendations)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    @property
    def school_id(self) -> str:
        return self._school_id

    def refresh(self) -> None:
        """Reload the school's visits and recommendations from the store."""
        from curator_desktop.store.repositories.visits import VisitQuery, VisitSort

        today = self.clock()
        column, order = self._sort
        query = VisitQuery(
            school_id=self._school_id,
            sort=VisitSort(SORT_FIELDS[column]),
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        repository = self._context.visits
        ids = repository.search(query, today=today)
        self.visit_model.set_fetcher(repository.summaries_for)
        self.visit_model.today = today
        self.visit_model.set_ids(ids)
        self.visits_label.setText(
            ngettext("{n} visit", "{n} visits", len(ids)).format(n=format_number(len(ids)))
        )
        if ids:
            self.visit_table.show_rows()
        else:
            self.visit_table.show_empty(
                _("No visits yet"),
                _(
                    "Plan the first visit with «New visit…»: it is listed here and on the "
                    "Visits page."
                ),
            )

        records = self._context.recommendations.of_school(self._school_id)
        self.recommendation_model.today = today
        self.recommendation_model.set_rows(records)  # by deadline, then open first (stable sort)
        still_open = sum(1 for record in records if record.status == "open")
        self.recommendations_label.setText(
            ngettext(
                "{n} recommendation, {open} open", "{n} recommendations, {open} open", len(records)
            ).format(n=format_number(len(records)), open=format_number(still_open))
        )
        if records:
            self.recommendation_table.show_rows()
        else:
            self.recommendation_table.show_empty(
                _("No recommendations yet"),
                _("Recommendations are written in a visit and stay here until they are closed."),
            )

    # -- slots ---------------------------------------------------------------------------------

    def _on_new_button_clicked(self) -> None:
        self.new_visit_requested.emit(self._school_id)

    def _on_visit_model_sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (VisitColumn(column), order)
        self.refresh()

    def _on_visit_table_row_activated(self, row: VisitSummary | None) -> None:
        if row is not None:
            self.visit_open_requested.emit(row.id)

    def _on_recommendation_table_row_activated(self, record: RecommendationRecord | None) -> None:
        if record is not None and record.visit_id:
            self.visit_open_requested.emit(record.visit_id)
