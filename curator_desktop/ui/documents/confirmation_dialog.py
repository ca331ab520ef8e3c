"""Recording a подтверждающий документ: which measure of which programme, the stage, the file,
its date and whether it is uploaded to ИС МЭДК."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from curator_desktop.i18n import _
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.documents.file_row import FileRow
from curator_desktop.ui.documents.store_dialog import StoreDialog


class ConfirmationDialog(StoreDialog):
    """``programmes``: (document id, name) of the school's documents to attach the measure to."""

    def __init__(
        self,
        programmes: Sequence[tuple[str, str]],
        *,
        current: str | None,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Add a confirmation document"), parent)
        self.programme = QComboBox()
        self.programme.addItem(_("(no programme)"), None)
        for document_id, name in programmes:
            self.programme.addItem(name, document_id)
        index = self.programme.findData(current)
        self.programme.setCurrentIndex(max(index, 0))
        self.measure_edit = QLineEdit()
        self.measure_edit.setPlaceholderText(_("The measure as the programme names it"))
        self.stage_edit = QComboBox()
        self.stage_edit.setEditable(True)
        self.stage_edit.addItems(["", _("stage 1"), _("stage 2"), _("stage 3")])
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("e.g. order No. 45 of 12.04.2026, minutes"))
        self.file = FileRow(_("Choose the confirmation document's file"))
        self.dated = DateField(tip=_("Date of the document"))
        self.dated.set_value(today)
        self.uploaded = DateField(tip=_("Uploaded to IS MEDK"))
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Programme:"), self.programme)
        form.addRow(_("Measure:"), self.measure_edit)
        form.addRow(_("Stage:"), self.stage_edit)
        form.addRow(_("Document:"), self.title_edit)
        form.addRow(_("File:"), self.file)
        form.addRow(_("Dated:"), self.dated)
        form.addRow(_("Uploaded to IS MEDK:"), self.uploaded)
        self.finish_layout(body)
        self.resize(600, self.sizeHint().height())

    def programme_id(self) -> str | None:
        return self.programme.currentData()

    def measure(self) -> str:
        return self.measure_edit.text().strip()

    def stage(self) -> str:
        return self.stage_edit.currentText().strip()

    def title_text(self) -> str:
        """The description typed, else the chosen file's name without its extension."""
        path = self.file.path()
        return self.title_edit.text().strip() or (path.stem if path is not None else "")

    def file_path(self) -> Path | None:
        return self.file.path()

    def dated_on(self) -> dt.date | None:
        return self.dated.value()

    def uploaded_on(self) -> dt.date | None:
        return self.uploaded.value()

    def check(self) -> str:
        if not self.measure():
            return _("Name the measure the document confirms.")
        if self.file.path() is None and not self.title_text():
            return _("Choose the file or describe the document.")
        return ""
