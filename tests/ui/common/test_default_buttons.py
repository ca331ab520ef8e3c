"""Enter in a field never presses a button that adds, removes, archives, completes or reopens:
no such button is a default or auto-default button in any dialog, and Enter in every line edit
of every dialog presses none of them. The visit editor has no default button at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from tests.ui.every_dialog import every_dialog

RISKY = re.compile(
    r"\b(add|new|remove|delete|archive|clear|discard|undo|reset|complete|reopen)\b", re.I
)
"""What a button that adds or destroys says (the walk runs in English)."""


def _text(button: QPushButton) -> str:
    return button.text().replace("&", "")


def _accepts_the_dialog(button: QPushButton) -> bool:
    """The accept button of a dialog whose whole point is to add (the plan item's «Add»)."""
    box = button.parent()
    return (
        isinstance(box, QDialogButtonBox)
        and box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole
    )


def _risky(dialog: QDialog) -> list[QPushButton]:
    return [
        button
        for button in dialog.findChildren(QPushButton)
        if RISKY.search(_text(button)) and not _accepts_the_dialog(button)
    ]


@pytest.fixture
def nothing_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a pressed button would ask is answered «no» at once."""
    no = QMessageBox.StandardButton.No
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: no))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: 0)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))


def test_enter_never_presses_a_button_that_adds_or_destroys(
    open_window, qtbot, tmp_path: Path, nothing_asked: None
) -> None:
    window = open_window(demo=True, lang="en")
    offenders: list[str] = []
    pressed: list[str] = []
    for name, dialog in every_dialog(qtbot, window, tmp_path):
        risky = _risky(dialog)
        for button in risky:
            what = f"{name}: «{_text(button)}»"
            if button.isDefault() or button.autoDefault():
                offenders.append(f"{what} is a default or auto-default button")
            button.clicked.connect(lambda *_a, what=what: pressed.append(what))
        if name == "visit editor":
            defaults = [_text(b) for b in dialog.findChildren(QPushButton) if b.isDefault()]
            offenders += [f"visit editor: «{text}» is its default button" for text in defaults]
        edits = [
            edit
            for edit in dialog.findChildren(QLineEdit)
            if edit.isVisible() and edit.isEnabled() and not edit.isReadOnly()
        ]
        for edit in edits:
            if not dialog.isVisible():
                break  # Enter pressed the dialog's own OK
            edit.setFocus()
            qtbot.keyClick(edit, Qt.Key.Key_Return)
    offenders += [f"Enter in a field pressed «{what}»" for what in pressed]
    assert not offenders, "\n".join(offenders)
