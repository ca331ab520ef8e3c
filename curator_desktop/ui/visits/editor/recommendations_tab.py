"""Recommendations of the visit, and the school's open ones from earlier visits.

A list on top and the selected recommendation's form below. Earlier visits' recommendations
keep their text; only their status and progress note change here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import RecommendationStatus
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.screen_fit import scrolling
from curator_desktop.ui.common.widgets.date_field import DateField

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import RecommendationRecord, SchoolFactor

OVERDUE_COLOUR = QColor(colours.ATTENTION)
TEXT_FIELDS = ("text", "responsible", "deadline", "factor_code")


class RecommendationsTab(QWidget):
    """Emits ``added()``, ``edited(id, field, value, debounced)``, ``removed(id)``,
    ``focus_left(id, field)``; the editor saves and calls :meth:`show_recommendations`."""

    added = Signal()
    edited = Signal(str, str, object, bool)
    removed = Signal(str)
    focus_left = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visit_id = ""
        self.today = dt.date.today()
        self._records: list[RecommendationRecord] = []
        self._loading = False
        self._read_only = False
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(_("Recommendations"))
        self.table.setHorizontalHeaderLabels(
            [_("Recommendation"), _("Responsible"), _("Deadline"), _("Status"), _("Given")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.factor = QComboBox()
        self.responsible = QLineEdit()
        self.responsible.setPlaceholderText(_("For example: deputy director for academic affairs"))
        self.deadline = DateField()
        self.status = QComboBox()
        for value, label in RecommendationStatus.choices():
            self.status.addItem(label, value)
        self.progress_note = QLineEdit()
        self.progress_note.setPlaceholderText(_("What has been done so far"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_("Recommendation:"), self.text)
        form.addRow(_("Risk factor:"), self.factor)
        form.addRow(_("Responsible:"), self.responsible)
        form.addRow(_("Deadline:"), self.deadline)
        form.addRow(_("Status:"), self.status)
        form.addRow(_("Progress:"), self.progress_note)
        self.form = QWidget()
        form_column = QVBoxLayout(self.form)
        form_column.setContentsMargins(0, 0, 0, 0)
        form_column.addLayout(form)
        form_column.addStretch(1)

        self.add_button = QPushButton(_("Add &recommendation"))
        self.add_button.clicked.connect(self.added)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove recommendation"))
        self.remove_button.clicked.connect(self._on_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(scrolling(self.form))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._connect_form()
        self._show_selected()

    def _connect_form(self) -> None:
        def emit(name: str, value: Any, debounced: bool = False) -> None:
            record = self.selected()
            if record is not None and not self._loading:
                self.edited.emit(record.id, name, value, debounced)

        self.text.textChanged.connect(lambda: emit("text", self.text.toPlainText(), True))
        self.responsible.textEdited.connect(lambda text: emit("responsible", text, True))
        self.progress_note.textEdited.connect(lambda text: emit("progress_note", text, True))
        self.deadline.changed.connect(lambda: emit("deadline", self.deadline.value()))
        self.factor.currentIndexChanged.connect(
            lambda: emit("factor_code", self.factor.currentData())
        )
        self.status.currentIndexChanged.connect(lambda: emit("status", self.status.currentData()))
        for name in ("text", "responsible", "progress_note"):
            getattr(self, name).setObjectName(name)
            getattr(self, name).installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        record = self.selected()
        if event.type() == QEvent.Type.FocusOut and record is not None:
            self.focus_left.emit(record.id, watched.objectName())
        return False

    def set_factors(self, factors: Sequence[SchoolFactor]) -> None:
        self._loading = True
        self.factor.clear()
        self.factor.addItem(_("— not linked —"), None)
        for factor in factors:
            self.factor.addItem(f"{factor.code} {factor.name}", factor.code)
        self._loading = False

    def show_recommendations(
        self, records: Sequence[RecommendationRecord], *, select_id: str | None = None
    ) -> None:
        """Show the list, keeping (or moving to ``select_id``) the selection."""
        current = select_id or (self.selected().id if self.selected() else None)
        self._loading = True
        self._records = list(records)
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            given = (
                _("this visit")
                if record.visit_id == self.visit_id
                else format_date(record.visit_date, "short")
            )
            values = (
                record.text.replace("\n", " "),
                record.responsible,
                format_date(record.deadline, "short"),
                RecommendationStatus.label_for(record.status),
                given,
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == 0:
                    cell.setToolTip(record.text)
                if record.overdue(self.today):
                    cell.setForeground(QBrush(OVERDUE_COLOUR))
                self.table.setItem(row, column, cell)
        self._loading = False
        index = next((i for i, r in enumerate(self._records) if r.id == current), None)
        if index is None and self._records:
            index = 0
        if index is not None:
            self.table.selectRow(index)
        self._show_selected()

    def selected(self) -> RecommendationRecord | None:
        row = self.table.currentRow()
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if row in rows and 0 <= row < len(self._records):
            return self._records[row]
        return None

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setVisible(not read_only)
        self._show_selected()

    def _show_selected(self) -> None:
        record = self.selected()
        self.form.setEnabled(record is not None)
        own_open = record is not None and record.visit_id == self.visit_id and not self._read_only
        self.remove_button.setEnabled(own_open)
        self.remove_button.setVisible(not self._read_only)
        self._loading = True
        for widget in (self.text, self.responsible):
            widget.setReadOnly(not own_open)
        self.deadline.set_read_only(not own_open)
        self.factor.setEnabled(own_open)
        if record is None:
            self.text.setPlainText("")
            self.responsible.clear()
            self.deadline.set_value(None)
            self.progress_note.clear()
        else:
            if self.text.toPlainText() != record.text:
                self.text.setPlainText(record.text)
            if self.responsible.text() != record.responsible:
                self.responsible.setText(record.responsible)
            self.deadline.set_value(record.deadline)
            self.factor.setCurrentIndex(max(self.factor.findData(record.factor_code), 0))
            self.status.setCurrentIndex(max(self.status.findData(record.status), 0))
            if self.progress_note.text() != record.progress_note:
                self.progress_note.setText(record.progress_note)
        self._loading = False

    def _on_remove(self) -> None:
        record = self.selected()
        if record is not None:
            self.removed.emit(record.id)
