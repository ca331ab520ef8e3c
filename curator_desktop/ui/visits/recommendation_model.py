"""Recommendations as a Qt table model, with their deadlines counted down from «today».

An open recommendation past its deadline is marked for attention across its row; one due within
``SOON_DAYS`` days gets the softer «caution» mark. Closed ones (done, cancelled) are never marked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from curator_desktop.domain.enums import RecommendationStatus
from curator_desktop.domain.visits.records import RecommendationRecord
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel

SOON_DAYS = 7
"""An open recommendation due within this many days is marked as due soon."""
_FAR = "9999-12-31"
"""How a missing date sorts: after every real one."""
_STATUS_ORDER = {status.value: index for index, status in enumerate(RecommendationStatus)}


def days_left(record: RecommendationRecord, today: dt.date) -> int | None:
    """Days until the deadline (negative once passed); None without a deadline."""
    return None if record.deadline is None else (record.deadline - today).days


def is_open(record: RecommendationRecord) -> bool:
    return record.status == RecommendationStatus.OPEN


def is_due_soon(record: RecommendationRecord, today: dt.date) -> bool:
    """Open, due today or within ``SOON_DAYS`` days."""
    days = days_left(record, today)
    return is_open(record) and days is not None and 0 <= days <= SOON_DAYS


def deadline_text(record: RecommendationRecord, today: dt.date) -> str:
    """«overdue by 5 days», «due today», «in 3 days», «no deadline» (nothing once closed)."""
    if not is_open(record):
        return ""
    days = days_left(record, today)
    if days is None:
        return _("no deadline")
    if days < 0:
        return ngettext("overdue by {n} day", "overdue by {n} days", -days).format(n=-days)
    if days == 0:
        return _("due today")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


class RecommendationTableModel(RowTableModel[RecommendationRecord]):
    """Deadline, days left, status (optional), school (optional), recommendation, responsible,
    date of the visit that gave it. ``today`` is the model's, set by its owner."""

    def __init__(
        self, parent: Any = None, *, show_school: bool = True, show_status: bool = False
    ) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        # deadline first: what the view is about stays on screen at 150 % scaling too
        self.deadline_column = 0
        columns: list[Column[RecommendationRecord]] = [
            self._marked(
                lambda: _("Deadline"),
                lambda r: format_date(r.deadline, "short") if r.deadline else "",
                sort_key=lambda r: r.deadline.isoformat() if r.deadline else _FAR,
            ),
            self._marked(
                lambda: _("Days left"),
                lambda r: deadline_text(r, self.today),
                sort_key=self._days_key,
                header_tip=lambda: _("Days until the deadline of an open recommendation"),
            ),
        ]
        self.status_column: int | None = None
        if show_status:
            self.status_column = len(columns)
            columns.append(
                self._marked(
                    lambda: _("Status"),
                    lambda r: RecommendationStatus.label_for(r.status),
                    sort_key=lambda r: _STATUS_ORDER.get(r.status, len(_STATUS_ORDER)),
                    samples=lambda: [label for _value, label in RecommendationStatus.choices()],
                )
            )
        if show_school:
            columns.append(
                self._marked(
                    lambda: _("School"), lambda r: r.school_name, tooltip=lambda r: r.school_name
                )
            )
        columns += [
            self._marked(
                lambda: _("Recommendation"),
                lambda r: " ".join(r.text.split()),
                tooltip=lambda r: r.text,
                max_width=360,
            ),
            self._marked(lambda: _("Responsible"), lambda r: r.responsible, max_width=200),
            self._marked(
                lambda: _("Visit"),
                lambda r: format_date(r.visit_date, "short") if r.visit_date else "",
                sort_key=lambda r: r.visit_date.isoformat() if r.visit_date else _FAR,
                header_tip=lambda: _("Date of the visit that gave the recommendation"),
            ),
        ]
        self.columns = tuple(columns)

    def _marked(self, *args: Any, **kwargs: Any) -> Column[RecommendationRecord]:
        """A column whose cells share the row's deadline mark."""
        return Column(*args, attention=self.is_overdue, caution=self.is_due_soon, **kwargs)

    def is_overdue(self, record: RecommendationRecord) -> bool:
        return record.overdue(self.today)

    def is_due_soon(self, record: RecommendationRecord) -> bool:
        return is_due_soon(record, self.today)

    def _days_key(self, record: RecommendationRecord) -> tuple[int, int]:
        """Open ones by days left (undated after them), closed ones last."""
        days = days_left(record, self.today)
        if not is_open(record):
            return (2, 0)
        return (1, 0) if days is None else (0, days)

    def search_text(self, row: RecommendationRecord) -> str:
        return " ".join((row.school_name, row.text, row.responsible))
