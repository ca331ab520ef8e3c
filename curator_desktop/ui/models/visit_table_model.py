"""The visits list as a Qt table model over the ordered ids of a query, rows fetched in pages.

The store filters, searches and sorts (a coordinator's store has tens of thousands of visits);
the model holds the ids of the current query and asks a fetcher for ``VisitSummary`` rows a page
at a time when the view shows them. A click on a header only emits ``sort_requested``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.domain.summaries import VisitSummary
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.ui.models.row_table_model import ROW_ROLE, Column, cell_data, column_header

log = logging.getLogger(__name__)

PAGE_SIZE = 200
"""Rows fetched from the store at once."""
CACHE_PAGES = 10
"""Pages kept; the least recently used one is dropped beyond this."""
OPEN_STATUSES = frozenset({VisitStatus.PLANNED.value, VisitStatus.IN_PROGRESS.value})
"""Not completed yet (the store's ``visits.OPEN_STATUSES``)."""

Fetcher = Callable[[Sequence[str]], list[VisitSummary]]


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


def is_overdue(row: VisitSummary, today: dt.date | None = None) -> bool:
    """Not completed (planned or in progress) and its due date has passed."""
    due = due_date(row)
    return row.status in OPEN_STATUSES and due is not None and due < (today or dt.date.today())


def is_upcoming(row: VisitSummary, today: dt.date | None = None) -> bool:
    """Not completed and due today or later (or not dated yet)."""
    due = due_date(row)
    return row.status in OPEN_STATUSES and (due is None or due >= (today or dt.date.today()))


class VisitTableModel(QAbstractTableModel):
    """One row per visit: date, school (unless one school's list), type, status, purpose.

    Overdue visits are marked (``today`` is the model's, set by its owner before ``set_ids``).
    """

    sort_requested = Signal(int, Qt.SortOrder)
    """A header asked for this order (a ``VisitColumn``); the owner queries and calls
    ``set_ids``."""

    def __init__(
        self,
        parent: Any = None,
        *,
        show_school: bool = True,
        page_size: int = PAGE_SIZE,
        cache_pages: int = CACHE_PAGES,
    ) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self.page_size = page_size
        self.cache_pages = cache_pages
        self.kinds = [c for c in VisitColumn if show_school or c != VisitColumn.SCHOOL]
        """The ``VisitColumn`` shown in each section."""
        self.columns: tuple[Column[VisitSummary], ...] = tuple(
            self._column(kind) for kind in self.kinds
        )
        self._ids: list[str] = []
        self._fetch: Fetcher | None = None
        self._pages: OrderedDict[int, list[VisitSummary | None]] = OrderedDict()

    def _overdue(self, row: VisitSummary) -> bool:
        return is_overdue(row, self.today)

    def _status(self, row: VisitSummary) -> str:
        label = VisitStatus.label_for(row.status)
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

    # -- content -------------------------------------------------------------------------------

    def set_fetcher(self, fetch: Fetcher | None) -> None:
        """Where rows come from: ``fetch(ids)`` returns their summaries (missing ids left out)."""
        self._fetch = fetch
        self._pages.clear()

    def set_ids(self, ids: Sequence[str]) -> None:
        """Show these visits, in this order; cached rows are dropped (they may be stale)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self.endResetModel()

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, visit_id: str) -> int:
        """The row showing ``visit_id``, or -1."""
        try:
            return self._ids.index(visit_id)
        except ValueError:
            return -1

    def column_of(self, kind: VisitColumn) -> int:
        """The section showing ``kind``, or -1."""
        return self.kinds.index(kind) if kind in self.kinds else -1

    def row_at(self, row: int) -> VisitSummary | None:
        """The summary shown in ``row`` (fetching its page if needed); None if it is gone."""
        if not 0 <= row < len(self._ids):
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
            if page is None:
                return None
        else:
            self._pages.move_to_end(number)
        return page[offset]

    def rows(self) -> list[VisitSummary]:
        """Every row of the current list in order (reads them all: for tests and small lists)."""
        if self._fetch is None or not self._ids:
            return []
        return self._fetch(self._ids)

    def _load_page(self, number: int) -> list[VisitSummary | None] | None:
        if self._fetch is None:
            return None
        ids = self._ids[number * self.page_size : (number + 1) * self.page_size]
        try:
            found = {summary.id: summary for summary in self._fetch(ids)}
        except Exception:  # the store went away (closed, restored): show blanks, retry later
            log.warning("Could not read a page of visits", exc_info=True)
            return None
        self._pages[number] = page = [found.get(visit_id) for visit_id in ids]
        while len(self._pages) > self.cache_pages:
            self._pages.popitem(last=False)
        return page

    # -- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.columns, section, orientation, role)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        if role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.SizeHintRole):
            return None  # asked for every painted cell: answered without a lookup
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        return cell_data(self.columns[index.column()], row, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the owner to query the store in this order (the model never sorts itself)."""
        if 0 <= column < len(self.columns):
            self.sort_requested.emit(int(self.kinds[column]), order)
