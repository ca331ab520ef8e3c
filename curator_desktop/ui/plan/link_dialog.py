"""Choosing what fulfils a plan item: a visit, a school's risk verification or a report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.enums import VisitType
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.common.keyboard import SearchLead
from curator_desktop.ui.common.models.row_table_model import ROW_ROLE, Column, RowTableModel
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.plan.table_model import document_target_title, target_kind_label

if TYPE_CHECKING:
    from curator_desktop.services.plan.service import PlanService
    from curator_desktop.store.repositories.roadmaps import Target

TARGET_TYPES = ("visit", "risk_assessment", "report", "school_document")


def _what(target: Target) -> str:
    if target.target_type == "visit":
        return VisitType.label_for(target.title)
    if target.target_type == "risk_assessment":
        return _("Verification of {year}").format(year=target.title)
    if target.target_type == "school_document":
        return document_target_title(target.title)
    return target.title


def _state(target: Target) -> str:
    if target.target_type == "visit":
        return _("completed") if target.fulfilled else _("not completed yet")
    if target.target_type == "risk_assessment":
        return _("every factor verified") if target.fulfilled else _("not finished")
    if target.target_type == "school_document":
        return _("accepted") if target.fulfilled else _("not accepted yet")
    return _("made")


class _TargetModel(RowTableModel[Any]):
    columns = (
        Column(
            lambda: _("Date"),
            lambda t: format_date(t.day, "short") if t.day else "",
            sort_key=lambda t: t.day.isoformat() if t.day else "",
            max_width=110,
        ),
        Column(lambda: _("School"), lambda t: t.school, tooltip=lambda t: t.school, max_width=280),
        Column(lambda: _("What"), _what, tooltip=_what, max_width=300),
        Column(lambda: _("State"), _state, max_width=200),
    )


class PlanLinkDialog(QDialog):
    """Lists the candidates of one kind (tabs switch the kind); ``chosen()`` after OK."""

    def __init__(
        self, service: PlanService, parent: QWidget | None = None, *, target_type: str = "visit"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Link to the plan item"))
        self.service = service
        self.kind_tabs = QTabBar()
        self.kind_tabs.setExpanding(False)
        for kind in TARGET_TYPES:
            self.kind_tabs.setTabData(self.kind_tabs.addTab(target_kind_label(kind)), kind)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by school, date or type"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.table = RecordTable(
            _TargetModel(), sort_column=0, sort_order=Qt.SortOrder.DescendingOrder
        )
        self.table.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.row_activated.connect(self._on_table_row_activated)
        self.search_lead = SearchLead(self.search, self.table.view)
        self.note = QLabel(
            _(
                "An item linked only to completed visits, verified profiles, reports and "
                "accepted documents is done."
            )
        )
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Link"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.kind_tabs)
        top.addStretch(1)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.kind_tabs.currentChanged.connect(self._on_kind_tabs_current_changed)
        self.set_target_type(target_type)
        self._on_kind_tabs_current_changed(self.kind_tabs.currentIndex())
        fit_to_screen(self, (720, 440), anchor=parent)

    def target_type(self) -> str:
        return str(self.kind_tabs.tabData(self.kind_tabs.currentIndex()))

    def set_target_type(self, target_type: str) -> None:
        self.kind_tabs.setCurrentIndex(TARGET_TYPES.index(target_type))

    def chosen(self) -> Target | None:
        index = self.table.view.currentIndex()
        return index.siblingAtColumn(0).data(ROW_ROLE) if index.isValid() else None

    def select_target(self, target_id: str) -> bool:
        """Select the candidate with ``target_id`` (False when it is not listed)."""
        for row, target in enumerate(self.table.visible_rows()):
            if target.target_id == target_id:
                self.table.view.selectRow(row)
                return True
        return False

    # -- slots ---------------------------------------------------------------------------------

    def _on_kind_tabs_current_changed(self, _index: int) -> None:
        kind = self.target_type()
        self.table.set_empty_text(*self._empty_text(kind))
        self.table.set_rows(self.service.candidates(kind))
        self.table.view.clearSelection()
        self.table.view.setCurrentIndex(self.table.view.model().index(-1, -1))
        self._update_buttons()

    @staticmethod
    def _empty_text(kind: str) -> tuple[str, str]:
        if kind == "visit":
            return _("No visits yet"), _("Plan or record a visit on the Visits page first.")
        if kind == "risk_assessment":
            return _("No risk profiles yet"), _("Verify a school's risk profile on its card first.")
        if kind == "school_document":
            return _("No documents yet"), _("Receive a school's document on its card first.")
        return _("No reports yet"), _("Make a report on the Reports page first.")

    def _on_search_text_changed(self, text: str) -> None:
        self.table.set_query(text)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.ok_button.setEnabled(self.chosen() is not None)

    def _on_table_row_activated(self, _row: object) -> None:
        if self.chosen() is not None:
            self.accept()
