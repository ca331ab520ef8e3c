"""Planning a new visit: school, type, date and the checklist to fill."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _
from curator_desktop.ui.common.widgets.date_field import DateField

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext

NO_CHECKLIST = ""


class NewVisitDialog(QDialog):
    """Creates the visit on OK; ``visit_id`` holds the new visit's id afterwards."""

    def __init__(
        self, context: AppContext, school_id: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New visit"))
        self.context = context
        self.visit_id = ""
        self.school = QComboBox()
        self.school.setEditable(True)
        self.school.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for sid, name in context.schools.choices():
            self.school.addItem(name, sid)
        completer = self.school.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.school.setCurrentIndex(max(self.school.findData(school_id), 0) if school_id else -1)
        self.school.setMinimumContentsLength(30)
        self.school.lineEdit().setPlaceholderText(_("Start typing the school's name"))
        self.visit_type = QComboBox()
        for value, label in VisitType.choices():
            self.visit_type.addItem(label, value)
        self.visit_type.currentIndexChanged.connect(self._fill_checklists)
        self.planned_date = DateField()
        self.planned_date.set_value(dt.date.today())
        self.checklist = QComboBox()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(_("&School:"), self.school)
        form.addRow(_("Visit &type:"), self.visit_type)
        form.addRow(_("&Planned for:"), self.planned_date)
        form.addRow(_("&Checklist:"), self.checklist)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create and open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._fill_checklists()
        if self.school.count() == 0:
            self._show_problem(_("There are no schools yet: add or import your schools first."))
            buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _fill_checklists(self) -> None:
        self.checklist.clear()
        for key, title in self.context.visit_service.templates_for(self.visit_type.currentData()):
            self.checklist.addItem(title, key)
        self.checklist.addItem(_("No checklist"), NO_CHECKLIST)
        self.checklist.setCurrentIndex(0)

    def _selected_school(self) -> str | None:
        index = self.school.findText(self.school.currentText(), Qt.MatchFlag.MatchExactly)
        return self.school.itemData(index) if index >= 0 else None

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def accept(self) -> None:
        school_id = self._selected_school()
        if school_id is None:
            self._show_problem(_("Choose a school from the list."))
            self.school.setFocus()
            return
        key = self.checklist.currentData()
        try:
            self.visit_id = self.context.visit_service.create_visit(
                school_id,
                self.visit_type.currentData(),
                self.planned_date.value(),
                template_key=key or None,
                with_checklist=key != NO_CHECKLIST,
            )
        except CuratorError as error:
            self._show_problem(error.user_message)
            return
        super().accept()
