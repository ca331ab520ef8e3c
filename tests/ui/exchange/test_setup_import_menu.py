"""File → «Import region set-up…» in the curator's window (#24): the coordinator's set-up
package for the demo curator (Соколова М. В.) imported in one step; a package for another
curator refused with the reason. Real stores and packages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from curator_desktop.services.exchange.setup.build import build_setup
from curator_desktop.services.profile.authorship import school_curators
from tests.services.exchange.identity_helpers import INNS, new_store, school_of
from tests.services.exchange.test_assignments import (
    KOZLOVA,
    PETROV,
    imported,
    list_with_curators,
    profile,
)


def _package(tmp_path: Path, template: Path, curator: str) -> Path:
    store = new_store(template, tmp_path / f"coordinator-{len(curator)}", "dev-c")
    profile(store, KOZLOVA, "coordinator")
    imported(store, list_with_curators(tmp_path / "list.csv", ("Соколова М. В.", PETROV, PETROV)))
    (tmp_path / "usb").mkdir(exist_ok=True)
    target = tmp_path / "usb" / f"{len(curator)}.curator"
    build_setup(store.service, curator, target, day=dt.date.today())
    store.close()
    return target


def _menu_action(window, text: str):  # type: ignore[no-untyped-def]
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == text)


def test_the_file_menu_imports_the_set_up_package_in_one_step(
    open_window, qtbot, tmp_path: Path, told: list[str], monkeypatch: pytest.MonkeyPatch,
    migrated_store_template: Path,
) -> None:  # fmt: skip
    package = _package(tmp_path, migrated_store_template, "Соколова М. В.")
    window = open_window(demo=True)
    action = _menu_action(window, "Import region &set-up…")
    assert action.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(package), "")))
    page = window.pages["exchange"]
    with qtbot.waitSignal(page.data_changed, timeout=60_000):
        action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert "Region set-up package for Соколова М. В.: 1 school." in told[-1]
    database = window.context.store.database
    school = school_of(database, INNS[0])
    assert "Соколова" in school_curators(database)[school][0]


def test_a_package_for_another_curator_is_refused_with_the_reason(
    open_window, qtbot, tmp_path: Path, told: list[str], monkeypatch: pytest.MonkeyPatch,
    migrated_store_template: Path,
) -> None:  # fmt: skip
    package = _package(tmp_path, migrated_store_template, PETROV)
    window = open_window(demo=True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(package), "")))
    _menu_action(window, "Import region &set-up…").trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert PETROV in told[-1] and "Nothing was imported" in told[-1]


def test_the_import_preview_says_what_a_set_up_package_holds() -> None:
    from curator_desktop.services.exchange.package.format import Scope
    from curator_desktop.ui.exchange.import_preview_dialog import scope_text

    scope = Scope.setup(("a", "b"), "Соколова М. В.")
    assert scope_text(scope) == "the region set-up for Соколова М. В.: 2 schools"
