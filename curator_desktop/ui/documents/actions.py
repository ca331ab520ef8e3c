"""What the documents tab's buttons do: open a dialog, call the service, say what went wrong.

Each function returns True when it stored something (the tab then reloads and tells the card).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QWidget

from curator_desktop.domain.documents import (
    ConfirmationRecord,
    DocumentRecord,
    VersionRecord,
)
from curator_desktop.i18n import _
from curator_desktop.ui.common.errors import show_error

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.services.documents import DocumentService


def receive_version(
    parent: QWidget,
    service: DocumentService,
    document: DocumentRecord,
    *,
    today: dt.date,
    title: str = "",
) -> bool:
    """Ask for the file, the date and the sender of a new version and record it."""
    from curator_desktop.ui.documents.labels import document_name
    from curator_desktop.ui.documents.version_dialog import ReceiveVersionDialog

    dialog = ReceiveVersionDialog(
        title or document_name(document.kind, document.factor_code),
        number=len(document.versions) + 1,
        today=today,
        parent=parent,
    )

    def store() -> None:
        service.receive_version(
            school_id=document.school_id,
            year=document.year,
            kind=document.kind,
            factor_code=document.factor_code,
            source=dialog.file_path(),
            received_on=dialog.received_on(),
            received_from=dialog.received_from(),
            note=dialog.note(),
        )

    dialog.store = store
    return dialog.exec() == QDialog.DialogCode.Accepted


def review_version(
    parent: QWidget,
    service: DocumentService,
    document: DocumentRecord,
    version: VersionRecord,
    *,
    today: dt.date,
    title: str = "",
) -> bool:
    """Open the version's review (starting it, «на экспертизе», when there is none yet)."""
    from curator_desktop.services.documents.criteria_catalog import criteria_in_force
    from curator_desktop.ui.documents.review_dialog import ReviewDialog

    review = next((r for r in reversed(document.reviews) if r.version_id == version.id), None)
    started = False
    try:
        if review is None:
            review = service.start_review(version.id, started_on=today)
            started = True
        catalog = criteria_in_force(service.database)
        criteria = catalog.criteria_for(document.kind)
    except Exception as exc:
        show_error(parent, exc)
        return started
    dialog = ReviewDialog(
        service,
        review,
        criteria,
        catalog,
        version=version,
        today=today,
        document_title=title,
        parent=parent,
    )
    return dialog.exec() == QDialog.DialogCode.Accepted or started


def mark_version_uploaded(
    parent: QWidget, service: DocumentService, version: VersionRecord, *, today: dt.date
) -> bool:
    """Ask the day the version was uploaded to ИС МЭДК (an empty day: not uploaded)."""
    from curator_desktop.ui.documents.date_dialog import UploadDateDialog

    dialog = UploadDateDialog(
        _("Uploaded to IS MEDK"),
        _("Version {number}: the day it was uploaded to IS MEDK").format(number=version.number),
        version.medk_uploaded_on or today,
        parent=parent,
    )
    dialog.store = lambda: service.mark_uploaded(version.id, uploaded_on=dialog.value())
    return dialog.exec() == QDialog.DialogCode.Accepted


def mark_confirmation_uploaded(
    parent: QWidget, service: DocumentService, record: ConfirmationRecord, *, today: dt.date
) -> bool:
    from curator_desktop.ui.documents.date_dialog import UploadDateDialog

    dialog = UploadDateDialog(
        _("Uploaded to IS MEDK"),
        _("«{title}»: the day it was uploaded to IS MEDK").format(
            title=record.title or record.measure
        ),
        record.medk_uploaded_on or today,
        parent=parent,
    )
    dialog.store = lambda: service.mark_confirmation_uploaded(record.id, uploaded_on=dialog.value())
    return dialog.exec() == QDialog.DialogCode.Accepted


def add_confirmation(
    parent: QWidget,
    service: DocumentService,
    *,
    school_id: str,
    year: int,
    programmes: Sequence[tuple[str, str]],
    current: DocumentRecord | None,
    today: dt.date,
) -> bool:
    """Ask what the confirmation document is (measure, programme, stage, file) and record it."""
    from curator_desktop.ui.documents.confirmation_dialog import ConfirmationDialog

    dialog = ConfirmationDialog(
        programmes, current=current.id if current else None, today=today, parent=parent
    )

    def store() -> None:
        service.attach_confirmation(
            school_id=school_id,
            year=year,
            document_id=dialog.programme_id(),
            measure=dialog.measure(),
            stage=dialog.stage(),
            title=dialog.title_text(),
            source=dialog.file_path(),
            dated_on=dialog.dated_on(),
            medk_uploaded_on=dialog.uploaded_on(),
        )

    dialog.store = store
    return dialog.exec() == QDialog.DialogCode.Accepted


def open_attachment(
    parent: QWidget, service: DocumentService, attachment_id: str, file_name: str
) -> None:
    """Show a PDF inside the app (QtPdf); open any other file with the system's program."""
    try:
        path = service.file_path(attachment_id)
    except Exception as exc:
        show_error(parent, exc)
        return
    if path.suffix.lower() == ".pdf":
        show_pdf(parent, path, file_name or path.name)
    elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        show_error(parent, RuntimeError(_("No program opens {file}.").format(file=file_name)))


def show_pdf(parent: QWidget, path: Path, title: str) -> None:
    from curator_desktop.ui.reports.preview import ReportPreviewDialog

    try:
        dialog = ReportPreviewDialog(path, title, parent)
    except Exception as exc:
        show_error(parent, exc)
        return
    dialog.exec()
    dialog.deleteLater()


def show_review_report(parent: QWidget, context: AppContext, review_id: str) -> None:
    """Make the «Экспертное заключение» of the review (a new version in the reports register)
    and show it."""
    try:
        record = context.report_service.generate_review(review_id)
        path = context.report_service.path_of(record)
    except Exception as exc:
        show_error(parent, exc)
        return
    show_pdf(parent, path, f"{record.title} {record.document_number}")
