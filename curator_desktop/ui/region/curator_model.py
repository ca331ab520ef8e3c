"""The «Кураторы» page as a table model: one row per curator of the region."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from curator_desktop.domain.region.flags import STALE_DAYS
from curator_desktop.domain.region.summary import RegionCurator
from curator_desktop.domain.text import sort_key
from curator_desktop.i18n import _, format_date, format_datetime, format_number, ngettext
from curator_desktop.ui.common.models.row_table_model import Column
from curator_desktop.ui.region.flags import MARK, matching, reasons
from curator_desktop.ui.region.rows_model import FilteredRowModel
from curator_desktop.ui.region.school_model import day_number, done_of


class CuratorColumn(IntEnum):
    NAME = 0
    SCHOOLS = 1
    VISITS = 2
    OVERDUE = 3
    REPORTS = 4
    LAST_PACKAGE = 5
    DATA_AGE = 6


_BIGGEST_FIRST = frozenset({CuratorColumn.OVERDUE})


def _name_tip(row: RegionCurator) -> str:
    if not row.flags:
        return row.name
    return row.name + "\n" + _("Behind:") + "\n" + reasons(row.flags)


def _overdue_tip(row: RegionCurator) -> str:
    """How the overdue items split, and the flags' reasons."""
    split = _("Visits overdue: {visits}; recommendations overdue: {recommendations}.").format(
        visits=format_number(row.visits_overdue),
        recommendations=format_number(row.recommendations_overdue),
    )
    return "\n".join(filter(None, [split, reasons(matching(row, ("visits", "recommendation")))]))


def _share(row: RegionCurator) -> float:
    """Visits completed per visit planned (1.0 with nothing planned)."""
    return row.visits_completed / row.visits_planned if row.visits_planned else 1.0


class RegionCuratorModel(FilteredRowModel[RegionCurator]):
    """The region's curators as of ``as_of``: who is behind carries a mark and the reasons."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.as_of = dt.date.today()
        self.columns = self._columns()

    def set_summary_rows(self, rows: Sequence[RegionCurator], as_of: dt.date) -> None:
        self.as_of = as_of
        self.set_rows(rows)

    def search_text(self, row: RegionCurator) -> str:
        return row.name

    def data_age(self, row: RegionCurator) -> int | None:
        """Days from the newest record on the curator's device to the summary's day."""
        if row.data_recorded_until is None:
            return None
        return max(0, (self.as_of - row.data_recorded_until.date()).days)

    def _age_text(self, row: RegionCurator) -> str:
        days = self.data_age(row)
        if days is None:
            return "—"
        if days == 0:
            return _("today")
        text = ngettext("{n} day", "{n} days", days).format(n=format_number(days))
        return MARK + " " + text if days > STALE_DAYS else text

    def _age_tip(self, row: RegionCurator) -> str:
        if row.data_recorded_until is None:
            return _("No package received from this curator yet.")
        tip = _("Recorded on the curator's computer until {when}; received on {day}.").format(
            when=format_datetime(row.data_recorded_until), day=format_date(row.last_package)
        )
        days = self.data_age(row)
        if days is not None and days > STALE_DAYS:
            tip += "\n" + ngettext(
                "Older than {n} day: ask for a fresh package.",
                "Older than {n} days: ask for a fresh package.",
                STALE_DAYS,
            ).format(n=STALE_DAYS)
        return tip

    def _columns(self) -> tuple[Column[RegionCurator], ...]:
        return (
            Column(
                lambda: _("Curator"),
                lambda r: MARK + " " + r.name if r.flags else r.name,
                sort_key=lambda r: (-len(r.flags), sort_key(r.name)),
                tooltip=_name_tip,
                attention=lambda r: bool(r.flags),
                header_tip=lambda: _("The curators behind ({mark}) first, then by name").format(
                    mark=MARK
                ),
                max_width=300,
            ),
            Column(
                lambda: _("Schools"),
                lambda r: format_number(r.schools),
                sort_key=lambda r: r.schools,
                align_right=True,
            ),
            Column(
                lambda: _("Visits"),
                lambda r: done_of(r.visits_completed, r.visits_planned),
                sort_key=_share,
                align_right=True,
                tooltip=lambda r: reasons(matching(r, ("visits",))),
                attention=lambda r: bool(matching(r, ("visits",))),
                header_tip=lambda: _("Visits completed of planned"),
            ),
            Column(
                lambda: _("Overdue"),
                lambda r: format_number(r.overdue_items),
                sort_key=lambda r: r.overdue_items,
                align_right=True,
                tooltip=_overdue_tip,
                attention=lambda r: r.overdue_items > 0,
                header_tip=lambda: _("Overdue visits and recommendations"),
            ),
            Column(
                lambda: _("Reports"),
                lambda r: format_number(r.reports_produced),
                sort_key=lambda r: r.reports_produced,
                align_right=True,
                header_tip=lambda: _("Reports produced"),
            ),
            Column(
                lambda: _("Last package"),
                lambda r: format_date(r.last_package, "short"),
                sort_key=lambda r: day_number(r.last_package),
                tooltip=lambda r: reasons(matching(r, ("package", "no_package", "stale"))),
                attention=lambda r: bool(matching(r, ("package", "no_package", "stale"))),
                header_tip=lambda: _("When the coordinator received the curator's last package"),
            ),
            Column(
                lambda: _("Data age"),
                self._age_text,
                sort_key=lambda r: -1 if (d := self.data_age(r)) is None else d,
                align_right=True,
                tooltip=self._age_tip,
                caution=lambda r: (self.data_age(r) or 0) > STALE_DAYS,
                header_tip=lambda: _(
                    "How old the newest record on the curator's computer is (as recorded, "
                    "not as received)"
                ),
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
