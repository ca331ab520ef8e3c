"""Checks on a 1366×768 laptop screen, run by test_laptop_screen.py at scale 1 and 1.5 (the
file is not collected on its own: the suite's offscreen screen is another size)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSplitter, QWidget

from tests.ui.every_dialog import demo_visit, every_dialog
from tests.ui.laptop_screen import LAPTOP_ENV, only_on_laptop

pytestmark = only_on_laptop


def _misfit(widget: QWidget) -> tuple[int, int, int, int] | None:
    """The widget's frame when it does not lie within its screen's available area."""
    frame = widget.frameGeometry()
    available = widget.screen().availableGeometry()
    return None if available.contains(frame) else frame.getRect()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_window_and_dialog_fits_the_screen(
    open_window, qtbot, tmp_path: Path, lang: str
) -> None:
    window = open_window(demo=True, lang=lang, size=None)  # as large as it makes itself
    available = window.screen().availableGeometry().getRect()
    misfits = {"main window": _misfit(window)}
    for name, dialog in every_dialog(qtbot, window, tmp_path):
        misfits[name] = _misfit(dialog)
    misfits = {name: frame for name, frame in misfits.items() if frame is not None}
    scale = os.environ.get(LAPTOP_ENV)
    assert not misfits, f"frames past {available} at scale {scale}: {misfits}"


def test_the_checklist_items_get_most_of_the_width(open_window, qtbot) -> None:
    window = open_window(demo=True, lang="ru", size=None)
    editor = window.visit_windows.open(demo_visit(window, lessons=True))
    qtbot.waitExposed(editor)
    shares = []  # the checklist's items, the lesson, the lesson map's items
    for tab in (editor.checklist_holder, editor.lessons):
        editor.tabs.setCurrentWidget(tab)
        qtbot.wait(20)
        for splitter in tab.findChildren(QSplitter):
            sizes = splitter.sizes()
            shares.append(round(sizes[1] / sum(sizes), 2))
    assert len(shares) == 3 and min(shares) >= 0.6, shares


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_visit_editor_still_fits_once_it_says_what_was_saved(open_window, qtbot, lang) -> None:
    """«Все изменения сохранены в 22:44:05» beside the commands does not push «Закрыть» off."""
    window = open_window(demo=True, lang=lang, size=None)
    editor = window.visit_windows.open(demo_visit(window))
    qtbot.waitExposed(editor)
    for pending, failed in ((False, False), (True, False), (False, True)):
        editor.action_bar.show_save_state(pending, failed)
        qtbot.wait(50)
        assert _misfit(editor) is None, editor.action_bar.save_state.text()
