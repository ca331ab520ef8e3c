"""Cancel of a running export, pressed in its progress dialog: nothing is left behind (no
package, no temporary file, no plain copy of an encrypted one), the export history is
unchanged, the user is told, and the next export works."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from curator_desktop.ui.exchange.export_dialog import ExportRequest
from curator_desktop.ui.exchange.page import ExchangePage

MIB = 1024 * 1024
PHOTO_BYTES = 4 * MIB + 17
STOP_AT = 3 * MIB
"""The worker is held once a temporary package has grown past this, until Cancel is pressed."""


def add_photos(window, folder: Path, count: int = 3) -> None:
    """A new visit with ``count`` photos of several MB (random bytes: each one different)."""
    context = window.context
    school_id = context.schools.choices()[0][0]
    visit_id = context.visit_service.create_visit(school_id, "primary", dt.date(2026, 11, 20))
    folder.mkdir()
    for number in range(count):
        photo = folder / f"Фото {number}.jpg"
        photo.write_bytes(os.urandom(PHOTO_BYTES))
        context.visit_service.attach(visit_id, photo)


def temporary_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.name.endswith(".part")]


@pytest.mark.parametrize("password", [None, "секрет"], ids=["plain", "encrypted"])
def test_cancel_during_export_leaves_nothing_and_the_app_goes_on(
    open_window,
    qtbot,
    tmp_path: Path,
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
    password: str | None,
) -> None:
    window = open_window(demo=True)
    add_photos(window, tmp_path / "camera")
    page = window.pages["exchange"]
    assert isinstance(page, ExchangePage)
    window.show_page("exchange")
    history_before = len(window.context.history.exchanges())
    usb, scratch = tmp_path / "usb", tmp_path / "scratch"
    usb.mkdir()
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # an encrypted export's plain copy
    target = usb / "out.curator"

    held, pressed = threading.Event(), threading.Event()

    def hold_the_worker(_done: int, _total: int) -> None:
        # runs in the worker, on each progress report: wait there, once, for Cancel
        if held.is_set() or not any(
            p.stat().st_size > STOP_AT for p in temporary_files(usb, scratch)
        ):
            return
        held.set()
        pressed.wait(timeout=60)

    try:
        page.start_export(target, ExportRequest(kind="full", password=password))
        run = page.run
        assert run is not None and run.running
        run.progressed.connect(hold_the_worker, Qt.ConnectionType.DirectConnection)
        dialog = run.dialog
        assert dialog is not None
        qtbot.waitUntil(held.is_set, timeout=60_000)
        assert temporary_files(usb, scratch), "the export was under way"
        qtbot.waitUntil(dialog.isVisible, timeout=10_000)
        cancel = dialog.findChild(QPushButton)
        assert cancel.text() == "Cancel"
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    finally:
        pressed.set()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)

    assert told == ["Cancelled: nothing was changed."]
    assert list(usb.iterdir()) == [], "no package and no temporary file in the target folder"
    assert list(scratch.iterdir()) == [], "no plain copy of the package left anywhere"
    assert len(window.context.history.exchanges()) == history_before
    assert page.table.visible_rows() == []
    assert run.cancelled() and run.dialog is None
    assert not (shiboken6.isValid(dialog) and dialog.isVisible())  # closed
    assert page.run is None and page.export_button.isEnabled()

    page.start_export(target, ExportRequest(kind="full", password=password))
    qtbot.waitUntil(lambda: len(told) == 2, timeout=120_000)
    assert "Exported" in told[1] and target.is_file()
    assert [p.name for p in usb.iterdir()] == ["out.curator"]
    assert len(window.context.history.exchanges()) == history_before + 1
