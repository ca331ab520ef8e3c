"""The «Регион» overview as a table model: one row per school of the region."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from curator_desktop.domain.enums import Programme
from curator_desktop.domain.profile import surname_and_initials
from curator_desktop.domain.region.summary import RegionSchool
from curator_desktop.domain.selfdiag.levels import Level
from curator_desktop.domain.text import sort_key
from curator_desktop.i18n import _, format_date, format_number, pgettext
from curator_desktop.ui.common.models.row_table_model import Column
from curator_desktop.ui.region.flags import MARK, matching, reasons
from curator_desktop.ui.region.rows_model import FilteredRowModel


class SchoolColumn(IntEnum):
    NAME = 0
    MUNICIPALITY = 1
    PROGRAMME = 2
    CURATORS = 3
    FIRST_VISIT = 4
    VISITS = 5
    RISKS = 6
    DIRECTIONS = 7
    DOCUMENTS = 8
    MONITORING = 9
    RECOMMENDATIONS_OPEN = 10
    RECOMMENDATIONS_OVERDUE = 11
    SELFDIAG = 12
    LAST_PACKAGE = 13


_BIGGEST_FIRST = frozenset(
    {SchoolColumn.RECOMMENDATIONS_OPEN, SchoolColumn.RECOMMENDATIONS_OVERDUE}
)
"""Columns whose first click sorts descending (the schools needing attention on top)."""


def day_number(value: dt.date | None) -> int:
    """A date as a number that sorts (0: no date, first)."""
    return value.toordinal() if value is not None else 0


def first_visit_overdue(row: RegionSchool) -> bool:
    """The region service flagged the first visit as overdue (it alone applies the rules: a
    school no longer taking part is never behind)."""
    return bool(matching(row, ("first_visit",)))


def _count(value: int) -> str:
    return format_number(value)


def done_of(done: int, total: int) -> str:
    """«3 / 5»: done of the total (the column's title says of what); «—» when there is
    nothing to do (no risk factors in a «Школа Минпросвещения» school, nothing planned)."""
    if not done and not total:
        return "—"
    return f"{format_number(done)} / {format_number(total)}"


def _monitoring(row: RegionSchool) -> str:
    if row.monitoring_1 and row.monitoring_2:
        return pgettext("monitoring stages", "1 and 2")
    if row.monitoring_1 or row.monitoring_2:
        return "1" if row.monitoring_1 else "2"
    return "—"


def _monitoring_tip(row: RegionSchool) -> str:
    stages = [
        _("Stage 1: data entered") if row.monitoring_1 else _("Stage 1: no data yet"),
        _("Stage 2: data entered") if row.monitoring_2 else _("Stage 2: no data yet"),
    ]
    return "\n".join([*stages, reasons(matching(row, ("monitoring",)))]).strip()


def short_names(names: Sequence[str]) -> str:
    """«Фёдорова Юлия Сергеевна» → «Фёдорова Ю. С.», for a narrow column."""
    shown = []
    for name in names:
        surname, initials = surname_and_initials(name)
        shown.append(" ".join([surname, *(letter + "." for letter in initials)]))
    return ", ".join(shown) or "—"


def _name(row: RegionSchool) -> str:
    return MARK + " " + row.name if row.flags else row.name


def _name_tip(row: RegionSchool) -> str:
    title = _("{name}, INN {inn}").format(name=row.name, inn=row.inn) if row.inn else row.name
    if not row.flags:
        return title
    return title + "\n" + _("Behind:") + "\n" + reasons(row.flags)


def programme_label(code: str) -> str:
    return Programme.label_for(code) if code else ""


def _selfdiag(row: RegionSchool) -> str:
    return Level.label_for(row.selfdiag_level) if row.selfdiag_level else "—"


def _selfdiag_rank(row: RegionSchool) -> int:
    try:
        return Level(row.selfdiag_level).rank + 1
    except ValueError:
        return 0


def _flag_tip(prefixes: Sequence[str]) -> Any:
    return lambda r: reasons(matching(r, prefixes))


def _flagged(prefixes: Sequence[str]) -> Any:
    return lambda r: bool(matching(r, prefixes))


class RegionSchoolModel(FilteredRowModel[RegionSchool]):
    """The region's schools as of ``as_of``; a flagged row carries a mark, red cells where the
    flag is about, and the reasons in tooltips."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.as_of = dt.date.today()
        self.columns = self._columns()

    def set_summary_rows(self, rows: Sequence[RegionSchool], as_of: dt.date) -> None:
        self.as_of = as_of
        self.set_rows(rows)

    def search_text(self, row: RegionSchool) -> str:
        return " ".join(
            (row.name, row.inn, row.municipality, programme_label(row.programme), *row.curators)
        )

    def _first_visit(self, row: RegionSchool) -> str:
        if row.first_visit is not None:
            return format_date(row.first_visit, "short")
        if first_visit_overdue(row):
            return MARK + " " + _("overdue")
        if row.first_visit_due is not None and row.first_visit_due >= self.as_of:
            return _("by {date}").format(date=format_date(row.first_visit_due, "short"))
        return "—"

    def _first_visit_tip(self, row: RegionSchool) -> str:
        flagged = reasons(matching(row, ("first_visit",)))
        if flagged:
            return flagged
        if row.first_visit is None and row.first_visit_due is not None:
            if row.first_visit_due >= self.as_of:
                text = _("The window for the first visit closes on {date}.")
            else:
                text = _("The window for the first visit closed on {date}.")
            return text.format(date=format_date(row.first_visit_due))
        return ""

    def _first_visit_sort(self, row: RegionSchool) -> int:
        if row.first_visit is not None:
            return day_number(row.first_visit)
        return -1 if first_visit_overdue(row) else 0

    def _columns(self) -> tuple[Column[RegionSchool], ...]:
        return (
            Column(
                lambda: _("School"),
                _name,
                sort_key=lambda r: (0 if r.flags else 1, sort_key(r.name)),
                tooltip=_name_tip,
                attention=lambda r: bool(r.flags),
                header_tip=lambda: _("The schools behind ({mark}) first, then by name").format(
                    mark=MARK
                ),
                max_width=320,
            ),
            Column(
                lambda: _("Municipality"),
                lambda r: r.municipality,
                tooltip=lambda r: r.municipality,
                max_width=180,
            ),
            Column(
                lambda: _("Programme"),
                lambda r: programme_label(r.programme),
                tooltip=lambda r: programme_label(r.programme),
                max_width=140,
            ),
            Column(
                lambda: _("Curators"),
                lambda r: short_names(r.curators),
                tooltip=lambda r: "\n".join(r.curators),
                max_width=180,
            ),
            Column(
                lambda: _("First visit"),
                self._first_visit,
                sort_key=self._first_visit_sort,
                tooltip=self._first_visit_tip,
                attention=first_visit_overdue,
            ),
            Column(
                lambda: _("Visits"),
                lambda r: done_of(r.visits_completed, r.visits_planned),
                sort_key=lambda r: r.visits_completed,
                align_right=True,
                tooltip=_flag_tip(("visits",)),
                attention=_flagged(("visits",)),
                header_tip=lambda: _("Visits completed of planned"),
            ),
            Column(
                lambda: _("Risks verified"),
                lambda r: done_of(r.risks_verified, r.risk_factors),
                sort_key=lambda r: r.risks_verified,
                align_right=True,
                tooltip=_flag_tip(("risk", "verification")),
                attention=_flagged(("risk", "verification")),
                header_tip=lambda: _("Risk factors verified of the factors of the school"),
            ),
            Column(
                lambda: _("Directions"),
                lambda r: _count(r.directions_activated),
                sort_key=lambda r: r.directions_activated,
                align_right=True,
                header_tip=lambda: _("Directions activated"),
            ),
            Column(
                lambda: _("Documents"),
                lambda r: done_of(r.documents_accepted, r.documents_expected),
                sort_key=lambda r: r.documents_accepted,
                align_right=True,
                tooltip=_flag_tip(("document",)),
                attention=_flagged(("document",)),
                header_tip=lambda: _("Documents accepted of expected"),
            ),
            Column(
                lambda: _("Monitoring"),
                _monitoring,
                sort_key=lambda r: int(r.monitoring_1) + int(r.monitoring_2),
                tooltip=_monitoring_tip,
                attention=_flagged(("monitoring",)),
                header_tip=lambda: _("Monitoring stages with data: 1, 2"),
            ),
            Column(
                lambda: _("Recommendations"),
                lambda r: _count(r.recommendations_open),
                sort_key=lambda r: r.recommendations_open,
                align_right=True,
                header_tip=lambda: _("Open recommendations (not done and not cancelled)"),
            ),
            Column(
                lambda: _("Overdue"),
                lambda r: _count(r.recommendations_overdue),
                sort_key=lambda r: r.recommendations_overdue,
                align_right=True,
                tooltip=_flag_tip(("recommendation",)),
                attention=lambda r: r.recommendations_overdue > 0,
                header_tip=lambda: _("Recommendations past their deadline"),
            ),
            Column(
                lambda: _("Self-diagnosis"),
                _selfdiag,
                sort_key=_selfdiag_rank,
                tooltip=_flag_tip(("selfdiag",)),
                attention=_flagged(("selfdiag",)),
                header_tip=lambda: _(
                    "Self-diagnosis level («School of the Ministry of Education» schools)"
                ),
                samples=lambda: [level.label for level in Level],
            ),
            Column(
                lambda: _("Last package"),
                lambda r: format_date(r.last_package, "short"),
                sort_key=lambda r: day_number(r.last_package),
                tooltip=_flag_tip(("package", "no_package", "stale")),
                attention=_flagged(("package", "no_package", "stale")),
                header_tip=lambda: _("When the curator's last package with this school arrived"),
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
