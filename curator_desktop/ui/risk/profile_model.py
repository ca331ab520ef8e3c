"""A school's risk profile as a Qt table model: one row per factor of the cycle year."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.i18n import _, format_date, pgettext
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel

if TYPE_CHECKING:
    from curator_desktop.services.risk.profiles import FactorRow

CODE_ROLE = Qt.ItemDataRole.UserRole + 10
"""The factor code of the row."""

_MUTED = QColor(colours.MUTED_TEXT)


class RiskColumn(IntEnum):
    FACTOR = 0
    QUESTIONNAIRE = 1
    VERDICT = 2
    ADJUSTED = 3
    ACTIVATED = 4
    VERIFIED_ON = 5
    MEDK = 6
    JUSTIFICATION = 7


def _verdict(row: FactorRow) -> str:
    """«Confirmed», «Adjusted: high», «not verified»."""
    if not row.verdict:
        return _("not verified")
    label = Verdict.label_for(row.verdict)
    if row.verdict == Verdict.ADJUSTED and row.adjusted_level:
        level = RiskLevel.label_for(row.adjusted_level).lower()
        return _("{verdict}: {level}").format(verdict=label, level=level)
    return label


def _medk(row: FactorRow) -> str:
    if not row.medk_entered:
        return _("no")
    if row.medk_entered_on is None:
        return _("yes")
    return _("yes, {date}").format(date=format_date(row.medk_entered_on, "short"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


class RiskProfileModel(RowTableModel["FactorRow"]):
    """Factor, questionnaire level, verdict, adjusted level, activated direction (a check box),
    verification date, IS MEDK entry and justification.

    Ticking the «activated» box changes nothing by itself: it emits ``activation_requested``
    and the owner saves through the rules, then calls :meth:`update_row`.
    """

    activation_requested = Signal(str, bool)

    columns = (
        Column(
            lambda: _("Risk factor"),
            lambda r: f"{r.code} {r.name}",
            sort_key=lambda r: r.code,
            tooltip=lambda r: r.name,
            stretch=True,
        ),
        Column(
            lambda: _("Questionnaire level"),
            lambda r: RiskLevel.label_for(r.questionnaire_level),
            header_tip=lambda: _("The level from the questionnaires (the published profile)"),
        ),
        Column(lambda: _("Verdict"), _verdict),
        Column(lambda: _("Adjusted level"), lambda r: RiskLevel.label_for(r.adjusted_level)),
        Column(
            lambda: pgettext("risk profile column", "Direction"),
            lambda r: "",
            sort_key=lambda r: int(r.activated),
            header_tip=lambda: _("Activated by the school as a direction of an antirisk programme"),
            max_width=90,
        ),
        Column(
            lambda: _("Verified on"),
            lambda r: format_date(r.verified_on, "short") if r.verified_on else "",
            sort_key=lambda r: r.verified_on.isoformat() if r.verified_on else "",
        ),
        Column(
            lambda: _("IS MEDK"),
            _medk,
            header_tip=lambda: _("Entered in IS MEDK, and when"),
        ),
        Column(
            lambda: _("Justification"),
            lambda r: _one_line(r.justification),
            tooltip=lambda r: r.justification,
            max_width=900,
        ),
    )

    def row_of(self, code: str) -> int:
        """The row number of factor ``code`` (-1 when it is not shown)."""
        for number, row in enumerate(self._rows):
            if row.code == code:
                return number
        return -1

    def update_row(self, row: FactorRow) -> None:
        """Replace the row of the same factor and repaint it."""
        number = self.row_of(row.code)
        if number < 0:
            return
        self._rows[number] = row
        self.dataChanged.emit(self.index(number, 0), self.index(number, self.columnCount() - 1))

    def activated_count(self) -> int:
        return sum(row.activated for row in self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == RiskColumn.ACTIVATED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == CODE_ROLE:
            return row.code
        if column == RiskColumn.ACTIVATED and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.activated else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == RiskColumn.VERDICT:
            return QBrush(_MUTED) if row.verdict is None else None
        if role == Qt.ItemDataRole.FontRole and column == RiskColumn.FACTOR and row.activated:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if (
            not index.isValid()
            or index.column() != RiskColumn.ACTIVATED
            or role != Qt.ItemDataRole.CheckStateRole
            or not 0 <= index.row() < len(self._rows)
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        row = self._rows[index.row()]
        if checked != row.activated:
            self.activation_requested.emit(row.code, checked)
        return False
