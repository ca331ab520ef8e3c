"""The filter bar of the Visits page: search, school, visit type, status and period.

Two rows, so it fits a 1366×768 screen at 150 % scaling (≈720 logical pixels beside the
navigation): search, school and «Clear filters» on the first; type, status, period and the
dates of a custom period on the second. The period is a preset (any time, this month, …) or a
custom range of two dates; ``changed`` fires at once for a choice and after a short pause for
typed text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.visits.filter import VisitFilter
from curator_desktop.i18n import N_, _
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.common.widgets.filter_combo import filter_combo

SEARCH_DELAY_MS = 200
"""Typing pause before the search runs."""


class PeriodPreset(StrEnum):
    ANY = "any"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_QUARTER = "this_quarter"
    THIS_YEAR = "this_year"
    LAST_YEAR = "last_year"
    CUSTOM = "custom"


PERIOD_LABELS: dict[PeriodPreset, str] = {
    PeriodPreset.ANY: N_("Any time"),
    PeriodPreset.THIS_MONTH: N_("This month"),
    PeriodPreset.LAST_MONTH: N_("Last month"),
    PeriodPreset.THIS_QUARTER: N_("This quarter"),
    PeriodPreset.THIS_YEAR: N_("This year"),
    PeriodPreset.LAST_YEAR: N_("Last year"),
    PeriodPreset.CUSTOM: N_("Custom period…"),
}


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def period_range(preset: PeriodPreset, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The inclusive dates of a preset around ``today`` (``(None, None)`` for any time or
    custom)."""
    match preset:
        case PeriodPreset.THIS_MONTH:
            return today.replace(day=1), _month_end(today.year, today.month)
        case PeriodPreset.LAST_MONTH:
            last = today.replace(day=1) - dt.timedelta(days=1)
            return last.replace(day=1), last
        case PeriodPreset.THIS_QUARTER:
            first = 3 * ((today.month - 1) // 3) + 1
            return dt.date(today.year, first, 1), _month_end(today.year, first + 2)
        case PeriodPreset.THIS_YEAR:
            return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
        case PeriodPreset.LAST_YEAR:
            return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
        case _:
            return None, None


class SchoolChoiceModel(QAbstractListModel):
    """«All schools», then each school (its id in ``UserRole``), for the school filter.

    A model rather than ``addItem`` per school: thousands of schools are one reset, not
    thousands of calls into Qt.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str | None, str]] = [(None, _("All schools"))]

    def set_schools(self, schools: list[tuple[str, str, bool]]) -> None:
        self.beginResetModel()
        self._rows = [(None, _("All schools"))] + [
            (school_id, _("{name} (archived)").format(name=name) if archived else name)
            for school_id, name, archived in schools
        ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        school_id, label = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label
        if role == Qt.ItemDataRole.UserRole:
            return school_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return label
        return None


class VisitFilters(QWidget):
    """Search box and filters; ``values(today)`` reads them, ``changed`` says they changed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._schools: list[tuple[str, str, bool]] = []
        self._last_preset = PeriodPreset.ANY
        self.today: Callable[[], dt.date] = dt.date.today
        """Where presets take «today» from (the page sets its own clock)."""
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.school_model = SchoolChoiceModel(self)
        self.school_filter = QComboBox()
        self.school_filter.setModel(self.school_model)
        self.school_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.school_filter.setMinimumContentsLength(22)
        self.school_filter.setEditable(True)
        self.school_filter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.school_filter.lineEdit().setPlaceholderText(_("School…"))
        completer = self.school_filter.completer()
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.school_filter.lineEdit().editingFinished.connect(self._on_school_editing_finished)
        self.school_filter.setToolTip(_("Type part of a name to find a school"))
        self.type_filter = filter_combo(
            _("All types"), VisitType.choices(), length=10, name=_("Visit type")
        )
        self.status_filter = filter_combo(
            _("All statuses"), VisitStatus.choices(), length=11, name=_("Status")
        )
        self.period_filter = filter_combo(
            _(PERIOD_LABELS[PeriodPreset.ANY]),
            [(p.value, _(PERIOD_LABELS[p])) for p in PeriodPreset if p != PeriodPreset.ANY],
            length=11,
            name=_("Period"),
        )
        self.period_filter.setItemData(0, PeriodPreset.ANY.value)
        self.date_from = self._date_edit(_("First day of the period"))
        self.date_to = self._date_edit(_("Last day of the period"))
        self.dash = QLabel("–")
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        for combo in (self.school_filter, self.type_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.period_filter.currentIndexChanged.connect(self._on_period_changed)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.changed)
        self._build_layout()
        self._show_custom_dates(False)
        self._update_clear_button()

    def _date_edit(self, tip: str) -> DateField:
        edit = DateField(tip=tip)
        edit.changed.connect(self._on_choice_changed)
        return edit

    def _build_layout(self) -> None:
        first = QHBoxLayout()
        first.addWidget(self.search, 2)
        first.addWidget(self.school_filter, 1)
        first.addWidget(self.clear_button)
        self.second = QWidget()
        second = QHBoxLayout(self.second)
        second.setContentsMargins(0, 0, 0, 0)
        for widget in (self.type_filter, self.status_filter, self.period_filter):
            second.addWidget(widget)
        second.addWidget(self.date_from)
        second.addWidget(self.dash)
        second.addWidget(self.date_to)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addWidget(self.second)

    # -- public --------------------------------------------------------------------------------

    def set_schools(self, schools: list[tuple[str, str, bool]]) -> None:
        """``(id, name, archived)`` in the order to list them; the chosen school stays chosen."""
        if schools == self._schools:
            return
        self._schools = list(schools)
        combo = self.school_filter
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            self.school_model.set_schools(schools)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)
        if current and combo.currentData() != current:  # the school is gone
            self._on_choice_changed()

    def set_visit_filters_visible(self, visible: bool) -> None:
        """Type, status and period concern visits only (not recommendations)."""
        self.second.setVisible(visible)
        self._update_clear_button()

    def set_search_hint(self, text: str) -> None:
        self.search.setPlaceholderText(text)

    def school_id(self) -> str | None:
        return self.school_filter.currentData()

    def select_school(self, school_id: str | None) -> None:
        index = self.school_filter.findData(school_id) if school_id else 0
        self.school_filter.setCurrentIndex(max(index, 0))

    def values(self, today: dt.date) -> VisitFilter:
        """The filters as they stand, the period resolved around ``today``."""
        preset = PeriodPreset(self.period_filter.currentData() or PeriodPreset.ANY)
        if preset == PeriodPreset.CUSTOM:
            date_from, date_to = self.date_from.value(), self.date_to.value()
            if date_from and date_to and date_from > date_to:
                date_from, date_to = date_to, date_from
        else:
            date_from, date_to = period_range(preset, today)
        visits_only = not self.second.isHidden()
        return VisitFilter(
            text=self.search.text(),
            school_id=self.school_filter.currentData(),
            visit_type=self.type_filter.currentData() if visits_only else None,
            status=self.status_filter.currentData() if visits_only else None,
            date_from=date_from if visits_only else None,
            date_to=date_to if visits_only else None,
        )

    def set_period(
        self, preset: PeriodPreset, start: dt.date | None = None, end: dt.date | None = None
    ) -> None:
        """Choose a preset (and for a custom period its dates); ``changed`` fires once."""
        self.period_filter.blockSignals(True)
        try:
            self.period_filter.setCurrentIndex(self.period_filter.findData(preset.value))
        finally:
            self.period_filter.blockSignals(False)
        self._enter_preset(preset)
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            if day is not None:
                edit.blockSignals(True)
                edit.set_value(day)
                edit.blockSignals(False)
        self._on_choice_changed()

    def is_filtered(self) -> bool:
        """True when anything narrows the list (the clear button is offered then)."""
        narrowing = bool(self.search.text().strip() or self.school_filter.currentData())
        if not self.second.isHidden():
            narrowing = narrowing or any(
                combo.currentIndex() > 0
                for combo in (self.type_filter, self.status_filter, self.period_filter)
            )
        return narrowing

    def clear(self) -> None:
        """Back to every visit: empty search, every school, type, status, any time."""
        self.search_timer.stop()
        widgets = (
            self.search,
            self.school_filter,
            self.type_filter,
            self.status_filter,
            self.period_filter,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            for combo in widgets[1:]:
                combo.setCurrentIndex(0)  # type: ignore[attr-defined]
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._last_preset = PeriodPreset.ANY
        self._show_custom_dates(False)
        self._update_clear_button()
        self.changed.emit()

    def flush(self) -> None:
        """Run a pending search now (typed text waits for a pause otherwise)."""
        if self.search_timer.isActive():
            self.search_timer.stop()
            self.changed.emit()

    # -- slots ---------------------------------------------------------------------------------

    def _on_search_text_changed(self, _text: str) -> None:
        self._update_clear_button()
        self.search_timer.start()

    def _on_choice_changed(self, *_args: object) -> None:
        self.search_timer.stop()
        self._update_clear_button()
        self.changed.emit()

    def _on_period_changed(self, *_args: object) -> None:
        self._enter_preset(PeriodPreset(self.period_filter.currentData() or PeriodPreset.ANY))
        self._on_choice_changed()

    def _enter_preset(self, preset: PeriodPreset) -> None:
        """Show the dates for a custom period, which starts as the period chosen before (this
        month after «any time»)."""
        if preset == PeriodPreset.CUSTOM and self._last_preset != PeriodPreset.CUSTOM:
            start, end = period_range(self._last_preset, self.today())
            if start is None or end is None:
                start, end = period_range(PeriodPreset.THIS_MONTH, self.today())
            for edit, day in ((self.date_from, start), (self.date_to, end)):
                edit.blockSignals(True)
                edit.set_value(day)
                edit.blockSignals(False)
        self._last_preset = preset
        self._show_custom_dates(preset == PeriodPreset.CUSTOM)

    def _on_school_editing_finished(self) -> None:
        """Typed text that names no school is put back to the chosen one."""
        combo = self.school_filter
        text = combo.lineEdit().text().strip()
        if not text:
            combo.setCurrentIndex(0)
        else:
            index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
            if index >= 0:
                combo.setCurrentIndex(index)
        combo.lineEdit().setText(combo.currentText())

    def _show_custom_dates(self, visible: bool) -> None:
        for widget in (self.date_from, self.dash, self.date_to):
            widget.setVisible(visible)

    def _update_clear_button(self) -> None:
        self.clear_button.setEnabled(self.is_filtered())
