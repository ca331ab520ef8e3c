"""Choices in one row when they fit the width, else one under another: never past the edge.

A row of answer buttons or check boxes that is wider than the window makes the whole form scroll
sideways (at 150 % on a small laptop the long answers of a scale do). :class:`RowOrColumnLayout`
puts its widgets in one row while they fit, and otherwise in a column as wide as the widest of
them, no wider than the layout; a widget whose text can wrap (:class:`WrapToolButton`,
:class:`WrapCheckBox`) breaks its text into lines when even the column is too narrow for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QWidget,
)


class RowOrColumnLayout(QLayout):
    """Its widgets side by side (each its preferred width, left-aligned) when they fit, else
    one per line, all as wide as the widest, within the layout's width."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)

    # --- the QLayout interface ------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All in one row."""
        hints = [item.sizeHint() for item in self._shown()]
        width = sum(h.width() for h in hints) + self.spacing() * max(0, len(hints) - 1)
        height = max((h.height() for h in hints), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        """As narrow as the narrowest any one widget can be."""
        sizes = [item.minimumSize() for item in self._shown()]
        width = max((s.width() for s in sizes), default=0)
        height = max((s.height() for s in sizes), default=0)
        return self._with_margins(QSize(width, height))

    # --- placing --------------------------------------------------------------------------

    def is_row(self, width: int) -> bool:
        """Whether the widgets fit side by side in ``width`` px (margins included)."""
        return self.sizeHint().width() <= width

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        if item.hasHeightForWidth():
            return item.heightForWidth(width)
        return item.sizeHint().height()

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the widgets in ``rect`` (when ``apply``); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        items = self._shown()
        x, y, gap = area.x(), area.y(), self.spacing()
        if self.is_row(rect.width()):
            widths = [item.sizeHint().width() for item in items]
            pairs = list(zip(items, widths, strict=True))
            height = max((self._height(item, width) for item, width in pairs), default=0)
            for item, width in pairs:
                if apply:
                    item.setGeometry(QRect(x, y, width, height))
                x += width + gap
            used = height
        else:
            widest = max((item.sizeHint().width() for item in items), default=1)
            width = max(1, min(area.width(), widest))
            for item in items:
                height = self._height(item, width)
                if apply:
                    item.setGeometry(QRect(x, y, width, height))
                y += height + gap
            used = y - gap - area.y()
        return max(0, used) + margins.top() + margins.bottom()


def wrap_text(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` broken into lines at spaces so that each fits ``width`` px where it can (a
    word longer than that keeps a line of its own)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


class _WrapsText:
    """For a button (mixed in before the Qt class): its text breaks into lines to fit the
    width it is given. Its size hint is that of the whole text on one line, its least width
    that of its longest word; the whole text stays its accessible name."""

    _full_text = ""

    def _allow_wrapping(self: Any) -> None:
        """Let layouts give it less than its one-line width and more than its one-line height
        (a check box and a tool button would refuse either)."""
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_full_text(self: Any, text: str) -> None:
        self._full_text = text
        self.setAccessibleName(text)
        self.setText(text)
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full_text

    def _chrome(self: Any) -> QSize:
        """What the button adds around its text (frame, padding, indicator)."""
        hint = super().sizeHint()  # the Qt class's hint for the text shown now
        text = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, self.text())
        return QSize(max(0, hint.width() - text.width()), max(0, hint.height() - text.height()))

    def _size_for(self: Any, text: str) -> QSize:
        return self._chrome() + self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text)

    def _wrapped(self: Any, width: int) -> str:
        return wrap_text(self._full_text, self.fontMetrics(), width - self._chrome().width())

    def sizeHint(self: Any) -> QSize:
        return self._size_for(self._full_text)

    def minimumSizeHint(self: Any) -> QSize:
        words = self._full_text.split() or [""]
        longest = max(words, key=self.fontMetrics().horizontalAdvance)
        return self._size_for(longest)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self: Any, width: int) -> int:
        return self._size_for(self._wrapped(width)).height()

    def resizeEvent(self: Any, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wrapped = self._wrapped(event.size().width())
        if wrapped != self.text():
            self.setText(wrapped)


class WrapToolButton(_WrapsText, QToolButton):
    """A tool button whose text wraps (see :class:`RowOrColumnLayout`)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._allow_wrapping()
        self.set_full_text(text)


class WrapCheckBox(_WrapsText, QCheckBox):
    """A check box whose text wraps (see :class:`RowOrColumnLayout`)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._allow_wrapping()
        self.set_full_text(text)
