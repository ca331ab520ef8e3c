"""Adding or editing an event the curator attends: when, what, who organises it, in person or
remote, attended or not, the plan item it fulfils, notes; the analysis of each school's measures
told at it; its materials. Checked by the domain's rules before it is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.events import (
    Attendance,
    Event,
    EventFormat,
    EventKind,
    event_problems,
    field_name,
)
from curator_desktop.i18n import _
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.widgets.date_field import DateField, TimeField
from curator_desktop.ui.common.widgets.dialog_parts import error_line, save_cancel
from curator_desktop.ui.events.analyses_editor import AnalysesEditor
from curator_desktop.ui.events.materials_panel import MaterialsPanel

if TYPE_CHECKING:
    from curator_desktop.services.events import EventService, PlanChoice

PLAN_CHOICE_CHARACTERS = 48
"""How much of a plan item's title its combo shows (the tooltip has it whole)."""


def choice_combo(choices: Sequence[tuple[str, str]]) -> QComboBox:
    """A combo of (stored code, label) pairs."""
    combo = QComboBox()
    for code, label in choices:
        combo.addItem(label, code)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class EventDialog(QDialog):
    """Adds an event (``existing`` None) or edits ``existing``; ``saved`` is the event as stored
    once accepted."""

    def __init__(
        self,
        service: EventService,
        *,
        schools: list[tuple[str, str]],
        plan: Sequence[PlanChoice] = (),
        existing: Event | None = None,
        day: dt.date | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._existing = existing
        self._today = today
        self.saved: Event | None = None
        self.setWindowTitle(_("Edit event") if existing else _("New event"))

        self.day_field = DateField(tip=field_name("day"))
        self.start_field = TimeField()
        self.start_field.set_name(field_name("start_time"))
        self.end_field = TimeField()
        self.end_field.set_name(field_name("end_time"))
        self.kind_combo = choice_combo(EventKind.choices())
        self.topic_edit = QLineEdit()
        self.topic_edit.setPlaceholderText(_("What the event is about"))
        self.organiser_edit = QLineEdit()
        self.organiser_edit.setPlaceholderText(_("Who holds it (ЛОИРО, the coordinator…)"))
        self.format_combo = choice_combo(EventFormat.choices())
        self.attendance_combo = choice_combo(Attendance.choices())
        self.plan_combo = QComboBox()
        self.plan_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.plan_combo.setMinimumContentsLength(PLAN_CHOICE_CHARACTERS // 2)
        self.plan_combo.addItem(_("— not linked —"), None)
        for choice in plan:
            label = choice.label
            shown = label if len(label) <= PLAN_CHOICE_CHARACTERS else label[:47] + "…"
            self.plan_combo.addItem(shown, choice.item_id)
            self.plan_combo.setItemData(self.plan_combo.count() - 1, label, 3)  # tooltip
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText(_("Decisions, tasks, what to pass on to the schools"))

        times = QHBoxLayout()
        times.addWidget(self.start_field)
        times.addWidget(QLabel("–"))
        times.addWidget(self.end_field)
        times.addStretch(1)
        when = QHBoxLayout()
        when.addWidget(self.day_field)
        when.addSpacing(12)
        when.addLayout(times)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow(field_name("day"), when)
        form.addRow(field_name("kind"), self.kind_combo)
        form.addRow(field_name("topic"), self.topic_edit)
        form.addRow(field_name("organiser"), self.organiser_edit)
        form.addRow(field_name("event_format"), self.format_combo)
        form.addRow(field_name("attendance"), self.attendance_combo)
        form.addRow(_("Plan item"), self.plan_combo)
        form.addRow(field_name("notes"), self.notes_edit)
        main = QWidget()
        main.setLayout(form)

        self.analyses_editor = AnalysesEditor(schools)
        self.materials = MaterialsPanel(service)
        self.tabs = QTabWidget()
        self.tabs.addTab(main, _("Event"))
        self.tabs.addTab(self.analyses_editor, _("Analysis of the schools' measures"))
        self.tabs.addTab(self.materials, _("Materials"))

        self.status_label = error_line()
        self.buttons, self.save_button = save_cancel(self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self._fields: dict[str, tuple[int, QWidget]] = {
            "day": (0, self.day_field),
            "start_time": (0, self.start_field),
            "end_time": (0, self.end_field),
            "kind": (0, self.kind_combo),
            "topic": (0, self.topic_edit),
            "organiser": (0, self.organiser_edit),
            "event_format": (0, self.format_combo),
            "attendance": (0, self.attendance_combo),
            "plan_item_id": (0, self.plan_combo),
            "notes": (0, self.notes_edit),
            "analyses": (1, self.analyses_editor.school_list),
        }
        self._load(existing, day)
        self.save_button.setDefault(True)
        self.day_field.setFocus()
        fit_to_screen(self, (720, 560), (480, 400), anchor=parent)

    def _load(self, existing: Event | None, day: dt.date | None) -> None:
        if existing is None:
            self.day_field.set_value(day or self._today())
            self.materials.load("")
            return
        self.day_field.set_value(existing.day)
        self.start_field.set_value(existing.start_time)
        self.end_field.set_value(existing.end_time)
        select_data(self.kind_combo, existing.kind)
        self.topic_edit.setText(existing.topic)
        self.organiser_edit.setText(existing.organiser)
        select_data(self.format_combo, existing.event_format)
        select_data(self.attendance_combo, existing.attendance)
        select_data(self.plan_combo, existing.plan_item_id)
        self.notes_edit.setPlainText(existing.notes)
        self.analyses_editor.set_analyses(existing.analyses)
        self.materials.load(existing.id)

    def entered(self) -> Event | None:
        """The event as entered (not checked yet); None when the date is not a date."""
        day = self.day_field.value()
        if day is None:
            return None
        base = self._existing or Event(id="", day=day, topic="")
        return replace(
            base,
            day=day,
            start_time=self.start_field.value(),
            end_time=self.end_field.value(),
            kind=self.kind_combo.currentData(),
            topic=self.topic_edit.text().strip(),
            organiser=self.organiser_edit.text().strip(),
            event_format=self.format_combo.currentData(),
            attendance=self.attendance_combo.currentData(),
            plan_item_id=self.plan_combo.currentData(),
            notes=self.notes_edit.toPlainText().strip(),
            analyses=self.analyses_editor.analyses(),
        )

    def save(self) -> bool:
        """Store the event through the domain's rules; on a refusal say why and go to the
        field."""
        entered = self.entered()
        if entered is None:
            return self._refuse("day", _("Enter the date of the event."))
        problems = event_problems(entered, today=self._today())
        if problems:
            field, problem = next(iter(problems.items()))
            return self._refuse(field, problem)
        try:
            self.saved = self._service.save(entered)
            self.materials.attach_pending(self.saved.id)
        except CuratorError as exc:
            return self._refuse(getattr(exc, "field", None) or "", str(exc), named=False)
        self.accept()
        return True

    def _refuse(self, field: str, problem: str, *, named: bool = True) -> bool:
        name = field_name(field) if named and field in self._fields else ""
        self.status_label.setText(f"{name}: {problem}" if name else problem)
        self.status_label.show()
        if field in self._fields:
            tab, widget = self._fields[field]
            self.tabs.setCurrentIndex(tab)
            widget.setFocus()
        return False
