"""The parts every «import a file» dialog has: the file row, a status line with a busy bar, and
the Import / Cancel buttons (the school list and roadmap imports share them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from curator_desktop.i18n import _
from curator_desktop.ui.common import colours

PROBLEM_STYLE = colours.ERROR_STYLE + " font-weight: bold;"
"""How the status line shows a file that could not be read or imported."""


class ImportFileParts:
    """Widgets of an import dialog; the dialog lays them out and wires what they mean."""

    def __init__(
        self,
        *,
        placeholder: str,
        on_choose: Callable[[], None],
        on_import: Callable[[], None],
        on_cancel: Callable[[], None],
        status: str = "",
    ) -> None:
        self.file_edit = QLineEdit()  # the path chosen: a line of text, not a box to type in
        self.file_edit.setReadOnly(True)
        self.file_edit.setFrame(False)
        self.file_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        flat = self.file_edit.palette()
        flat.setColor(QPalette.ColorRole.Base, flat.color(QPalette.ColorRole.Window))
        self.file_edit.setPalette(flat)
        self.file_edit.setPlaceholderText(placeholder)
        self.file_edit.setAccessibleName(_("File"))
        self.choose_button = QPushButton(_("Choose file…"))
        self.choose_button.clicked.connect(on_choose)
        self.file_row = QHBoxLayout()
        self.file_row.addWidget(self.file_edit, 1)
        self.file_row.addWidget(self.choose_button)

        self.status_label = QLabel(status)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(on_import)
        self.close_button.clicked.connect(on_cancel)

    def show_busy(self, busy: bool, message: str = "") -> None:
        """The busy bar on or off; ``message`` (if any) replaces the status as plain text."""
        self.progress.setVisible(busy)
        if message:
            self.show_status(message)

    def show_status(self, text: str, *, problem: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(PROBLEM_STYLE if problem else "")


def choose_file(parent: QWidget, title: str, current: Path | None, filters: str) -> Path | None:
    """Ask for a file to import, starting beside ``current`` (or in the home folder)."""
    start = str(current.parent) if current else str(Path.home())
    name, _filter = QFileDialog.getOpenFileName(parent, title, start, filters)
    return Path(name) if name else None
