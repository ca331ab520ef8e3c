"""The main window on the demo store: pages, navigation, search, status bar, first run."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.store.repositories.profile import ProfileRepository
from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog
from curator_desktop.ui.shell.main_window import MainWindow
from curator_desktop.ui.shell.pages import PAGE_KEYS
from tests.ui.conftest import set_text


def test_demo_store_opens_populated(open_window) -> None:
    window = open_window(demo=True)
    schools = window.pages["schools"]
    assert schools.table.model.rowCount() == 8
    assert schools.table.currentWidget() is schools.table.view
    assert "demo" in window.windowTitle()
    assert str(window.context.paths.store_file) in window.store_label.text()


def test_each_navigation_entry_shows_its_page(open_window, qtbot) -> None:
    window = open_window(demo=True)
    for key in window.pages:
        item = window.navigation.item(PAGE_KEYS.index(key))
        rect = window.navigation.visualItemRect(item)
        qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.stack.currentWidget() is window.pages[key]
        assert window.current_page_key() == key
    assert window.pages["visits"].table.model.rowCount() >= 12


def test_shortcuts_switch_pages(open_window, qtbot) -> None:
    window = open_window(demo=True)
    assert window.current_page_key() == "today"  # where the window opens
    for key in ("schools", "visits", "documents", "plan", "settings", "today"):
        position = window.visible_page_keys().index(key)  # Ctrl+1 … Ctrl+9, then Ctrl+0
        number = Qt.Key(Qt.Key.Key_1 + position if position < 9 else Qt.Key.Key_0)
        qtbot.keyClick(window, number, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page_key() == key


def test_window_speaks_russian(open_window) -> None:
    window = open_window(demo=True, lang="ru")
    navigation = window.navigation
    titles = [
        navigation.item(i).text()
        for i in range(navigation.count())
        if not navigation.isRowHidden(i)
    ]
    assert titles == [
        "Сегодня",
        "Школы",
        "Посещения",
        "Документы",
        "План",
        "Мероприятия",
        "Отчёты",
        "Обмен",
        "Настройки",
    ]
    header = window.pages["schools"].table.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "Школа"


def test_school_search_matches_cyrillic_ignoring_case_and_yo(open_window, qtbot) -> None:
    window = open_window(demo=True)
    page = window.pages["schools"]
    total = page.table.model.rowCount()
    municipality = page.table.model.row_at(0).municipality
    query = municipality.split()[0].upper().replace("Е", "Ё")
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, query)
    shown = page.table.visible_rows()
    assert 0 < len(shown) < total
    assert all(
        row.municipality == municipality
        or query.lower().replace("ё", "е")
        in (row.full_name + row.municipality).lower().replace("ё", "е")
        for row in shown
    )
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "нет такой школы")
    assert page.table.model.rowCount() == 0
    assert page.table.currentWidget() is page.table.empty
    assert "нет такой школы" in page.table.empty.title_label.text()
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "")
    assert page.table.model.rowCount() == total


def test_visits_filter_by_status(open_window) -> None:
    window = open_window(demo=True)
    window.show_page("visits")
    page = window.pages["visits"]
    index = page.status_filter.findData("completed")
    page.status_filter.setCurrentIndex(index)
    rows = page.table.visible_rows()
    assert rows and all(row.status == "completed" for row in rows)
    page.status_filter.setCurrentIndex(0)
    page.set_view("overdue")
    rows = page.table.visible_rows()
    assert rows and all(row.status in ("planned", "in_progress") for row in rows)
    page.status_filter.setCurrentIndex(page.status_filter.findData("overdue"))
    assert all(row.status == "planned" for row in page.table.visible_rows())


def test_new_store_asks_for_the_profile_and_saves_it(open_window, qtbot, monkeypatch) -> None:
    shown: list[FirstRunDialog] = []

    def answer(dialog: FirstRunDialog) -> int:
        shown.append(dialog)
        set_text(dialog.form.edits["full_name"], "Иванова Мария Петровна")
        set_text(dialog.form.edits["region"], "Ленинградская область")
        dialog._on_save_clicked()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FirstRunDialog, "exec", answer)
    window = open_window(demo=False)
    qtbot.waitUntil(lambda: bool(shown))
    profile = ProfileRepository(window.context.database).get()
    assert profile is not None and profile.full_name == "Иванова Мария Петровна"
    schools = window.pages["schools"]
    assert schools.table.currentWidget() is schools.table.empty
    assert "No schools" in schools.table.empty.title_label.text()


def test_profile_requires_a_name(open_window, monkeypatch) -> None:
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window = open_window(demo=False)
    dialog = FirstRunDialog(window.context.profile_service, window)
    dialog._on_save_clicked()
    assert dialog.form.error_label.isVisibleTo(dialog)
    assert ProfileRepository(window.context.database).get() is None


def test_backup_now_and_restore_from_settings(open_window, qtbot, monkeypatch) -> None:
    from curator_desktop.store.tables import School

    window: MainWindow = open_window(demo=True)
    settings = window.pages["settings"]
    window.show_page("settings")
    before = settings.backup_table.model.rowCount()
    qtbot.mouseClick(settings.backup_button, Qt.MouseButton.LeftButton)
    assert settings.backup_table.model.rowCount() == before + 1
    assert "Last backup" in window.backup_label.text()

    with window.context.database.session() as session:
        session.add(School(full_name="Школа, добавленная после копии"))
    window.data_changed.emit(frozenset({Change.SCHOOLS}))
    assert window.pages["schools"].table.model.rowCount() == 9

    newest = next(
        i for i, r in enumerate(settings.backup_table.visible_rows()) if r.reason == "manual"
    )
    settings.backup_table.view.selectRow(newest)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(settings.restore_button, Qt.MouseButton.LeftButton)
    assert window.pages["schools"].table.model.rowCount() == 8
    reasons = [row.reason for row in settings.backup_table.model.rows()]
    assert "pre-restore" in reasons


def test_language_choice_is_saved(open_window) -> None:
    window = open_window(demo=True)
    page = window.pages["settings"]
    page.language.setCurrentIndex(page.language.findData("ru"))
    assert window.context.settings.language == "ru"
    assert page.language_note.text()
    from curator_desktop.settings import load_settings

    assert load_settings(window.context.paths.settings_file).language == "ru"


def test_models_pass_the_model_tester(open_window, qtmodeltester) -> None:
    window = open_window(demo=True)
    qtmodeltester.check(window.pages["schools"].table.model)  # sorted by the store: no proxy
    window.show_page("visits")
    qtmodeltester.check(window.pages["visits"].visit_model)
    qtmodeltester.check(window.pages["visits"].recommendation_model)


def test_a_page_refreshes_on_a_change_it_shows_and_not_on_others(open_window, monkeypatch) -> None:
    window = open_window(demo=True)
    refreshed: list[str] = []
    for key, page in window.pages.items():
        monkeypatch.setattr(page, "refresh", lambda key=key: refreshed.append(key))
    assert window.pages["exchange"].kinds == {Change.EXCHANGE}

    window.data_changed.emit(frozenset({Change.EXCHANGE}))
    assert refreshed == ["exchange"]
    refreshed.clear()
    window.data_changed.emit(frozenset({Change.PROFILE}))
    assert refreshed == ["settings"]
    refreshed.clear()
    window.data_changed.emit(frozenset({Change.ROADMAPS}))
    assert refreshed == ["today", "plan", "events"]  # «Сегодня» lists the plan's items too
    refreshed.clear()
    window.data_changed.emit(frozenset({Change.SCHOOLS}))
    assert "exchange" not in refreshed and "settings" not in refreshed
    assert {"today", "schools", "visits", "plan", "reports"} <= set(refreshed)
    refreshed.clear()
    window.data_changed.emit(frozenset())
    assert refreshed == []
    window.pages["settings"].store_restored.emit()  # the whole store was replaced
    assert set(refreshed) == set(window.pages)


def test_a_size_saved_on_a_bigger_screen_is_fitted_to_this_one(open_window) -> None:
    """A size restored from the settings (saved at 1.0 on a large screen) that is bigger than
    this screen (a 768-px laptop at 150 %) is brought inside it."""
    window = open_window()
    available = window.screen().availableGeometry()
    window.hide()  # hidden, Qt does not fit it for us: as restoreGeometry leaves it
    window.resize(available.width() + 600, available.height() + 400)
    window.move(available.right() - 100, available.bottom() - 100)
    assert window.width() > available.width()
    window._keep_on_screen()
    assert window.width() <= available.width() and window.height() <= available.height()
    assert available.contains(window.frameGeometry().topLeft())
