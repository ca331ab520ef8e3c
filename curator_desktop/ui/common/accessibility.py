"""Keyboard and screen-reader access for every widget of the app, applied in one place.

:class:`AccessibleStyle`, the application's style, makes sure that

- an item view (table, list, tree) lets Tab and Shift+Tab go on to the next widget: the arrow
  keys move inside it, Tab never traps the keyboard there (set when Qt polishes it);
- an interactive widget without an accessible name gets, when it is first shown, the name a
  sighted user reads next to it: its form label, a label whose buddy it is, the label just
  before it in its layout, its placeholder, its tooltip, or the title of the tab, group, page or
  dialog it sits in.

A name set where the widget is made (``setAccessibleName``) is kept; a button's own text is its
name already. Icon-only buttons («×») are named where they are made.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QCalendarWidget,
    QColorDialog,
    QComboBox,
    QErrorMessage,
    QFileDialog,
    QFontDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QProxyStyle,
    QSlider,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from curator_desktop.i18n import N_, _
from curator_desktop.ui.common.page import Page

log = logging.getLogger(__name__)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QSlider,
)
"""What a user operates (a check box is a button)."""
_COMPOSITE = (QComboBox, QAbstractSpinBox, QAbstractItemView, QLineEdit, QCalendarWidget)
"""Widgets whose child widgets are their own parts (an editable combo's line edit, a table's
header, a line edit's clear button): the whole is named, not its parts."""
_DERIVED = "curatorDerivedName"
"""Marks a name given here (not by the widget's maker): it may be found again later."""
QT_DIALOGS = (
    QColorDialog,
    QErrorMessage,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
)
"""Qt's own dialogs: their widgets are named by Qt (and some are private classes that Python
must not touch: an exception raised from an event filter in their event loop crashes)."""
_QT_PARTS = {"qt_toolbar_ext_button": N_("More actions")}
"""Buttons Qt makes itself without a name, by their object name."""
_LEVELS = 3
"""How many containers up a field's label is looked for (a field wrapped with its message)."""


def is_interactive(widget: QWidget) -> bool:
    """A widget a user operates, not a part of a bigger one (see ``_COMPOSITE``)."""
    if not isinstance(widget, INTERACTIVE):
        return False
    parent = widget.parentWidget()
    while parent is not None:  # through windows too: a combo's popup is a window of its own
        if isinstance(parent, _COMPOSITE):
            return False
        parent = parent.parentWidget()
    return True


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessible name, else a button's text."""
    name = widget.accessibleName().strip()
    if not name and isinstance(widget, QAbstractButton):
        name = clean(widget.text())
    return name


def clean(text: str) -> str:
    """A label's text as a name: no markup, mnemonics («&»), trailing colon or required mark."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"&(&?)", r"\1", text)
    text = " ".join(text.split())
    return text.rstrip(" :*").strip()


def derived_name(widget: QWidget) -> str:
    """The name a sighted user would give ``widget``, from what is shown around it ("" if
    nothing says)."""
    for finder in (_form_label, _buddy_label, _label_before):
        text = finder(widget)
        if text:
            return text
    own = _placeholder(widget) or clean(widget.toolTip().split("\n")[0])
    return own or _container_title(widget)


def make_accessible(widget: QWidget) -> None:
    """Apply the module's rules to one widget (safe to repeat)."""
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    if not is_interactive(widget):
        return
    derived = bool(widget.property(_DERIVED))
    if widget.accessibleName() and not derived:
        return  # named by its maker
    if isinstance(widget, QAbstractButton):
        # Its text is its name; a button without one says what it does in its tooltip (a text
        # set after this name was given wins: the derived name goes).
        name = "" if clean(widget.text()) else _button_name(widget)
    else:
        name = derived_name(widget)
    if name != widget.accessibleName() and (name or derived):
        widget.setAccessibleName(name)
        widget.setProperty(_DERIVED, bool(name))


def make_tree_accessible(root: QWidget) -> None:
    """Apply the rules to ``root`` and every widget in it."""
    make_accessible(root)
    for widget in root.findChildren(QWidget):
        make_accessible(widget)


class _FirstShow(QObject):
    """Applies :func:`make_accessible` when a widget is first shown (then lets it go, once it
    has a name): by then it is built and has its label and its place."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            try:
                if isinstance(watched.window(), QT_DIALOGS):
                    watched.removeEventFilter(self)  # Qt names its own dialogs' widgets
                    return False
                make_accessible(watched)
                if spoken_name(watched) or not is_interactive(watched):
                    watched.removeEventFilter(self)
            except RuntimeError:  # a part of Qt's own (a private class) seen under another type
                log.debug("Not named: %s", type(watched).__name__, exc_info=True)
        return False


class AccessibleStyle(QProxyStyle):
    """The application's style, which also lets Tab leave every item view and applies
    :func:`make_accessible` to every interactive widget when it is first shown (not to the
    widgets of Qt's own dialogs, :data:`QT_DIALOGS`)."""

    def __init__(self, base: QStyle) -> None:
        super().__init__(base)
        self._first_show = _FirstShow(self)

    def polish(self, target):  # type: ignore[no-untyped-def]  # QWidget, QApplication, QPalette
        result = super().polish(target)
        if isinstance(target, QAbstractItemView):
            target.setTabKeyNavigation(False)
        if not isinstance(target, INTERACTIVE):
            return result
        if not target.isVisible():  # may be half built: named when shown
            target.installEventFilter(self._first_show)
            return result
        try:  # shown already: the style was set, or a style sheet, after it was shown
            make_accessible(target)
        except RuntimeError:
            log.debug("Not named: %s", type(target).__name__, exc_info=True)
        return result


def install(app: QApplication) -> AccessibleStyle:
    """Wrap the application's style in :class:`AccessibleStyle` (once); the widgets built so far
    are polished again (and so handled) at once."""
    style = app.style()
    if isinstance(style, AccessibleStyle):
        return style
    accessible = AccessibleStyle(style)  # takes the current style (and its options) as its base
    app.setStyle(accessible)
    return accessible


# --- where a name comes from ------------------------------------------------------------------


def _fields_of(widget: QWidget) -> list[QWidget]:
    """``widget`` and the containers up to ``_LEVELS`` above whose first interactive widget it
    is: a label given to any of them names it."""
    chain = [widget]
    container = widget.parentWidget()
    for _level in range(_LEVELS):
        if container is None or container.isWindow() or _has_own_layout_role(container):
            break
        first = next((w for w in container.findChildren(QWidget) if is_interactive(w)), None)
        if first is not widget:
            break
        chain.append(container)
        container = container.parentWidget()
    return chain


def _has_own_layout_role(widget: QWidget) -> bool:
    return isinstance(widget, (QTabWidget, QStackedWidget, QGroupBox))


def _form_label(widget: QWidget) -> str:
    for field in _fields_of(widget):
        parent = field.parentWidget()
        if parent is None:
            continue
        for form in parent.findChildren(QFormLayout):
            label = form.labelForField(field)
            if isinstance(label, QLabel) and clean(label.text()):
                return clean(label.text())
    return ""


def _buddy_label(widget: QWidget) -> str:
    fields = _fields_of(widget)
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() in fields and clean(label.text()):
            return clean(label.text())
    return ""


def _label_before(widget: QWidget) -> str:
    """The label just before the field in its row or column (a label left of it in a grid)."""
    for field in _fields_of(widget):
        parent = field.parentWidget()
        layout = _layout_holding(parent.layout(), field) if parent is not None else None
        previous: QWidget | None = None
        if isinstance(layout, QBoxLayout):
            index = layout.indexOf(field)
            previous = layout.itemAt(index - 1).widget() if index > 0 else None
        elif isinstance(layout, QGridLayout):
            row, column, _rows, _columns = layout.getItemPosition(layout.indexOf(field))
            item = layout.itemAtPosition(row, column - 1) if column > 0 else None
            previous = item.widget() if item is not None else None
        if isinstance(previous, QLabel) and not previous.wordWrap() and clean(previous.text()):
            return clean(previous.text())
    return ""


def _layout_holding(layout: QLayout | None, widget: QWidget) -> QLayout | None:
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for index in range(layout.count()):
        inner = layout.itemAt(index).layout()
        found = _layout_holding(inner, widget) if inner is not None else None
        if found is not None:
            return found
    return None


def _button_name(button: QAbstractButton) -> str:
    name = clean(button.toolTip().split("\n")[0])
    if not name and button.objectName() in _QT_PARTS:
        name = _(_QT_PARTS[button.objectName()])
    return name


def _placeholder(widget: QWidget) -> str:
    if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        return clean(widget.lineEdit().placeholderText())
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        return clean(widget.placeholderText())
    return ""


def _container_title(widget: QWidget) -> str:
    """The title of the group box, tab or page the widget sits in, else of its dialog."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QGroupBox) and clean(parent.title()):
            return clean(parent.title())
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            tabs = parent.parentWidget()
            index = tabs.indexOf(child)
            if index >= 0 and clean(tabs.tabText(index)):
                return clean(tabs.tabText(index))
        if isinstance(parent, Page) and clean(parent.title()):
            return clean(parent.title())
        if parent.isWindow():
            return "" if isinstance(parent, QMainWindow) else clean(parent.windowTitle())
        child, parent = parent, parent.parentWidget()
    return ""
