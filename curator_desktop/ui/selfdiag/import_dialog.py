"""Importing a school's self-diagnosis results file (XLSX, CSV or JSON) as a round.

The file is read and checked against the catalog and the school (ИНН) by the service, off the
GUI thread (the shared task); a file that does not fit is refused whole, with the row and field
named, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _
from curator_desktop.ui.common.default_button import never_default
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.tasks import ProgressTask
from curator_desktop.ui.common.widgets.date_field import DateField
from curator_desktop.ui.common.widgets.import_file_parts import ImportFileParts, choose_file

if TYPE_CHECKING:
    from curator_desktop.services.selfdiag import ImportedRound, SelfdiagService

FILTERS = "{files} (*.xlsx *.csv *.json);;XLSX (*.xlsx);;CSV (*.csv);;JSON (*.json)"


class RoundImportDialog(QDialog):
    """Asks for the file, the round's date and name, then imports; ``imported`` is the result
    once the dialog is accepted."""

    def __init__(
        self, service: SelfdiagService, school_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._school_id = school_id
        self.path: Path | None = None
        self.imported: ImportedRound | None = None
        self.task: ProgressTask | None = None
        self.setWindowTitle(_("Import self-diagnosis results"))
        self.parts = ImportFileParts(
            placeholder=_("The school's results file: XLSX, CSV or JSON"),
            on_choose=self._on_choose_clicked,
            on_import=self.start_import,
            on_cancel=self.reject,
            status=_(
                "The file is checked against the catalog and the school's INN; a file that "
                "does not fit is not imported at all."
            ),
        )
        never_default(self.parts.import_button)  # Enter in the name never imports
        self.date_field = DateField(tip=_("Date of the round"))
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(_("For example: November 2026"))
        form = QFormLayout()
        form.addRow(_("File"), self.parts.file_row)
        form.addRow(_("Date of the round"), self.date_field)
        form.addRow(_("Round"), self.label_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.parts.status_label)
        layout.addWidget(self.parts.progress)
        layout.addStretch(1)
        layout.addWidget(self.parts.buttons)
        fit_to_screen(self, (600, 260), (360, 220), anchor=parent)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.parts.file_edit.setText(str(path) if path else "")

    def _on_choose_clicked(self) -> None:
        filters = FILTERS.format(files=_("Results files"))
        chosen = choose_file(self, _("Self-diagnosis results"), self.path, filters)
        if chosen is not None:
            self.set_path(chosen)

    def start_import(self) -> ProgressTask | None:
        """Check the inputs, then import off the GUI thread."""
        if self.path is None:
            self.parts.show_status(_("Choose the results file."), problem=True)
            self.parts.choose_button.setFocus()
            return None
        day = self.date_field.value()
        if day is None:
            self.parts.show_status(_("Enter the date of the round."), problem=True)
            self.date_field.setFocus()
            return None
        path, label = self.path, self.label_edit.text().strip()
        self.parts.import_button.setEnabled(False)
        self.parts.show_busy(True, _("Reading {name}…").format(name=path.name))
        self.task = ProgressTask(
            _("Importing the results…"),
            lambda _progress, _cancelled: self._service.import_results(
                path, school_id=self._school_id, round_date=day, label=label
            ),
            self,
            dialog=False,
        )
        self.task.finished.connect(self._on_task_finished)
        self.task.failed.connect(self._on_task_failed)
        self.task.start()
        return self.task

    def _on_task_finished(self, imported: ImportedRound) -> None:
        self.parts.show_busy(False)
        self.imported = imported
        self.accept()

    def _on_task_failed(self, exc: BaseException) -> None:
        self.parts.show_busy(False)
        self.parts.import_button.setEnabled(True)
        if isinstance(exc, CuratorError):
            self.parts.show_status(str(exc), problem=True)
            return
        from curator_desktop.ui.common.errors import show_error

        show_error(self, exc)
