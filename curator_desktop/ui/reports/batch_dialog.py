"""Reports for every completed visit of a period, made in one go with progress and Cancel.

The reports are made off the GUI thread; the worker reports progress through a Qt signal (so
the progress dialog is updated on the GUI thread) and checks a ``threading.Event`` between
reports, which Cancel sets.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
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
from curator_desktop.ui.common.tasks import run_in_background
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.reports.period_dialog import language_combo

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.services.reports.service import ReportService


class BatchRun(QObject):
    """Makes the reports of ``visit_ids`` in the background.

    ``progressed(done, total)`` after each report, ``finished(records)`` at the end (also after
    Cancel, with the reports made until then), ``failed(exception)`` if one could not be made.
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        service: ReportService,
        visit_ids: Sequence[str],
        *,
        language: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.visit_ids = list(visit_ids)
        self._service = service
        self._language = language
        self._cancel = threading.Event()
        self.running = False

    def start(self) -> None:
        self.running = True
        run_in_background(self._work, on_done=self._on_done, on_error=self._on_error)

    def cancel(self) -> None:
        """Stop after the report being made now (safe from any thread)."""
        self._cancel.set()

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _work(self) -> list[ReportRecord]:
        # runs in the worker thread: only the signal and the event are touched here
        return self._service.generate_visits(
            self.visit_ids,
            language=self._language,
            progress=self.progressed.emit,
            cancelled=self._cancel.is_set,
        )

    def _on_done(self, records: list[ReportRecord]) -> None:
        self.running = False
        self.finished.emit(records)

    def _on_error(self, exc: BaseException) -> None:
        self.running = False
        self.failed.emit(exc)


class BatchReportDialog(QDialog):
    """Chooses a period, says how many completed visits it holds, and makes their reports."""

    batch_started = Signal(object)
    """A batch is about to start: its ``BatchRun`` (connect to its signals here)."""
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
        self.run: BatchRun | None = None
        self.progress: QProgressDialog | None = None
        day = today()
        self.date_from = DateField()
        self.date_from.set_value(dt.date(day.year, 1, 1))
        self.date_to = DateField()
        self.date_to.set_value(day)
        self.include_reported = QCheckBox(_("Also make new versions of reports already generated"))
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

    def start(self) -> BatchRun | None:
        """Make the reports of the chosen visits, with a progress dialog and Cancel."""
        ids = self.visit_ids()
        if not ids or self.run is not None:
            return None
        self.result_label.clear()
        run = BatchRun(self.service, ids, language=self.language_combo.currentData(), parent=self)
        progress = QProgressDialog(
            _("Generating {total} reports…").format(total=len(ids)),
            _("Cancel"),
            0,
            len(ids),
            self,
        )
        progress.setWindowTitle(self.windowTitle())
        progress.setMinimumWidth(360)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        progress.canceled.connect(self._on_progress_canceled)
        run.progressed.connect(self._on_run_progressed)
        run.finished.connect(self._on_run_finished)
        run.failed.connect(self._on_run_failed)
        self.run, self.progress = run, progress
        self.generate_button.setEnabled(False)
        self.batch_started.emit(run)
        run.start()
        return run

    def _on_progress_canceled(self) -> None:
        if self.run is not None:
            self.run.cancel()
        if self.progress is not None:
            self.progress.setLabelText(_("Stopping after the report being made now…"))

    def _on_run_progressed(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is None:
            return
        if not (self.run and self.run.cancel_requested()):
            progress.setLabelText(
                _("Generated {done} of {total} reports…").format(done=done, total=total)
            )
        # last: a modal progress dialog processes events here, the batch may end meanwhile
        progress.setValue(done)

    def _finish(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._on_progress_canceled)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.run = None
        self.update_counts()

    def _on_run_finished(self, records: list[ReportRecord]) -> None:
        total = len(self.run.visit_ids) if self.run else len(records)
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
