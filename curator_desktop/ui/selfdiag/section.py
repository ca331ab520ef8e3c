"""The «Self-diagnosis» tab of a school's card (programme «Школа Минпросвещения России»).

The rounds, newest first, with what to do with them (enter, edit, import a results file, delete,
make the analytical справка); below, the chosen round's results per direction, two rounds
compared (per direction then → now, deficits closed and new), the chart, and the management
decisions on the deficits.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.selfdiag import (
    SelfdiagCatalog,
    SelfdiagRound,
    compare_rounds,
    school_year_of,
)
from curator_desktop.i18n import _, current_language, format_number, ngettext
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.selfdiag.chart_view import ChartContent, SelfdiagChartView
from curator_desktop.ui.selfdiag.comparison_panel import ComparisonPanel
from curator_desktop.ui.selfdiag.decisions_panel import DecisionsPanel
from curator_desktop.ui.selfdiag.models import (
    ResultRow,
    ResultTableModel,
    RoundTableModel,
    round_title,
)

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.ui.reports.actions import ReportGeneration


class SelfdiagSection(QWidget):
    """One school's self-diagnosis; ``data_changed(changes)`` after anything was stored."""

    data_changed = Signal(frozenset)
    report_opened = Signal(object)
    """The справка's preview was opened: the dialog."""

    def __init__(self, context: AppContext, school_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._service = context.selfdiag_service
        self._school_id = school_id
        self._language = current_language()
        self._catalog: SelfdiagCatalog = self._service.catalog()
        self._rounds: list[SelfdiagRound] = []

        self.count_label = QLabel()
        self.new_button = QPushButton(_("New round…"))
        self.new_button.setToolTip(_("Enter a round's results by hand"))
        self.new_button.clicked.connect(self.new_round)
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setToolTip(_("Import a round from the school's results file"))
        self.import_button.clicked.connect(self.import_round)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_round)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Delete the selected round with its decisions"))
        self.delete_button.clicked.connect(self.delete_round)
        self.report_button = QPushButton(_("Analytical report…"))
        self.report_button.setToolTip(
            _("The analytical report on the self-diagnosis results of the rounds compared")
        )
        self.report_button.clicked.connect(self.generate_report)
        never_default(
            self.new_button,
            self.import_button,
            self.edit_button,
            self.delete_button,
            self.report_button,
        )

        self.round_model = RoundTableModel()
        self.round_table = RecordTable(
            self.round_model, sort_column=0, sort_order=Qt.SortOrder.DescendingOrder
        )
        self.round_table.view.setAccessibleName(_("Self-diagnosis rounds"))
        self.round_table.set_empty_text(
            _("No self-diagnosis round is recorded yet"),
            _(
                "The school fills the federal self-diagnosis twice a year (November and May): "
                "record each round's results with «New round…» or «Import…»."
            ),
        )
        self.round_table.row_activated.connect(self._on_round_table_row_activated)
        self.round_table.view.selectionModel().currentRowChanged.connect(self._on_round_selected)

        self.result_model = ResultTableModel()
        self.result_table = RecordTable(self.result_model)
        self.result_table.view.setAccessibleName(_("Results by direction"))
        self.result_table.set_empty_text(_("Choose a round above"), "")

        order = [d.code for d in self._catalog.directions]
        self.comparison = ComparisonPanel(self._name, order)
        self.chart = SelfdiagChartView(self._chart_content)
        self.comparison.changed.connect(self._on_comparison_changed)
        self.decisions = DecisionsPanel(
            self._service,
            school_id,
            self._catalog,
            self._language,
            self._name,
            self._round_for_decision,
        )
        self.decisions.stored.connect(self._on_decisions_stored)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.result_table, _("Results"))
        self.tabs.addTab(self.comparison, _("Comparison"))
        self.tabs.addTab(self.chart, _("Chart"))
        self.tabs.addTab(self.decisions, _("Management decisions"))

        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        for button in (
            self.new_button,
            self.import_button,
            self.edit_button,
            self.delete_button,
            self.report_button,
        ):
            top.addWidget(button)
        rounds = QWidget()
        rounds_layout = QVBoxLayout(rounds)
        rounds_layout.setContentsMargins(0, 0, 0, 0)
        rounds_layout.addLayout(top)
        rounds_layout.addWidget(self.round_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(rounds)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([130, 450])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.reload()

    # -- loading ---------------------------------------------------------------------------------

    @property
    def school_id(self) -> str:
        return self._school_id

    def rounds(self) -> list[SelfdiagRound]:
        """The school's rounds, oldest first."""
        return list(self._rounds)

    def reload(self, select_id: str | None = None) -> None:
        """Re-read the rounds and decisions; keep (or make) ``select_id`` the chosen round."""
        chosen = select_id or (self.selected_round().id if self.selected_round() else None)
        self._rounds = self._service.rounds(self._school_id)
        self.round_table.set_rows(self._rounds)
        count = len(self._rounds)
        self.count_label.setText(
            ngettext("{n} round", "{n} rounds", count).format(n=format_number(count))
        )
        rows = self.round_table.visible_rows()
        number = next((n for n, r in enumerate(rows) if r.id == chosen), 0)
        if rows:
            self.round_table.view.selectRow(number)
        self._show_round(self.selected_round())
        self.comparison.set_rounds(self._rounds)
        self.decisions.set_rounds(self._rounds)
        self._update_buttons()

    def selected_round(self) -> SelfdiagRound | None:
        index = self.round_table.view.currentIndex()
        if not index.isValid():
            return None
        rows = self.round_table.visible_rows()
        return rows[index.row()] if index.row() < len(rows) else None

    def select_round(self, round_id: str) -> None:
        for number, row in enumerate(self.round_table.visible_rows()):
            if row.id == round_id:
                self.round_table.view.selectRow(number)
                return

    def _name(self, code: str) -> str:
        direction = self._catalog.direction(code)
        return direction.name(self._language) if direction else code

    def _show_round(self, selfdiag_round: SelfdiagRound | None) -> None:
        results = selfdiag_round.results if selfdiag_round else ()
        order = {d.code: n for n, d in enumerate(self._catalog.directions)}
        ordered = sorted(results, key=lambda r: order.get(r.direction, len(order)))
        self.result_table.set_rows(
            [
                ResultRow(self._name(r.direction), r, order.get(r.direction, len(order)))
                for r in ordered
            ]
        )

    def _chart_content(self) -> ChartContent:
        from curator_desktop.services.reports.charts.selfdiag_chart import (
            DirectionBars,
            RoundBar,
        )

        comparison = self.comparison.comparison
        if comparison is None:
            only = self.selected_round()
            if only is None:
                return (), ("", "")
            comparison = compare_rounds(only, only, [d.code for d in self._catalog.directions])
            names = ("", round_title(only))
        else:
            names = (round_title(comparison.before), round_title(comparison.after))

        def bar(points: int | None, maximum: int | None, level: object) -> RoundBar | None:
            if points is None and level is None:
                return None
            return RoundBar(points, maximum, getattr(level, "value", None))

        rows = [
            DirectionBars(
                self._name(c.direction),
                bar(c.points_before, c.maximum_before, c.level_before) if names[0] else None,
                bar(c.points_after, c.maximum_after, c.level_after),
            )
            for c in comparison.directions
        ]
        return rows, names

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_round() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.report_button.setEnabled(bool(self._rounds))

    # -- rounds ------------------------------------------------------------------------------------

    def round_dialog(self, existing: SelfdiagRound | None = None) -> QDialog:
        from curator_desktop.ui.selfdiag.round_dialog import RoundDialog

        return RoundDialog(self._service, self._school_id, existing, self, language=self._language)

    def new_round(self) -> None:
        self._run_round_dialog(self.round_dialog())

    def edit_round(self) -> None:
        chosen = self.selected_round()
        if chosen is not None:
            self._run_round_dialog(self.round_dialog(chosen))

    def _run_round_dialog(self, dialog: QDialog) -> None:
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                stored = dialog.saved  # type: ignore[attr-defined]
                self._stored(stored.id if stored else None)
        finally:
            dialog.deleteLater()

    def import_dialog(self) -> QDialog:
        from curator_desktop.ui.selfdiag.import_dialog import RoundImportDialog

        return RoundImportDialog(self._service, self._school_id, self)

    def import_round(self) -> None:
        dialog = self.import_dialog()
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                imported = dialog.imported  # type: ignore[attr-defined]
                self._stored(imported.round.id if imported else None)
        finally:
            dialog.deleteLater()

    def delete_round(self) -> None:
        chosen = self.selected_round()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete round"),
            _(
                "Delete the round of {date} with its results, deficits and management decisions?"
            ).format(date=round_title(chosen)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.delete_round(chosen.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._stored(None)

    def _stored(self, round_id: str | None) -> None:
        self.reload(round_id)
        self.data_changed.emit(self._service.CHANGED)

    # -- the справка -----------------------------------------------------------------------------

    def report_period(self) -> tuple[dt.date, dt.date] | None:
        """The period the справка covers: from the earlier compared round to the later one,
        else the school year of the chosen round."""
        comparison = self.comparison.comparison
        if comparison is not None:
            return comparison.before.round_date, comparison.after.round_date
        chosen = self.selected_round() or (self._rounds[-1] if self._rounds else None)
        if chosen is None:
            return None
        year = school_year_of(chosen.round_date)
        return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)

    def generate_report(self) -> ReportGeneration | None:
        """Make the school's analytical справka off the GUI thread and preview it."""
        period = self.report_period()
        if period is None:
            return None
        from curator_desktop.ui.reports.actions import generate_and_preview

        job = generate_and_preview(
            self,
            self._context,
            "selfdiag",
            on_generated=lambda record: self.data_changed.emit(record.changes),
            date_from=period[0],
            date_to=period[1],
            school_id=self._school_id,
        )
        job.preview_opened.connect(self.report_opened)
        return job

    # -- slots -------------------------------------------------------------------------------------

    def _on_round_selected(self, *_args: object) -> None:
        self._show_round(self.selected_round())
        self._update_buttons()
        if self.comparison.comparison is None:
            self.chart.rows_changed(shown=self.tabs.currentWidget() is self.chart)

    def _on_round_table_row_activated(self, _row: object) -> None:
        self.edit_round()

    def _round_for_decision(self) -> SelfdiagRound | None:
        """A new decision belongs to the later compared round, else to the chosen one."""
        comparison = self.comparison.comparison
        return comparison.after if comparison else self.selected_round()

    def _on_comparison_changed(self) -> None:
        self.chart.rows_changed(shown=self.tabs.currentWidget() is self.chart)

    def _on_decisions_stored(self) -> None:
        self.data_changed.emit(self._service.CHANGED)
