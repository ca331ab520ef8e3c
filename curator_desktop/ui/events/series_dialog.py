"""Making the events of a recurring plan item («еженедельно», «2 и 4 среда каждого месяца»):
one planned event per day its repeat falls on within a range, each fulfilling the item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.events import Event, EventFormat, EventKind, series_days
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.common.widgets.dialog_parts import error_line, save_cancel
from curator_desktop.ui.events.event_dialog import PLAN_CHOICE_CHARACTERS, choice_combo

if TYPE_CHECKING:
    from curator_desktop.services.events import EventService, PlanChoice

SHOWN_DAYS = 6
"""How many of the series' days the preview names."""
DEFAULT_SPAN = dt.timedelta(days=90)
"""The range offered when the item gives no end."""


def kind_for(title: str) -> str:
    """The kind a plan item's title suggests (вебинар, семинар, совещание, совет)."""
    lowered = title.lower()
    for word, kind in (
        ("вебинар", EventKind.WEBINAR),
        ("семинар", EventKind.SEMINAR),
        ("совещан", EventKind.MEETING),
        ("совет", EventKind.COUNCIL),
        ("конференц", EventKind.CONFERENCE),
    ):
        if word in lowered:
            return kind.value
    return EventKind.OTHER.value


def format_for(title: str) -> str:
    """Remote when the title says so (вебинар, ВКС, онлайн, дистанционно), else in person."""
    lowered = title.lower()
    remote = any(word in lowered for word in ("вебинар", "вкс", "онлайн", "дистанц"))
    return (EventFormat.REMOTE if remote else EventFormat.IN_PERSON).value


class SeriesDialog(QDialog):
    """Chooses a recurring plan item and a range; ``made`` holds the events once accepted."""

    def __init__(
        self,
        service: EventService,
        plan: Sequence[PlanChoice],
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._today = today
        self._items = [c for c in plan if c.recurrence]
        self.made: list[Event] = []
        self.setWindowTitle(_("Events of a recurring plan item"))
        self.item_combo = QComboBox()
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_combo.setMinimumContentsLength(PLAN_CHOICE_CHARACTERS // 2)
        for choice in self._items:
            text = (
                f"{choice.label} ({choice.deadline_text})" if choice.deadline_text else choice.label
            )
            shown = text if len(text) <= PLAN_CHOICE_CHARACTERS else text[:47] + "…"
            self.item_combo.addItem(shown, choice)
            self.item_combo.setItemData(self.item_combo.count() - 1, text, 3)  # tooltip
        self.start_field = DateField(tip=_("From"))
        self.end_field = DateField(tip=_("To"))
        self.kind_combo = choice_combo(EventKind.choices())
        self.topic_edit = QLineEdit()
        self.organiser_edit = QLineEdit()
        self.format_combo = choice_combo(EventFormat.choices())
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        span = QHBoxLayout()
        span.addWidget(self.start_field)
        span.addWidget(QLabel("–"))
        span.addWidget(self.end_field)
        span.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Plan item"), self.item_combo)
        form.addRow(_("Deadline"), self.deadline_label)
        form.addRow(_("Dates"), span)
        form.addRow(_("Kind"), self.kind_combo)
        form.addRow(_("Topic"), self.topic_edit)
        form.addRow(_("Organiser"), self.organiser_edit)
        form.addRow(_("Format"), self.format_combo)
        self.status_label = error_line()
        self.buttons, self.save_button = save_cancel(self.save, self.reject)
        self.save_button.setText(_("Make events"))
        layout = QVBoxLayout(self)
        if not self._items:
            note = QLabel(
                _(
                    "No plan item repeats. Import a roadmap whose deadlines say «еженедельно» "
                    "or «2 и 4 среда каждого месяца»."
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addStretch(1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.item_combo.currentIndexChanged.connect(self._on_item_combo_current_index_changed)
        self.start_field.changed.connect(self._update_preview)
        self.end_field.changed.connect(self._update_preview)
        self._on_item_combo_current_index_changed(self.item_combo.currentIndex())
        for widget in (
            self.item_combo,
            self.start_field,
            self.end_field,
            self.kind_combo,
            self.topic_edit,
            self.organiser_edit,
            self.format_combo,
            self.save_button,
        ):
            widget.setEnabled(bool(self._items))
        self.item_combo.setFocus()
        fit_to_screen(self, (640, 380), (420, 300), anchor=parent)

    def select_item(self, item_id: str) -> None:
        for index in range(self.item_combo.count()):
            if self.item_combo.itemData(index).item_id == item_id:
                self.item_combo.setCurrentIndex(index)
                return

    def chosen(self) -> PlanChoice | None:
        return self.item_combo.currentData()

    def save(self) -> bool:
        choice, start, end = self.chosen(), self.start_field.value(), self.end_field.value()
        if choice is None:
            return self._refuse(_("Choose a recurring plan item."))
        if start is None or end is None:
            return self._refuse(_("Enter the first and the last date of the range."))
        template = Event(
            id="",
            day=start,
            topic=self.topic_edit.text().strip() or choice.title,
            kind=self.kind_combo.currentData(),
            organiser=self.organiser_edit.text().strip(),
            event_format=self.format_combo.currentData(),
        )
        try:
            self.made = self._service.create_series(choice.item_id, template, start, end)
        except CuratorError as exc:
            return self._refuse(str(exc))
        self.accept()
        return True

    def _refuse(self, text: str) -> bool:
        self.status_label.setText(text)
        self.status_label.show()
        return False

    def _update_preview(self) -> None:
        choice, start, end = self.chosen(), self.start_field.value(), self.end_field.value()
        if choice is None or start is None or end is None:
            self.preview_label.setText("")
            return
        try:
            days = series_days(choice.recurrence, start, end)
        except CuratorError as exc:
            self.preview_label.setText(str(exc))
            return
        names = ", ".join(format_date(d, "short") for d in days[:SHOWN_DAYS])
        if len(days) > SHOWN_DAYS:
            names += ", …"
        self.preview_label.setText(
            ngettext("{n} event: {days}", "{n} events: {days}", len(days)).format(
                n=len(days), days=names
            )
        )

    def _on_item_combo_current_index_changed(self, _index: int) -> None:
        choice = self.chosen()
        if choice is None:
            return
        today = self._today()
        start = max(today, choice.start) if choice.start else today
        end = choice.end if choice.end and choice.end >= start else start + DEFAULT_SPAN
        self.start_field.set_value(start)
        self.end_field.set_value(end)
        self.topic_edit.setText(choice.title)
        kind = kind_for(choice.title)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.format_combo.setCurrentIndex(
            max(0, self.format_combo.findData(format_for(choice.title)))
        )
        self.deadline_label.setText(choice.deadline_text or "—")

        self._update_preview()
