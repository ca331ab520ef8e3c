"""Text is at least 4.5:1 against its background (WCAG AA): in the palette, in every colour the
window's code sets, and on every page, tab and dialog as shown (labels, buttons, fields, hints,
table cells, tab titles)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTabBar,
    QWidget,
)

from curator_desktop.ui.common import colours
from curator_desktop.ui.common.colours import (
    MIN_CONTRAST,
    colour_groups,
    contrast_ratio,
    text_roles,
)
from tests.ui.every_dialog import every_dialog

UI = Path(colours.__file__).resolve().parents[1]
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
FRAME_AS_TEXT = re.compile(r"color:\s*palette\((mid|midlight|dark|shadow|light|button)\)")
PENDING: dict[str, str] = {}
"""The visit editor's own colours, to be replaced by ``colours`` names (being edited elsewhere):
each entry goes once its file uses the shared names."""
ROWS = 30
"""Table rows looked at per table."""


def _palette_problems(palette: QPalette) -> list[str]:
    problems = []
    for group in colour_groups():
        for text, ground in text_roles():
            ratio = contrast_ratio(palette.color(group, text), palette.color(group, ground))
            if ratio < MIN_CONTRAST:
                problems.append(f"{group.name} {text.name} on {ground.name}: {ratio:.2f}")
    return problems


def test_the_palette_makes_every_text_role_readable(qapp) -> None:
    colours.apply_palette(qapp)
    assert _palette_problems(qapp.palette()) == []


def test_the_named_colours_read_on_the_backgrounds_they_are_used_on() -> None:
    pairs = {
        "attention": (colours.ATTENTION, ["#ffffff", "#efefef", "#f7f7f7", "#fdf0ef"]),
        "warning": (colours.WARNING_TEXT, ["#ffffff", "#efefef"]),
        "notice": (colours.NOTICE_TEXT, [colours.NOTICE_BACKGROUND]),
        "window text on notice": ("#000000", [colours.NOTICE_BACKGROUND]),
        "caution": (colours.CAUTION_TEXT, [colours.CAUTION_BACKGROUND]),
        "done": (colours.DONE, ["#ffffff", "#efefef", "#f7f7f7"]),
        "planned": (colours.PLANNED, ["#ffffff", "#efefef", "#f7f7f7"]),
        "muted": (colours.MUTED_TEXT, ["#ffffff", "#efefef", "#f7f7f7"]),
        "text on added": ("#000000", [colours.ADDED_BACKGROUND]),
    }
    low = [
        f"{name} {fg} on {bg}: {contrast_ratio(fg, bg):.2f}"
        for name, (fg, grounds) in pairs.items()
        for bg in grounds
        if contrast_ratio(fg, bg) < MIN_CONTRAST
    ]
    assert low == []


def test_colours_are_set_only_through_the_shared_names() -> None:
    found: dict[str, list[str]] = {}
    for path in sorted(UI.rglob("*.py")):
        relative = path.relative_to(UI).as_posix()
        if relative == "common/colours.py":
            continue
        text = path.read_text(encoding="utf-8")
        hits = [m.group(0) for m in HEX.finditer(text)]
        hits += [m.group(0) for m in FRAME_AS_TEXT.finditer(text)]
        if hits:
            found[relative] = sorted(set(hits))
    unexpected = {name: hits for name, hits in found.items() if name not in PENDING}
    assert unexpected == {}, "use curator_desktop.ui.common.colours instead"
    stale = sorted(set(PENDING) - set(found))
    assert stale == [], f"fixed already: remove from PENDING {stale}"


# --- what is shown ------------------------------------------------------------------------------


def _background(widget: QWidget) -> QColor:
    """What is painted behind ``widget``: its own or an ancestor's styled or filled background,
    else its window's."""
    current: QWidget | None = widget
    while current is not None:
        styled = current.testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        if styled or current.autoFillBackground() or current.isWindow():
            return current.palette().color(current.backgroundRole())
        current = current.parentWidget()
    return widget.palette().color(QPalette.ColorRole.Window)


def _cells(view: QAbstractItemView) -> Iterator[tuple[str, QColor, QColor]]:
    model = view.model()
    if model is None:
        return
    palette = view.palette()
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list widget's model keeps it private: one column
        columns = 1
    for row in range(min(model.rowCount(QModelIndex()), ROWS)):
        base = palette.color(
            QPalette.ColorRole.AlternateBase
            if view.alternatingRowColors() and row % 2
            else QPalette.ColorRole.Base
        )
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text.strip():
                continue
            fg = index.data(Qt.ItemDataRole.ForegroundRole)
            bg = index.data(Qt.ItemDataRole.BackgroundRole)
            yield (
                f"cell «{text[:30]}»",
                QBrush(fg).color() if fg is not None else palette.color(QPalette.ColorRole.Text),
                QBrush(bg).color() if bg is not None else base,
            )


def _texts(widget: QWidget) -> Iterator[tuple[str, QColor, QColor]]:
    """(what, text colour, background) of each text ``widget`` shows."""
    group = QPalette.ColorGroup.Active if widget.isEnabled() else QPalette.ColorGroup.Disabled
    palette = widget.palette()
    role = QPalette.ColorRole
    if isinstance(widget, QLabel) and widget.text().strip():
        fg = palette.color(group, widget.foregroundRole())
        yield f"label «{widget.text()[:40]}»", fg, _background(widget)
    elif isinstance(widget, (QCheckBox, QRadioButton)) and widget.text():
        yield f"box «{widget.text()}»", palette.color(group, role.WindowText), _background(widget)
    elif isinstance(widget, QAbstractButton) and widget.text():
        fg, bg = palette.color(group, role.ButtonText), palette.color(group, role.Button)
        yield f"button «{widget.text()}»", fg, bg
    elif isinstance(widget, QLineEdit):
        base = palette.color(group, role.Base)
        yield "field text", palette.color(group, role.Text), base
        if widget.placeholderText() and not widget.text():
            placeholder = palette.color(group, role.PlaceholderText)
            yield f"placeholder «{widget.placeholderText()[:40]}»", placeholder, base
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            colour = widget.tabTextColor(index)
            if colour.isValid():
                yield f"tab «{widget.tabText(index)}»", colour, _background(widget)
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        yield from _cells(widget)


def _problems(where: str, root: QWidget) -> list[str]:
    found = []
    bars = [bar for bar in root.findChildren(QTabBar) if bar.isVisible()]
    for bar in [None, *bars]:
        for index in range(bar.count()) if bar is not None else [None]:
            if bar is not None:
                bar.setCurrentIndex(index)
                QApplication.processEvents()
            for widget in [root, *root.findChildren(QWidget)]:
                if not widget.isVisible():
                    continue
                if _pending(where, widget):
                    continue
                for what, fg, bg in _texts(widget):
                    ratio = contrast_ratio(fg, bg)
                    if ratio < MIN_CONTRAST:
                        found.append(
                            f"{where}: {what} {fg.name(QColor.NameFormat.HexArgb)} on "
                            f"{bg.name()}: {ratio:.2f}"
                        )
    return sorted(set(found))


def _pending(where: str, widget: QWidget) -> bool:
    """A visit editor hint still styled with a frame colour (see ``PENDING``)."""
    return where == "visit editor" and bool(FRAME_AS_TEXT.search(widget.styleSheet()))


def test_every_text_shown_reads_on_its_background(open_window, qtbot, tmp_path: Path) -> None:
    colours.apply_palette(QApplication.instance())  # as the app does before its first widget
    window = open_window(demo=True, lang="en")
    problems: list[str] = []
    for key in window.pages:
        window.show_page(key)
        QApplication.processEvents()
        problems += _problems(f"page {key}", window.stack.currentWidget())
    for name, dialog in every_dialog(qtbot, window, tmp_path):
        problems += _problems(name, dialog)
    assert problems == [], "\n".join(problems)
