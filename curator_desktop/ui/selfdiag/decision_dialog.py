"""A management decision (управленческое решение) on a deficit: what the school decided, who,
by when, and whether it is done — what the next interview checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.selfdiag import Decision, SelfdiagRound
from curator_desktop.i18n import _
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.common.widgets.dialog_parts import error_line, save_cancel

if TYPE_CHECKING:
    from curator_desktop.services.selfdiag import SelfdiagService


class DecisionDialog(QDialog):
    """Adds a decision on a deficit of ``selfdiag_round`` or edits ``existing``; ``saved`` is
    the decision as stored once accepted."""

    def __init__(
        self,
        service: SelfdiagService,
        selfdiag_round: SelfdiagRound,
        existing: Decision | None = None,
        parent: QWidget | None = None,
        *,
        language: str = "ru",
        deficit_key: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._round = selfdiag_round
        self._existing = existing
        self.saved: Decision | None = None
        self.setWindowTitle(_("Management decision"))
        catalog = service.catalog()

        self.deficit_combo = QComboBox()
        for deficit in selfdiag_round.deficits:
            direction = catalog.direction(deficit.direction)
            name = direction.name(language) if direction else deficit.direction
            text = deficit.text or deficit.indicator
            if deficit.critical:
                text = _("{text} (critical)").format(text=text)
            self.deficit_combo.addItem(f"{name}: {text}", deficit)
        for direction in catalog.directions:  # a decision on a direction as a whole
            self.deficit_combo.addItem(
                _("{direction}: the direction as a whole").format(
                    direction=direction.name(language)
                ),
                direction.code,
            )
        self.what_edit = QPlainTextEdit()
        self.what_edit.setTabChangesFocus(True)
        self.what_edit.setPlaceholderText(_("What the school decided to do"))
        self.what_edit.setMinimumHeight(80)
        self.responsible_edit = QLineEdit()
        self.responsible_edit.setPlaceholderText(_("Full name and position"))
        self.deadline_field = DateField(tip=_("Deadline"))
        self.done_check = QCheckBox(_("Done"))
        self.done_field = DateField(tip=_("Date done"))
        self.done_check.toggled.connect(self._on_done_check_toggled)
        form = QFormLayout()
        form.addRow(_("Deficit"), self.deficit_combo)
        form.addRow(_("Decision"), self.what_edit)
        form.addRow(_("Responsible"), self.responsible_edit)
        form.addRow(_("Deadline"), self.deadline_field)
        form.addRow(self.done_check, self.done_field)

        self.status_label = error_line()
        self.buttons, self.save_button = save_cancel(self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._load(existing, deficit_key)
        self.save_button.setDefault(True)
        fit_to_screen(self, (640, 400), (360, 260), anchor=parent)

    def _load(self, existing: Decision | None, deficit_key: tuple[str, str] | None) -> None:
        if existing is None:
            self._choose(deficit_key)
            self._on_done_check_toggled(False)
            return
        self._choose((existing.direction, existing.indicator), existing.deficit_id)
        self.what_edit.setPlainText(existing.what)
        self.responsible_edit.setText(existing.responsible)
        self.deadline_field.set_value(existing.deadline)
        self.done_check.setChecked(existing.done)
        self.done_field.set_value(existing.done_on)
        self._on_done_check_toggled(existing.done)

    def _choose(self, key: tuple[str, str] | None, deficit_id: str | None = None) -> None:
        if key is None and deficit_id is None:
            return
        for index in range(self.deficit_combo.count()):
            data = self.deficit_combo.itemData(index)
            if hasattr(data, "key") and (
                (deficit_id and data.id == deficit_id) or (key and data.key == key)
            ):
                self.deficit_combo.setCurrentIndex(index)
                return
        if key is not None:
            index = self.deficit_combo.findData(key[0])
            if index >= 0:
                self.deficit_combo.setCurrentIndex(index)

    def _on_done_check_toggled(self, done: bool) -> None:
        self.done_field.setEnabled(done)
        if done and self.done_field.value() is None:
            self.done_field.set_value(self._service.today())

    def decision(self) -> Decision:
        """The decision as entered (not checked yet)."""
        chosen = self.deficit_combo.currentData()
        if isinstance(chosen, str):
            direction, indicator, deficit_id = chosen, "", None
        else:
            direction = chosen.direction
            indicator = chosen.indicator or chosen.text
            deficit_id = chosen.id or None
        done = self.done_check.isChecked()
        base = self._existing or Decision(
            id="", school_id=self._round.school_id, round_id=self._round.id, direction="", what=""
        )
        return replace(
            base,
            direction=direction,
            indicator=indicator,
            deficit_id=deficit_id,
            what=self.what_edit.toPlainText().strip(),
            responsible=self.responsible_edit.text().strip(),
            deadline=self.deadline_field.value(),
            done=done,
            done_on=(self.done_field.value() or dt.date.today()) if done else None,
        )

    def save(self) -> bool:
        """Store the decision through the service's rules; on a refusal say why."""
        if not self.what_edit.toPlainText().strip():
            self._show_problem(_("Write what the school decided."))
            self.what_edit.setFocus()
            return False
        try:
            self.saved = self._service.save_decision(self.decision())
        except CuratorError as exc:
            self._show_problem(str(exc))
            return False
        self.accept()
        return True

    def _show_problem(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
