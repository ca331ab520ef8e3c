"""On a 1366×768 laptop at 100 % and 150 % no checklist scrolls sideways nor cuts a wrapped
answer: every page of every built-in template (visit checklists and the lesson sheet), filled
so that conditions show their items, in Russian and English. Run by test_checklist_laptop.py in
a child process whose offscreen screen is that laptop's (the file is not collected on its own)."""

from __future__ import annotations

import os
from typing import Any

import pytest

from curator_desktop.ui.common.widgets.row_or_column import WrapCheckBox, WrapToolButton
from tests.ui.laptop_screen import LAPTOP_ENV, only_on_laptop
from tests.ui.visits.checklist_cases import builtin_templates, condition_answers, new_visit

pytestmark = only_on_laptop


def _misfits(form: Any, qtbot: Any) -> dict[str, Any]:
    """Section title → how far its page scrolls sideways (px) and which answers' texts are cut
    (given less height than their wrapped lines need), for the pages where either happens."""
    found = {}
    for row in range(form.section_list.count()):
        if form.section_list.isRowHidden(row):
            continue
        form.section_list.setCurrentRow(row)
        qtbot.wait(30)
        area = form.pages.currentWidget()
        sideways = max(
            area.horizontalScrollBar().maximum(),
            area.widget().minimumSizeHint().width() - area.viewport().width(),
        )
        cut = [
            widget.full_text()
            for kind in (WrapToolButton, WrapCheckBox)
            for widget in area.findChildren(kind)
            if widget.isVisible() and widget.height() < widget.heightForWidth(widget.width())
        ]
        if sideways > 0 or cut:
            found[form.section_list.item(row).text().splitlines()[0]] = (sideways, cut)
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_checklist_scrolls_sideways(open_window, qtbot, lang: str) -> None:
    window = open_window(demo=True, lang=lang, size=None)
    available = window.screen().availableGeometry()
    scale = os.environ.get(LAPTOP_ENV)
    problems: dict[str, Any] = {}
    for content in builtin_templates():
        lesson = content["purpose"] == "lesson"
        for every in (True, False):
            visit_id, _lesson = new_visit(
                window.context, content, condition_answers(content, every=every)
            )
            editor = window.visit_windows.open(visit_id)
            qtbot.waitExposed(editor)
            editor.resize(
                min(editor.width(), available.width()), min(editor.height(), available.height())
            )
            editor.tabs.setCurrentWidget(editor.lessons if lesson else editor.checklist_holder)
            qtbot.wait(30)
            form = editor.lessons.form if lesson else editor.form
            case = f"{content['id']}, {'every' if every else 'last'} condition"
            if form.width() > available.width():
                problems[case] = f"form {form.width()} px wide on a {available.width()} px screen"
            wide = _misfits(form, qtbot)
            if wide:
                problems[case] = wide
            editor.reject()
            qtbot.waitUntil(lambda visit_id=visit_id: visit_id not in window.visit_windows.editors)
    assert not problems, f"at scale {scale}, {lang}: {problems}"
