"""Receiving a version of a school's document: the file, the day it came, who sent it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.documents.file_row import FileRow
from curator_desktop.ui.documents.store_dialog import StoreDialog


class ReceiveVersionDialog(StoreDialog):
    """The next version of one document; the file is checked by the service when stored."""

    def __init__(
        self, document: str, *, number: int, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Receive version {number}").format(number=number), parent)
        self.document_label = QLabel(document)
        self.document_label.setWordWrap(True)
        self.file = FileRow(_("Choose the document's file"))
        self.received = DateField(tip=_("Date received"))
        self.received.set_value(today)
        self.sender = QLineEdit()
        self.sender.setPlaceholderText(_("e.g. deputy director Petrova A. V."))
        self.note_edit = QLineEdit()
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Document:"), self.document_label)
        form.addRow(_("File:"), self.file)
        form.addRow(_("Received on:"), self.received)
        form.addRow(_("From whom:"), self.sender)
        form.addRow(_("Note:"), self.note_edit)
        self.finish_layout(body)
        self.resize(560, self.sizeHint().height())

    def file_path(self) -> Path | None:
        return self.file.path()

    def received_on(self) -> dt.date:
        value = self.received.value()
        assert value is not None  # check() refused an empty date
        return value

    def received_from(self) -> str:
        return self.sender.text().strip()

    def note(self) -> str:
        return self.note_edit.text().strip()

    def check(self) -> str:
        if self.file.path() is None:
            return _("Choose the file of the version the school sent.")
        if self.received.value() is None:
            return _("Enter the date the version was received.")
        return ""
