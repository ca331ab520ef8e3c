"""The base of every page of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from curator_desktop.domain.changes import NO_CHANGES, Changes
from curator_desktop.services.context import AppContext


class Page(QWidget):
    """A page: built before the store is open, filled by ``attach`` and kept fresh by ``refresh``.

    ``kinds`` names the kinds of records it shows (:class:`~curator_desktop.domain.changes.Change`),
    so the window refreshes it only when a change touches one of them.
    """

    kinds: Changes = NO_CHANGES

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context: AppContext | None = None

    def title(self) -> str:
        raise NotImplementedError

    def attach(self, context: AppContext) -> None:
        """Receive the opened store and show its data."""
        self.context = context
        self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows from the store."""

    def start_focus(self) -> QWidget | None:
        """The widget that takes the keyboard when the page is opened (its search), if any."""
        return None

    def concerns(self, changes: Changes) -> bool:
        """Whether ``changes`` touch a kind of record the page shows."""
        return bool(self.kinds & changes)

    def build_layout(
        self, *rows: QWidget | QLayout, beside_title: tuple[QWidget, ...] = ()
    ) -> QVBoxLayout:
        """The page's heading (with ``beside_title`` next to it), then ``rows``; the last row
        takes the spare height."""
        top = QHBoxLayout()
        top.addWidget(self.heading(self.title()))
        for widget in beside_title:
            top.addWidget(widget)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for index, row in enumerate(rows):
            stretch = 1 if index == len(rows) - 1 else 0
            if isinstance(row, QLayout):
                layout.addLayout(row, stretch)
            else:
                layout.addWidget(row, stretch)
        return layout

    @staticmethod
    def intro(text: str) -> QLabel:
        """A wrapped explanatory paragraph under the heading."""
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    @staticmethod
    def heading(text: str) -> QLabel:
        """A page heading label."""
        label = QLabel(text)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        label.setFont(font)
        return label
