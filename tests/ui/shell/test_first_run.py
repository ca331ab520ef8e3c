"""The welcome dialog of a first run: an empty store, the demo, or the store restored from a
package made on another computer (a real demo store's real package)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QRadioButton

from curator_desktop.app import create_context, parse_gui_args, wants_welcome
from curator_desktop.paths import AppPaths
from curator_desktop.services.context import AppContext
from curator_desktop.store.lock import StoreLock
from curator_desktop.ui.shell.first_run_dialog import (
    DEMO,
    EMPTY,
    RESTORED,
    FirstRunDialog,
    WelcomeDialog,
)

PASSWORD = "секретный пароль"


@dataclass(frozen=True)
class DemoPackage:
    """A package of the whole demo store, protected by :data:`PASSWORD`, and what it holds."""

    path: Path
    schools: int
    store_id: str


@pytest.fixture(scope="module")
def demo_package(tmp_path_factory: pytest.TempPathFactory) -> DemoPackage:
    from curator_desktop.services.exchange.service import ExchangeService
    from curator_desktop.services.store_opening import open_store
    from curator_desktop.store.repositories.schools import SchoolRepository

    root = tmp_path_factory.mktemp("old-laptop")
    paths = AppPaths(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")
    opened = open_store(paths, device_id="old-laptop", demo=True, daily_backup=False)
    try:
        (root / "usb").mkdir()
        service = ExchangeService.for_paths(opened.database, paths)
        package = service.export(root / "usb" / "moving.curator", password=PASSWORD)
        schools = SchoolRepository(opened.database).count(include_archived=True)
        return DemoPackage(package.path, schools, opened.store_id)
    finally:
        opened.close()


@pytest.fixture
def no_profile_dialog(monkeypatch: pytest.MonkeyPatch) -> list[FirstRunDialog]:
    """The profile dialog a window shows on a store without a profile, answered «Later»."""
    asked: list[FirstRunDialog] = []
    monkeypatch.setattr(FirstRunDialog, "exec", lambda d: asked.append(d) or 0)
    return asked


def new_computer(tmp_path: Path) -> AppContext:
    """The context the app builds for an empty data folder."""
    data = tmp_path / "new-computer"
    return create_context(parse_gui_args(["--data-dir", str(data), "--lang", "en"]))


def welcome(qtbot, context: AppContext, lock: StoreLock | None = None) -> WelcomeDialog:
    dialog = WelcomeDialog(context.paths, device_id=context.settings.device_id, lock=lock)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click_radio(qtbot, radio: QRadioButton) -> None:
    """Click the radio button's circle (its centre may lie beyond its label)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(path), "")))


def test_the_welcome_is_asked_only_on_a_first_run_with_a_screen(tmp_path: Path) -> None:
    paths = AppPaths(data_dir=tmp_path, config_dir=tmp_path, log_dir=tmp_path)
    plain = parse_gui_args([])
    assert wants_welcome(plain, paths, "xcb") and wants_welcome(plain, paths, "windows")
    assert not wants_welcome(parse_gui_args(["--demo"]), paths, "xcb")
    assert not wants_welcome(parse_gui_args(["--quit-after-show"]), paths, "xcb")
    assert not wants_welcome(plain, paths, "offscreen")
    paths.store_file.write_bytes(b"")
    assert not wants_welcome(plain, paths, "xcb")


def test_restore_from_a_package_opens_the_same_store(
    qtbot,
    tmp_path: Path,
    open_window,
    demo_package: DemoPackage,
    told: list[str],
    no_profile_dialog: list[FirstRunDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    context = new_computer(tmp_path)
    lock = StoreLock(context.paths.lock_file)
    lock.acquire()  # as the app holds it while the dialog is shown
    dialog = welcome(qtbot, context, lock)
    choose_file(monkeypatch, demo_package.path)
    answers = iter([("неверный", True), (PASSWORD, True)])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: next(answers)))
    click_radio(qtbot, dialog.restore_radio)
    blocker = qtbot.waitSignal(dialog.store_restored, timeout=120_000)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    # the work runs in the background: the dialog is busy and cannot be closed meanwhile
    assert dialog.busy and dialog.busy_bar.isVisibleTo(dialog)
    assert not dialog.continue_button.isEnabled() and "moving.curator" in dialog.busy_label.text()
    dialog.reject()
    assert dialog.isVisible()
    blocker.wait()
    assert "password" in told[0].lower()  # the wrong one, then asked again
    assert f"{demo_package.schools} schools" in told[-1] and "attachments" in told[-1]
    assert dialog.choice == RESTORED and dialog.result() == QDialog.DialogCode.Accepted
    assert lock.held, "the data folder is locked again once the store exists"
    lock.release()

    window = open_window(demo=False, data_dir=context.paths.data_dir)
    assert window.context.schools.count(include_archived=True) == demo_package.schools
    assert window.pages["schools"].table.model.rowCount() == demo_package.schools
    assert window.context.profiles.store_id() == demo_package.store_id
    assert window.context.profiles.get() is not None  # the curator's profile came along
    assert any(window.context.paths.attachments_dir.rglob("*"))


def test_a_wrong_file_is_explained_and_creates_nothing(
    qtbot, tmp_path: Path, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    context = new_computer(tmp_path)
    dialog = welcome(qtbot, context)
    dialog.restore_radio.setChecked(True)
    choose_file(monkeypatch, "")  # the file dialog cancelled: nothing happens
    dialog.continue_button.click()
    assert not dialog.busy and dialog.isVisible() and told == []
    notes = tmp_path / "notes.curator"
    notes.write_text("Это не пакет, а заметки.", encoding="utf-8")
    choose_file(monkeypatch, notes)
    with qtbot.waitSignal(dialog.restore_failed, timeout=60_000):
        dialog.continue_button.click()
    assert len(told) == 1 and told[0]
    assert dialog.isVisible() and dialog.choice == EMPTY and dialog.result() == 0
    assert dialog.continue_button.isEnabled() and not dialog.busy_bar.isVisibleTo(dialog)
    data = context.paths.data_dir
    assert not context.paths.store_file.exists()
    assert not [p for p in data.rglob("*") if p.is_file() and "sqlite" in p.name]
    assert not [p for p in context.paths.attachments_dir.rglob("*") if p.is_file()]


def test_an_empty_store_by_default_and_when_closed(
    qtbot, tmp_path: Path, open_window, no_profile_dialog: list[FirstRunDialog]
) -> None:
    context = new_computer(tmp_path)
    dialog = welcome(qtbot, context)
    assert dialog.empty_radio.isChecked() and dialog.continue_button.isDefault()
    dialog.demo_radio.setChecked(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice == EMPTY and dialog.result() == QDialog.DialogCode.Rejected
    assert not context.paths.store_file.exists()

    dialog = welcome(qtbot, context)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == EMPTY and dialog.result() == QDialog.DialogCode.Accepted
    window = open_window(demo=False, data_dir=context.paths.data_dir)
    assert context.paths.store_file.is_file()
    assert window.context.schools.count(include_archived=True) == 0
    qtbot.waitUntil(lambda: bool(no_profile_dialog))  # the profile is asked next: «Later»


def test_the_demo_can_be_chosen(qtbot, tmp_path: Path) -> None:
    context = new_computer(tmp_path)
    dialog = welcome(qtbot, context)
    click_radio(qtbot, dialog.demo_radio)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == DEMO and dialog.result() == QDialog.DialogCode.Accepted
    assert not context.paths.store_file.exists()
