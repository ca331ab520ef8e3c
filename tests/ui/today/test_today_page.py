"""«Сегодня»: the window opens on it, the arrows step from entry to entry over the headings, and
Enter opens each entry's place (the visit editor, the school's documents, the plan's item); an
empty day says what comes next and its buttons go there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from curator_desktop.domain.changes import ALL_CHANGES
from curator_desktop.services.plan.relations import RelationFilter
from curator_desktop.ui.schools.card import SchoolCardDialog
from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog
from curator_desktop.ui.shell.main_window import MainWindow
from curator_desktop.ui.today.page import TodayPage

Key = Qt.Key
D = dt.date
TODAY = D(2026, 12, 9)


@pytest.fixture
def empty_window(open_window, monkeypatch) -> Callable[[], MainWindow]:
    """A window on an empty store (the first-run profile question answered «later»)."""
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)

    def make() -> MainWindow:
        window = open_window(demo=False)
        window.activateWindow()
        return window

    return make


def _school(window: MainWindow, name: str) -> str:
    from curator_desktop.store.tables import School

    with window.context.database.session() as session:
        school = School(full_name=f"МБОУ «{name}»", short_name=name)
        session.add(school)
        session.flush()
        return school.id


def _today(window: MainWindow) -> TodayPage:
    page = window.page("today")
    assert isinstance(page, TodayPage)
    page.clock = lambda: TODAY
    window.data_changed.emit(ALL_CHANGES)
    return page


def _press(qtbot, key: Qt.Key) -> object:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)
    return QApplication.focusWidget()


def test_the_window_opens_on_today_with_the_keyboard_in_its_list(open_window, qtbot) -> None:
    window = open_window(demo=True)
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.page("today")
    assert window.current_page_key() == "today" and window.navigation.currentRow() == 0
    assert window.stack.currentWidget() is page
    assert page.body.currentWidget() is page.view and page.model.rowCount() > 0
    assert QApplication.focusWidget() is page.view
    current = page.view.currentIndex()
    assert page.model.entry(current) is not None  # an entry, not a heading
    window.navigation.setFocus()  # Tab leads from the navigation into the list
    assert _press(qtbot, Key.Key_Tab) is page.view
    heading = page.model.index(0, 0)
    assert page.model.data(heading).endswith(f"({page.model.section_of(heading).total})")


def test_enter_opens_each_entry_in_its_place(
    empty_window, qtbot, qtmodeltester, monkeypatch
) -> None:
    window = empty_window()
    context = window.context
    school = _school(window, "Озерецкая СОШ")
    visit = context.visit_service.create_visit(school, "planned", D(2026, 12, 10))
    context.document_service.receive_version(
        school_id=school, year=2026, kind="concept", source=None, received_on=D(2026, 12, 1)
    )
    item = context.plan_service.add_item("Совещание кураторов", "20.12.2026")
    page = _today(window)
    qtbot.waitActive(window)
    page.view.setFocus()
    assert [s.key for s in page.agenda.sections] == ["visits", "documents", "plan"]
    qtmodeltester.check(page.model)

    # the first entry is current: Enter opens the visit beside the window
    assert page.model.target(page.view.currentIndex()).id == visit
    _press(qtbot, Key.Key_Return)
    editor = window.visit_windows.editors[visit]
    assert editor.isVisible()
    editor.close()
    page.view.activateWindow()
    page.view.setFocus()

    # ↓ steps over the documents' heading; Enter opens the school's card on its documents
    opened: list[tuple[str | None, bool]] = []

    def show(card: SchoolCardDialog) -> int:
        opened.append((card.school_id, card.tabs.currentWidget() is card.documents_widget))
        return 0

    monkeypatch.setattr(SchoolCardDialog, "exec", show)
    _press(qtbot, Key.Key_Down)
    assert page.model.entry(page.view.currentIndex()).text == "Development concept"
    _press(qtbot, Key.Key_Return)
    assert opened == [(school, True)]

    # ↓ again: the plan's item; Enter shows it selected on the Plan page (under «Мои», though
    # the plan was left on «Участвую»)
    window.page("plan").filters.set_relation_filter(RelationFilter.SHARE)
    _press(qtbot, Key.Key_Down)
    assert page.model.target(page.view.currentIndex()).id == item
    _press(qtbot, Key.Key_Down)  # the last entry: the cursor stays
    assert page.model.target(page.view.currentIndex()).id == item
    _press(qtbot, Key.Key_Return)
    plan = window.page("plan")
    assert window.current_page_key() == "plan"
    assert plan.selected_entry() is not None and plan.selected_entry().item_id == item
    assert plan.filters.relation_filter() == RelationFilter.MINE

    # ↑ from the first entry stays on it (the heading above is not a place)
    window.show_page("today")
    page.view.setFocus()
    page.view.select_first()
    _press(qtbot, Key.Key_Up)
    assert page.model.target(page.view.currentIndex()).id == visit


def test_an_empty_store_says_how_to_start_and_its_buttons_go_there(
    empty_window, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(MainWindow, "import_schools", lambda self: asked.append("schools"))
    monkeypatch.setattr(MainWindow, "import_roadmap", lambda self: asked.append("roadmap"))
    window = empty_window()
    page = _today(window)
    assert page.body.currentWidget() is page.empty_day
    assert page.empty_day.title_label.text() == "Start with your schools"
    texts = [b.text() for b in page.empty_day.buttons]
    assert texts == ["Import list of schools…", "Add a school…", "Import roadmap…"]
    assert page.start_focus() is page.empty_day.buttons[0]
    page.empty_day.buttons[0].click()
    page.empty_day.buttons[2].click()
    assert asked == ["schools", "roadmap"]


def test_a_day_with_nothing_due_names_the_next_visit_and_opens_it(empty_window) -> None:
    window = empty_window()
    school = _school(window, "Озерецкая СОШ")
    visit = window.context.visit_service.create_visit(school, "planned", D(2026, 12, 21))
    page = _today(window)
    assert page.empty_day.title_label.text() == "Everything for today is done"
    assert "The next visit is on 21 December, Озерецкая СОШ." in page.empty_day.hint_label.text()
    assert [b.text() for b in page.empty_day.buttons] == ["Open the next visit", "Import roadmap…"]
    page.empty_day.buttons[0].click()
    assert window.visit_windows.editors[visit].isVisible()
    window.visit_windows.editors[visit].close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_what_and_the_next_step_are_read_whole_on_a_laptop_at_150(
    open_window, qtbot, lang: str
) -> None:
    """At 150 % a 1366×768 laptop's page is ≈ 700 logical px wide: a long «Что» or «Что сделать»
    («Просрочено на 238 дней · заместитель директора …») wraps within its cell: the next step is
    read whole, «Что» in two lines (the tooltip holds it all)."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyle

    from curator_desktop.ui.today.model import NEXT, WHAT

    window = open_window(demo=True, lang=lang, size=(911, 512))
    page = _today(window)
    view = page.view
    qtbot.wait(50)
    metrics = view.fontMetrics()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    cut = []
    for entry in page.model.entry_indexes():
        for column in (WHAT, NEXT):
            index = entry.siblingAtColumn(column)
            text = page.model.data(index) or ""
            room = QRect(0, 0, view.columnWidth(column) - margin, 10_000)
            needed = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, text)
            if column == WHAT:  # «What» takes two lines at most; its tooltip has it all
                needed.setHeight(min(needed.height(), 2 * metrics.lineSpacing()))
            shown = view.visualRect(index)
            if needed.width() > room.width() or needed.height() > shown.height():
                cut.append(text)
            assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == text
    assert cut == [], f"{len(cut)} texts cut, the first: {cut[:3]}"
