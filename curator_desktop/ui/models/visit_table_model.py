"""The visits list as a Qt table model."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.summaries import VisitSummary
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.models.row_table_model import Column, RowTableModel


class VisitColumn(IntEnum):
    DATE = 0
    SCHOOL = 1
    TYPE = 2
    STATUS = 3
    PURPOSE = 4


def is_overdue(row: VisitSummary, today: dt.date | None = None) -> bool:
    """A planned visit whose date has passed."""
    today = today or dt.date.today()
    return (
        row.status == VisitStatus.PLANNED
        and row.planned_date is not None
        and row.planned_date < today
    )


def _status(row: VisitSummary) -> str:
    label = VisitStatus.label_for(row.status)
    return _("{status} — overdue").format(status=label) if is_overdue(row) else label


class VisitTableModel(RowTableModel[VisitSummary]):
    """One row per visit: date, school, type, status, purpose."""

    columns = (
        Column(
            lambda: _("Date"),
            lambda r: format_date(r.date, "short") if r.date else "",
            sort_key=lambda r: r.date.isoformat() if r.date else "",
            attention=is_overdue,
        ),
        Column(lambda: _("School"), lambda r: r.school_name),
        Column(lambda: _("Visit type"), lambda r: VisitType.label_for(r.visit_type)),
        Column(lambda: _("Status"), _status, attention=is_overdue),
        Column(
            lambda: _("Purpose"),
            lambda r: r.purpose.replace("\n", " "),
            tooltip=lambda r: r.purpose,
            max_width=900,
        ),
    )
