"""The «Packages» page on a coordinator's real store: the log newest first with a refused package
marked and its reason, a package refused in the Exchange page's preview logged before the error
is shown, and the curators' reports reviewed several at once with the keyboard alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from curator_desktop.cli.parser import main
from curator_desktop.domain.intake import Outcome, ReviewState
from curator_desktop.ui.common.models.row_table_model import ATTENTION, HIGHLIGHT_ROLE
from curator_desktop.ui.exchange.page import ExchangePage
from curator_desktop.ui.intake.page import PackagesPage
from tests.ui.keyboard_script import Key, Mod, focused, press, type_text


def run(*args: str | Path) -> None:
    assert main([*map(str, args), "--lang", "en"]) == 0


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A coordinator's data folder holding one curator's package (two reports) and a refused
    one; copied by each test."""
    root = tmp_path_factory.mktemp("region")
    curator, coordinator = root / "curator", root / "coordinator"
    run("demo", "create", "--data-dir", curator)
    for kind in ("interim", "final"):
        run("report", "period", "--from", "2026-09-01", "--to", "2026-11-30", "--kind", kind,
            "-o", root / f"{kind}.pdf", "--data-dir", curator)  # fmt: skip
    run("export", "-o", root / "curator.curator", "--data-dir", curator)
    profile = ["--organisation", "ИРО", "--region", "Смоленская область"]
    run("init", "--data-dir", coordinator, "--name", "Петрова Анна Сергеевна", *profile,
        "--role", "coordinator")  # fmt: skip
    run("import", root / "curator.curator", "--data-dir", coordinator)
    broken = root / "broken.curator"
    broken.write_bytes((root / "curator.curator").read_bytes()[:2000])
    assert main(["import", str(broken), "--data-dir", str(coordinator)]) != 0
    return root


@pytest.fixture
def coordinator(region: Path, tmp_path: Path) -> Path:
    target = tmp_path / "coordinator"
    shutil.copytree(region / "coordinator", target)
    return target


def packages_page(window) -> PackagesPage:
    window.show_page("packages")
    page = window.page("packages")
    assert isinstance(page, PackagesPage)
    return page


def test_the_log_shows_the_refused_package_first_with_its_reason(
    open_window, coordinator: Path, qtbot
) -> None:
    window = open_window(demo=False, data_dir=coordinator)
    page = packages_page(window)

    proxy = page.packages.proxy
    assert proxy.rowCount() == 2
    first = proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert first.outcome is Outcome.REFUSED and first.file_name == "broken.curator"
    assert proxy.index(0, 1).data(HIGHLIGHT_ROLE) == ATTENTION
    assert first.reason in proxy.index(0, 4).data()
    assert "refused 1" in page.tabs.tabText(0)
    page.packages.view.setCurrentIndex(proxy.index(1, 0))
    assert "Schools:" in page.details.text() and "new" in page.details.text()


def test_a_package_refused_in_the_preview_is_logged_before_the_error_is_shown(
    open_window, coordinator: Path, region: Path, qtbot, told: list[str]
) -> None:
    window = open_window(demo=False, data_dir=coordinator)
    exchange = window.page("exchange")
    assert isinstance(exchange, ExchangePage)
    rows_when_told: list[int] = []
    page = packages_page(window)
    count = page.service().packages

    def tell(box) -> int:
        rows_when_told.append(len(count()))
        told.append(box.text())
        return 0

    from PySide6.QtWidgets import QMessageBox

    QMessageBox.exec = tell  # type: ignore[method-assign]  (restored by ``told``'s monkeypatch)
    exchange.start_preview(region / "broken.curator", None)
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)

    assert rows_when_told == [3]
    window.show_page("exchange")
    page = packages_page(window)
    assert page.packages.proxy.rowCount() == 3


def test_reports_are_reviewed_in_bulk_with_the_keyboard(
    open_window, coordinator: Path, qtbot
) -> None:
    window = open_window(demo=False, data_dir=coordinator)
    window.activateWindow()
    qtbot.waitActive(window)
    page = packages_page(window)
    page.packages.view.setFocus()
    press(Key.Key_R, Mod.AltModifier)  # the tab «Curators' &reports»
    assert page.tabs.currentIndex() == 1
    assert page.reports.proxy.rowCount() == 2
    assert not page.state_buttons[ReviewState.REVISE].isEnabled()

    page.search.setFocus()
    assert press(Key.Key_Down) is page.reports.view  # from the search into the list
    press(Key.Key_A, Mod.ControlModifier)
    assert len(page.selected_reports()) == 2
    assert page.state_buttons[ReviewState.REVISE].isEnabled()
    press(Key.Key_C, Mod.AltModifier)  # «&Comment:»
    assert focused() is page.comment
    type_text("Добавьте выводы по школам")
    press(Key.Key_V, Mod.AltModifier)  # «Send for re&vision»

    rows = page.service().reports()
    assert {(row.state, row.comment) for row in rows} == {
        (ReviewState.REVISE, "Добавьте выводы по школам")
    }
    assert len(page.selected_reports()) == 2  # the selection stays for the next action
    assert page.comment.text() == ""
    assert "to review 0" in page.tabs.tabText(1)
    assert page.reports.proxy.index(0, 5).data(HIGHLIGHT_ROLE) == ATTENTION
