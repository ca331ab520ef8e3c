"""Choosing what to export and whether to protect the package with a password (and, to move the
store to another computer of one's own, to carry its signing key)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.widgets.date_field import DateField

FULL, SINCE, SELECTION = "full", "since", "selection"


@dataclass(frozen=True)
class ExportRequest:
    """What the user chose: the kind of scope, the schools and period, the password."""

    kind: str
    school_ids: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    password: str | None = None
    for_moving: bool = False
    """The whole store with its signing key, for another computer of the user's own."""


class ExportDialog(QDialog):
    """Whole store / changes since the last export to the folder / selected schools and a
    period; an optional password typed twice. ``request()`` gives the choice once accepted."""

    def __init__(self, schools: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export"))
        self.full_radio = QRadioButton(_("The whole store"))
        self.since_radio = QRadioButton(
            _("Changes since the last export to the same folder (everything the first time)")
        )
        self.selection_radio = QRadioButton(_("Selected schools"))
        self.full_radio.setChecked(True)
        self.group = QButtonGroup(self)
        for radio in (self.full_radio, self.since_radio, self.selection_radio):
            self.group.addButton(radio)
            radio.toggled.connect(self._update_state)
        self.moving_check = QCheckBox(
            _("For moving to another computer of mine: with the signing key (needs a password)")
        )
        self.moving_check.setToolTip(
            _(
                "The new computer then signs packages with the same key as this one. Never send "
                "such a package to anyone else: whoever has it can sign in your name."
            )
        )
        self.moving_check.toggled.connect(self._update_state)
        self.schools = QListWidget()
        for school_id, name in schools:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, school_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.schools.addItem(item)
        self.schools.setAccessibleName(_("Schools"))
        self.date_from = DateField(tip=_("First day of the period"))
        self.date_to = DateField(tip=_("Last day of the period"))
        self.password = QLineEdit()
        self.password_again = QLineEdit()
        for edit in (self.password, self.password_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update_state)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(colours.ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Choose the file…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.schools.itemChanged.connect(self._update_state)
        self._build_layout()
        self._update_state()

    def _build_layout(self) -> None:
        what = QGroupBox(_("What to export"))
        what_layout = QVBoxLayout(what)
        what_layout.addWidget(self.full_radio)
        moving = QHBoxLayout()
        moving.addSpacing(self.fontMetrics().horizontalAdvance("    "))
        moving.addWidget(self.moving_check, 1)
        what_layout.addLayout(moving)
        for radio in (self.since_radio, self.selection_radio):
            what_layout.addWidget(radio)
        what_layout.addWidget(self.schools)
        period = QHBoxLayout()
        period.addWidget(QLabel(_("Visits held:")))
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–"))
        period.addWidget(self.date_to)
        period.addStretch(1)
        what_layout.addLayout(period)
        protection = QGroupBox(_("Password (optional)"))
        form = QFormLayout(protection)
        form.addRow(_("Password:"), self.password)
        form.addRow(_("Repeat:"), self.password_again)
        hint = QLabel(
            _(
                "Whoever receives the file needs this password. Tell it separately: "
                "a forgotten password cannot be recovered."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        layout = QVBoxLayout(self)
        layout.addWidget(what, 1)
        layout.addWidget(protection)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.schools.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        fit_to_screen(self, (560, 600))

    def kind(self) -> str:
        if self.since_radio.isChecked():
            return SINCE
        return SELECTION if self.selection_radio.isChecked() else FULL

    def checked_school_ids(self) -> tuple[str, ...]:
        items = (self.schools.item(row) for row in range(self.schools.count()))
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def set_school_checked(self, school_id: str, checked: bool = True) -> None:
        for row in range(self.schools.count()):
            item = self.schools.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == school_id:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)

    def problem(self) -> str:
        """Why the choice cannot be exported yet («» when it can)."""
        if self.kind() == SELECTION:
            if not self.checked_school_ids():
                return _("Choose at least one school to export.")
            start, end = self.date_from.value(), self.date_to.value()
            if start and end and start > end:
                return _("The period must not end before it begins.")
        if self.password.text() != self.password_again.text():
            return _("The two passwords differ.")
        if self.moving() and not self.password.text():
            return _("Set a password: a package for moving carries your signing key.")
        return ""

    def moving(self) -> bool:
        """A package for moving the store (only the whole store can be one)."""
        return self.kind() == FULL and self.moving_check.isChecked()

    def _update_state(self) -> None:
        selection = self.kind() == SELECTION
        for widget in (self.schools, self.date_from, self.date_to):
            widget.setEnabled(selection)
        self.moving_check.setEnabled(self.kind() == FULL)
        problem = self.problem()
        self.error_label.setText(problem)
        self.ok_button.setEnabled(not problem)

    def request(self) -> ExportRequest:
        """The choice as it stands."""
        kind = self.kind()
        selection = kind == SELECTION
        return ExportRequest(
            kind=kind,
            school_ids=self.checked_school_ids() if selection else (),
            date_from=self.date_from.value() if selection else None,
            date_to=self.date_to.value() if selection else None,
            password=self.password.text() or None,
            for_moving=self.moving(),
        )
