"""Unexpected errors are shown with details and the app keeps running; expected ones plainly."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from curator_desktop.domain.errors import StoreLockedError
from curator_desktop.ui.common.errors import install_excepthook, show_error


def test_unexpected_error_dialog_has_details_and_copy(qtbot, monkeypatch) -> None:
    seen: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: seen.append(self) or 0)
    previous = sys.excepthook
    hook = install_excepthook()
    try:
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError:
            hook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    box = seen[0]
    assert box.icon() == QMessageBox.Icon.Critical
    assert "ZeroDivisionError" in box.detailedText()
    assert any(button.text() == "Copy details" for button in box.buttons())


def test_expected_error_is_a_plain_message(qtbot, monkeypatch) -> None:
    seen: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: seen.append(self) or 0)
    show_error(None, StoreLockedError("Curator Desktop is already running with this data folder."))
    assert seen[0].icon() == QMessageBox.Icon.Warning
    assert "already running" in seen[0].text()
    assert seen[0].detailedText() == ""
