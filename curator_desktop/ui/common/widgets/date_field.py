"""Date and time inputs that may be empty, with a clear button.

A date is typed (see :mod:`date_text`: «25.12.2026», «25122026», «25.12.26»…) or picked from a
calendar that opens on the date shown, else on today: the ▾ button, Alt+↓ or F4. ↑ and ↓ move
it by a day. A time is a ``QTimeEdit`` whose minimum («—») means no time; Tab leaves it (← and →
move between its hours and minutes).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from curator_desktop.i18n import _
from curator_desktop.ui.common.widgets.date_text import is_full, shown_date, typed_date

NO_TIME = QTime(0, 0)
"""The time edits' minimum, shown as «—»: no time (a visit never starts at midnight)."""


def _tool_button(text: str, tip: str) -> QToolButton:
    """A small button beside the field, out of the Tab order (the keys do its work)."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class DateField(QWidget):
    """A date that may be empty. ``changed`` fires whenever :meth:`value` changes: a whole date
    typed, a shorter one when the field is left, a day picked, the field emptied or set."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, tip: str = "") -> None:
        """``tip``: what the date is (a tooltip line above how to enter it)."""
        super().__init__(parent)
        self._value: dt.date | None = None
        self._read_only = False
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("DD.MM.YYYY"))
        how = _("Type the date (25.12.2026 or 25122026) or press Alt+↓ for a calendar")
        self.edit.setToolTip(f"{tip}\n{how}" if tip else how)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00.00.00000") + 16)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.editingFinished.connect(self._on_edit_editing_finished)
        self.edit.installEventFilter(self)
        self.calendar_button = _tool_button("▾", _("Choose on the calendar (Alt+↓)"))
        self.calendar_button.clicked.connect(self.open_calendar)
        self.clear_button = _tool_button("×", _("Clear the date"))
        self.clear_button.clicked.connect(self.clear)
        self.calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        if tip:
            self.set_name(tip)

    def set_name(self, name: str) -> None:
        """Name the field for screen readers, and its buttons after it («Clear “Deadline”»):
        several dates in one form are told apart."""
        self.edit.setAccessibleName(name)
        self.calendar_button.setAccessibleName(
            _("Choose “{field}” on the calendar (Alt+↓)").format(field=name)
        )
        self.clear_button.setAccessibleName(_("Clear “{field}”").format(field=name))

    # -- value ---------------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        return self._value

    def set_value(self, value: dt.date | None) -> None:
        """Show ``value`` (None: empty); ``changed`` fires if it differs from the one shown."""
        self.edit.setText(shown_date(value))
        if value != self._value:
            self._value = value
            self.changed.emit()

    def clear(self) -> None:
        self.set_value(None)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.edit.setReadOnly(read_only)
        self.calendar_button.setVisible(not read_only)
        self.clear_button.setVisible(not read_only)

    # -- the calendar --------------------------------------------------------------------------

    def open_calendar(self) -> None:
        """Show the calendar under the field, on the date shown or today."""
        if self._read_only:
            return
        self._on_edit_editing_finished()  # a date typed but not settled yet is where it opens
        calendar = self._calendar()
        day = self._value or dt.date.today()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar.adjustSize()
        where = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = max(screen.left(), min(where.x(), screen.right() - calendar.width()))
        y = (
            where.y()
            if where.y() + calendar.height() <= screen.bottom()
            else (self.mapToGlobal(QPoint(0, 0)).y() - calendar.height())
        )
        calendar.move(x, max(screen.top(), y))
        calendar.show()
        calendar.setFocus()

    def _calendar(self) -> QCalendarWidget:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.setVerticalHeaderFormat(
                QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
            )
            self.calendar.clicked.connect(self._on_calendar_picked)
            self.calendar.activated.connect(self._on_calendar_picked)
        return self.calendar

    def _on_calendar_picked(self, date: QDate) -> None:
        assert self.calendar is not None
        self.calendar.hide()
        self.set_value(dt.date(date.year(), date.month(), date.day()))
        self.edit.setFocus()

    # -- typing --------------------------------------------------------------------------------

    def _on_edit_text_edited(self, text: str) -> None:
        day = typed_date(text, today=dt.date.today())
        if day is not None and is_full(text):
            self.set_value(day)  # shown as 25.12.2026 at once, however it was typed

    def _on_edit_editing_finished(self) -> None:
        text = self.edit.text()
        day = typed_date(text, today=dt.date.today())
        if day is not None or not text.strip():
            self.set_value(day)
        else:  # no such date: the one stored stays, and shows again
            self.edit.setText(shown_date(self._value))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            return self._on_edit_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _on_edit_key(self, event: QKeyEvent) -> bool:
        """Alt+↓ or F4: the calendar; ↑ / ↓: a day later / earlier (from today when empty)."""
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if (key == Qt.Key.Key_Down and alt) or key == Qt.Key.Key_F4:
            self.open_calendar()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not alt and not self._read_only:
            self._on_edit_editing_finished()
            step = dt.timedelta(days=1 if key == Qt.Key.Key_Up else -1)
            self.set_value((self._value or dt.date.today() - step) + step)
            return True
        return False


class _TimeEdit(QTimeEdit):
    """A time edit that Tab leaves: Qt's steps through the hours and minutes first, and from
    the empty value («—») never leaves at all. ← and → move between hours and minutes."""

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt's name and signature
        return QWidget.focusNextPrevChild(self, next)


class TimeField(QWidget):
    """A time of day that may be empty («—»), in 5-minute steps from the keyboard."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _TimeEdit()
        self.edit.setMinimumTime(NO_TIME)
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setSpecialValueText("—")
        self.edit.setTime(NO_TIME)
        self.edit.timeChanged.connect(self.changed)
        self.clear_button = _tool_button("×", _("Clear the time"))
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_name(self, name: str) -> None:
        """Name the field for screen readers, and its clear button after it."""
        self.edit.setAccessibleName(name)
        self.clear_button.setAccessibleName(_("Clear “{field}”").format(field=name))

    def value(self) -> dt.time | None:
        time = self.edit.time()
        return None if time == NO_TIME else dt.time(time.hour(), time.minute())

    def set_value(self, value: dt.time | None) -> None:
        self.edit.setTime(QTime(value.hour, value.minute) if value else NO_TIME)

    def clear(self) -> None:
        self.edit.setTime(NO_TIME)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear_button.setVisible(not read_only)
