"""Importing a regional roadmap: read the file off the GUI thread, show what was understood and,
for a new edition of a roadmap already here, what changes; import when the user confirms.

Nothing is written before «Import»; the service takes a backup first. A file imported already
is said so and cannot be imported again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.roadmap.editions import ChangeKind
from curator_desktop.i18n import _, format_date, format_number, ngettext
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.tasks import run_in_background
from curator_desktop.ui.common.widgets.import_file_parts import ImportFileParts, choose_file
from curator_desktop.ui.common.widgets.record_table import RecordTable
from curator_desktop.ui.plan.roadmap_preview_model import PreviewModel, preview_rows

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.services.roadmap.importing import RoadmapImportResult, RoadmapPreview

log = logging.getLogger(__name__)

FILE_SUFFIXES = (".docx", ".xlsx", ".csv", ".txt")


class RoadmapImportDialog(QDialog):
    """Previews a roadmap file and, once the user confirms, imports it."""

    preview_ready = Signal()
    preview_failed = Signal(str)
    roadmap_imported = Signal(object)  # RoadmapImportResult

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.preview: RoadmapPreview | None = None
        self.import_result: RoadmapImportResult | None = None
        self._generation = 0
        self._busy = False
        self.setWindowTitle(_("Import a roadmap"))
        self._build()
        self._fit_to_screen()
        self._show_preview(None)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.parts = parts = ImportFileParts(
            placeholder=_("The roadmap file: DOCX, XLSX, CSV or text"),
            on_choose=self._on_choose_button_clicked,
            on_import=self._on_import_button_clicked,
            on_cancel=self.reject,
        )
        self.file_edit, self.choose_button = parts.file_edit, parts.choose_button
        self.status_label, self.progress = parts.status_label, parts.progress
        self.buttons, self.import_button = parts.buttons, parts.import_button
        self.close_button = parts.close_button

        self.facts: dict[str, QLabel] = {}
        left, right = QFormLayout(), QFormLayout()
        names = {
            "title": (left, _("Document:")),
            "issuer": (left, _("Issued by:")),
            "order": (left, _("Order:")),
            "items": (right, _("Items:")),
            "parsed": (right, _("Deadlines understood:")),
            "curator": (right, _("Mine (I lead or attend):")),
        }
        for key, (form, label) in names.items():
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            form.addRow(label, value)
        facts = QHBoxLayout()
        facts.addLayout(left, 3)
        facts.addSpacing(16)
        facts.addLayout(right, 2)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.separate_check = QCheckBox(_("Import as a separate document"))
        self.separate_check.setToolTip(
            _("Keep the roadmap already here as it is and add this one beside it")
        )
        self.only_changes = QCheckBox(_("Show only changes"))
        self.only_changes.toggled.connect(self._on_only_changes_toggled)
        options = QHBoxLayout()
        options.addWidget(self.summary_label, 1)
        options.addWidget(self.only_changes)
        options.addWidget(self.separate_check)

        self.table = RecordTable(PreviewModel())
        self.table.set_empty_text(_("No file read yet"), "")
        layout = QVBoxLayout(self)
        layout.addLayout(parts.file_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addLayout(facts)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def _fit_to_screen(self) -> None:
        fit_to_screen(self, (1000, 660), (600, 400))

    # -- the file ------------------------------------------------------------------------------

    def set_file(self, path: Path | str) -> None:
        """Read ``path`` in the background and show what importing it would do."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self._show_preview(None)
        service, path = self.context.plan_service, self.path
        self._generation += 1
        generation = self._generation
        self._set_busy(True, _("Reading {name}…").format(name=path.name))

        def done(preview: object) -> None:
            if generation == self._generation:
                self._set_busy(False)
                self._show_preview(preview)  # type: ignore[arg-type]
                self.preview_ready.emit()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._set_busy(False)
                self._show_problem(exc)

        run_in_background(lambda: service.preview(path), on_done=done, on_error=failed)

    def _on_choose_button_clicked(self) -> None:
        filters = _("Roadmaps (*.docx *.xlsx *.csv *.txt);;All files (*)")
        path = choose_file(self, _("Choose the roadmap"), self.path, filters)
        if path is not None:
            self.set_file(path)

    # -- showing -------------------------------------------------------------------------------

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        self.parts.show_busy(busy, message)
        self._update_buttons()

    def _show_problem(self, exc: BaseException) -> None:
        from curator_desktop.domain.errors import CuratorError

        if isinstance(exc, CuratorError):
            self.parts.show_status(exc.user_message, problem=True)
            self.preview_failed.emit(exc.user_message)
        else:
            self.parts.show_status(_("The file could not be read."), problem=True)
            show_error(self, exc, title=_("Import a roadmap"))
            self.preview_failed.emit(str(exc))
        self._update_buttons()

    def _show_preview(self, preview: RoadmapPreview | None) -> None:
        self.preview = preview
        edition = preview is not None and preview.existing_id is not None
        edition = edition and not preview.already_imported  # type: ignore[union-attr]
        self.separate_check.setVisible(edition)
        self.separate_check.setChecked(False)
        self.only_changes.setVisible(edition)
        self.only_changes.setChecked(False)
        self.table.view.setColumnHidden(PreviewModel.CHANGE_COLUMN, not edition)
        self.table.view.setColumnHidden(PreviewModel.FIELDS_COLUMN, not edition)
        self.table.set_rows(preview_rows(preview) if preview is not None else [])
        self.summary_label.setText(self._summary() if edition else "")
        self.summary_label.setVisible(edition)
        self._show_facts(preview)
        if preview is None:
            self.parts.show_status(
                _(
                    "Choose the roadmap (план-график) file: DOCX, XLSX, CSV, or text copied "
                    "from a PDF. Nothing changes until you press «Import»; a backup is taken "
                    "first."
                )
            )
        elif preview.already_imported:
            self.parts.show_status(
                _("Already imported: this file is in your plan. There is nothing to import."),
                problem=True,
            )
        else:
            self.parts.show_status(self._status_text(preview))
        self._update_buttons()

    def _show_facts(self, preview: RoadmapPreview | None) -> None:
        for label in self.facts.values():
            label.setText("")
        if preview is None:
            return
        document = preview.roadmap.document
        total = len(preview.roadmap.items)
        year = _(" ({year})").format(year=document.year) if document.year else ""
        self.facts["title"].setText((document.title or "—") + year)
        self.facts["issuer"].setText(document.issuer or "—")
        order = ""
        if document.order_number:
            order = _("№ {number}").format(number=document.order_number)
        if document.order_date:
            order = _("{order} of {date}").format(
                order=order, date=format_date(document.order_date)
            )
        self.facts["order"].setText(order.strip() or "—")
        self.facts["items"].setText(format_number(total))
        self.facts["parsed"].setText(
            _("{n} of {total}").format(
                n=format_number(preview.parsed_count), total=format_number(total)
            )
        )
        self.facts["curator"].setText(format_number(preview.curator_count))
        warnings = preview.roadmap.warnings
        self.facts["items"].setToolTip("\n".join(warnings))

    def _summary(self) -> str:
        preview = self.preview
        assert preview is not None
        parts = [
            ngettext("{n} changed", "{n} changed", preview.count(ChangeKind.CHANGED)),
            ngettext("{n} added", "{n} added", preview.count(ChangeKind.ADDED)),
            ngettext("{n} removed", "{n} removed", preview.count(ChangeKind.REMOVED)),
        ]
        counts = [
            preview.count(k) for k in (ChangeKind.CHANGED, ChangeKind.ADDED, ChangeKind.REMOVED)
        ]
        return ", ".join(
            part.format(n=format_number(n)) for part, n in zip(parts, counts, strict=True)
        )

    @staticmethod
    def _status_text(preview: RoadmapPreview) -> str:
        if preview.existing_id is not None:
            return _(
                "A new edition of «{title}» (edition {edition} in your plan). Changed items are "
                "updated, your marks, done items and links are kept; removed items go with "
                "their links. A backup is taken first."
            ).format(title=preview.existing_title, edition=preview.existing_edition)
        return _(
            "A new roadmap. Nothing changes until you press «Import»; a backup is taken first."
        )

    def _update_buttons(self) -> None:
        preview = self.preview
        ready = preview is not None and not preview.already_imported and self.import_result is None
        self.import_button.setEnabled(ready and not self._busy)
        self.choose_button.setEnabled(not self._busy)
        self.close_button.setEnabled(not self._busy)

    def _on_only_changes_toggled(self, checked: bool) -> None:
        self.table.set_predicate((lambda r: r.kind != ChangeKind.SAME) if checked else None)

    # -- importing -----------------------------------------------------------------------------

    def reject(self) -> None:
        """Closing waits for a running import (one transaction that ends by itself)."""
        if not self._busy:
            super().reject()

    def _on_import_button_clicked(self) -> None:
        preview = self.preview
        if preview is None or preview.already_imported or self._busy:
            return
        service, as_new = self.context.plan_service, self.separate_check.isChecked()
        self._set_busy(True, _("Importing…"))

        def done(result: object) -> None:
            self._set_busy(False)
            self.import_result = result  # type: ignore[assignment]
            self._update_buttons()
            self.roadmap_imported.emit(result)
            self.accept()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self._show_problem(exc)

        run_in_background(
            lambda: service.import_(preview, as_new=as_new), on_done=done, on_error=failed
        )

    def result_text(self) -> str:
        """What the import did, in one sentence (after ``roadmap_imported``)."""
        result, preview = self.import_result, self.preview
        if result is None or preview is None:
            return ""
        title = preview.roadmap.document.title
        if result.edition > 1:
            return _(
                "«{title}» updated to edition {edition}: {changed} changed, {added} added, "
                "{removed} removed."
            ).format(
                title=title,
                edition=result.edition,
                changed=format_number(result.changed),
                added=format_number(result.added),
                removed=format_number(result.removed),
            )
        return ngettext(
            "«{title}» imported: {n} item.", "«{title}» imported: {n} items.", result.added
        ).format(title=title, n=format_number(result.added))
