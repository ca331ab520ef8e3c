"""Planning a new visit: school, type, date and the checklist to fill; or opening the visit
already planned at that school."""

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
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.visits.kinds import next_visit_type, open_visits
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.widgets.date_field import DateField

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext

NO_CHECKLIST = ""


class NewVisitDialog(QDialog):
    """Creates the visit on OK, or opens the one already planned at the school (offered under
    the form); ``visit_id`` holds the visit to open afterwards, ``created`` whether it is new.

    The type follows the school's visits (primary for its first of the year, then planned)
    until the curator picks one.
    """

    def __init__(
        self, context: AppContext, school_id: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New visit"))
        self.context = context
        self.visit_id = ""
        self.created = False
        self._waiting = ""
        """The id of the school's visit not completed yet, offered to open."""
        self._type_chosen = False
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
        self.visit_type.activated.connect(self._on_visit_type_activated)
        self.planned_date = DateField()
        self.planned_date.set_value(dt.date.today())
        self.checklist = QComboBox()
        self.waiting_label = QLabel()
        self.waiting_label.setWordWrap(True)
        self.open_button = QPushButton(_("Open that visit"))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        never_default(self.open_button)  # Enter creates, as the form says
        self.problem = QLabel()
        self.problem.setStyleSheet(colours.ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(_("&School:"), self.school)
        form.addRow(_("Visit &type:"), self.visit_type)
        form.addRow(_("&Planned for:"), self.planned_date)
        form.addRow(_("&Checklist:"), self.checklist)
        waiting = QHBoxLayout()
        waiting.addWidget(self.waiting_label, 1)
        waiting.addWidget(self.open_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create and open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(waiting)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._fill_checklists()
        self._on_school_changed()
        self.school.currentIndexChanged.connect(self._on_school_changed)
        if self.school.count() == 0:
            self._show_problem(_("There are no schools yet: add or import your schools first."))
            buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _on_school_changed(self, *_args: object) -> None:
        """Suggest the next kind of visit for the school and offer the visit planned there."""
        school_id = self._selected_school()
        visits = self.context.visits.summaries(school_id=school_id) if school_id else []
        if not self._type_chosen:
            day = self.planned_date.value() or dt.date.today()
            self.visit_type.setCurrentIndex(self.visit_type.findData(next_visit_type(visits, day)))
        waiting = open_visits(visits)[:1]
        self._waiting = waiting[0].id if waiting else ""
        if waiting:
            visit = waiting[0]
            when = format_date(visit.date, "short") if visit.date else _("no date set")
            self.waiting_label.setText(
                _("This school has a visit not completed yet: {type}, {date}.").format(
                    type=VisitType.label_for(visit.visit_type).lower(), date=when
                )
            )
        self.waiting_label.setVisible(bool(waiting))
        self.open_button.setVisible(bool(waiting))

    def _on_visit_type_activated(self, _index: int) -> None:
        self._type_chosen = True  # the curator's choice stays when the school changes

    def _on_open_button_clicked(self) -> None:
        self.visit_id, self.created = self._waiting, False
        super().accept()

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
        self.created = True
        super().accept()
