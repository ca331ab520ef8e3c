"""The change history of a school's risk profile for one cycle year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.i18n import N_, _, format_date, format_datetime
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from curator_desktop.services.risk.profiles import HistoryEntry

FIELD_NAMES = {
    "questionnaire_level": N_("Questionnaire level"),
    "verdict": N_("Verdict"),
    "adjusted_level": N_("Adjusted level"),
    "justification": N_("Justification"),
    "activated": N_("Activated as a direction"),
    "verified_on": N_("Verified on"),
    "medk_entered": N_("Entered in IS MEDK"),
    "medk_entered_on": N_("IS MEDK date"),
    "evidence": N_("Evidence"),
    "deleted": N_("Deleted"),
    "deleted_at": N_("Deleted on"),
    "factor_code": N_("Risk factor"),
    "year": N_("Cycle year"),
    "school_id": N_("School"),
}
_LEVEL_FIELDS = {"questionnaire_level", "adjusted_level"}
_BOOLEAN_FIELDS = {"activated", "medk_entered", "deleted"}
_DATE_FIELDS = {"verified_on", "medk_entered_on"}


def field_name(field: str | None) -> str:
    """The translated name of a stored field (``None``: the record was created)."""
    if field is None:
        return _("Record created")
    return _(FIELD_NAMES[field]) if field in FIELD_NAMES else field


def value_text(field: str | None, value: str | None) -> str:
    """A stored value as the user knows it: level and verdict names, yes/no, local dates."""
    if value is None or value == "":
        return "—"
    if field in _LEVEL_FIELDS:
        return RiskLevel.label_for(value)
    if field == "verdict":
        return Verdict.label_for(value)
    if field in _BOOLEAN_FIELDS:
        return _("yes") if value == "true" else _("no")
    if field in _DATE_FIELDS:
        try:
            return format_date(dt.date.fromisoformat(value), "short")
        except ValueError:
            return value
    return value


def change_text(entry: HistoryEntry) -> str:
    """«old → new», or what happened when there is no field."""
    if entry.field is None:
        return "—"
    return (
        f"{value_text(entry.field, entry.old_value)} → {value_text(entry.field, entry.new_value)}"
    )


class _HistoryModel(RowTableModel["HistoryEntry"]):
    """When, device, factor, field, old → new."""

    def __init__(
        self, factor_names: Mapping[str, str], this_device: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._names = dict(factor_names)
        self._device = this_device
        self.columns = (
            Column(
                lambda: _("When"),
                lambda e: format_datetime(e.at),
                sort_key=lambda e: e.at.isoformat(),
            ),
            Column(lambda: _("Device"), self._device_text, max_width=160),
            Column(
                lambda: _("Factor"),
                lambda e: e.factor_code,
                tooltip=lambda e: self._names.get(e.factor_code, ""),
                max_width=80,
            ),
            Column(lambda: _("Field"), lambda e: field_name(e.field)),
            Column(
                lambda: _("Change"),
                lambda e: change_text(e).replace("\n", " "),
                tooltip=change_text,
                max_width=900,
            ),
        )

    def _device_text(self, entry: HistoryEntry) -> str:
        if entry.device_id and entry.device_id == self._device:
            return _("this computer")
        return entry.device_id or "—"


class RiskHistoryDialog(QDialog):
    """Lists the recorded changes of one school's profile for one year, newest first."""

    def __init__(
        self,
        entries: Sequence[HistoryEntry],
        *,
        factor_names: Mapping[str, str],
        year: int,
        this_device: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Risk profile changes, {year}").format(year=year))
        self.model = _HistoryModel(factor_names, this_device)
        self.table = RecordTable(self.model, sort_column=0, sort_order=Qt.SortOrder.DescendingOrder)
        self.table.set_empty_text(_("No changes recorded yet"), "")
        self.table.set_rows(list(entries))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        hint = QLabel(_("Point at a factor code or a change to see it in full."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, (820, 460), anchor=parent)
