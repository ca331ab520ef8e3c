"""The «Сегодня» page, the one the window opens on: what is due today in sections (this week's
visits, overdue recommendations, documents to act on, the plan's items due this month,
completed visits without a справка, events coming up), each entry one Enter from its place;
an empty day says what comes next.

``target_activated(Target)`` and ``command_requested(str)`` ask the window to go there.
«Today» comes from ``clock`` so tests can fix it. A hidden page reloads when it is next shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QWidget

from curator_desktop.domain.changes import Change
from curator_desktop.i18n import _, format_date
from curator_desktop.services.today.agenda import Agenda, Place, Target
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.widgets.empty_state import EmptyState
from curator_desktop.ui.today.empty_day import EmptyDay
from curator_desktop.ui.today.model import TodayModel
from curator_desktop.ui.today.view import TodayView


class TodayPage(Page):
    """What is due today; Enter on an entry opens it."""

    kinds = frozenset(
        {
            Change.SCHOOLS,
            Change.VISITS,
            Change.RECOMMENDATIONS,
            Change.DOCUMENTS,
            Change.ROADMAPS,
            Change.REPORTS,
            Change.EVENTS,
        }
    )

    target_activated = Signal(object)
    """An entry was opened: its :class:`Target`."""
    command_requested = Signal(str)
    """An empty day's button: see :mod:`curator_desktop.ui.today.empty_day`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock: Callable[[], dt.date] = dt.date.today
        """Where «today» comes from (tests set a fixed date)."""
        self.agenda: Agenda | None = None
        self._stale = True
        self.date_label = QLabel()
        self.date_label.setStyleSheet(colours.HINT_STYLE)
        self.model = TodayModel(self)
        self.view = TodayView(self.model)
        self.view.entry_activated.connect(self._on_view_entry_activated)
        self.empty_day = EmptyDay()
        self.empty_day.command_requested.connect(self.command_requested)
        self.empty_day.visit_requested.connect(
            lambda visit_id: self.target_activated.emit(Target(Place.VISIT, visit_id))
        )
        opening = EmptyState()
        opening.set_text(_("Opening the store…"))
        self.body = QStackedWidget()
        for widget in (opening, self.view, self.empty_day):
            self.body.addWidget(widget)
        self.build_layout(self.body, beside_title=(self.date_label,))

    def title(self) -> str:
        return _("Today")

    def start_focus(self) -> QWidget | None:
        if self.body.currentWidget() is self.empty_day and self.empty_day.buttons:
            return self.empty_day.buttons[0]
        return self.view

    def refresh(self) -> None:
        """Gather the day again (at once if shown, else when next shown)."""
        if self.context is None or self.context.store is None:
            return
        if not self.isVisible() and self.agenda is not None:
            self._stale = True
            return
        self._stale = False
        today = self.clock()
        try:
            agenda = self.context.today_service.agenda(today)
        except Exception as exc:
            show_error(self, exc)
            return
        self.show_agenda(agenda)

    def show_agenda(self, agenda: Agenda) -> None:
        """Show ``agenda``, keeping the entry that was current when it is still listed."""
        first = self.agenda is None
        had_focus = self.isAncestorOf(QApplication.focusWidget()) or (first and self._unfocused())
        current = self.model.target(self.view.currentIndex())
        self.agenda = agenda
        self.date_label.setText(format_date(agenda.today, "EEEE, d MMMM y"))
        self.model.set_agenda(agenda)
        if agenda.empty:
            self.empty_day.show_agenda(agenda)
            self.body.setCurrentWidget(self.empty_day)
            if had_focus and self.empty_day.buttons:
                self.empty_day.buttons[0].setFocus()
            return
        self.body.setCurrentWidget(self.view)
        rows = self.model.entry_indexes()
        kept = next((i for i in rows if self.model.target(i) == current), None)
        if kept is not None:
            self.view.setCurrentIndex(kept)
        else:
            self.view.select_first()
        if had_focus:
            self.view.setFocus()

    def _unfocused(self) -> bool:
        """Shown, and the keyboard nowhere yet but in the navigation (at start-up the list is
        not there to take it when the window gives the page the focus)."""
        focused = QApplication.focusWidget()
        return self.isVisible() and (focused is None or focused.objectName() == "navigation")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_view_entry_activated(self, index: QModelIndex) -> None:
        target = self.model.target(index)
        if target is not None:
            self.target_activated.emit(target)
