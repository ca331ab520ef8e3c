"""A school's management decisions on its self-diagnosis deficits: what, who, by when, done or not
(the «Management decisions» tab of the self-diagnosis section)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.selfdiag import Decision, SelfdiagCatalog, SelfdiagRound
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.selfdiag.models import DecisionRow, DecisionTableModel

if TYPE_CHECKING:
    from curator_desktop.services.selfdiag import SelfdiagService


class DecisionsPanel(QWidget):
    """The decisions table with add / edit / mark done / delete; ``stored`` after a change."""

    stored = Signal()

    def __init__(
        self,
        service: SelfdiagService,
        school_id: str,
        catalog: SelfdiagCatalog,
        language: str,
        name: Callable[[str], str],
        round_for_new: Callable[[], SelfdiagRound | None],
        parent: QWidget | None = None,
    ) -> None:
        """``name`` names a direction code; ``round_for_new`` gives the round a new decision
        belongs to (None: none to add)."""
        super().__init__(parent)
        self._service = service
        self._school_id = school_id
        self._catalog = catalog
        self._language = language
        self._name = name
        self._round_for_new = round_for_new
        self._rounds: list[SelfdiagRound] = []
        self.clock: Callable[[], dt.date] = dt.date.today
        """Where «today» comes from (overdue decisions; tests fix it)."""

        self.decision_model = DecisionTableModel()
        self.decision_table = RecordTable(self.decision_model, sort_column=3)
        self.decision_table.view.setAccessibleName(_("Management decisions"))
        self.decision_table.set_empty_text(
            _("No management decisions yet"),
            _(
                "For each deficit the school takes a management decision: what, who, by when. "
                "Record it with «Add decision…»; the next interview checks it."
            ),
        )
        self.decision_table.row_activated.connect(self._on_decision_table_row_activated)
        self.add_decision_button = QPushButton(_("Add decision…"))
        self.add_decision_button.clicked.connect(self.add_decision)
        self.edit_decision_button = QPushButton(_("Edit…"))
        self.edit_decision_button.clicked.connect(self.edit_decision)
        self.done_button = QPushButton(_("Mark done"))
        self.done_button.clicked.connect(self.toggle_done)
        self.delete_decision_button = QPushButton(_("Delete"))
        self.delete_decision_button.setToolTip(_("Delete the selected decision"))
        self.delete_decision_button.clicked.connect(self.delete_decision)
        buttons = (
            self.add_decision_button,
            self.edit_decision_button,
            self.done_button,
            self.delete_decision_button,
        )
        never_default(*buttons)
        self.decision_table.view.selectionModel().currentRowChanged.connect(self.update_buttons)
        self.decisions_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.decisions_label, 1)
        for button in buttons:
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.decision_table, 1)

    def set_rounds(self, rounds: list[SelfdiagRound]) -> None:
        """The school's rounds changed: re-read its decisions."""
        self._rounds = list(rounds)
        self.load()

    def load(self) -> None:
        """Re-read the school's decisions."""
        today = self.clock()
        decisions = self._service.decisions(self._school_id)
        self.decision_table.set_rows([self._decision_row(d, today) for d in decisions])
        done = sum(1 for d in decisions if d.done)
        self.decisions_label.setText(
            ngettext(
                "{n} decision, {done} done", "{n} decisions, {done} done", len(decisions)
            ).format(n=format_number(len(decisions)), done=format_number(done))
        )
        self.update_buttons()

    def _decision_row(self, decision: Decision, today: dt.date) -> DecisionRow:
        deficit = ""
        if decision.indicator:
            found = self._catalog.find_indicator(decision.direction, decision.indicator)
            deficit = found.name(self._language) if found else decision.indicator
        return DecisionRow(decision, self._name(decision.direction), deficit, today)

    def selected_decision(self) -> Decision | None:
        row = self.decision_table.view.currentIndex()
        if not row.isValid():
            return None
        rows = self.decision_table.visible_rows()
        return rows[row.row()].decision if row.row() < len(rows) else None

    def update_buttons(self, *_args: object) -> None:
        self.add_decision_button.setEnabled(bool(self._rounds))
        decision = self.selected_decision()
        for button in (self.edit_decision_button, self.done_button, self.delete_decision_button):
            button.setEnabled(decision is not None)
        self.done_button.setText(
            _("Mark not done") if decision is not None and decision.done else _("Mark done")
        )

    # -- actions -----------------------------------------------------------------------------------

    def decision_dialog(self, existing: Decision | None = None) -> QDialog | None:
        from curator_desktop.ui.selfdiag.decision_dialog import DecisionDialog

        if existing is not None:
            selfdiag_round = next((r for r in self._rounds if r.id == existing.round_id), None)
        else:
            selfdiag_round = self._round_for_new()
        if selfdiag_round is None:
            return None
        return DecisionDialog(
            self._service, selfdiag_round, existing, self, language=self._language
        )

    def add_decision(self) -> None:
        self._run_decision_dialog(self.decision_dialog())

    def edit_decision(self) -> None:
        chosen = self.selected_decision()
        if chosen is not None:
            self._run_decision_dialog(self.decision_dialog(chosen))

    def _run_decision_dialog(self, dialog: QDialog | None) -> None:
        if dialog is None:
            return
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._decisions_stored()
        finally:
            dialog.deleteLater()

    def toggle_done(self) -> None:
        chosen = self.selected_decision()
        if chosen is None:
            return
        try:
            self._service.set_decision_done(chosen.id, not chosen.done)
        except Exception as exc:
            show_error(self, exc)
            return
        self._decisions_stored(chosen.id)

    def delete_decision(self) -> None:
        chosen = self.selected_decision()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete decision"),
            _("Delete the management decision «{what}»?").format(what=chosen.what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.delete_decision(chosen.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._decisions_stored()

    def _decisions_stored(self, select_id: str | None = None) -> None:
        self.load()
        if select_id is not None:
            for number, row in enumerate(self.decision_table.visible_rows()):
                if row.decision.id == select_id:
                    self.decision_table.view.selectRow(number)
        self.update_buttons()
        self.stored.emit()

    def _on_decision_table_row_activated(self, _row: object) -> None:
        self.edit_decision()
