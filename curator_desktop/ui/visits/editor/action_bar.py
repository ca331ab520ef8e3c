"""The bottom row of the visit editor: the commands on the whole visit and the autosave state."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common import colours
from curator_desktop.ui.visits.editor.header import PROBLEM_STYLE


class ActionBar(QWidget):
    """Compare, report, complete or reopen, close: each button asks for its command with a
    ``*_requested`` signal; the label beside them says whether every change is saved."""

    compare_requested = Signal()
    report_requested = Signal()
    complete_requested = Signal()
    reopen_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save_state = QLabel()
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # wraps where the row is short (150 %): the window never grows past the screen for it
        self.save_state.setWordWrap(True)
        self.compare_button = QPushButton(_("Compare with previous visit…"))
        self.compare_button.clicked.connect(self.compare_requested)
        self.report_button = QPushButton(_("&Generate report"))
        self.report_button.setToolTip(
            _(
                "The visit report (справка) as a PDF to print and sign; a visit not completed yet "
                "gives a draft."
            )
        )
        self.report_button.clicked.connect(self.report_requested)
        self.complete_button = QPushButton(_("Co&mplete visit…"))
        self.complete_button.clicked.connect(self.complete_requested)
        self.reopen_button = QPushButton(_("&Reopen…"))
        self.reopen_button.clicked.connect(self.reopen_requested)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.close_requested)
        buttons = QHBoxLayout(self)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_state)
        buttons.addWidget(self.complete_button)
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.close_button)

    def set_read_only(self, read_only: bool) -> None:
        """A completed visit offers «Reopen…» instead of «Complete visit…»."""
        self.complete_button.setVisible(not read_only)
        self.reopen_button.setVisible(read_only)

    def show_save_state(self, pending: bool, failed: bool) -> None:
        """«Saving…», «All changes saved at …» or «Not saved» (the autosaver's state)."""
        if failed:
            self.save_state.setText(_("Not saved — see the message above"))
            self.save_state.setStyleSheet(PROBLEM_STYLE)
        elif pending:
            self.save_state.setText(_("Saving…"))
            self.save_state.setStyleSheet("")
        else:
            now = dt.datetime.now().strftime("%H:%M:%S")
            self.save_state.setText(_("All changes saved at {time}").format(time=now))
            self.save_state.setStyleSheet(colours.HINT_STYLE)
