"""The Plan page: the curator's roadmap items as lists and on a timeline (``PlanViews``), with
the toolbar that filters them and changes them.

The toolbar filters by roadmap, by the curator's relation («Mine», «I take part», «All») and by
a search; it imports a roadmap, adds an item by hand, marks the selected item done and links it.
Every change goes through the plan service and is announced with what it changed
(``data_changed(changes)``, ``Change.ROADMAPS``); the window then refreshes the page.
«Today» comes from ``clock`` so tests can fix it. A hidden page reloads when it is next shown.
The views (and their modules) are built when the store opens, not before the first paint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.keyboard import SearchLead
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.widgets.empty_state import EmptyState
from curator_desktop.ui.plan.empty_state import NoRoadmapState
from curator_desktop.ui.plan.filters import PlanFilters

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.services.plan.service import PlanEntry, PlanService
    from curator_desktop.ui.plan.views import PlanViews


class PlanPage(Page):
    """The curator's plan; ``visit_activated(visit_id)`` asks the window to open a visit."""

    kinds = frozenset(
        {Change.ROADMAPS, Change.VISITS, Change.RISKS, Change.REPORTS, Change.SCHOOLS}
    )

    data_changed = Signal(frozenset)
    visit_activated = Signal(str)
    results_shown = Signal()
    """The current view is on screen (after every refresh, filter or switch)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock: Callable[[], dt.date] = dt.date.today
        """Where «today» comes from (tests set a fixed date)."""
        self.views: PlanViews | None = None
        self._stale = True
        self.count_label = QLabel()
        self.import_button = QPushButton(_("Import roadmap…"))
        self.import_button.setToolTip(_("Read a regional roadmap from DOCX, XLSX, CSV or text"))
        self.add_button = QPushButton(_("Add item…"))
        self.add_button.setToolTip(_("Add an item of your own to the plan"))
        self.done_button = QPushButton(_("Mark done"))
        self.link_button = QPushButton(_("Link…"))
        self.link_button.setToolTip(_("Link the item to a visit, a verification or a report"))
        self.filters = PlanFilters()
        self.search = self.filters.search
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.body = QStackedWidget()  # «Opening the store…», then the views
        opening = EmptyState()
        opening.set_text(_("Opening the store…"))
        self.body.addWidget(opening)
        self.no_roadmap = NoRoadmapState()
        plan = QWidget()
        inner = QVBoxLayout(plan)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.filters)
        inner.addWidget(self.message_label)
        inner.addWidget(self.body, 1)
        self.content = QStackedWidget()
        self.content.addWidget(plan)
        self.content.addWidget(self.no_roadmap)
        self.build_layout(self.content, beside_title=(self.count_label,))
        top = self.layout().itemAt(0).layout()
        for button in (self.import_button, self.add_button, self.done_button, self.link_button):
            top.addWidget(button)

        self.import_button.clicked.connect(self.import_roadmap)
        self.no_roadmap.import_button.clicked.connect(self.import_roadmap)
        self.add_button.clicked.connect(self.add_item)
        self.no_roadmap.add_button.clicked.connect(self.add_item)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.link_button.clicked.connect(self._on_link_button_clicked)
        self.filters.changed.connect(self._on_filters_changed)
        self.filters.search_changed.connect(self._on_filters_search_changed)
        self._update_buttons()

    def title(self) -> str:
        return _("Plan")

    def start_focus(self) -> QWidget:
        return self.search

    def _build_views(self) -> PlanViews:
        from curator_desktop.ui.plan.views import PlanViews

        views = PlanViews()
        self.body.addWidget(views)
        self.body.setCurrentWidget(views)
        views.selection_changed.connect(self._update_buttons)
        views.shown.connect(self.results_shown)
        self.search_lead = SearchLead(self.search, views.table.view)
        panel = views.panel
        panel.relation_requested.connect(self._on_panel_relation_requested)
        panel.done_requested.connect(self._on_panel_done_requested)
        panel.link_requested.connect(lambda _item: self._on_link_button_clicked())
        panel.unlink_requested.connect(self._on_panel_unlink_requested)
        panel.open_requested.connect(self.visit_activated)
        panel.delete_requested.connect(self._on_panel_delete_requested)
        return views

    # -- public --------------------------------------------------------------------------------

    @property
    def service(self) -> PlanService:
        assert self.context is not None
        return self.context.plan_service

    def selected_entry(self) -> PlanEntry | None:
        return self.views.selected_entry() if self.views is not None else None

    def attach(self, context: AppContext) -> None:
        if self.views is None:
            self.views = self._build_views()
        super().attach(context)

    def refresh(self) -> None:
        """Reload from the store (at once if shown, else when next shown)."""
        if self.context is None or self.views is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        service = self.service
        self.filters.set_documents(service.documents())
        today = self.clock()
        relations = self.filters.relations()
        plan = service.plan(today, relations=relations, document_id=self.filters.document_id())
        empty = not self.filters.has_documents() and not plan.entries
        if empty and relations is not None:
            empty = not service.plan(today, relations=None).entries
        self.content.setCurrentWidget(self.no_roadmap if empty else self.content.widget(0))
        self.views.show_plan(plan, self.filters.text())
        self._update_count()

    def import_roadmap(self) -> None:
        """Preview and import a roadmap file."""
        if self.context is None:
            return
        from curator_desktop.ui.plan.roadmap_import_dialog import RoadmapImportDialog

        dialog = RoadmapImportDialog(self.context, self)
        dialog.roadmap_imported.connect(lambda _result: self._on_roadmap_imported(dialog))
        dialog.exec()
        dialog.deleteLater()

    def add_item(self) -> None:
        """Add an item by hand and show it (clearing the filters that would hide it)."""
        if self.context is None or self.views is None:
            return
        from curator_desktop.ui.plan.item_dialog import PlanItemDialog

        year = self.filters.document_year() or self.clock().year
        dialog = PlanItemDialog(self.service, year=year, parent=self)
        added = dialog.exec() and dialog.item_id
        dialog.deleteLater()
        if added:
            self._changed(self.service.WRITES)
            if not self.views.reveal(dialog.item_id):
                self.filters.show_everything()
                self.views.reveal(dialog.item_id)

    # -- showing -------------------------------------------------------------------------------

    def _update_count(self) -> None:
        if self.views is None or self.views.plan is None:
            return
        total, shown = len(self.views.plan.entries), len(self.views.entries)
        if self.filters.text().strip():
            text = ngettext("{n} of {total} item", "{n} of {total} items", total)
        else:
            text = ngettext("{n} item", "{n} items", total)
        self.count_label.setText(text.format(n=format_number(shown), total=format_number(total)))

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        for button in (self.import_button, self.add_button):
            button.setEnabled(self.context is not None)
        self.done_button.setEnabled(entry is not None)
        self.link_button.setEnabled(entry is not None)
        marked = entry is not None and entry.marked_done
        self.done_button.setText(_("Mark not done") if marked else _("Mark done"))

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # -- changes -------------------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        self.data_changed.emit(changes)

    def _write(self, work: Callable[[], Changes]) -> bool:
        """Run one service call and announce what it changed; say what went wrong, if anything
        (and reload: the item may be gone)."""
        try:
            changes = work()
        except CuratorError as exc:
            show_error(self, exc, title=_("Plan"))
            self._changed(self.service.WRITES)
            return False
        self._changed(changes)
        return True

    def _on_roadmap_imported(self, dialog: Any) -> None:
        self._say(dialog.result_text())
        self._changed(dialog.import_result.changes)

    def _on_done_button_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            done = not entry.marked_done
            self._write(lambda: self.service.set_done(entry.item_id, done, self.clock()))

    def _on_panel_done_requested(self, item_id: str, done: bool, day: dt.date) -> None:
        self._write(lambda: self.service.set_done(item_id, done, day))

    def _on_panel_relation_requested(self, item_id: str, relation: str) -> None:
        written = self._write(lambda: self.service.set_relation(item_id, relation))
        shown = self.filters.relations()
        if written and shown is not None and relation not in shown:
            self._say(_("The item is no longer in this list; choose «All» to see it."))

    def _on_link_button_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        from curator_desktop.ui.plan.link_dialog import PlanLinkDialog

        dialog = PlanLinkDialog(self.service, self)
        target = dialog.chosen() if dialog.exec() else None
        dialog.deleteLater()
        if target is not None:
            item = entry.item_id

            def link() -> Changes:
                self.service.link(item, target.target_type, target.target_id)
                return self.service.WRITES

            self._write(link)

    def _on_panel_unlink_requested(self, link_id: str) -> None:
        self._write(lambda: self.service.unlink(link_id))

    def _on_panel_delete_requested(self, item_id: str) -> None:
        answer = QMessageBox.question(
            self,
            _("Delete item"),
            _("Delete the item you added by hand, with its links?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: self.service.delete_item(item_id))

    # -- slots ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_filters_changed(self) -> None:
        self._say("")
        self.refresh()

    def _on_filters_search_changed(self, text: str) -> None:
        if self.views is not None and self.views.plan is not None:
            self.views.show_plan(self.views.plan, text, keep=False)
            self._update_count()
