"""The «Кураторы» page: per curator — schools, visits done of planned, overdue items, reports,
the last package and how old its data is; who is behind comes first, with a mark and the
reasons. Enter on a curator shows the region's schools of that curator."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from curator_desktop.domain.changes import ALL_CHANGES
from curator_desktop.domain.region.summary import RegionCurator, RegionSummary
from curator_desktop.i18n import _, format_date, format_number, ngettext
from curator_desktop.ui.common.keyboard import SearchLead
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.region.curator_model import CuratorColumn, RegionCuratorModel
from curator_desktop.ui.region.flags import MARK
from curator_desktop.ui.region.loading import SummaryLoader, summary_reader
from curator_desktop.ui.region.overview_page import failed_text, no_packages_text, no_service_text
from curator_desktop.ui.region.rows_model import Prepared
from curator_desktop.ui.region.table import RegionTable


class CuratorsPage(Page):
    """The region's curators; ``curator_activated`` carries a curator's name."""

    kinds = ALL_CHANGES
    curator_activated = Signal(str)
    summary_shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: RegionSummary | None = None
        self.loading = False
        """A summary is being read (off the GUI thread)."""
        self._loader = SummaryLoader(
            lambda summary: self.model.prepare(summary.curators),
            self._show_summary,
            self._on_failed,
        )
        self.count_label = QLabel()
        self.as_of_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by curator"))
        self.search.setAccessibleName(_("Search the curators"))
        self.search.textChanged.connect(self._apply_filter)
        self.behind_only = QCheckBox(_("Behind only"))
        self.behind_only.setToolTip(_("Only the curators with a mark {mark}").format(mark=MARK))
        self.behind_only.toggled.connect(self._apply_filter)
        self.legend = QLabel(
            _(
                "{mark} behind, listed first: point at the name to see why. Enter on a curator "
                "shows their schools on the «Region» page."
            ).format(mark=MARK)
        )
        self.legend.setWordWrap(True)
        self.model = RegionCuratorModel()
        self.table = RegionTable(
            self.model,
            (CuratorColumn.VISITS, CuratorColumn.LAST_PACKAGE, CuratorColumn.DATA_AGE),
            sort_column=CuratorColumn.NAME,
        )
        self.table.view.setAccessibleName(_("Curators of the region"))
        self.table.row_activated.connect(self._on_row_activated)
        self.search_lead = SearchLead(self.search, self.table.view)
        self.table.show_empty(_("Opening the store…"))

        top = QHBoxLayout()
        top.addWidget(self.heading(self.title()))
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.as_of_label)
        search = QHBoxLayout()
        search.addWidget(self.search, 1)
        search.addWidget(self.behind_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)

    def title(self) -> str:
        return _("Curators")

    def start_focus(self) -> QWidget:
        return self.search

    def refresh(self) -> None:
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
        self._show_summary(summary, self.model.prepare(summary.curators))

    def _show_summary(self, summary: RegionSummary, prepared: Prepared[RegionCurator]) -> None:
        self.summary = summary
        self.loading = False
        self.as_of_label.setText(_("as of {date}").format(date=format_date(summary.as_of)))
        self.model.as_of = summary.as_of
        self.model.set_prepared(prepared)
        self._apply_filter()
        self.summary_shown.emit()

    def _on_failed(self, _exc: BaseException) -> None:
        self.loading = False
        self.table.show_empty(*failed_text())
        self.summary_shown.emit()

    def _apply_filter(self, *_args: object) -> None:
        if self.summary is None:
            return
        behind_only = self.behind_only.isChecked()
        self.model.set_filter(
            (lambda row: bool(row.flags)) if behind_only else None, self.search.text()
        )
        shown, total = self.model.rowCount(), self.model.total()
        behind = sum(1 for row in self.model.all_rows() if row.flags)
        text = ngettext("{n} curator", "{n} curators", total).format(n=format_number(total))
        if self.model.filtered():
            text = ngettext("found {n} of {total}", "found {n} of {total}", shown).format(
                n=format_number(shown), total=format_number(total)
            )
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
            self.table.show_empty(
                _("Nothing matches the filter"),
                _("Check the spelling or clear the search and filters."),
            )

    def _on_row_activated(self, row: RegionCurator | None) -> None:
        if row is not None:
            self.curator_activated.emit(row.name)
