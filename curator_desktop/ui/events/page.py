"""The «Мероприятия» page: the events a curator attends — seminars, webinars, meetings
(совещания), councils — with whether they went, a tab per period (coming, past, all), and
actions to add one, make the events of a recurring plan item, edit and delete.

Every change goes through the :class:`~curator_desktop.services.events.EventService` and is
announced with what it changed (``data_changed``), so the plan and «Сегодня» follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabBar,
    QWidget,
)

from curator_desktop.domain.changes import Change
from curator_desktop.domain.events import Attendance, Event
from curator_desktop.i18n import _, format_date, format_number, ngettext
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.events.models import EventTableModel

COMING, PAST, ALL = "coming", "past", "all"
GROUPS = (COMING, PAST, ALL)


def _group_name(group: str) -> str:
    return {COMING: _("Coming"), PAST: _("Past"), ALL: _("All")}[group]


class EventsPage(Page):
    """Lists the curator's events; Enter edits one, Delete deletes it, Ctrl+N adds one."""

    kinds = frozenset({Change.EVENTS, Change.ROADMAPS, Change.SCHOOLS})
    data_changed = Signal(frozenset)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock: Callable[[], dt.date] = dt.date.today
        self._events: list[Event] = []
        self.groups = QTabBar()
        self.groups.setAccessibleName(_("Which events"))
        for group in GROUPS:
            self.groups.addTab(_group_name(group))
        self.groups.currentChanged.connect(self._on_groups_current_changed)
        self.count_label = QLabel()
        self.model = EventTableModel(self)
        self.table = RecordTable(self.model, sort_column=0)
        self.table.view.setAccessibleName(_("Events"))
        self.table.set_empty_text(
            _("No events yet"),
            _(
                "Record the seminars, webinars, meetings and councils you attend with «Add "
                "event…», or make the dates of a recurring plan item with «From the plan…»."
            ),
        )
        self.table.row_activated.connect(self._on_table_row_activated)
        self.table.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.add_button = QPushButton(_("Add event…"))
        self.add_button.setToolTip(_("Add an event (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_event)
        self.series_button = QPushButton(_("From the plan…"))
        self.series_button.setToolTip(
            _("Make the events of a recurring plan item («еженедельно», «2 и 4 среда»)")
        )
        self.series_button.clicked.connect(self.add_series)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.attended_button = QPushButton(_("Mark attended"))
        self.attended_button.clicked.connect(self.mark_attended)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Delete the selected event (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = (
            self.add_button,
            self.series_button,
            self.edit_button,
            self.attended_button,
            self.delete_button,
        )
        never_default(*buttons)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_event)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table.view, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        actions = QHBoxLayout()
        for button in buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        self.build_layout(
            self.intro(
                _(
                    "Seminars, webinars, meetings and councils you attend: mark whether you "
                    "went, keep the materials and, at working meetings, your analysis of the "
                    "measures each school held. Attended events are listed in the interim and "
                    "final reports."
                )
            ),
            self.groups,
            actions,
            self.table,
            beside_title=(self.count_label,),
        )
        self._update_buttons()

    def title(self) -> str:
        return _("Events")

    def start_focus(self) -> QWidget | None:
        return self.table.view

    def refresh(self) -> None:
        if self.context is None or self.context.store is None:
            return
        try:
            self._events = self.context.event_service.events()
        except Exception as exc:
            show_error(self, exc)
            return
        self._show()

    def current_group(self) -> str:
        return GROUPS[self.groups.currentIndex()]

    def _in_group(self, event: Event, group: str, today: dt.date) -> bool:
        if group == COMING:
            return event.day >= today
        if group == PAST:
            return event.day < today
        return True

    def _show(self) -> None:
        today, group = self.clock(), self.current_group()
        current = self.selected()
        chosen = current.id if current else None
        events = [e for e in self._events if self._in_group(e, group, today)]
        self.table.set_rows(events)
        for index, key in enumerate(GROUPS):
            count = sum(1 for e in self._events if self._in_group(e, key, today))
            self.groups.setTabText(index, f"{_group_name(key)} ({format_number(count)})")
        attended = sum(1 for e in events if e.attended)
        self.count_label.setText(
            ngettext(
                "{n} event, {attended} attended", "{n} events, {attended} attended", len(events)
            ).format(n=format_number(len(events)), attended=format_number(attended))
        )
        if self._events and not events:
            self.table.show_empty(
                _("No events here"),
                _("Nothing is planned from {day} on.").format(day=format_date(today))
                if group == COMING
                else _("No event before {day}.").format(day=format_date(today)),
            )
        if chosen:
            self._select_shown(chosen)
        self._update_buttons()

    # -- selection -----------------------------------------------------------------------------

    def selected(self) -> Event | None:
        index = self.table.view.currentIndex()
        rows = self.table.visible_rows()
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def select_event(self, event_id: str) -> bool:
        """Select the event (switching to «All» when the current tab does not show it)."""
        if self._select_shown(event_id):
            return True
        if self.current_group() != ALL:
            self.groups.setCurrentIndex(GROUPS.index(ALL))
        return self._select_shown(event_id)

    def _select_shown(self, event_id: str) -> bool:
        for row, event in enumerate(self.table.visible_rows()):
            if event.id == event_id:
                self.table.view.selectRow(row)
                return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        event = self.selected()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(event is not None)
        self.attended_button.setEnabled(
            event is not None and not event.attended and event.day <= self.clock()
        )
        self.series_button.setEnabled(self.context is not None)
        self.add_button.setEnabled(self.context is not None)

    # -- actions -------------------------------------------------------------------------------

    def event_dialog(self, existing: Event | None = None) -> QDialog | None:
        """The dialog adding an event (``existing`` None) or editing one."""
        from curator_desktop.ui.events.event_dialog import EventDialog

        if self.context is None:
            return None
        try:
            schools = self.context.schools.choices()
            plan = self.context.event_service.plan_choices()
        except Exception as exc:
            show_error(self, exc)
            return None
        return EventDialog(
            self.context.event_service,
            schools=schools,
            plan=plan,
            existing=existing,
            today=self.clock,
            parent=self,
        )

    def series_dialog(self) -> QDialog | None:
        from curator_desktop.ui.events.series_dialog import SeriesDialog

        if self.context is None:
            return None
        return SeriesDialog(
            self.context.event_service,
            self.context.event_service.plan_choices(),
            today=self.clock,
            parent=self,
        )

    def add_event(self) -> None:
        self._run(self.event_dialog())

    def edit_selected(self) -> None:
        event = self.selected()
        if event is not None:
            self.edit_event(event.id)

    def edit_event(self, event_id: str) -> None:
        """Open the event's dialog (also for «Сегодня»)."""
        event = next((e for e in self._events if e.id == event_id), None)
        if event is not None:
            self._run(self.event_dialog(event))

    def add_series(self) -> None:
        dialog = self.series_dialog()
        if dialog is None:
            return
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                made = getattr(dialog, "made", [])
                self._stored(made[0].id if made else None)
        finally:
            dialog.deleteLater()

    def _run(self, dialog: QDialog | None) -> None:
        if dialog is None:
            return
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                saved = getattr(dialog, "saved", None)
                self._stored(saved.id if saved else None)
        finally:
            dialog.deleteLater()

    def mark_attended(self) -> None:
        from dataclasses import replace

        event = self.selected()
        if event is None or self.context is None:
            return
        try:
            self.context.event_service.save(replace(event, attendance=Attendance.ATTENDED.value))
        except Exception as exc:
            show_error(self, exc)
            return
        self._stored(event.id)

    def delete_selected(self) -> None:
        event = self.selected()
        if event is None or self.context is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete event"),
            _("Delete the event «{topic}» of {day}?").format(
                topic=event.topic, day=format_date(event.day)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.context.event_service.delete(event.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._stored()

    def _stored(self, select_id: str | None = None) -> None:
        if self.context is not None:
            self._events = self.context.event_service.events()
        self._show()
        if select_id:
            self.select_event(select_id)
        self.table.view.setFocus()
        self.data_changed.emit(frozenset({Change.EVENTS, Change.ROADMAPS}))

    def _on_groups_current_changed(self, _index: int) -> None:
        self._show()

    def _on_table_row_activated(self, event: Event | None) -> None:
        if event is not None:
            self.edit_event(event.id)
