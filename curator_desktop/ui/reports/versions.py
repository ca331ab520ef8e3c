"""The versions of one visit's or one school's reports, newest first, each ready to open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.models.row_table_model import ROW_ROLE
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.reports.record_model import (
    GENERATED,
    VERSION_COLUMNS,
    ReportRecordTableModel,
)

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.services.context import AppContext


class ReportVersionsWidget(QWidget):
    """A small list (generated, version, number, language) with «Open» and «Show in folder».

    Shows the reports of ``visit_id`` or ``school_id``, optionally only of ``kind`` (and
    ``year``): a visit editor shows its справки, a school's risk profile tab its protocols of the
    year. Call ``refresh`` after a new report was made.
    """

    report_opened = Signal(object)
    """A report's preview was opened: the dialog."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        visit_id: str | None = None,
        school_id: str | None = None,
        kind: str | None = None,
        year: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._filter = (visit_id, school_id, kind, year)
        self.model = ReportRecordTableModel(columns=VERSION_COLUMNS)
        self.table = RecordTable(
            self.model,
            sort_column=self.model.column_of(GENERATED),
            sort_order=Qt.SortOrder.DescendingOrder,
        )
        self.table.set_empty_text(
            _("No report generated yet"), _("Each generated version is kept and listed here.")
        )
        self.table.row_activated.connect(self._on_table_row_activated)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.folder_button = QPushButton(_("Show in folder"))
        self.folder_button.clicked.connect(self.show_selected_in_folder)
        self.table.view.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(_("Generated versions")))
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.refresh()

    def set_subject(
        self,
        *,
        visit_id: str | None = None,
        school_id: str | None = None,
        kind: str | None = None,
        year: int | None = None,
    ) -> None:
        """Show the reports of another visit or school (e.g. after a new visit was saved)."""
        self._filter = (visit_id, school_id, kind, year)
        self.refresh()

    def refresh(self) -> None:
        """Reload the versions from the store."""
        visit_id, school_id, kind, year = self._filter
        records: list[ReportRecord] = []
        if visit_id or school_id:
            found = self.context.report_service.reports(visit_id=visit_id, school_id=school_id)
            records = [
                r
                for r in found
                if (kind is None or r.kind == kind) and (year is None or r.year == year)
            ]
        self.table.set_rows(records)
        self._update_buttons()

    def reports(self) -> list[ReportRecord]:
        """The versions shown, newest first."""
        return self.table.visible_rows()

    def selected_report(self) -> ReportRecord | None:
        index: QModelIndex = self.table.view.currentIndex()
        if not index.isValid() or not self.table.view.selectionModel().hasSelection():
            return None
        return index.siblingAtColumn(0).data(ROW_ROLE)

    def open_report(self, record: ReportRecord | None) -> QDialog | None:
        from curator_desktop.ui.reports.actions import open_and_announce

        return open_and_announce(self, self.context, record, self.report_opened.emit)

    def open_selected(self) -> None:
        self.open_report(self.selected_report())

    def show_selected_in_folder(self) -> None:
        from curator_desktop.ui.reports.actions import show_selected_in_folder

        show_selected_in_folder(self, self.context, self.selected_report())

    def _on_table_row_activated(self, record: ReportRecord) -> None:
        self.open_report(record)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_report() is not None
        self.open_button.setEnabled(chosen)
        self.folder_button.setEnabled(chosen)
