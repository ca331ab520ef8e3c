"""The schools list as a Qt table model over the ordered ids of a query, rows fetched in pages.

The model holds only the ids the store returned for the current query (a few thousand strings at
most) and reads ``SchoolSummary`` rows a page at a time (see :class:`PagedTableModel`).
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from curator_desktop.domain.enums import Programme, RiskLevel, SchoolStatus
from curator_desktop.domain.summaries import SchoolSummary
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.common.models.paged_table_model import PagedTableModel
from curator_desktop.ui.common.models.row_table_model import Column


class SchoolColumn(IntEnum):
    NAME = 0
    MUNICIPALITY = 1
    PROGRAMME = 2
    STATUS = 3
    NEXT_VISIT = 4
    OPEN_RECOMMENDATIONS = 5
    HIGHEST_RISK = 6


SORT_FIELDS: dict[SchoolColumn, str] = {
    SchoolColumn.NAME: "name",
    SchoolColumn.MUNICIPALITY: "municipality",
    SchoolColumn.PROGRAMME: "programme",
    SchoolColumn.STATUS: "status",
    SchoolColumn.NEXT_VISIT: "next_visit",
    SchoolColumn.OPEN_RECOMMENDATIONS: "open_recommendations",
    SchoolColumn.HIGHEST_RISK: "highest_risk",
}
"""The store's sort key (``SchoolSort`` value) of each column."""
_BIGGEST_FIRST = frozenset({SchoolColumn.OPEN_RECOMMENDATIONS, SchoolColumn.HIGHEST_RISK})
"""Columns whose first click sorts descending (the schools needing attention on top)."""


def _programme(row: SchoolSummary) -> str:
    label = Programme.label_for(row.programme)
    return f"{label}, {row.cohort_year}" if row.cohort_year else label


def _status(row: SchoolSummary) -> str:
    label = SchoolStatus.label_for(row.status)
    return _("{status} (archived)").format(status=label) if row.archived else label


def _risk(row: SchoolSummary) -> str:
    if row.programme == Programme.MINPROS_SCHOOL.value:  # no risk profile in that programme
        return _("not applicable")
    if row.highest_risk is None:
        return _("not verified")
    return RiskLevel.label_for(row.highest_risk)


def _next_visit(row: SchoolSummary) -> str:
    return format_date(row.next_visit, "short") if isinstance(row.next_visit, dt.date) else ""


class SchoolTableModel(PagedTableModel[SchoolSummary]):
    """One row per school: name, municipality, programme, status, next visit, open recs, risk.

    ``sort_requested`` names a ``SchoolColumn``.
    """

    noun = "schools"

    columns: tuple[Column[SchoolSummary], ...] = (
        Column(
            lambda: _("School"),
            lambda r: r.short_name or r.full_name,
            tooltip=lambda r: r.full_name,
            max_width=340,
        ),
        Column(
            lambda: _("Municipality"), lambda r: r.municipality, tooltip=lambda r: r.municipality
        ),
        Column(lambda: _("Programme"), _programme, tooltip=_programme),
        Column(lambda: _("Status"), _status),
        Column(lambda: _("Next visit"), _next_visit),
        Column(
            lambda: _("Recommendations"),
            lambda r: str(r.open_recommendations),
            align_right=True,
            header_tip=lambda: _("Open recommendations (not done and not cancelled)"),
        ),
        Column(
            lambda: _("Risk"),
            _risk,
            attention=lambda r: r.highest_risk == RiskLevel.HIGH,
            header_tip=lambda: _("Highest verified risk level in the latest cycle year"),
        ),
    )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.InitialSortOrderRole
            and orientation == Qt.Orientation.Horizontal
        ):
            biggest_first = section in _BIGGEST_FIRST
            return Qt.SortOrder.DescendingOrder if biggest_first else Qt.SortOrder.AscendingOrder
        return super().headerData(section, orientation, role)
