"""The Reports page: the PDF reports generated from this store, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.models.history_table_models import ReportTableModel
from curator_desktop.ui.pages.page import Page
from curator_desktop.ui.widgets.record_table import RecordTable


class ReportsPage(Page):
    """Lists generated reports (визит, протокол, промежуточный и итоговый отчёты)."""

    kinds = frozenset({"reports"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = self.intro(
            _(
                "Visit reports, verification protocols and interim and final curator "
                "reports are kept here with every version, ready to print, sign and "
                "upload to ИС МЭДК."
            )
        )
        self.table = RecordTable(ReportTableModel(), sort_order=Qt.SortOrder.DescendingOrder)
        self.table.set_empty_text(_("Opening the store…"), "")
        self.build_layout(intro, self.table)

    def title(self) -> str:
        return _("Reports")

    def refresh(self) -> None:
        if self.context is None:
            return
        self.table.set_empty_text(
            _("No reports generated yet"),
            _("Each report you generate is listed here with its version, number and date."),
        )
        self.table.set_rows(self.context.history.reports())
