"""From start-up to a school's visits without a mouse: the search has focus, ↓ or Enter goes into
the list, Enter opens the school, and Tab leaves every table (the visits tab's «New visit…»)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget

from curator_desktop.ui.schools.card import SchoolCardDialog

Key = Qt.Key


def _focus(window: QWidget) -> QWidget:
    widget = window.focusWidget()
    assert widget is not None, "nothing in the window has the keyboard focus"
    return widget


def _press(qtbot, window: QWidget, key: Qt.Key) -> QWidget:
    """Press ``key`` where the window's keyboard focus is, as a user would; the focus after."""
    qtbot.keyClick(_focus(window), key)
    QApplication.processEvents()
    return _focus(window)


@pytest.fixture
def window(open_window, qtbot):
    window = open_window(demo=True, lang="en")
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def test_the_search_has_focus_when_the_schools_are_shown_and_leads_into_the_list(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.page("schools")
    qtbot.keyClick(_focus(window), Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # «Школы»
    assert QApplication.focusWidget() is page.search

    inn = window.context.school_service.get(page.model.id_at(3)).inn
    qtbot.keyClicks(_focus(window), inn)  # digits type the same on every keyboard layout
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _press(qtbot, window, Key.Key_Down) is page.table.view
    assert page.table.selected_id() == page.model.id_at(0)

    opened: list[str | None] = []
    monkeypatch.setattr(SchoolCardDialog, "exec", lambda dialog: opened.append(dialog.school_id))
    _press(qtbot, window, Key.Key_Return)
    assert opened == [page.model.id_at(0)]

    # ↑ on the first row goes back to the search; Enter in the search goes into the list too
    assert _press(qtbot, window, Key.Key_Up) is page.search
    for _digit in inn:
        _press(qtbot, window, Key.Key_Backspace)
    qtbot.waitUntil(lambda: page.model.rowCount() > 1)
    assert _press(qtbot, window, Key.Key_Return) is page.table.view
    assert page.table.selected_id() == opened[0]  # the row chosen before stays chosen


def test_tab_leaves_every_table_of_the_school_card(window, qtbot) -> None:
    school_id = window.page("schools").model.id_at(0)
    card = SchoolCardDialog(window.context, school_id, window)
    card.show()
    card.activateWindow()
    qtbot.waitActive(card)
    try:
        card.tabs.setCurrentWidget(card.visits_widget)
        card.tabs.tabBar().setFocus()
        visits = card.visits_widget
        assert _press(qtbot, card, Key.Key_Tab) is visits.new_button  # the tab's content first
        assert _press(qtbot, card, Key.Key_Tab) is visits.visit_table.view
        after = _press(qtbot, card, Key.Key_Tab)
        assert after is not visits.visit_table.view, "Tab stayed in the table"
        visits.visit_table.view.setFocus()
        assert _press(qtbot, card, Key.Key_Backtab) is visits.new_button
        for table in card.findChildren(QAbstractItemView):
            assert not table.tabKeyNavigation(), type(table).__name__
    finally:
        card.done(QDialog.DialogCode.Rejected)
        card.deleteLater()
