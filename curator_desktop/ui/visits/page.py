"""The Visits page: every visit, the upcoming and the overdue ones, and open recommendations.

A tab bar switches the view; the filter bar (search, school, type, status, period) narrows it.
Visits are filtered, searched and sorted by the store and read a page at a time (a
coordinator's store holds tens of thousands); open recommendations are read whole (a few per
visit) and narrowed here. «Today» comes from ``clock`` so tests can fix it. A hidden page
reloads when it is next shown, not on every change to the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.changes import Change
from curator_desktop.domain.text import normalize_search
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.keyboard import SearchLead
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.shortcuts import NEW_VISIT_SHORTCUT
from curator_desktop.ui.common.widgets.list_table import ListTable
from curator_desktop.ui.visits.filters import VisitFilters
from curator_desktop.ui.visits.recommendation_model import RecommendationTableModel
from curator_desktop.ui.visits.table_model import SORT_FIELDS, VisitColumn, VisitTableModel

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import RecommendationRecord
    from curator_desktop.store.repositories.visits import VisitQuery, VisitSignals

"""Free in the main window (Ctrl+N is «New school»): for a «New visit…» menu action."""
_ATTENTION = QColor(colours.ATTENTION)

Sort = tuple[VisitColumn, Qt.SortOrder]


class VisitView(StrEnum):
    """The page's views, in tab order (the first three are ``VisitScope`` values)."""

    ALL = "all"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"
    RECOMMENDATIONS = "recommendations"


_NATURAL_SORT: dict[VisitView, Sort] = {
    VisitView.ALL: (VisitColumn.DATE, Qt.SortOrder.DescendingOrder),
    VisitView.UPCOMING: (VisitColumn.DATE, Qt.SortOrder.AscendingOrder),
    VisitView.OVERDUE: (VisitColumn.DATE, Qt.SortOrder.AscendingOrder),
}
"""Newest first; soonest first; longest overdue first."""


class VisitsPage(Page):
    """Lists visits and open recommendations; overdue ones are marked, deadlines counted down."""

    kinds = frozenset({Change.VISITS, Change.SCHOOLS, Change.RECOMMENDATIONS})

    visit_activated = Signal(str)
    """A visit row was double-clicked or Enter pressed on it: the visit's id."""
    new_visit_requested = Signal(str)
    """«New visit…»: the id of the school chosen in the filter, or "" when none is."""
    recommendation_activated = Signal(str, str)
    """A recommendation row was activated: its visit's id (or ""), its school's id."""
    results_shown = Signal()
    """The current view's rows are on screen (after every refresh, filter, sort or switch)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock: Callable[[], dt.date] = dt.date.today
        """Where «today» comes from (tests set a fixed date)."""
        self._stale = True
        self._sorts: dict[VisitView, Sort] = dict(_NATURAL_SORT)
        self._recommendations: list[RecommendationRecord] | None = None
        self._recommendation_texts: list[str] = []

        self.count_label = QLabel()
        self.new_button = QPushButton(_("New visit…"))
        shortcut = QKeySequence(NEW_VISIT_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self.new_button.setToolTip(
            _("Plan or record a visit, for the school chosen in the filter ({shortcut})").format(
                shortcut=shortcut
            )
        )
        self.new_button.clicked.connect(self.request_new_visit)
        self.view_tabs = QTabBar()
        self.view_tabs.setExpanding(False)
        self.view_tabs.setDocumentMode(True)
        for view in VisitView:
            self.view_tabs.setTabData(self.view_tabs.addTab(""), view.value)
        self._update_tab_labels(None)

        self.filters = VisitFilters()
        self.filters.today = lambda: self.clock()
        self.search = self.filters.search
        self.school_filter = self.filters.school_filter
        self.status_filter = self.filters.status_filter

        self.visit_model = VisitTableModel(self)
        self.table = ListTable(
            self.visit_model,
            sort_column=VisitColumn.DATE,
            sort_order=Qt.SortOrder.DescendingOrder,
        )
        self.table.show_empty(_("Opening the store…"))
        self.recommendation_model = RecommendationTableModel(self)
        self.recommendation_table = ListTable(
            self.recommendation_model,
            sort_column=self.recommendation_model.deadline_column,
            sort_order=Qt.SortOrder.AscendingOrder,
        )
        self.recommendation_table.view.setAccessibleName(_("Recommendations"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.recommendation_table)
        self.search_lead = SearchLead(self.search, self._shown_view)

        self.visit_model.sort_requested.connect(self._on_visit_model_sort_requested)
        self.table.row_activated.connect(self._on_table_row_activated)
        self.recommendation_table.row_activated.connect(self._on_recommendation_table_row_activated)
        self.filters.changed.connect(self._on_filters_changed)
        self.view_tabs.currentChanged.connect(self._on_view_tabs_current_changed)
        self._build_layout()
        self._apply_view()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading(self.title()))
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view_tabs)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)

    def title(self) -> str:
        return _("Visits")

    def start_focus(self) -> QWidget:
        return self.search

    # -- public ------------------------------------------------------------------------------

    def _shown_view(self) -> QAbstractItemView:
        """The table of the view shown (visits or recommendations)."""
        return self.recommendation_table.view if self.stack.currentIndex() else self.table.view

    def current_view(self) -> VisitView:
        return VisitView(self.view_tabs.tabData(self.view_tabs.currentIndex()))

    def set_view(self, view: VisitView | str) -> None:
        """Switch to ``view`` (all, upcoming, overdue, recommendations)."""
        self.view_tabs.setCurrentIndex(list(VisitView).index(VisitView(view)))

    def request_new_visit(self) -> None:
        """Ask for a new visit of the school chosen in the filter (or of a school to choose)."""
        self.new_visit_requested.emit(self.filters.school_id() or "")

    def query(self) -> VisitQuery:
        """The store query the current visit view and filters describe."""
        from curator_desktop.store.repositories.visits import VisitQuery, VisitScope, VisitSort

        view = self.current_view()
        if view == VisitView.RECOMMENDATIONS:
            view = VisitView.ALL
        values = self.filters.values(self.clock())
        column, order = self._sorts[view]
        return VisitQuery(
            **asdict(values),
            scope=VisitScope(view.value),
            sort=VisitSort(SORT_FIELDS[column]),
            descending=order == Qt.SortOrder.DescendingOrder,
        )

    def refresh(self) -> None:
        """Reload from the store (at once if shown, else when next shown)."""
        if self.context is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        repository = self.context.visits
        self.visit_model.set_fetcher(repository.summaries_for)  # the store may have been replaced
        self.filters.set_schools(repository.school_choices())
        self._update_tab_labels(repository.signals(today=self.clock()))
        self._recommendations = None
        self._show()

    # -- showing -------------------------------------------------------------------------------

    def _show(self) -> None:
        if self.context is None or (self._stale and not self.isVisible()):
            return  # filters changed on a page not loaded yet: it loads when shown
        if self.current_view() == VisitView.RECOMMENDATIONS:
            self._show_recommendations()
        else:
            self._show_visits()
        self.results_shown.emit()

    def _show_visits(self) -> None:
        assert self.context is not None
        repository, today = self.context.visits, self.clock()
        query = self.query()
        ids = repository.search(query, today=today)
        total = repository.count(query.unfiltered(), today=today) if query.filtered else len(ids)
        selected = self.table.selected_row()
        self.visit_model.today = today
        self.visit_model.set_ids(ids)
        if selected is not None:
            self.table.select_row(self.visit_model.row_of(selected.id))
        if query.filtered:
            text = ngettext("{n} of {total} visit", "{n} of {total} visits", total)
        else:
            text = ngettext("{n} visit", "{n} visits", total)
        self.count_label.setText(text.format(n=format_number(len(ids)), total=format_number(total)))
        if ids:
            self.table.show_rows()
        elif query.filtered and total:
            self._show_nothing_found(self.table, query.text)
        else:
            self.table.show_empty(*self._empty_text(self.current_view()))

    def _show_recommendations(self) -> None:
        assert self.context is not None
        if self._recommendations is None:
            self._recommendations = self.context.recommendations.open()
            self._recommendation_texts = [
                normalize_search(self.recommendation_model.search_text(record))
                for record in self._recommendations
            ]
        values = self.filters.values(self.clock())
        words = normalize_search(values.text).split()
        rows = [
            record
            for record, text in zip(self._recommendations, self._recommendation_texts, strict=True)
            if (not values.school_id or record.school_id == values.school_id)
            and all(word in text for word in words)
        ]
        total = len(self._recommendations)
        selected = self.recommendation_table.selected_row()
        self.recommendation_model.today = self.clock()
        self.recommendation_model.set_rows(rows)
        if selected is not None:
            ids = [record.id for record in self.recommendation_model.rows()]
            if selected.id in ids:
                self.recommendation_table.select_row(ids.index(selected.id))
        filtered = len(rows) != total or bool(words or values.school_id)
        if filtered:
            text = ngettext(
                "{n} of {total} open recommendation", "{n} of {total} open recommendations", total
            )
        else:
            text = ngettext("{n} open recommendation", "{n} open recommendations", total)
        self.count_label.setText(
            text.format(n=format_number(len(rows)), total=format_number(total))
        )
        if rows:
            self.recommendation_table.show_rows()
        elif total:
            self._show_nothing_found(self.recommendation_table, values.text)
        else:
            self.recommendation_table.show_empty(*self._empty_text(VisitView.RECOMMENDATIONS))

    @staticmethod
    def _show_nothing_found(table: ListTable, text: str) -> None:
        words = text.strip()
        title = (
            _("Nothing found for «{query}»").format(query=words)
            if words
            else _("Nothing matches the filter")
        )
        table.show_empty(title, _("Check the spelling or clear the search and filters."))

    @staticmethod
    def _empty_text(view: VisitView) -> tuple[str, str]:
        """What an empty view says, and what to do about it."""
        match view:
            case VisitView.UPCOMING:
                return _("No visits planned"), _(
                    "Plan the next visit with «New visit…»: planned visits are listed here, "
                    "soonest first, and on the school's card."
                )
            case VisitView.OVERDUE:
                return _("Nothing is overdue"), _(
                    "Every planned visit is either done or still ahead. Visits whose date has "
                    "passed before they were completed will be listed here."
                )
            case VisitView.RECOMMENDATIONS:
                return _("No open recommendations"), _(
                    "Every recommendation is done or cancelled. Recommendations are written in "
                    "a visit and stay here, with their deadlines, until they are closed."
                )
            case _:
                return _("No visits recorded yet"), _(
                    "Plan or record a visit with «New visit…». The first one of the year is "
                    "usually the primary visit in February–March."
                )

    def _update_tab_labels(self, signals: VisitSignals | None) -> None:
        """View names with their counters (none before the store is open)."""
        upcoming = signals.upcoming if signals else None
        overdue = signals.overdue if signals else None
        open_count = signals.open_recommendations if signals else None
        late = signals.overdue_recommendations if signals else 0
        labels = {
            VisitView.ALL: _("&All visits"),
            VisitView.UPCOMING: _("&Upcoming"),
            VisitView.OVERDUE: _("&Overdue"),
            VisitView.RECOMMENDATIONS: _("Open &recommendations"),
        }
        counts = {
            VisitView.UPCOMING: upcoming,
            VisitView.OVERDUE: overdue,
            VisitView.RECOMMENDATIONS: open_count,
        }
        for index, view in enumerate(VisitView):
            count = counts.get(view)
            label = labels[view]
            if count is not None:
                label = _("{view} ({n})").format(view=label, n=format_number(count))
            self.view_tabs.setTabText(index, label)
        tips = {
            VisitView.ALL: _("Every visit, newest first"),
            VisitView.UPCOMING: _("Planned and in-progress visits from today on, soonest first"),
            VisitView.OVERDUE: _("Visits whose date has passed before they were completed"),
            VisitView.RECOMMENDATIONS: ngettext(
                "Recommendations not done yet, by deadline: {n} overdue",
                "Recommendations not done yet, by deadline: {n} overdue",
                late,
            ).format(n=format_number(late)),
        }
        for index, view in enumerate(VisitView):
            self.view_tabs.setTabToolTip(index, tips[view])
        marked = {VisitView.OVERDUE: bool(overdue), VisitView.RECOMMENDATIONS: bool(late)}
        for view, attention in marked.items():
            index = list(VisitView).index(view)
            self.view_tabs.setTabTextColor(index, _ATTENTION if attention else QColor())

    def _apply_view(self) -> None:
        """Show the widgets of the current view (no query)."""
        view = self.current_view()
        visits = view != VisitView.RECOMMENDATIONS
        self.filters.set_visit_filters_visible(visits)
        if visits:
            self.filters.set_search_hint(_("Search by school, type, status or purpose"))
            self.table.set_sort_indicator(*self._sorts[view])
            self.stack.setCurrentWidget(self.table)
        else:
            self.filters.set_search_hint(_("Search by school, recommendation or responsible"))
            self.stack.setCurrentWidget(self.recommendation_table)

    # -- slots ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_view_tabs_current_changed(self, _index: int) -> None:
        self._apply_view()
        self._show()

    def _on_filters_changed(self) -> None:
        self._show()

    def _on_visit_model_sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        view = self.current_view()
        if view != VisitView.RECOMMENDATIONS:
            self._sorts[view] = (VisitColumn(column), order)
            self._show()

    def _on_table_row_activated(self, row: object) -> None:
        visit_id = getattr(row, "id", None)
        if visit_id:
            self.visit_activated.emit(visit_id)

    def _on_recommendation_table_row_activated(self, record: RecommendationRecord) -> None:
        if record is not None:
            self.recommendation_activated.emit(record.visit_id or "", record.school_id)
