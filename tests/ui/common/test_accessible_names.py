"""Screen readers and the keyboard: every interactive widget of every page, tab and dialog has a
name a screen reader can say, and no table or list keeps Tab to itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabBar, QWidget

from curator_desktop.ui.common import accessibility
from curator_desktop.ui.common.accessibility import is_interactive, spoken_name
from tests.ui.every_dialog import every_dialog


def _shown_tabs(root: QWidget) -> Iterator[None]:
    """Show each tab of ``root`` in turn: tab widgets and the views switched by a tab bar."""
    yield
    for bar in root.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        current = bar.currentIndex()
        for index in range(bar.count()):
            bar.setCurrentIndex(index)
            QApplication.processEvents()
            yield
        bar.setCurrentIndex(current)


def _problems(where: str, root: QWidget) -> list[str]:
    """What a screen reader or a keyboard user would miss in ``root`` as shown, tab by tab."""
    found: list[str] = []
    for _shown in _shown_tabs(root):
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
                found.append(f"{where}: {type(widget).__name__} keeps Tab to itself")
            if is_interactive(widget) and not spoken_name(widget):
                label = widget.objectName() or type(widget).__name__
                found.append(f"{where}: {label} has no accessible name ({_context(widget)})")
    return sorted(set(found))


def _context(widget: QWidget) -> str:
    chain = []
    parent = widget.parentWidget()
    while parent is not None and len(chain) < 4:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return " < ".join(chain)


def test_every_widget_of_every_page_and_dialog_is_named(open_window, qtbot, tmp_path: Path):
    window = open_window(demo=True, lang="en")  # the window sets the app's style up
    problems: list[str] = []
    for key in window.pages:
        window.show_page(key)
        QApplication.processEvents()
        problems += _problems(f"page {key}", window)
    for name, dialog in every_dialog(qtbot, window, tmp_path):
        problems += _problems(name, dialog)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_a_name_comes_from_what_is_shown_beside_the_field(qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

    from curator_desktop.ui.common.widgets.date_field import DateField

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout()
    by_form, wrapped, date = QLineEdit(), QLineEdit(), DateField()
    form.addRow("&Purpose:", by_form)
    box = QWidget()
    QVBoxLayout(box).addWidget(wrapped)
    form.addRow("Deadline *", box)
    form.addRow("Held on", date)
    row = QHBoxLayout()
    row.addWidget(QLabel("Cycle year"))
    beside = QLineEdit()
    row.addWidget(beside)
    hinted = QLineEdit()
    hinted.setPlaceholderText("Search by name")
    named = QLineEdit()
    named.setAccessibleName("Given by its maker")
    layout = QVBoxLayout(root)
    layout.addLayout(form)
    layout.addLayout(row)
    layout.addWidget(hinted)
    layout.addWidget(named)
    accessibility.make_tree_accessible(root)
    assert by_form.accessibleName() == "Purpose"
    assert wrapped.accessibleName() == "Deadline"
    assert date.edit.accessibleName() == "Held on"
    assert beside.accessibleName() == "Cycle year"
    assert hinted.accessibleName() == "Search by name"
    assert named.accessibleName() == "Given by its maker"


# --- the visit editor: names that say which field it is --------------------------------------

_SAYS_SOMETHING = re.compile(r"\w")
"""A name with at least one letter or digit: «—», «×» or «▾» say nothing."""


def _tab_titles(root: QWidget) -> set[str]:
    return {
        accessibility.clean(bar.tabText(index))
        for bar in root.findChildren(QTabBar)
        for index in range(bar.count())
    }


def _vague_names(where: str, root: QWidget) -> list[str]:
    """Names a screen-reader user cannot tell apart or act on, tab by tab: no letter at all; the
    tab's own title (with its count, stale as soon as a record is added); the same name on two
    widgets shown together (the checklist's rows too: «Comment on 1.4», not «Comment»)."""
    found: list[str] = []
    for _shown in _shown_tabs(root):
        titles = _tab_titles(root)
        seen: dict[str, QWidget] = {}
        for widget in root.findChildren(QWidget):
            if not (widget.isVisible() and is_interactive(widget)):
                continue
            name = spoken_name(widget)
            kind = type(widget).__name__
            if not _SAYS_SOMETHING.search(name):
                found.append(f"{where}: {kind} is called «{name}» ({_context(widget)})")
            elif name in titles and not isinstance(widget, QTabBar):
                found.append(f"{where}: {kind} is called by its tab's title «{name}»")
            elif name in seen and seen[name] is not widget:
                found.append(f"{where}: two widgets are called «{name}» ({_context(widget)})")
            seen.setdefault(name, widget)
    return sorted(set(found))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_field_of_the_visit_editor_is_named_for_what_it_is(open_window, qtbot, lang) -> None:
    from tests.ui.every_dialog import demo_visit

    window = open_window(demo=True, lang=lang)
    editor = window.visit_windows.open(demo_visit(window, lessons=True))
    qtbot.waitExposed(editor)
    problems = _problems("visit editor", editor) + _vague_names("visit editor", editor)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    if lang != "en":
        return
    details = editor.details
    names = {
        details.start_time.edit: "Start time",
        details.end_time.edit: "End time",
        details.actual_date.edit: "Held on",
        details.end_time.clear_button: "Clear “End time”",
        details.next_visit_date.calendar_button: (
            "Choose “Date of the next visit” on the calendar (Alt+↓)"
        ),
        editor.form.section_list: "Sections of the checklist",
        editor.lessons.list: "Observed lessons",
        editor.lessons.form.section_list: "Sections of the lesson observation map",
        editor.recommendations.table: "Recommendations",
        editor.recommendations.remove_button: "Remove recommendation",
    }
    assert [spoken_name(widget) for widget in names] == list(names.values())


def test_a_checklist_rows_parts_are_named_after_its_item(qtbot, tmp_path: Path) -> None:
    """«Comment on 1.4», «Attach a file to 1.4», «Yes (1.4)»; renumbered, renamed; an
    unnumbered item (a lesson card's head line) is named by its text."""
    from curator_desktop.ui.visits.editor.item_row import ItemRow

    item = {
        "key": "q",
        "text": {"ru": "Вопрос", "en": "The question"},
        "type": "yes_no_partly",
        "comment": "optional",
        "attachments": "optional",
    }
    row = ItemRow(item, "1.4", lambda name: tmp_path / name)
    qtbot.addWidget(row)
    assert row.comment is not None and row.attachments is not None
    parts = [row.comment, row.attachments.add_button, row.attachments.view, *row.input.buttons]

    def names() -> list[str]:
        return [widget.accessibleName() for widget in parts]

    assert names() == [
        "Comment on 1.4",
        "Attach a file to 1.4",
        "Photos and scans for 1.4",
        "Yes (1.4)",
        "No (1.4)",
        "Partly (1.4)",
        "Not applicable (1.4)",
    ]
    row.set_number("2.1")
    assert names()[:2] == ["Comment on 2.1", "Attach a file to 2.1"]
    row.set_number("")
    assert names()[0] == "Comment on «The question»"
