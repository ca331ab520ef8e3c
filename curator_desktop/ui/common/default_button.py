"""Enter in any field of a dialog presses its default button; in a dialog without one, Qt makes
the first auto-default button it finds (or the last one focused) the default. Buttons that add,
remove, archive, complete or reopen must never be that button (conventions, traps)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def never_default(*buttons: QPushButton) -> None:
    """Take ``buttons`` out of Enter's reach: not the default, never made one when their dialog
    opens or when they had the focus. A click or Space still presses them."""
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)
