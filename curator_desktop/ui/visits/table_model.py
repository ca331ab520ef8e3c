"""The visits list as a Qt table model over the ordered ids of a query, rows fetched in pages.

The store filters, searches and sorts (a coordinator's store has tens of thousands of visits);
the model holds the ids of the current query and reads ``VisitSummary`` rows a page at a time
(see :class:`~curator_desktop.ui.common.models.paged_table_model.PagedTableModel`).
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.summaries import VisitSummary
from curator_desktop.domain.visits.kinds import OPEN_STATUSES
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.ui.common.models.paged_table_model import (
    CACHE_PAGES,
    PAGE_SIZE,
    PagedTableModel,
)
from curator_desktop.ui.common.models.row_table_model import Column


class VisitColumn(IntEnum):
    DATE = 0
    SCHOOL = 1
    TYPE = 2
    STATUS = 3
    PURPOSE = 4


SORT_FIELDS: dict[VisitColumn, str] = {
    VisitColumn.DATE: "date",
    VisitColumn.SCHOOL: "school",
    VisitColumn.TYPE: "type",
    VisitColumn.STATUS: "status",
    VisitColumn.PURPOSE: "purpose",
}
"""The store's sort key (``VisitSort`` value) of each column."""


def due_date(row: VisitSummary) -> dt.date | None:
    """When an open visit is due: its planned date, else its actual date."""
    return row.planned_date or row.actual_date


def waiting(row: VisitSummary) -> bool:
    """Not completed, and not done by another visit either (``carried_out``)."""
    return row.status in OPEN_STATUSES and not row.carried_out


def is_overdue(row: VisitSummary, today: dt.date | None = None) -> bool:
    """Waiting and its due date has passed."""
    due = due_date(row)
    return waiting(row) and due is not None and due < (today or dt.date.today())


def is_upcoming(row: VisitSummary, today: dt.date | None = None) -> bool:
    """Waiting and due today or later (or not dated yet)."""
    due = due_date(row)
    return waiting(row) and (due is None or due >= (today or dt.date.today()))


class VisitTableModel(PagedTableModel[VisitSummary]):
    """One row per visit: date, school (unless one school's list), type, status, purpose.

    Overdue visits are marked (``today`` is the model's, set by its owner before ``set_ids``).
    ``sort_requested`` names a ``VisitColumn`` (not a section: the school's may be hidden).
    """

    noun = "visits"

    def __init__(
        self,
        parent: Any = None,
        *,
        show_school: bool = True,
        page_size: int = PAGE_SIZE,
        cache_pages: int = CACHE_PAGES,
    ) -> None:
        super().__init__(parent, page_size=page_size, cache_pages=cache_pages)
        self.today = dt.date.today()
        self.kinds = [c for c in VisitColumn if show_school or c != VisitColumn.SCHOOL]
        """The ``VisitColumn`` shown in each section."""
        self.columns: tuple[Column[VisitSummary], ...] = tuple(
            self._column(kind) for kind in self.kinds
        )

    def _overdue(self, row: VisitSummary) -> bool:
        return is_overdue(row, self.today)

    def _status(self, row: VisitSummary) -> str:
        label = VisitStatus.label_for(row.status)
        if row.status in OPEN_STATUSES and row.carried_out:
            return _("{status} — carried out by a later visit").format(status=label)
        return _("{status} — overdue").format(status=label) if self._overdue(row) else label

    def _status_tip(self, row: VisitSummary) -> str:
        due = due_date(row)
        if not self._overdue(row) or due is None:
            return ""
        days = (self.today - due).days
        return ngettext(
            "Not completed: overdue by {n} day", "Not completed: overdue by {n} days", days
        ).format(n=days)

    def _column(self, kind: VisitColumn) -> Column[VisitSummary]:
        match kind:
            case VisitColumn.DATE:
                return Column(
                    lambda: _("Date"),
                    lambda r: format_date(r.date, "short") if r.date else "",
                    tooltip=lambda r: format_date(r.date, "full") if r.date else _("No date set"),
                    attention=self._overdue,
                )
            case VisitColumn.SCHOOL:
                return Column(
                    lambda: _("School"), lambda r: r.school_name, tooltip=lambda r: r.school_name
                )
            case VisitColumn.TYPE:
                return Column(
                    lambda: _("Visit type"),
                    lambda r: VisitType.label_for(r.visit_type),
                    samples=lambda: [label for _value, label in VisitType.choices()],
                )
            case VisitColumn.STATUS:
                return Column(
                    lambda: _("Status"),
                    self._status,
                    tooltip=self._status_tip,
                    attention=self._overdue,
                    samples=lambda: [label for _value, label in VisitStatus.choices()],
                )
            case _:
                return Column(
                    lambda: _("Purpose"),
                    lambda r: r.purpose.replace("\n", " "),
                    tooltip=lambda r: r.purpose,
                    max_width=900,
                )

    def column_of(self, kind: VisitColumn) -> int:
        """The section showing ``kind``, or -1."""
        return self.kinds.index(kind) if kind in self.kinds else -1

    def sort_column(self, section: int) -> int:
        return int(self.kinds[section])
