"""The «Risk profile» tab of a school's card: verifying the school's risk factors year by year."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.risk.verification import RiskRuleError, directions_warning
from curator_desktop.i18n import _
from curator_desktop.ui.common import colours
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.widgets.roomy_columns import fit_to_content, make_roomy
from curator_desktop.ui.risk.chart_view import RiskChartView
from curator_desktop.ui.risk.factor_editor import RiskFactorEditor
from curator_desktop.ui.risk.profile_model import RiskColumn, RiskProfileModel

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.services.context import AppContext
    from curator_desktop.services.risk.profiles import EvidenceChoice, FactorRow

log = logging.getLogger(__name__)

WARNING_STYLE = colours.NOTICE_STYLE + " border-radius: 3px;"
DETAIL_COLUMNS = (RiskColumn.VERIFIED_ON, RiskColumn.MEDK)
DETAILS_WIDTH = 960
"""The table's width from which the dates are shown too (the card's 780 px keep the names)."""


class RiskProfileWidget(QWidget):
    """One school's risk profile: year selector, factor table, editor, chart and history.

    Every save goes through the rules; refused saves store nothing and show why next to the
    field. Emits ``profile_changed(school_id)`` after anything was stored, and
    ``data_changed(changes)`` with what the service says it changed.
    """

    profile_changed = Signal(str)
    data_changed = Signal(frozenset)

    def __init__(self, context: AppContext, school_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._school_id = school_id
        self._service = context.risk_service
        self._year: int | None = None
        self._maximum = 3
        self._choices: list[EvidenceChoice] = []
        self._restoring = False

        self.year_combo = QComboBox()
        self.year_combo.activated.connect(self._on_year_combo_activated)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)  # two lines rather than clipped on a narrow card
        self.history_button = QPushButton(_("Change history"))
        self.history_button.clicked.connect(self.open_history)
        self.warning_bar = QLabel()
        self.warning_bar.setObjectName("directions_warning")
        self.warning_bar.setWordWrap(True)
        self.warning_bar.setStyleSheet(WARNING_STYLE)
        self.warning_bar.hide()
        self.empty_label = QLabel(
            _(
                "No risk profile is recorded for this school yet. To begin, choose "
                "«Start a new year…» in the list of years."
            )
        )
        self.empty_label.setWordWrap(True)

        self.model = RiskProfileModel(self)
        self.model.activation_requested.connect(self._on_model_activation_requested)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        make_roomy(self.view, self.model.columns)  # factor names wrap, read whole
        for column in (RiskColumn.ADJUSTED, RiskColumn.JUSTIFICATION):
            self.view.setColumnHidden(column, True)  # in the verdict's text; in the editor
        self._details_shown = True
        self.view.viewport().installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        self.editor = RiskFactorEditor()
        self.editor.evidence_add_requested.connect(self._on_editor_evidence_add_requested)
        self.editor.evidence_remove_requested.connect(self._on_editor_evidence_remove_requested)
        editor_scroll = QScrollArea()
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        editor_scroll.setWidget(self.editor)
        self.chart = RiskChartView(self.model.rows)
        self.tabs = QTabWidget()
        self.tabs.addTab(editor_scroll, _("Selected factor"))
        self.tabs.addTab(self.chart, _("Chart"))
        from curator_desktop.ui.reports.versions import ReportVersionsWidget

        self.protocols = ReportVersionsWidget(context, school_id=school_id, kind="protocol")
        self.tabs.addTab(self.protocols, _("Protocols"))
        self.protocol_button = QPushButton(_("Verification &protocol…"))
        self.protocol_button.setToolTip(
            _(
                "The risk profile verification protocol of the year shown, as a PDF to print and "
                "sign"
            )
        )
        self.protocol_button.clicked.connect(self.generate_protocol)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.tabs)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 270])

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Cycle year")))
        top.addWidget(self.year_combo)
        top.addSpacing(12)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.protocol_button)
        top.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning_bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.splitter, 1)
        self.reload()

    # --- loading ------------------------------------------------------------------------------

    @property
    def school_id(self) -> str:
        return self._school_id

    def current_year(self) -> int | None:
        return self._year

    def reload(self, year: int | None = None) -> None:
        """Re-read the years and show ``year`` (default: the one shown, else the latest)."""
        years = self._service.years(self._school_id)
        wanted = year if year is not None else self._year
        self._year = wanted if wanted in years else (years[0] if years else None)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for value in years:
            self.year_combo.addItem(str(value), value)
        self.year_combo.addItem(_("Start a new year…"), None)
        if self._year is not None:
            self.year_combo.setCurrentIndex(self.year_combo.findData(self._year))
        self.year_combo.blockSignals(False)
        self.empty_label.setVisible(self._year is None)
        self.history_button.setEnabled(self._year is not None)
        self.protocol_button.setEnabled(self._year is not None)
        self.protocols.set_subject(school_id=self._school_id, kind="protocol", year=self._year)
        self._maximum = self._service.max_active_directions()
        self._choices = self._service.evidence_choices(self._school_id)
        self._load_rows()

    def _load_rows(self) -> None:
        code = self._selected_code()
        rows = self._service.profile(self._school_id, self._year) if self._year else []
        self._restoring = True
        try:
            self.model.set_rows(rows)
            self._fit_columns()
        finally:
            self._restoring = False
        self._after_rows_changed()
        number = self.model.row_of(code) if code else -1
        self.select_row(number if number >= 0 else 0)

    def _refresh_rows(self, *, reload_editor: bool = True) -> None:
        """Re-read the rows of the year shown, keeping the selection."""
        if self._year is None:
            return
        for row in self._service.profile(self._school_id, self._year):
            self.model.update_row(row)
        self._after_rows_changed()
        if reload_editor:
            self.editor.load(self._current_row(), self._choices)

    def _after_rows_changed(self) -> None:
        count = self.model.activated_count()
        self.count_label.setText(
            _("Directions activated: {n} of {m} recommended").format(n=count, m=self._maximum)
        )
        warning = directions_warning(count, self._maximum)
        self.warning_bar.setText(warning.message if warning else "")
        self.warning_bar.setVisible(warning is not None)
        self._update_chart()

    def _update_chart(self) -> None:
        self.chart.rows_changed(shown=self.tabs.currentWidget() is self.chart)

    def _fit_columns(self) -> None:
        fit_to_content(self.view, self.model.columns)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._show_details(self.view.viewport().width() >= DETAILS_WIDTH)
        return super().eventFilter(watched, event)

    def _show_details(self, shown: bool) -> None:
        """The dates' columns only where the factor names keep room (the editor shows them)."""
        if shown != self._details_shown:
            self._details_shown = shown
            for column in DETAIL_COLUMNS:
                self.view.setColumnHidden(column, not shown)
            self._fit_columns()

    # --- selection ----------------------------------------------------------------------------

    def select_row(self, number: int) -> None:
        """Make row ``number`` current (and load it into the editor)."""
        if not 0 <= number < self.model.rowCount():
            self.editor.load(None, self._choices)
            return
        index = self.model.index(number, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.editor.load(self.model.row_at(number), self._choices)

    def select_factor(self, code: str) -> None:
        self.select_row(self.model.row_of(code))

    def _current_row(self) -> FactorRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected_code(self) -> str | None:
        row = self._current_row()
        return row.code if row else None

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._restoring:
            return
        if not self.save_pending():  # refused: the factor stays, its problems beside its fields
            self._restoring = True
            try:
                self.view.selectionModel().setCurrentIndex(
                    previous,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            finally:
                self._restoring = False
            return
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.editor.load(row, self._choices)

    def generate_protocol(self) -> Any:
        """Make the verification protocol of the year shown and open its preview."""
        from curator_desktop.ui.reports.actions import generate_and_preview

        if self._year is None or not self.save_pending():
            return None
        return generate_and_preview(
            self,
            self._context,
            "protocol",
            school_id=self._school_id,
            year=self._year,
            on_generated=self._on_protocol_generated,
        )

    def _on_protocol_generated(self, record: ReportRecord) -> None:
        self.protocols.refresh()
        self.data_changed.emit(record.changes)

    def has_unsaved_changes(self) -> bool:
        """Whether the factor editor holds edits not stored yet."""
        return self.editor.is_dirty()

    def save_pending(self) -> bool:
        """Store the edits of the factor shown, if any; False when the rules refused them (their
        problems are shown beside the fields). Choosing another factor or year, the protocol and
        the card's «Save» all store them this way."""
        row = self.editor.row()
        if not self.editor.is_dirty() or row is None:
            return True
        return self.save_factor(row.code, self.editor.changes())

    def confirm_leave(self) -> bool:
        """Ask about unsaved edits (save / discard / cancel); True when it is fine to go on.

        The school card calls it before closing without saving.
        """
        if not self.editor.is_dirty() or self.editor.row() is None:
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save the changes to the factor {code}?").format(code=self.editor.row().code),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_factor(self.editor.row().code, self.editor.changes())
        return answer == QMessageBox.StandardButton.Discard

    # --- saving -------------------------------------------------------------------------------

    def save_factor(self, code: str, changes: dict[str, Any]) -> bool:
        """Store ``changes`` of factor ``code``; show rule errors and return False if refused."""
        if self._year is None or not changes:
            return True
        try:
            result = self._service.save_factor(self._school_id, self._year, code, changes)
        except RiskRuleError as exc:
            self.editor.show_problems(list(exc.problems))
            return False
        except CuratorError as exc:
            show_error(self, exc)
            return False
        self._refresh_rows()
        self.profile_changed.emit(self._school_id)
        if result.changes:
            self.data_changed.emit(result.changes)
        return True

    def _on_model_activation_requested(self, code: str, checked: bool) -> None:
        if self._selected_code() != code:
            if not self.save_pending():
                return
            self._restoring = True
            try:
                self.select_factor(code)
            finally:
                self._restoring = False
        elif not self.save_pending():
            return
        self.save_factor(code, {"activated": checked})

    # --- evidence -----------------------------------------------------------------------------

    def _on_editor_evidence_add_requested(self, kind: str, target_id: str, note: str) -> None:
        row = self.editor.row()
        if row is None or self._year is None:
            return
        try:
            self._service.add_evidence(
                self._school_id,
                self._year,
                row.code,
                kind=kind,
                target_id=target_id or None,
                note=note,
            )
        except CuratorError as exc:
            self.editor.show_evidence_error(exc.user_message)
            return
        self._evidence_changed()

    def _on_editor_evidence_remove_requested(self, evidence_id: str) -> None:
        try:
            self._service.remove_evidence(evidence_id)
        except CuratorError as exc:
            self.editor.show_evidence_error(exc.user_message)
            return
        self._evidence_changed()

    def _evidence_changed(self) -> None:
        self._refresh_rows(reload_editor=False)
        row = self._current_row()
        if row is not None:
            self.editor.update_evidence(row)  # keeps what is typed in the form
        self.editor.evidence_note.clear()
        self.editor.show_evidence_error("")
        self.profile_changed.emit(self._school_id)
        self.data_changed.emit(self._service.WRITES)

    # --- years and history --------------------------------------------------------------------

    def _on_year_combo_activated(self, index: int) -> None:
        year = self.year_combo.itemData(index)
        if year == self._year:
            return
        if not self.save_pending():
            self._show_year_in_combo()
            return
        if year is None:
            self.start_new_year()
        else:
            self.reload(year)

    def _show_year_in_combo(self) -> None:
        self.year_combo.blockSignals(True)
        self.year_combo.setCurrentIndex(
            self.year_combo.findData(self._year) if self._year is not None else -1
        )
        self.year_combo.blockSignals(False)

    def start_new_year(self) -> bool:
        """Ask, then open the next cycle year as a draft copied from the latest one."""
        year = self._service.suggested_new_year(self._school_id)
        if self._year is None:
            text = _("Start the {year} cycle year with an empty risk profile?").format(year=year)
        else:
            text = _(
                "Start the {year} cycle year? The profile of {previous} is copied as a draft: "
                "questionnaire levels and justifications are kept; verdicts, directions and "
                "IS MEDK marks start empty."
            ).format(year=year, previous=self._service.years(self._school_id)[0])
        answer = QMessageBox.question(self, _("Start a new year"), text)
        if answer != QMessageBox.StandardButton.Yes:
            self._show_year_in_combo()
            return False
        try:
            self._service.start_year(self._school_id, year)
        except CuratorError as exc:
            show_error(self, exc)
            self._show_year_in_combo()
            return False
        self.reload(year)
        self.profile_changed.emit(self._school_id)
        self.data_changed.emit(self._service.WRITES)
        return True

    def open_history(self) -> None:
        """Show every recorded change of the year shown."""
        if self._year is None:
            return
        from curator_desktop.ui.risk.history_dialog import RiskHistoryDialog

        entries = self._service.history(self._school_id, self._year)
        names = {row.code: row.name for row in self.model.rows()}
        dialog = RiskHistoryDialog(
            entries,
            factor_names=names,
            year=self._year,
            this_device=self._context.settings.device_id,
            parent=self,
        )
        dialog.exec()
