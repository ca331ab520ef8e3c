"""The schools list as a Qt table model."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from curator_desktop.domain.enums import Programme, RiskLevel, SchoolStatus
from curator_desktop.domain.summaries import SchoolSummary
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.models.row_table_model import Column, RowTableModel


class SchoolColumn(IntEnum):
    NAME = 0
    MUNICIPALITY = 1
    PROGRAMME = 2
    STATUS = 3
    NEXT_VISIT = 4
    OPEN_RECOMMENDATIONS = 5
    HIGHEST_RISK = 6


def _programme(row: SchoolSummary) -> str:
    label = Programme.label_for(row.programme)
    return f"{label}, {row.cohort_year}" if row.cohort_year else label


def _status(row: SchoolSummary) -> str:
    label = SchoolStatus.label_for(row.status)
    return _("{status} (archived)").format(status=label) if row.archived else label


def _risk(row: SchoolSummary) -> str:
    if row.highest_risk is None:
        return _("not verified")
    return RiskLevel.label_for(row.highest_risk)


def _risk_rank(row: SchoolSummary) -> int:
    return -1 if row.highest_risk is None else RiskLevel(row.highest_risk).rank


def _date_key(value: dt.date | None) -> str:
    return value.isoformat() if value else "9999"


class SchoolTableModel(RowTableModel[SchoolSummary]):
    """One row per school: name, municipality, programme, status, next visit, open recs, risk."""

    columns = (
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
        Column(
            lambda: _("Next visit"),
            lambda r: format_date(r.next_visit, "short") if r.next_visit else "",
            sort_key=lambda r: _date_key(r.next_visit),
        ),
        Column(
            lambda: _("Recommendations"),
            lambda r: str(r.open_recommendations),
            sort_key=lambda r: r.open_recommendations,
            align_right=True,
            header_tip=lambda: _("Open recommendations (not done and not cancelled)"),
        ),
        Column(
            lambda: _("Risk"),
            _risk,
            sort_key=_risk_rank,
            attention=lambda r: r.highest_risk == RiskLevel.HIGH,
            header_tip=lambda: _("Highest verified risk level in the latest cycle year"),
        ),
    )

    def search_text(self, row: SchoolSummary) -> str:
        return " ".join((row.full_name, row.short_name, row.municipality, row.inn))
