"""Parts every editing dialog has: a hidden error line above the buttons, and Save/Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton

from curator_desktop.ui.common import colours


def error_line() -> QLabel:
    """A wrapping, hidden label for what stops the dialog (shown in the error colour)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(colours.ERROR_STYLE)
    label.hide()
    return label


def save_cancel(
    save: Callable[[], object], cancel: Callable[[], object]
) -> tuple[QDialogButtonBox, QPushButton]:
    """Save and Cancel buttons wired to ``save`` and ``cancel``; the box and its Save button."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(save)
    buttons.rejected.connect(cancel)
    return buttons, buttons.button(QDialogButtonBox.StandardButton.Save)
