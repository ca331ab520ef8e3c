"""The target indicators of an antirisk programme as the curator enters them: name, baseline,
target and deadline per row; rows added and removed with buttons (Tab reaches each)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from curator_desktop.domain.documents import TargetIndicator
from curator_desktop.i18n import _
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.widgets.date_field import DateField


@dataclass
class _Row:
    name: QLineEdit
    baseline: QLineEdit
    target: QLineEdit
    deadline: DateField
    remove: QPushButton

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.baseline, self.target, self.deadline, self.remove)


class IndicatorsEditor(QWidget):
    """Rows of target indicators; ``indicators`` gives the rows with a name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        headers = (_("Target indicator"), _("Baseline value"), _("Target value"), _("Deadline"))
        for column, text in enumerate(headers):
            self.grid.addWidget(QLabel(text), 0, column)
        self.empty = QLabel(_("No indicators yet: add the programme's target indicators."))
        self.add_button = QPushButton(_("Add indicator"))
        never_default(self.add_button)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_button)
        self._update_empty()

    def set_indicators(self, indicators: Sequence[TargetIndicator]) -> None:
        for row in list(self._rows):
            self._remove(row)
        for indicator in indicators:
            row = self.add_row()
            row.name.setText(indicator.name)
            row.baseline.setText(indicator.baseline)
            row.target.setText(indicator.target)
            row.deadline.set_value(indicator.deadline)

    def indicators(self) -> list[TargetIndicator]:
        return [
            TargetIndicator(
                name=row.name.text().strip(),
                baseline=row.baseline.text().strip(),
                target=row.target.text().strip(),
                deadline=row.deadline.value(),
            )
            for row in self._rows
            if row.name.text().strip()
        ]

    def row_count(self) -> int:
        return len(self._rows)

    def row(self, index: int) -> _Row:
        return self._rows[index]

    def set_read_only(self, read_only: bool) -> None:
        for row in self._rows:
            for edit in (row.name, row.baseline, row.target):
                edit.setReadOnly(read_only)
            row.deadline.set_read_only(read_only)
            row.remove.setVisible(not read_only)
        self.add_button.setVisible(not read_only)

    def add_row(self, *, focus: bool = False) -> _Row:
        number = len(self._rows) + 1
        name = QLineEdit()
        name.setAccessibleName(_("Target indicator {number}").format(number=number))
        baseline = QLineEdit()
        baseline.setAccessibleName(_("Baseline value {number}").format(number=number))
        target = QLineEdit()
        target.setAccessibleName(_("Target value {number}").format(number=number))
        deadline = DateField(tip=_("Deadline {number}").format(number=number))
        remove = QPushButton(_("Remove"))
        remove.setAccessibleName(_("Remove indicator {number}").format(number=number))
        remove.setToolTip(_("Remove this indicator"))
        never_default(remove)
        row = _Row(name, baseline, target, deadline, remove)
        remove.clicked.connect(lambda: self._remove(row))
        self._rows.append(row)
        self._place()
        if focus:
            name.setFocus()
        return row

    def _remove(self, row: _Row) -> None:
        self._rows.remove(row)
        for widget in row.widgets():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._place()
        self.add_button.setFocus()

    def _place(self) -> None:
        for line, row in enumerate(self._rows, start=1):
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, line, column)
        previous: QWidget | None = None
        for row in self._rows:  # Tab goes along a row, then to the next one
            for widget in row.widgets():
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.add_button)
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty.setVisible(not self._rows)
