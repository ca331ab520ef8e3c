"""Date and time inputs that may be empty («—»), with a clear button."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QSizePolicy,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from curator_desktop.i18n import _

NO_DATE = QDate(2000, 1, 1)
"""The date edits' minimum, shown as «—»: no date."""
NO_TIME = QTime(0, 0)
"""The time edits' minimum, shown as «—»: no time (a visit never starts at midnight)."""


class _OptionalField(QWidget):
    """An edit whose minimum means «empty», plus a button that empties it."""

    changed = Signal()

    def __init__(self, edit: QDateEdit | QTimeEdit, clear_tip: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.edit.setSpecialValueText("—")
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(clear_tip)
        self.clear_button.setFocusPolicy(self.clear_button.focusPolicy().NoFocus)
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def clear(self) -> None:
        self.edit.setDateTime(self.edit.minimumDateTime())

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear_button.setVisible(not read_only)


class DateField(_OptionalField):
    """A date that may be empty: a calendar date edit showing «—» and a clear button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setDisplayFormat("dd.MM.yyyy")
        super().__init__(edit, _("Clear the date"), parent)
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self.changed)

    def value(self) -> dt.date | None:
        date = self.edit.date()
        return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None) -> None:
        self.edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


class TimeField(_OptionalField):
    """A time of day that may be empty («—»), in 5-minute steps from the keyboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        edit = QTimeEdit()
        edit.setMinimumTime(NO_TIME)
        edit.setDisplayFormat("HH:mm")
        super().__init__(edit, _("Clear the time"), parent)
        edit.setTime(NO_TIME)
        edit.timeChanged.connect(self.changed)

    def value(self) -> dt.time | None:
        time = self.edit.time()
        return None if time == NO_TIME else dt.time(time.hour(), time.minute())

    def set_value(self, value: dt.time | None) -> None:
        self.edit.setTime(QTime(value.hour, value.minute) if value else NO_TIME)
