"""The Reports page: every generated PDF report, newest first, and the reports made from here.

Visit reports are made from a visit (or here, for every completed visit of a period), protocols
from a school's card; the curator's interim and final reports for a period are made here. Any
report opens in the preview; the store changes are announced through ``data_changed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.ui.common.keyboard import SearchLead
from curator_desktop.ui.common.models.row_table_model import ROW_ROLE
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.common.widgets.row_or_column import RowOrColumnLayout
from curator_desktop.ui.reports.record_model import GENERATED, ReportRecordTableModel

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.ui.reports.actions import ReportGeneration
    from curator_desktop.ui.reports.batch_dialog import BatchReportDialog
    from curator_desktop.ui.reports.period_dialog import (
        PeriodReportDialog,
        PeriodReportRequest,
    )

BATCH_CHANGES: Changes = frozenset({Change.REPORTS, Change.VISITS})
"""What making visits' reports changes: the reports, and the status of the visits reported on
(announced even when the batch stopped early: the reports made until then are kept)."""


class ReportsPage(Page):
    """Lists generated reports (visit reports, protocols, interim and final curator reports)."""

    kinds = frozenset({Change.REPORTS, Change.SCHOOLS})

    data_changed = Signal(frozenset)
    """Reports were made here: what changed (``Changes``, for the main window)."""
    report_opened = Signal(object)
    """A report's preview was opened: the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock: Callable[[], dt.date] = dt.date.today
        """Where «today» comes from (default periods; tests fix it)."""
        self.count_label = QLabel()
        self.period_button = QPushButton(_("Curator's report for a period…"))
        self.period_button.setToolTip(_("An interim or final curator report for a period"))
        self.period_button.clicked.connect(self.request_period_report)
        self.batch_button = QPushButton(_("Reports for completed visits…"))
        self.batch_button.setToolTip(
            _("Visit reports for every completed visit of a period that has none yet")
        )
        self.batch_button.clicked.connect(self.request_batch)
        self.selfdiag_button = QPushButton(_("Self-diagnosis reports…"))
        self.selfdiag_button.setToolTip(
            _(
                "«School of the Ministry of Education»: the analytical report on the "
                "self-diagnosis results, or the consultation schedule"
            )
        )
        self.selfdiag_button.clicked.connect(self.request_selfdiag_report)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by school, number, kind or date"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.folder_button = QPushButton(_("Show in folder"))
        self.folder_button.clicked.connect(self.show_selected_in_folder)

        self.model = ReportRecordTableModel()
        self.table = RecordTable(
            self.model,
            sort_column=self.model.column_of(GENERATED),
            sort_order=Qt.SortOrder.DescendingOrder,
        )
        self.table.set_empty_text(_("Opening the store…"), "")
        self.table.row_activated.connect(self._on_table_row_activated)
        self.search_lead = SearchLead(self.search, self.table.view)
        self.table.view.selectionModel().selectionChanged.connect(self._update_buttons)

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.open_button)
        tools.addWidget(self.folder_button)
        intro = self.intro(
            _(
                "Visit reports, verification protocols and interim and final curator "
                "reports are kept here with every version, ready to print, sign and "
                "upload to ИС МЭДК."
            )
        )
        self.build_layout(
            intro,
            tools,
            self.table,
            beside_title=(self.count_label,),
        )
        # Beside the heading while they fit, else one under another: side by side, the three
        # ask for more width than a 1366-px laptop at 150 % has for a page.
        makers = RowOrColumnLayout(spacing=6)
        for button in (self.period_button, self.batch_button, self.selfdiag_button):
            makers.addWidget(button)
        title_row = self.layout().itemAt(0).layout()
        title_row.addLayout(makers)
        self._set_enabled(False)

    def title(self) -> str:
        return _("Reports")

    def start_focus(self) -> QWidget:
        return self.search

    # -- the list --------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.context is None:
            return
        self._set_enabled(True)
        self.table.set_empty_text(
            _("No reports generated yet"),
            _(
                "Generate a visit report from a completed visit, a verification protocol from "
                "a school's risk profile, or a curator's report for a period with the button "
                "above. Each report is listed here with its version, number and date."
            ),
        )
        selected = self.selected_report()
        records = self.context.report_service.reports()
        self.table.set_rows(records)
        self.count_label.setText(
            ngettext("{n} report", "{n} reports", len(records)).format(
                n=format_number(len(records))
            )
            if records
            else ""
        )
        if selected is not None:
            self.select_report(selected.id)
        self._update_buttons()

    def reports(self) -> list[ReportRecord]:
        """The rows shown, in their current order."""
        return self.table.visible_rows()

    def selected_report(self) -> ReportRecord | None:
        index = self.table.view.currentIndex()
        if not index.isValid() or not self.table.view.selectionModel().hasSelection():
            return None
        return index.siblingAtColumn(0).data(ROW_ROLE)

    def select_report(self, report_id: str) -> None:
        for row, record in enumerate(self.table.visible_rows()):
            if record.id == report_id:
                self.table.view.selectRow(row)
                return

    def _on_search_text_changed(self, text: str) -> None:
        self.table.set_query(text)
        self._update_buttons()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.period_button, self.batch_button, self.selfdiag_button, self.search):
            widget.setEnabled(enabled)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.context is not None and self.selected_report() is not None
        self.open_button.setEnabled(chosen)
        self.folder_button.setEnabled(chosen)

    # -- opening -----------------------------------------------------------------------------------

    def open_report(self, record: ReportRecord | None) -> QDialog | None:
        """Show ``record`` in the preview."""
        from curator_desktop.ui.reports.actions import open_and_announce

        return open_and_announce(self, self.context, record, self.report_opened.emit)

    def open_selected(self) -> None:
        self.open_report(self.selected_report())

    def show_selected_in_folder(self) -> None:
        from curator_desktop.ui.reports.actions import show_selected_in_folder

        show_selected_in_folder(self, self.context, self.selected_report())

    def _on_table_row_activated(self, record: ReportRecord) -> None:
        self.open_report(record)

    # -- making reports ----------------------------------------------------------------------------

    def period_dialog(self) -> PeriodReportDialog:
        """The dialog asking what a curator's report for a period covers."""
        assert self.context is not None
        from curator_desktop.ui.reports.period_dialog import PeriodReportDialog

        return PeriodReportDialog(
            self.context.schools.choices(),
            self,
            today=self.clock,
            texts_for=self.context.report_service.period_texts,
        )

    def request_period_report(self) -> ReportGeneration | None:
        """Ask for a period and the schools, then make the report and preview it."""
        if self.context is None:
            return None
        dialog = self.period_dialog()
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            request = dialog.request()
        finally:
            dialog.deleteLater()
        return self.generate_period_report(request)

    def generate_period_report(self, request: PeriodReportRequest) -> ReportGeneration:
        """Make the curator's report ``request`` describes (off the GUI thread) and preview it."""
        assert self.context is not None
        from curator_desktop.ui.reports.actions import generate_and_preview

        job = generate_and_preview(
            self,
            self.context,
            "period",
            on_generated=self._on_report_generated,
            date_from=request.date_from,
            date_to=request.date_to,
            kind=request.kind,
            school_ids=request.school_ids,
            language=request.language,
            approved_by=request.approved_by,
            conclusions=request.conclusions,
            best_practices=request.best_practices,
        )
        job.preview_opened.connect(self.report_opened)
        return job

    def selfdiag_dialog(self) -> QDialog:
        """The dialog asking for a self-diagnosis справка or the consultation schedule."""
        assert self.context is not None
        from curator_desktop.ui.selfdiag.report_dialog import SelfdiagReportDialog

        return SelfdiagReportDialog(self.context.schools.choices(), self, today=self.clock)

    def request_selfdiag_report(self) -> ReportGeneration | None:
        """Ask what the справка or schedule covers, then make it and preview it."""
        if self.context is None:
            return None
        dialog = self.selfdiag_dialog()
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            request = dialog.request()  # type: ignore[attr-defined]
        finally:
            dialog.deleteLater()
        from curator_desktop.ui.reports.actions import generate_and_preview

        job = generate_and_preview(
            self,
            self.context,
            request.kind,
            on_generated=self._on_report_generated,
            **request.arguments(),
        )
        job.preview_opened.connect(self.report_opened)
        return job

    def batch_dialog(self) -> BatchReportDialog:
        """The dialog making the reports of every completed visit of a period."""
        assert self.context is not None
        from curator_desktop.ui.reports.batch_dialog import BatchReportDialog

        dialog = BatchReportDialog(self.context.report_service, self, today=self.clock)
        dialog.reports_generated.connect(self._on_batch_reports_generated)
        return dialog

    def request_batch(self) -> None:
        if self.context is None:
            return
        dialog = self.batch_dialog()
        dialog.exec()
        dialog.deleteLater()

    def _on_report_generated(self, record: ReportRecord) -> None:
        self._announce(record.changes)
        self.select_report(record.id)

    def _on_batch_reports_generated(self, _records: list[ReportRecord]) -> None:
        self._announce(BATCH_CHANGES)

    def _announce(self, changes: Changes) -> None:
        self.refresh()
        self.data_changed.emit(changes)
