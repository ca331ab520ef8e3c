"""The export's default file name tells curators apart: the surname, the initials, the date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from curator_desktop.ui.exchange.export_dialog import ExportDialog
from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog


def asked_name(page, monkeypatch: pytest.MonkeyPatch) -> str:
    """The name the save dialog proposes (the dialog is then cancelled)."""
    asked: list[str] = []

    def save_name(_parent, _caption, default, _filter):
        asked.append(default)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    page.export()
    return Path(asked[0]).name


def test_the_default_name_is_the_curators(open_window, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(demo=True)
    page = window.pages["exchange"]
    name = window.context.profile_service.current().full_name  # Соколова Марина Викторовна
    surname = name.split()[0]
    today = dt.date.today().isoformat()
    assert asked_name(page, monkeypatch) == f"{surname}_М_В_{today}.curator"
    assert page.default_file_name(dt.date(2026, 12, 7)) == f"{surname}_М_В_2026-12-07.curator"


def test_without_a_profile_the_name_falls_back(
    open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window = open_window(demo=False)
    page = window.pages["exchange"]
    assert asked_name(page, monkeypatch) == f"curator-{dt.date.today().isoformat()}.curator"
