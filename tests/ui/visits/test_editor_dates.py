"""Dates in the visit editor are typed from the keyboard and stored: a recommendation's deadline
(«Срок») and the visit's next date, typed into empty fields."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui.every_dialog import demo_visit


def _type_date(qtbot, field, keys: str) -> None:
    """Type ``keys`` into the date field as a user does, then Tab away."""
    line = field.edit if isinstance(field.edit, QLineEdit) else field.edit.findChild(QLineEdit)
    field.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, keys)
    qtbot.keyClick(line, Qt.Key.Key_Tab)


def test_a_deadline_and_the_next_visit_are_typed_and_stored(open_window, qtbot) -> None:
    window = open_window(demo=True, lang="ru")
    editor = window.visit_windows.open(demo_visit(window))
    qtbot.waitExposed(editor)
    tab = editor.recommendations
    editor.tabs.setCurrentWidget(tab)
    before = {r.id for r in editor.service.load(editor.visit_id).recommendations}
    tab.add_button.click()
    added = tab.selected()
    assert added is not None and added.id not in before and tab.deadline.value() is None
    _type_date(qtbot, tab.deadline, "25.12.2026")

    editor.tabs.setCurrentWidget(editor.details)
    editor.details.next_visit_date.set_value(None)
    _type_date(qtbot, editor.details.next_visit_date, "15012027")
    assert editor.save_now()
    state = editor.service.load(editor.visit_id)
    stored = next(r for r in state.recommendations if r.id == added.id)
    assert stored.deadline == dt.date(2026, 12, 25)
    assert state.visit.next_visit_date == dt.date(2027, 1, 15)
    assert tab.deadline.edit.text() == "25.12.2026"
