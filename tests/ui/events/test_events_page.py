"""The «Мероприятия» page in the window: empty without events, lists what the service stores by
period tab, marks a past event attended and deletes one (asking first), and announces each
change so the plan and «Сегодня» follow."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.domain.events import Event
from curator_desktop.ui.events.page import ALL, COMING, GROUPS, PAST

TODAY = dt.date(2026, 9, 15)


def test_the_page_lists_marks_and_deletes(open_window, qtbot, monkeypatch) -> None:
    window = open_window(demo=True)
    window.show_page("events")
    page = window.pages["events"]
    page.clock = lambda: TODAY
    service = window.context.event_service
    for event in service.events():  # the demo year's own events
        service.delete(event.id)
    page.refresh()
    assert page.model.rowCount() == 0 and not page.edit_button.isEnabled()
    past = service.create(Event(id="", day=dt.date(2026, 9, 9), topic="Совещание", kind="meeting"))
    service.create(Event(id="", day=dt.date(2026, 9, 23), topic="Вебинар", kind="webinar"))
    page.refresh()

    page.groups.setCurrentIndex(GROUPS.index(COMING))
    assert [e.topic for e in page.table.visible_rows()] == ["Вебинар"]
    page.groups.setCurrentIndex(GROUPS.index(PAST))
    assert [e.topic for e in page.table.visible_rows()] == ["Совещание"]
    assert page.groups.tabText(GROUPS.index(ALL)).endswith("(2)")

    assert page.select_event(past.id) and page.attended_button.isEnabled()
    with qtbot.waitSignal(page.data_changed) as announced:
        page.attended_button.click()
    assert announced.args == [frozenset({Change.EVENTS, Change.ROADMAPS})]
    assert service.event(past.id).attended and not page.attended_button.isEnabled()

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.data_changed):
        page.delete_button.click()
    assert [e.topic for e in service.events()] == ["Вебинар"]
