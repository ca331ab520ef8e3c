"""The plan's views: its lists as tabs (overdue, this month, upcoming, no date, done, all), its
timeline, and the selected item's panel below them, with one selection shared by all three."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QSplitter, QStackedWidget, QTabBar, QVBoxLayout, QWidget

from curator_desktop.domain.plan.schedule import PlanBucket
from curator_desktop.domain.text import normalize_search
from curator_desktop.i18n import _, format_number
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.models.row_table_model import ROW_ROLE
from curator_desktop.ui.common.widgets.list_table import ListTable
from curator_desktop.ui.plan.empty_state import list_empty_text
from curator_desktop.ui.plan.item_panel import PlanItemPanel
from curator_desktop.ui.plan.table_model import PlanColumn, PlanTableModel, search_text
from curator_desktop.ui.plan.timeline import PlanTimeline

if TYPE_CHECKING:
    from curator_desktop.services.plan.service import Plan, PlanEntry

_ATTENTION = QColor(colours.ATTENTION)


class PlanView(StrEnum):
    """The views, in tab order; the first five are the plan's lists (``PlanBucket`` values)."""

    OVERDUE = "overdue"
    THIS_MONTH = "this_month"
    UPCOMING = "upcoming"
    NO_DATE = "no_date"
    DONE = "done"
    ALL = "all"
    TIMELINE = "timeline"


LISTS = tuple(PlanView)[:5]


class PlanViews(QWidget):
    """Shows a :class:`Plan` narrowed by a search. ``selection_changed`` fires whenever the
    selected item (or what the plan says of it) changes; ``shown`` after every showing."""

    selection_changed = Signal()
    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.entries: list[PlanEntry] = []
        """The plan's entries that pass the search, in due order."""
        self.query = ""
        self._selected_id: str | None = None
        self._updating = False
        self._split = False
        self.view_tabs = QTabBar()
        self.view_tabs.setExpanding(False)
        self.view_tabs.setDocumentMode(True)
        for view in PlanView:
            self.view_tabs.setTabData(self.view_tabs.addTab(""), view.value)
        self.model = PlanTableModel(self)
        self.table = ListTable(self.model, sort_column=PlanColumn.DUE)
        self.timeline = PlanTimeline()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.timeline)
        self.panel = PlanItemPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view_tabs)
        layout.addWidget(self.splitter, 1)
        self.view_tabs.currentChanged.connect(self._on_view_tabs_current_changed)
        self.table.view.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.timeline.item_clicked.connect(self.select_item)

    # -- public ------------------------------------------------------------------------------

    def show_plan(self, plan: Plan, query: str = "", *, keep: bool = True) -> None:
        """Show ``plan``'s entries matching ``query``; the selection stays (in the panel at
        least) when ``keep``, else only if the current view lists it."""
        self.plan, self.query = plan, query
        words = normalize_search(query).split()
        self.entries = [
            e for e in plan.entries if all(w in normalize_search(search_text(e)) for w in words)
        ]
        self._update_tabs()
        view = self.current_view()
        self._updating = True
        try:
            if view == PlanView.TIMELINE:
                self.timeline.set_entries(self.entries, plan.today)
                self.stack.setCurrentWidget(self.timeline)
                shown = self.entries
            else:
                self.stack.setCurrentWidget(self.table)
                shown = self._show_list(view, plan.today)
        finally:
            self._updating = False
        selected = self._selected_id if self.selected_entry() is not None else None
        if not keep and selected not in {entry.item_id for entry in shown}:
            selected = None
        self.select_item(selected)
        self.shown.emit()

    def current_view(self) -> PlanView:
        return PlanView(self.view_tabs.tabData(self.view_tabs.currentIndex()))

    def set_view(self, view: PlanView | str) -> None:
        self.view_tabs.setCurrentIndex(list(PlanView).index(PlanView(view)))

    def selected_entry(self) -> PlanEntry | None:
        """The selected item as the plan has it now (it may have left the current list)."""
        if self.plan is None or self._selected_id is None:
            return None
        return next((e for e in self.plan.entries if e.item_id == self._selected_id), None)

    def select_item(self, item_id: str | None) -> None:
        """Select the item in the list, the timeline and the panel."""
        self._selected_id = item_id
        entry = self.selected_entry()
        self.panel.show_entry(entry, self.plan.today if self.plan else None)
        self.timeline.select(item_id)
        row = self.model.row_of(item_id)
        self._updating = True
        try:
            if row >= 0:
                self.table.select_row(row)
            else:
                self.table.view.clearSelection()
                self.table.view.setCurrentIndex(QModelIndex())
        finally:
            self._updating = False
        self.selection_changed.emit()

    def reveal(self, item_id: str) -> bool:
        """Open the list that holds the item (unless all or the timeline is shown) and select
        it; False when the search hides it."""
        entry = next((e for e in self.entries if e.item_id == item_id), None)
        if entry is None:
            return False
        if self.current_view() not in (PlanView.ALL, PlanView.TIMELINE):
            self.set_view(entry.standing.bucket.value)
        self.select_item(item_id)
        return True

    # -- showing -------------------------------------------------------------------------------

    def _show_list(self, view: PlanView, today: dt.date) -> list[PlanEntry]:
        bucket = view.value if view in LISTS else None
        rows = [e for e in self.entries if bucket is None or e.standing.bucket.value == bucket]
        self.model.today = today
        self.model.set_rows(rows)
        if rows:
            self.table.show_rows()
        elif self.query.strip():
            self.table.show_empty(
                _("Nothing found for «{query}»").format(query=self.query.strip()),
                _("Check the spelling or clear the search."),
            )
        else:
            self.table.show_empty(*list_empty_text(bucket))
        return rows

    def _update_tabs(self) -> None:
        """Each list's name with its count (short names: the tabs fit at 150 % scaling)."""
        counts = {view: 0 for view in PlanView}
        for entry in self.entries:
            counts[PlanView(entry.standing.bucket.value)] += 1
        counts[PlanView.ALL] = len(self.entries)
        names = {view: PlanBucket(view.value).label for view in LISTS}
        names[PlanView.NO_DATE] = _("No date")
        names[PlanView.ALL] = _("All")
        tips = {
            PlanView.OVERDUE: _("Not done, and their day has passed"),
            PlanView.THIS_MONTH: _("Due from today to the month's end"),
            PlanView.UPCOMING: _("Due after this month"),
            PlanView.NO_DATE: _("Without a date: none by design, or not understood"),
            PlanView.DONE: _("Marked done, or everything linked to them is done"),
            PlanView.ALL: _("Every item, by due day"),
            PlanView.TIMELINE: _("The items on the months of the year"),
        }
        for index, view in enumerate(PlanView):
            label = _("Timeline")
            if view != PlanView.TIMELINE:
                label = _("{view} ({n})").format(view=names[view], n=format_number(counts[view]))
            self.view_tabs.setTabText(index, label)
            self.view_tabs.setTabToolTip(index, tips[view])
        overdue = list(PlanView).index(PlanView.OVERDUE)
        colour = _ATTENTION if counts[PlanView.OVERDUE] else QColor()
        self.view_tabs.setTabTextColor(overdue, colour)

    # -- slots ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split:  # the list gets the larger share the first time
            self._split = True
            height = max(self.splitter.height(), 200)
            self.splitter.setSizes([height * 3 // 5, height - height * 3 // 5])

    def _on_view_tabs_current_changed(self, _index: int) -> None:
        if self.plan is not None:
            self.show_plan(self.plan, self.query, keep=False)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating:
            return
        entry = current.data(ROW_ROLE) if current.isValid() else None
        self.select_item(entry.item_id if entry is not None else None)
