"""The base of the documents dialogs: fields, then OK which stores through ``store`` and closes,
or says in the dialog why nothing was stored and stays open. Enter never stores (no default
button): these dialogs add records."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from curator_desktop.domain.errors import CuratorError
from curator_desktop.ui.common.colours import ATTENTION
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.errors import show_error


class StoreDialog(QDialog):
    """``body`` above a status line and OK / Cancel; ``store`` is set by the caller."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.store: Callable[[], object] | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {ATTENTION};")
        self.status.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        never_default(self.ok_button, self.cancel_button)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)

    def finish_layout(self, body: QWidget) -> None:
        self.layout_.addWidget(body, 1)
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.buttons)

    def check(self) -> str:
        """What must be fixed before storing ("" when nothing)."""
        return ""

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _on_buttons_accepted(self) -> None:
        problem = self.check()
        if problem:
            self.show_problem(problem)
            return
        try:
            if self.store is not None:
                self.store()
        except CuratorError as exc:
            self.show_problem(exc.user_message)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()
