"""The visit editor's checklist and lesson maps: the items, not the section list, get the width,
on first open and after reopening, whatever split was left behind."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSplitter

from tests.ui.every_dialog import demo_visit

MOST = 0.6
"""The least share of a splitter's width the items panel gets."""


def _open(window: Any, qtbot: Any, visit_id: str) -> Any:
    """The editor of ``visit_id``, its checklist and lessons tabs each shown once."""
    editor = window.visit_windows.open(visit_id)
    qtbot.waitExposed(editor)
    for tab in (editor.checklist_holder, editor.lessons):
        editor.tabs.setCurrentWidget(tab)
        qtbot.wait(20)
    return editor


def _close(window: Any, qtbot: Any, editor: Any) -> None:
    visit_id = editor.visit_id
    editor.reject()
    qtbot.waitUntil(lambda: visit_id not in window.visit_windows.editors)


def _splitters(editor: Any) -> dict[str, QSplitter]:
    """The visit checklist's sections | items, the lessons list | lesson, and the shown lesson's
    sections | items."""
    assert editor.form is not None and editor.lessons.form is not None
    return {
        "checklist": editor.form.findChild(QSplitter),
        "lessons": editor.lessons.findChild(QSplitter, ""),
        "lesson map": editor.lessons.form.findChild(QSplitter),
    }


def _main_share(splitter: QSplitter) -> float:
    sizes = splitter.sizes()
    return sizes[1] / sum(sizes)


def _shares(editor: Any) -> dict[str, float]:
    return {name: round(_main_share(s), 2) for name, s in _splitters(editor).items()}


def test_the_items_get_most_of_the_width_on_first_open_and_after_reopening(
    open_window, qtbot
) -> None:
    window = open_window(demo=True, lang="ru")
    visit_id = demo_visit(window, lessons=True)
    editor = _open(window, qtbot, visit_id)
    assert all(share >= MOST for share in _shares(editor).values()), _shares(editor)

    # The section list dragged over nearly the whole width is not brought back.
    checklist = _splitters(editor)["checklist"]
    checklist.moveSplitter(checklist.width() - 80, 1)
    assert _main_share(checklist) < 0.2
    _close(window, qtbot, editor)
    editor = _open(window, qtbot, visit_id)
    assert all(share >= MOST for share in _shares(editor).values()), _shares(editor)

    # A sensible width the curator chose is kept, for the visit's checklist and the lesson maps.
    chosen = {}
    for name, position in (("checklist", 230), ("lesson map", 190)):
        splitter = _splitters(editor)[name]
        splitter.moveSplitter(position, 1)
        chosen[name] = splitter.sizes()[0]
    _close(window, qtbot, editor)
    editor = _open(window, qtbot, visit_id)
    splitters = _splitters(editor)
    assert {name: splitters[name].sizes()[0] for name in chosen} == chosen
    assert all(share >= MOST for share in _shares(editor).values()), _shares(editor)
    _close(window, qtbot, editor)
