"""The shared date field: a date is typed (with or without dots), emptied, or picked from a
calendar that opens on today (or on the date shown) with Alt+↓ or F4."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QLineEdit, QVBoxLayout, QWidget

from curator_desktop.ui.common.widgets.date_field import DateField


@pytest.fixture
def field(qtbot) -> Iterator[DateField]:
    """A date field in a form, a line edit after it (where Tab goes)."""
    form = QWidget()
    layout = QVBoxLayout(form)
    widget = DateField()
    layout.addWidget(widget)
    layout.addWidget(QLineEdit())
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    yield widget
    form.close()


def _line(field: DateField) -> QLineEdit:
    """Where the keys go: the field's own line edit."""
    edit = field.edit
    return edit if isinstance(edit, QLineEdit) else edit.findChild(QLineEdit)


def _type(qtbot, field: DateField, keys: str) -> None:
    field.setFocus()
    line = _line(field)
    line.selectAll()
    qtbot.keyClicks(line, keys)


def _shown_calendar() -> QCalendarWidget | None:
    for widget in QApplication.topLevelWidgets():
        calendar = widget if isinstance(widget, QCalendarWidget) else None
        calendar = calendar or widget.findChild(QCalendarWidget)
        if widget.isVisible() and calendar is not None and calendar.isVisible():
            return calendar
    return None


@pytest.mark.parametrize("keys", ["25.12.2026", "25122026", "25.12.26", "5.1.2027"])
def test_a_date_is_typed_into_an_empty_field(qtbot, field: DateField, keys: str) -> None:
    expected = dt.date(2027, 1, 5) if keys == "5.1.2027" else dt.date(2026, 12, 25)
    changes: list[dt.date | None] = []
    field.changed.connect(lambda: changes.append(field.value()))
    _type(qtbot, field, keys)
    qtbot.keyClick(_line(field), Qt.Key.Key_Tab)  # leaving the field settles short forms
    assert field.value() == expected
    assert _line(field).text() == expected.strftime("%d.%m.%Y")
    assert changes and changes[-1] == expected


def test_a_typed_date_replaces_one_shown_and_deleting_it_empties_the_field(
    qtbot, field: DateField
) -> None:
    field.set_value(dt.date(2026, 3, 1))
    _type(qtbot, field, "01042026")
    assert field.value() == dt.date(2026, 4, 1)
    line = _line(field)
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert field.value() is None


def test_a_mistyped_date_is_not_taken(qtbot, field: DateField) -> None:
    field.set_value(dt.date(2026, 3, 1))
    _type(qtbot, field, "31.02.2026")
    qtbot.keyClick(_line(field), Qt.Key.Key_Tab)
    assert field.value() == dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    "key, modifier",
    [
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_the_calendar_opens_on_today_and_a_day_is_picked(
    qtbot, field: DateField, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    field.setFocus()
    qtbot.keyClick(_line(field), key, modifier)
    qtbot.waitUntil(lambda: _shown_calendar() is not None, timeout=2000)
    calendar = _shown_calendar()
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert calendar.selectedDate() == today
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _shown_calendar() is None, timeout=2000)
    assert field.value() == dt.date.today() + dt.timedelta(days=1)


def test_the_calendar_opens_on_the_date_shown(qtbot, field: DateField) -> None:
    field.set_value(dt.date(2024, 5, 17))
    field.setFocus()
    qtbot.keyClick(_line(field), Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: _shown_calendar() is not None, timeout=2000)
    assert _shown_calendar().selectedDate() == QDate(2024, 5, 17)
    qtbot.keyClick(_shown_calendar().focusWidget() or _shown_calendar(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _shown_calendar() is None, timeout=2000)
    assert field.value() == dt.date(2024, 5, 17)


@pytest.mark.parametrize("value", [None, dt.time(10, 30)])
def test_tab_leaves_a_time_field_and_shift_tab_comes_back(qtbot, value) -> None:
    """Tab goes on to the next field (the hours and minutes are ← and →), empty or not."""
    from curator_desktop.ui.common.widgets.date_field import TimeField

    form = QWidget()
    layout = QVBoxLayout(form)
    before, field, after = QLineEdit(), TimeField(), QLineEdit()
    for widget in (before, field, after):
        layout.addWidget(widget)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    field.set_value(value)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field.edit)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is before
