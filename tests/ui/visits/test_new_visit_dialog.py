"""A new visit starts from what the curator chose: the school selected in the list, the next kind
of visit for it (not «Primary» again), and the visit already planned there, offered to open."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.schools.rules import SchoolFields
from curator_desktop.ui.visits.new_visit_dialog import NewVisitDialog

OPEN = (VisitStatus.PLANNED.value, VisitStatus.IN_PROGRESS.value)


@pytest.fixture
def window(open_window):
    return open_window(demo=True, lang="en")


def _visits(window, school_id: str):
    return window.context.visits.summaries(school_id=school_id)


def _school_where(window, wanted) -> str:
    for school_id, _name in window.context.schools.choices():
        if wanted(_visits(window, school_id)):
            return school_id
    raise AssertionError("no such demo school")


def test_file_new_visit_is_for_the_school_selected_in_the_list(window, qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(NewVisitDialog, "exec", lambda d: shown.append(d.school.currentData()) or 0)
    window.show_page("schools")
    page = window.page("schools")
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.table.view, Qt.Key.Key_Down)
    chosen = page.table.selected_id()
    assert chosen == page.model.id_at(1)
    new_visit = next(a for a in window.menus.store_actions if a.text() == "New &visit…")
    new_visit.trigger()
    assert shown == [chosen]


def test_the_type_follows_the_school_s_visits(window, qtbot) -> None:
    year = dt.date.today().year
    had_primary = _school_where(
        window,
        lambda visits: any(
            v.visit_type == VisitType.PRIMARY and v.date and v.date.year == year for v in visits
        ),
    )
    dialog = NewVisitDialog(window.context, had_primary, window)
    qtbot.addWidget(dialog)
    assert dialog.visit_type.currentData() == VisitType.PLANNED.value

    fresh = window.context.school_service.create(
        SchoolFields(full_name="МБОУ «Новая школа»", short_name="Новая школа")
    ).id
    dialog.school.setCurrentIndex(dialog.school.findData(fresh))
    assert dialog.visit_type.currentData() == VisitType.PRIMARY.value

    dialog.visit_type.setCurrentIndex(dialog.visit_type.findData(VisitType.REMOTE.value))
    dialog.visit_type.activated.emit(dialog.visit_type.currentIndex())  # the curator's choice
    dialog.school.setCurrentIndex(dialog.school.findData(had_primary))
    assert dialog.visit_type.currentData() == VisitType.REMOTE.value  # kept


def test_the_visit_planned_there_is_offered(window, qtbot) -> None:
    school = _school_where(window, lambda visits: any(v.status in OPEN for v in visits))
    planned = min(
        (v for v in _visits(window, school) if v.status in OPEN),
        key=lambda v: v.date or dt.date.max,
    )
    dialog = NewVisitDialog(window.context, school, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert dialog.open_button.isVisible()
    before = len(window.context.visits.summaries())
    dialog.open_button.click()
    assert dialog.result() == NewVisitDialog.DialogCode.Accepted
    assert dialog.visit_id == planned.id and not dialog.created
    assert len(window.context.visits.summaries()) == before  # nothing new was made
