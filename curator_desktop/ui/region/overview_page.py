"""The «Регион» page: every school of the region on one table, as of today.

The rows come from the region service's summary (read off the GUI thread); filters, the «behind»
switch and the search narrow them in memory on the GUI thread, within a frame for 3,000 schools
(see :class:`~curator_desktop.ui.region.rows_model.FilteredRowModel`). Enter or a double click
opens the school's card read-only, with who wrote what.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from curator_desktop.domain.changes import ALL_CHANGES
from curator_desktop.domain.enums import Programme
from curator_desktop.domain.region.summary import RegionSchool, RegionSummary
from curator_desktop.i18n import _, format_date, format_number, ngettext
from curator_desktop.ui.common.keyboard import SearchLead
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.widgets.filter_combo import filter_combo
from curator_desktop.ui.region.filters import SchoolFilter
from curator_desktop.ui.region.flags import MARK
from curator_desktop.ui.region.loading import SummaryLoader, summary_reader
from curator_desktop.ui.region.rows_model import Prepared
from curator_desktop.ui.region.school_model import RegionSchoolModel, SchoolColumn
from curator_desktop.ui.region.table import RegionTable

WHOLE_COLUMNS = (
    SchoolColumn.FIRST_VISIT,
    SchoolColumn.VISITS,
    SchoolColumn.RISKS,
    SchoolColumn.DOCUMENTS,
    SchoolColumn.MONITORING,
    SchoolColumn.LAST_PACKAGE,
)
"""Figures and dates: never shortened."""


def no_service_text() -> tuple[str, str]:
    return (
        _("The region overview is not available"),
        _("This version of the program cannot gather the region's figures."),
    )


def no_packages_text() -> tuple[str, str]:
    return (
        _("No curators' packages yet"),
        _(
            "The region is gathered from the curators' packages: import them on the «Exchange» "
            "page (File → Import a package…). Each school appears here once a package names it."
        ),
    )


def failed_text() -> tuple[str, str]:
    return (
        _("The region's figures could not be read"),
        _("The details are in the log file (Help → About Curator Desktop)."),
    )


def reset_choices(combo: Any, values: list[tuple[str, str]]) -> None:
    """Replace a filter combo's choices after its first («all»), keeping the chosen value."""
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        while combo.count() > 1:
            combo.removeItem(1)
        for value, label in values:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    finally:
        combo.blockSignals(False)


class RegionPage(Page):
    """The region's schools; ``school_activated`` carries a school's id (to open read-only)."""

    kinds = ALL_CHANGES
    school_activated = Signal(str)
    summary_shown = Signal()
    """A summary (or the reason there is none) has been put on the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: RegionSummary | None = None
        self.loading = False
        """A summary is being read (off the GUI thread)."""
        self._loader = SummaryLoader(
            lambda summary: self.model.prepare(summary.schools), self._show_summary, self._on_failed
        )
        self.count_label = QLabel()
        self.as_of_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by school, INN, municipality or curator"))
        self.search.setAccessibleName(_("Search the region's schools"))
        self.search.textChanged.connect(self._apply_filter)
        self.behind_only = QCheckBox(_("Behind only"))
        self.behind_only.setToolTip(_("Only the schools with a mark {mark}").format(mark=MARK))
        self.behind_only.toggled.connect(self._apply_filter)
        self.municipality_filter = filter_combo(
            _("All municipalities"), [], length=16, name=_("Municipality")
        )
        self.curator_filter = filter_combo(_("All curators"), [], length=16, name=_("Curator"))
        self.programme_filter = filter_combo(
            _("All programmes"), Programme.choices(), length=16, name=_("Programme")
        )
        for combo in (self.municipality_filter, self.curator_filter, self.programme_filter):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.legend = QLabel(
            _("{mark} behind, listed first: point at the school or a red cell to see why.").format(
                mark=MARK
            )
        )
        self.legend.setWordWrap(True)

        self.model = RegionSchoolModel()
        self.table = RegionTable(self.model, WHOLE_COLUMNS, sort_column=SchoolColumn.NAME)
        self.table.view.setAccessibleName(_("Schools of the region"))
        self.table.row_activated.connect(self._on_row_activated)
        self.search_lead = SearchLead(self.search, self.table.view)
        self.table.show_empty(_("Opening the store…"))
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading(self.title()))
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.as_of_label)
        search = QHBoxLayout()
        search.addWidget(self.search, 1)
        search.addWidget(self.behind_only)
        filters = QHBoxLayout()
        for combo in (self.municipality_filter, self.curator_filter, self.programme_filter):
            filters.addWidget(combo)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search)
        layout.addLayout(filters)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)

    def title(self) -> str:
        return _("Region")

    def start_focus(self) -> QWidget:
        return self.search

    # -- data ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the summary again (off the GUI thread), as of today."""
        if self.context is None:
            return
        read = summary_reader(self.context)
        if read is None:
            self.table.show_empty(*no_service_text())
            self.summary_shown.emit()
            return
        if self.summary is None:
            self.table.show_empty(_("Gathering the region's figures…"))
        self.loading = True
        self._loader.load(read, dt.date.today())

    def show_summary(self, summary: RegionSummary) -> None:
        """Put ``summary`` on the table (prepared here, on the GUI thread)."""
        self._show_summary(summary, self.model.prepare(summary.schools))

    def _show_summary(self, summary: RegionSummary, prepared: Prepared[RegionSchool]) -> None:
        self.summary = summary
        self.loading = False
        schools = summary.schools
        municipalities = sorted({s.municipality for s in schools if s.municipality})
        curators = sorted({name for s in schools for name in s.curators})
        reset_choices(self.municipality_filter, [(name, name) for name in municipalities])
        reset_choices(self.curator_filter, [(name, name) for name in curators])
        self.as_of_label.setText(_("as of {date}").format(date=format_date(summary.as_of)))
        selected = self.table.selected_row()
        self.model.as_of = summary.as_of
        self.model.set_prepared(prepared)
        self._apply_filter()
        if selected is not None:
            self.select_school(selected.school_id)
        self.summary_shown.emit()

    def _on_failed(self, _exc: BaseException) -> None:
        self.loading = False
        self.table.show_empty(*failed_text())
        self.summary_shown.emit()

    # -- filtering ---------------------------------------------------------------------------------

    def current_filter(self) -> SchoolFilter:
        return SchoolFilter(
            municipality=self.municipality_filter.currentData(),
            curator=self.curator_filter.currentData(),
            programme=self.programme_filter.currentData(),
            behind=self.behind_only.isChecked(),
        )

    def _apply_filter(self, *_args: object) -> None:
        if self.summary is None:
            return
        self.model.set_filter(self.current_filter().predicate(), self.search.text())
        shown, total = self.model.rowCount(), self.model.total()
        behind = sum(1 for row in self.model.rows() if row.flags)
        if self.model.filtered():
            text = ngettext("found {n} of {total}", "found {n} of {total}", shown)
        else:
            text = ngettext("{n} school", "{n} schools", shown)
        text = text.format(n=format_number(shown), total=format_number(total))
        if behind:
            text += " · " + ngettext("{n} behind", "{n} behind", behind).format(
                n=format_number(behind)
            )
        self.count_label.setText(text)
        if shown:
            self.table.show_rows()
        elif not total:
            self.table.show_empty(*no_packages_text())
        else:
            query = self.search.text().strip()
            self.table.show_empty(
                _("Nothing found for «{query}»").format(query=query)
                if query
                else _("Nothing matches the filter"),
                _("Check the spelling or clear the search and filters."),
            )

    def show_curator(self, name: str) -> None:
        """Show only the schools of the curator ``name`` (from the «Кураторы» page)."""
        index = self.curator_filter.findData(name)
        if index >= 0:
            self.curator_filter.setCurrentIndex(index)

    # -- rows --------------------------------------------------------------------------------------

    def select_school(self, school_id: str) -> bool:
        for row, school in enumerate(self.model.rows()):
            if school.school_id == school_id:
                self.table.select_row(row)
                return True
        return False

    def _on_row_activated(self, row: RegionSchool | None) -> None:
        if row is not None:
            self.school_activated.emit(row.school_id)
