"""The visit's own fields (type, dates, times, purpose, agenda, next visit) and its participants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.visits.completeness import PARTICIPANTS, PURPOSE
from curator_desktop.i18n import _, pgettext
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.screen_fit import scrolling
from curator_desktop.ui.common.widgets.date_field import DateField, TimeField

if TYPE_CHECKING:
    from curator_desktop.domain.visits.records import ParticipantRecord, VisitRecord

PARTICIPANT_COLUMNS = ("full_name", "position", "role")
ID_ROLE = Qt.ItemDataRole.UserRole
MISSING_STYLE = f"border: 2px solid {colours.ATTENTION};"
"""The outline of a required field a completion found empty (as the checklist's rows)."""


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic (Alt+letter) moves to ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class DetailsTab(QWidget):
    """Emits ``field_edited(name, value, debounced)`` for visit fields and participant signals;
    the editor saves them."""

    field_edited = Signal(str, object, bool)
    field_focus_left = Signal(str)
    participant_added = Signal()
    participant_edited = Signal(str, str, str)
    """participant id, field name, text."""
    participant_removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._missing: set[str] = set()
        self.visit_type = QComboBox()
        for value, label in VisitType.choices():
            self.visit_type.addItem(label, value)
        self.planned_date = DateField()
        self.actual_date = DateField()
        self.start_time = TimeField()
        self.end_time = TimeField()
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(_("For example: verification of the risk profile"))
        self.agenda = QPlainTextEdit()
        self.agenda.setTabChangesFocus(True)
        self.agenda.setPlaceholderText(_("The plan of the visit, one point per line"))
        self.agenda.setMaximumHeight(self.agenda.fontMetrics().lineSpacing() * 5 + 12)
        self.next_visit_date = DateField()
        for field, name in (
            (self.planned_date, _("Planned for")),
            (self.actual_date, _("Held on")),
            (self.start_time, _("Start time")),
            (self.end_time, _("End time")),
            (self.next_visit_date, _("Date of the next visit")),
        ):
            field.set_name(name)  # shown as one row of a form: «— 10:00 × — 12:00 ×»
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 4 + 12)

        times = QHBoxLayout()
        times.addWidget(self.start_time)
        times.addWidget(QLabel("—"))
        times.addWidget(self.end_time)
        times.addStretch(1)
        dates = QHBoxLayout()
        dates.addWidget(self.planned_date)
        dates.addWidget(QLabel(_("held on")))
        dates.addWidget(self.actual_date)
        dates.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_("Visit &type:"), self.visit_type)
        form.addRow(_buddy_label(_("&Planned for:"), self.planned_date), dates)
        form.addRow(_buddy_label(_("T&ime:"), self.start_time), times)
        form.addRow(_("P&urpose:"), self.purpose)
        form.addRow(_("&Agenda:"), self.agenda)
        form.addRow(_("&Next visit:"), self.next_visit_date)
        form.addRow(_("N&otes:"), self.notes)

        self.participants = QTableWidget(0, len(PARTICIPANT_COLUMNS))
        self.participants.setHorizontalHeaderLabels(
            [pgettext("person", "Full name"), _("Position"), _("Role in the visit")]
        )
        self.participants.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.participants.verticalHeader().setVisible(False)
        self.participants.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.participants.setTabKeyNavigation(False)
        self.participants.setMinimumHeight(120)
        self.participants.itemChanged.connect(self._on_participant_changed)
        self.add_participant = QPushButton(_("Add &participant"))
        self.add_participant.clicked.connect(self.participant_added)
        self.remove_participant = QPushButton(_("Remove participant"))
        self.remove_participant.clicked.connect(self._on_remove_participant)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_participant)
        buttons.addWidget(self.remove_participant)
        buttons.addStretch(1)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Participants from the school and the municipality:")))
        layout.addWidget(self.participants, 1)
        layout.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._area = scrolling(body)
        outer.addWidget(self._area)
        self._connect_fields()

    def _connect_fields(self) -> None:
        def emit(name: str, value: Any, debounced: bool = False) -> None:
            if not self._loading:
                self.field_edited.emit(name, value, debounced)

        self.visit_type.currentIndexChanged.connect(
            lambda: emit("visit_type", self.visit_type.currentData())
        )
        for name in ("planned_date", "actual_date", "start_time", "end_time", "next_visit_date"):
            field = getattr(self, name)
            field.changed.connect(lambda name=name, field=field: emit(name, field.value()))
        self.purpose.textEdited.connect(lambda text: emit("purpose", text, True))
        self.purpose.textEdited.connect(lambda text: self._filled(PURPOSE, bool(text.strip())))
        for name in ("agenda", "notes"):
            edit: QPlainTextEdit = getattr(self, name)
            edit.textChanged.connect(
                lambda name=name, edit=edit: emit(name, edit.toPlainText(), True)
            )
        for name in ("purpose", "agenda", "notes"):
            getattr(self, name).setObjectName(name)
            getattr(self, name).installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.field_focus_left.emit(watched.objectName())
        return False

    def show_visit(self, visit: VisitRecord) -> None:
        """Display the stored fields (emits nothing)."""
        self._loading = True
        self.visit_type.setCurrentIndex(max(self.visit_type.findData(visit.visit_type), 0))
        self.planned_date.set_value(visit.planned_date)
        self.actual_date.set_value(visit.actual_date)
        self.start_time.set_value(visit.start_time)
        self.end_time.set_value(visit.end_time)
        if self.purpose.text() != visit.purpose:
            self.purpose.setText(visit.purpose)
        for name in ("agenda", "notes"):
            edit: QPlainTextEdit = getattr(self, name)
            if edit.toPlainText() != getattr(visit, name):
                edit.setPlainText(getattr(visit, name))
        self.next_visit_date.set_value(visit.next_visit_date)
        self._loading = False

    def show_participants(self, participants: list[ParticipantRecord]) -> None:
        self._filled(PARTICIPANTS, any(p.full_name.strip() for p in participants))
        self._loading = True
        self.participants.setRowCount(len(participants))
        for row, participant in enumerate(participants):
            for column, name in enumerate(PARTICIPANT_COLUMNS):
                cell = QTableWidgetItem(getattr(participant, name))
                cell.setData(ID_ROLE, participant.id)
                self.participants.setItem(row, column, cell)
        self._loading = False

    def edit_last_participant(self) -> None:
        """Put the cursor in the name of the participant just added."""
        row = self.participants.rowCount() - 1
        if row >= 0:
            self.participants.setCurrentCell(row, 0)
            self.participants.editItem(self.participants.item(row, 0))

    # --- what a completion found missing -------------------------------------------------

    def mark_missing(self, names: set[str]) -> None:
        """Outline the required fields a completion found empty (``purpose``,
        ``participants``); the outline goes once the field is filled."""
        self._missing = set(names) & {PURPOSE, PARTICIPANTS}
        self.purpose.setStyleSheet(MISSING_STYLE if PURPOSE in self._missing else "")
        self.participants.setStyleSheet(MISSING_STYLE if PARTICIPANTS in self._missing else "")

    def _filled(self, name: str, filled: bool) -> None:
        if filled and name in self._missing:
            self.mark_missing(self._missing - {name})

    def focus_field(self, name: str) -> None:
        """Put the cursor where ``name`` is filled in: the purpose; for the participants a
        participant's empty name, else «Add participant»."""
        if name == PARTICIPANTS:
            table = self.participants
            empty = [
                row
                for row in range(table.rowCount())
                if not (table.item(row, 0) and table.item(row, 0).text().strip())
            ]
            if empty:
                self._area.ensureWidgetVisible(table)
                table.setFocus()
                table.setCurrentCell(empty[0], 0)
                table.editItem(table.item(empty[0], 0))  # the editor takes the focus
                return
            target: QWidget = self.add_participant
        else:
            target = self.purpose
        target.setFocus()
        self._area.ensureWidgetVisible(target)

    def set_read_only(self, read_only: bool) -> None:
        self.visit_type.setEnabled(not read_only)
        for name in ("planned_date", "actual_date", "start_time", "end_time", "next_visit_date"):
            getattr(self, name).set_read_only(read_only)
        self.purpose.setReadOnly(read_only)
        self.agenda.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        self.participants.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.add_participant.setVisible(not read_only)
        self.remove_participant.setVisible(not read_only)

    def _on_participant_changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() == 0:
            self._filled(PARTICIPANTS, bool(cell.text().strip()))
        if not self._loading:
            self.participant_edited.emit(
                cell.data(ID_ROLE), PARTICIPANT_COLUMNS[cell.column()], cell.text().strip()
            )

    def _on_remove_participant(self) -> None:
        row = self.participants.currentRow()
        if row >= 0:
            self.participant_removed.emit(self.participants.item(row, 0).data(ID_ROLE))
