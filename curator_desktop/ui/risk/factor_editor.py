"""The editor of one factor's verification, shown under the risk profile table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.i18n import _
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.widgets.date_field import DateField

if TYPE_CHECKING:
    from curator_desktop.domain.risk.verification import Problem
    from curator_desktop.services.risk.profiles import EvidenceChoice, FactorRow

NOTE = "note"


class RiskFactorEditor(QWidget):
    """Verdict, levels, justification, direction, dates and evidence of the selected factor.

    Its owner stores :meth:`changes` (the fields that differ from the stored row: the card's one
    «Save», or leaving the factor); rule errors come back through :meth:`show_problems` and
    appear next to their fields. «Undo changes» puts the stored values back.
    """

    evidence_add_requested = Signal(str, str, str)
    """kind, target id ('' for a note), note."""
    evidence_remove_requested = Signal(str)
    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: FactorRow | None = None
        self._loading = False
        self._dirty = False
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.questionnaire = QComboBox()
        for value, label in RiskLevel.choices():
            self.questionnaire.addItem(label, value)
        self.verdict = QComboBox()
        self.verdict.addItem(_("not verified"), None)
        for value, label in Verdict.choices():
            self.verdict.addItem(label, value)
        self.adjusted = QComboBox()
        self.adjusted.addItem("—", None)
        for value, label in RiskLevel.choices():
            self.adjusted.addItem(label, value)
        self.justification = QPlainTextEdit()
        self.justification.setPlaceholderText(
            _("Why the level is confirmed, rejected or adjusted: what was seen, read, heard")
        )
        self.justification.setTabChangesFocus(True)
        self.justification.setMinimumHeight(60)
        self.activated = QCheckBox(_("Activated as a direction"))
        self.verified_on = DateField()
        self.medk_entered = QCheckBox(_("Entered in IS MEDK"))
        self.medk_entered_on = DateField()
        self.errors: dict[str, QLabel] = {}
        self.revert_button = QPushButton(_("Undo changes"))
        self.revert_button.setToolTip(
            _("The factor's changes are stored when another factor is chosen or the card is saved")
        )
        self.revert_button.clicked.connect(self._on_revert_clicked)

        self.evidence = QListWidget()
        self.evidence.setMinimumHeight(48)
        self.evidence_choice = QComboBox()
        self.evidence_choice.setAccessibleName(_("Evidence to link"))
        self.evidence_choice.setMinimumContentsLength(18)
        self.evidence_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.evidence_note = QLineEdit()
        self.evidence_note.setPlaceholderText(_("Note or comment"))
        self.add_evidence_button = QPushButton(_("Add"))
        self.remove_evidence_button = QPushButton(_("Remove"))
        self.add_evidence_button.clicked.connect(self._on_add_evidence_clicked)
        self.remove_evidence_button.clicked.connect(self._on_remove_evidence_clicked)
        never_default(self.revert_button, self.add_evidence_button, self.remove_evidence_button)
        self.evidence.currentRowChanged.connect(self._update_buttons)
        self._build_layout()

        for combo in (self.questionnaire, self.verdict, self.adjusted):
            combo.currentIndexChanged.connect(self._on_field_changed)
        self.justification.textChanged.connect(self._on_field_changed)
        for box in (self.activated, self.medk_entered):
            box.toggled.connect(self._on_field_changed)
        for field in (self.verified_on, self.medk_entered_on):
            field.changed.connect(self._on_field_changed)
        self.load(None)

    def _error_label(self, field: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setWordWrap(True)
        label.setStyleSheet(colours.ERROR_STYLE)
        label.hide()
        self.errors[field] = label
        return label

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(self._error_label(field))
        return box

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(
            _("Questionnaire level"), self._with_error(self.questionnaire, "questionnaire_level")
        )
        form.addRow(_("Verdict"), self._with_error(self.verdict, "verdict"))
        form.addRow(_("Adjusted level"), self._with_error(self.adjusted, "adjusted_level"))
        form.addRow("", self._with_error(self.activated, "activated"))
        form.addRow(_("Verified on"), self._with_error(self.verified_on, "verified_on"))
        form.addRow("", self.medk_entered)
        form.addRow(_("IS MEDK date"), self._with_error(self.medk_entered_on, "medk_entered_on"))

        right = QVBoxLayout()
        right.addWidget(QLabel(_("Justification")))
        right.addWidget(self.justification, 3)
        right.addWidget(self._error_label("justification"))
        right.addWidget(QLabel(_("Evidence")))
        right.addWidget(self.evidence, 2)
        right.addWidget(self.evidence_choice)
        add_row = QHBoxLayout()
        add_row.addWidget(self.evidence_note, 1)
        add_row.addWidget(self.add_evidence_button)
        add_row.addWidget(self.remove_evidence_button)
        right.addLayout(add_row)
        right.addWidget(self._error_label("evidence"))

        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addLayout(right, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns, 1)

    # --- loading and reading ------------------------------------------------------------------

    def row(self) -> FactorRow | None:
        return self._row

    def is_dirty(self) -> bool:
        return self._dirty

    def load(self, row: FactorRow | None, choices: list[EvidenceChoice] | None = None) -> None:
        """Show ``row`` (``None``: nothing selected) and the evidence that may be linked."""
        self._loading = True
        try:
            self._row = row
            self.title.setText(f"{row.code} {row.name}" if row else _("Select a factor above."))
            _select(self.questionnaire, row.questionnaire_level if row else RiskLevel.NONE.value)
            _select(self.verdict, row.verdict if row else None)
            _select(self.adjusted, row.adjusted_level if row else None)
            self.justification.setPlainText(row.justification if row else "")
            self.activated.setChecked(bool(row and row.activated))
            self.verified_on.set_value(row.verified_on if row else None)
            self.medk_entered.setChecked(bool(row and row.medk_entered))
            self.medk_entered_on.set_value(row.medk_entered_on if row else None)
            self._fill_evidence(row)
            if choices is not None:
                self._fill_choices(choices)
            self.show_problems([])
        finally:
            self._loading = False
        self._set_dirty(False)
        self._update_enabled()

    def update_evidence(self, row: FactorRow) -> None:
        """Show ``row``'s evidence after a link was added or removed, keeping what is typed."""
        self._row = row
        self._fill_evidence(row)
        self._set_dirty(bool(self.changes()))
        self._update_buttons()

    def _fill_evidence(self, row: FactorRow | None) -> None:
        self.evidence.clear()
        for item in row.evidence if row else ():
            entry = QListWidgetItem(item.label)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setToolTip(item.label)
            self.evidence.addItem(entry)

    def _fill_choices(self, choices: list[EvidenceChoice]) -> None:
        self.evidence_choice.clear()
        self.evidence_choice.addItem(_("A note"), (NOTE, ""))
        for choice in choices:
            self.evidence_choice.addItem(choice.label, (choice.kind, choice.target_id))

    def values(self) -> dict[str, Any]:
        """Every editable field as the form shows it."""
        adjusted = self.verdict.currentData() == Verdict.ADJUSTED
        return {
            "questionnaire_level": self.questionnaire.currentData(),
            "verdict": self.verdict.currentData(),
            "adjusted_level": self.adjusted.currentData() if adjusted else None,
            "justification": self.justification.toPlainText().strip(),
            "activated": self.activated.isChecked(),
            "verified_on": self.verified_on.value(),
            "medk_entered": self.medk_entered.isChecked(),
            "medk_entered_on": self.medk_entered_on.value(),
        }

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the stored row."""
        if self._row is None:
            return {}
        return {
            name: value
            for name, value in self.values().items()
            if getattr(self._row, name) != value
        }

    def show_problems(self, problems: list[Problem]) -> None:
        """Put each error next to its field (errors of unknown fields go under the verdict)."""
        texts: dict[str, list[str]] = {}
        for problem in problems:
            field = problem.field if problem.field in self.errors else "verdict"
            texts.setdefault(field, []).append(problem.message)
        for field, label in self.errors.items():
            label.setText("\n".join(texts.get(field, [])))
            label.setVisible(field in texts)

    def show_evidence_error(self, message: str) -> None:
        label = self.errors["evidence"]
        label.setText(message)
        label.setVisible(bool(message))

    # --- reacting -----------------------------------------------------------------------------

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self.revert_button.setEnabled(dirty)
        if changed:
            self.dirty_changed.emit(dirty)

    def _on_field_changed(self) -> None:
        if self._loading:
            return
        sender = self.sender()
        self._loading = True
        try:
            if sender is self.verdict and self.verdict.currentData() != Verdict.ADJUSTED:
                self.adjusted.setCurrentIndex(0)
                if self.verdict.currentData() != Verdict.CONFIRMED:
                    self.activated.setChecked(False)  # a rejected risk is no direction
            if sender is self.medk_entered and not self.medk_entered.isChecked():
                self.medk_entered_on.set_value(None)
        finally:
            self._loading = False
        self._update_enabled()
        self._set_dirty(bool(self.changes()))

    def _update_enabled(self) -> None:
        has_row = self._row is not None
        for widget in (
            self.questionnaire,
            self.verdict,
            self.justification,
            self.activated,
            self.verified_on,
            self.medk_entered,
            self.medk_entered_on,
            self.evidence,
            self.evidence_choice,
            self.evidence_note,
            self.add_evidence_button,
        ):
            widget.setEnabled(has_row)
        self.adjusted.setEnabled(has_row and self.verdict.currentData() == Verdict.ADJUSTED)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.remove_evidence_button.setEnabled(
            self._row is not None and self.evidence.currentRow() >= 0
        )

    def _on_revert_clicked(self) -> None:
        self.load(self._row)

    def _on_add_evidence_clicked(self) -> None:
        data = self.evidence_choice.currentData()
        if data is None:
            return
        kind, target = data
        self.evidence_add_requested.emit(kind, target, self.evidence_note.text().strip())

    def _on_remove_evidence_clicked(self) -> None:
        item = self.evidence.currentItem()
        if item is not None:
            self.evidence_remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
