"""Screen readers and the keyboard: every interactive widget of every page, tab and dialog has a
name a screen reader can say, and no table or list keeps Tab to itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
