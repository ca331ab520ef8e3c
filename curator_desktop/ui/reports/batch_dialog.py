"""Reports for every completed visit of a period, made in one go with progress and Cancel.

The reports are made off the GUI thread as one
:class:`~curator_desktop.ui.common.tasks.ProgressTask`: its progress dialog counts the reports,
and Cancel stops between two reports (those made until then are kept).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _, ngettext
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.tasks import Cancelled, Progress, ProgressTask
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.reports.period_dialog import language_combo

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.services.reports.service import ReportService


class BatchReportDialog(QDialog):
    """Chooses a period, says how many completed visits it holds, and makes their reports."""

    batch_started = Signal(object)
    """A batch is about to start: its ``ProgressTask`` (connect to its signals here)."""
    reports_generated = Signal(object)
    """A batch ended (finished, cancelled or failed) having made these reports (a list)."""

    def __init__(
        self,
        service: ReportService,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reports for completed visits"))
        self.service = service
        self.run: ProgressTask | None = None
        self._batch_size = 0
        day = today()
        self.date_from = DateField(tip=_("First day of the period"))
        self.date_from.set_value(dt.date(day.year, 1, 1))
        self.date_to = DateField(tip=_("Last day of the period"))
        self.date_to.set_value(day)
        self.include_reported = QCheckBox(_("Also make new versions of reports already generated"))
        self.lesson_annex = QCheckBox(_("Lesson observation cards as annexes, one lesson a page"))
        self.language_combo = language_combo()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.generate_button = QPushButton(_("Generate"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.generate_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self._build_layout(buttons)
        for field in (self.date_from, self.date_to):
            field.changed.connect(self.update_counts)
        self.include_reported.toggled.connect(self.update_counts)
        self.update_counts()

    def _build_layout(self, buttons: QDialogButtonBox) -> None:
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–"))
        period.addWidget(self.date_to)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Visits held:"), period)
        form.addRow(_("Language:"), self.language_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.include_reported)
        layout.addWidget(self.lesson_annex)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    # -- the visits of the period ----------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date] | None:
        date_from, date_to = self.date_from.value(), self.date_to.value()
        if date_from is None or date_to is None or date_from > date_to:
            return None
        return date_from, date_to

    def visit_ids(self) -> list[str]:
        """The visits the batch would make reports for, with the current choices."""
        period = self.period()
        if period is None:
            return []
        return self.service.completed_visits(
            *period, include_reported=self.include_reported.isChecked()
        )

    def update_counts(self) -> None:
        period = self.period()
        if period is None:
            self.count_label.setText(_("Enter a period whose end is not before its beginning."))
            self.generate_button.setEnabled(False)
            return
        without = len(self.service.completed_visits(*period))
        every = len(self.service.completed_visits(*period, include_reported=True))
        self.count_label.setText(_count_text(without, every))
        chosen = every if self.include_reported.isChecked() else without
        self.generate_button.setEnabled(chosen > 0 and self.run is None)
        self.generate_button.setText(
            ngettext("Generate {n} report", "Generate {n} reports", chosen).format(n=chosen)
        )

    # -- generating ------------------------------------------------------------------------------

    @property
    def progress(self) -> QProgressDialog | None:
        """The progress dialog of the batch being made (None when none is)."""
        return self.run.dialog if self.run is not None else None

    def start(self) -> ProgressTask | None:
        """Make the reports of the chosen visits, with a progress dialog and Cancel."""
        ids = self.visit_ids()
        if not ids or self.run is not None:
            return None
        self.result_label.clear()
        service, language = self.service, self.language_combo.currentData()
        annex = self.lesson_annex.isChecked()

        def work(progress: Progress, cancelled: Cancelled) -> list[ReportRecord]:
            return service.generate_visits(
                ids, language=language, progress=progress, cancelled=cancelled, lesson_annex=annex
            )

        run = ProgressTask(
            _("Generating {total} reports…").format(total=len(ids)),
            work,
            self,
            title=self.windowTitle(),
            delay_ms=0,
            progress_text=lambda done, total: _("Generated {done} of {total} reports…").format(
                done=done, total=total
            ),
            cancelling_text=_("Stopping after the report being made now…"),
        )
        run.finished.connect(self._on_run_finished)
        run.failed.connect(self._on_run_failed)
        self.run, self._batch_size = run, len(ids)
        self.generate_button.setEnabled(False)
        self.batch_started.emit(run)
        run.start()
        return run

    def _finish(self) -> None:
        self.run = None
        self.update_counts()

    def _on_run_finished(self, records: list[ReportRecord]) -> None:
        total = self._batch_size or len(records)
        self._finish()
        if len(records) < total:
            text = _("Stopped: {done} of {total} reports generated.")
        else:
            text = ngettext("{done} report generated.", "{done} reports generated.", total)
        self.result_label.setText(text.format(done=len(records), total=total))
        self.reports_generated.emit(records)

    def _on_run_failed(self, exc: BaseException) -> None:
        self._finish()
        self.result_label.setText(_("Generation stopped by an error."))
        self.reports_generated.emit([])
        show_error(self, exc, title=_("The reports could not be generated"))


def _count_text(without: int, every: int) -> str:
    """How many completed visits of the period have no report, of how many."""
    if every == 0:
        return _("No visit was completed in this period.")
    if without == 0:
        return ngettext(
            "The completed visit of the period has a report already.",
            "All {every} completed visits of the period have a report already.",
            every,
        ).format(every=every)
    return ngettext(
        "{without} of {every} completed visit in the period has no report yet.",
        "{without} of {every} completed visits in the period have no report yet.",
        every,
    ).format(without=without, every=every)
