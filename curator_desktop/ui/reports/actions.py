"""Making and opening reports from anywhere in the window: the visit editor, a school's card,
the Reports page.

``generate_and_preview`` runs the report service off the GUI thread (a
:class:`~curator_desktop.ui.common.tasks.ProgressTask`) behind a busy indicator,
shows a failure with :func:`~curator_desktop.ui.common.errors.show_error`, and on success tells the
caller (to announce the change) and opens the preview. The preview module (QtPdf) is imported
only when a preview opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from curator_desktop.domain.enums import ReportKind
from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.tasks import ProgressTask

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.services.context import AppContext

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 300
"""A generation quicker than this shows no busy indicator at all."""
REPORT_KINDS = ("visit", "protocol", "period", "selfdiag", "consultations")
"""What ``generate_and_preview`` makes: a visit's справка, a protocol, a curator's report, the
analytical справка on the self-diagnosis, the consultation schedule."""
PERIOD_KINDS = (ReportKind.INTERIM.value, ReportKind.FINAL.value)


def preview_title(record: ReportRecord) -> str:
    """The preview window's title: «Справка по итогам посещения № СП-2026-0007 — школа»."""
    title = record.title or ReportKind.label_for(record.kind)
    number = _("{title} No. {number}").format(title=title, number=record.document_number)
    return f"{number} — {record.subject}" if record.subject else number


def open_report(
    parent: QWidget | None, context: AppContext, record: ReportRecord
) -> QDialog | None:
    """Open a stored report in the preview (non-modal); tells the user when its file is gone."""
    path = context.report_service.path_of(record)
    if not path.is_file():
        show_error(parent, _missing_file_error(record, path))
        return None
    from curator_desktop.ui.reports.preview import ReportPreviewDialog

    try:
        dialog = ReportPreviewDialog(path, preview_title(record), parent)
    except CuratorError as exc:
        show_error(parent, exc)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def open_and_announce(
    parent: QWidget | None,
    context: AppContext | None,
    record: ReportRecord | None,
    announce: Callable[[QDialog], object],
) -> QDialog | None:
    """Open ``record`` (the selected one; None does nothing) in the preview and hand the preview
    to ``announce`` (a page's ``report_opened.emit``)."""
    if record is None or context is None:
        return None
    dialog = open_report(parent, context, record)
    if dialog is not None:
        announce(dialog)
    return dialog


def show_selected_in_folder(
    parent: QWidget | None, context: AppContext | None, record: ReportRecord | None
) -> None:
    """Show the selected report's file in the file manager; nothing when none is selected."""
    if record is not None and context is not None:
        show_in_folder(parent, context, record)


def show_in_folder(parent: QWidget | None, context: AppContext, record: ReportRecord) -> None:
    """Open the folder holding the report's PDF in the system's file manager."""
    path = context.report_service.path_of(record)
    if not path.is_file():
        show_error(parent, _missing_file_error(record, path))
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def _missing_file_error(record: ReportRecord, path: Path) -> CuratorError:
    return CuratorError(
        _(
            "The file of report {number} is not in this data folder (it may have been made on "
            "another computer, or deleted). Generate the report again to get a new version."
        ).format(number=record.document_number),
        details=str(path),
    )


class ReportGeneration(QObject):
    """One report being made in the background; its signals arrive on the GUI thread.

    ``generated(record)`` after the report is stored, then ``preview_opened(dialog)`` when the
    preview is shown; ``failed(exception)`` after the error was shown.
    """

    generated = Signal(object)
    preview_opened = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.record: ReportRecord | None = None
        self.preview: QDialog | None = None
        self.task: ProgressTask | None = None

    @property
    def busy(self) -> QProgressDialog | None:
        """The busy dialog while the report is being made (None once it is done)."""
        return self.task.dialog if self.task is not None else None


def generate_and_preview(
    parent: QWidget | None,
    context: AppContext,
    kind: str,
    /,
    *,
    on_generated: Callable[[ReportRecord], None] | None = None,
    preview: bool = True,
    **args: Any,
) -> ReportGeneration:
    """Make a report off the GUI thread, then open its preview.

    ``kind`` and ``args``: "visit" (``visit_id``), "protocol" (``school_id``, ``year``) or
    "period" (``date_from``, ``date_to``, ``kind`` "interim" | "final", ``school_ids``) — or
    "interim" / "final" for "period" with that ``kind`` —, "selfdiag" (``date_from``,
    ``date_to``, ``school_id`` or None for all) or "consultations" (``date_from``,
    ``date_to``); each may add ``language``.
    ``on_generated(record)`` runs on the GUI thread once the report is stored, before the
    preview opens: announce the change there (``record.changes``: the reports, and a visit's
    status).
    """
    if kind in PERIOD_KINDS:
        kind, args = "period", {**args, "kind": kind}
    if kind not in REPORT_KINDS:
        raise ValueError(f"unknown report kind {kind!r}")
    service = context.report_service
    call = {
        "visit": service.generate_visit,
        "protocol": service.generate_protocol,
        "period": service.generate_period,
        "selfdiag": service.generate_selfdiag,
        "consultations": service.generate_consultation_schedule,
    }[kind]
    job = ReportGeneration(parent)
    # a busy dialog without Cancel (one report cannot be stopped halfway), shown only if the
    # generation takes a moment; it keeps the window from starting the same report twice
    job.task = ProgressTask(
        _("Generating the report…"),
        lambda _progress, _cancelled: call(**args),
        job,
        title=_("Report"),
        cancellable=False,
        busy=True,
        delay_ms=BUSY_DELAY_MS,
    )

    def _on_done(record: ReportRecord) -> None:
        job.record = record
        if on_generated is not None:
            on_generated(record)
        job.generated.emit(record)
        if preview:
            job.preview = open_report(parent, context, record)
            if job.preview is not None:
                job.preview_opened.emit(job.preview)

    def _on_error(exc: BaseException) -> None:
        show_error(parent, exc, title=_("The report could not be generated"))
        job.failed.emit(exc)

    job.task.finished.connect(_on_done)
    job.task.failed.connect(_on_error)
    job.task.start()
    return job
