"""The school import dialog: preview a coordinator's CSV/XLSX file, adjust columns, import.

The file is read and sorted against the store off the GUI thread. The user sees which column
feeds which field (and can change it, which rebuilds the preview), then three tabs: schools to
add, schools to update with what changes, and rows with errors. Nothing is written until the
user confirms; the import itself takes a backup and writes all or nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.i18n import _
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.common.tasks import run_in_background
from curator_desktop.ui.common.widgets.import_file_parts import ImportFileParts, choose_file
from curator_desktop.ui.common.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from curator_desktop.services.context import AppContext
    from curator_desktop.services.schools.list_import import (
        ColumnMapping,
        ImportDiff,
        ImportResult,
        SourceTable,
    )

log = logging.getLogger(__name__)

FILE_SUFFIXES = (".csv", ".txt", ".xlsx")
SAMPLE_ROWS = 3


def _text_column(header: Any, text: Any, width: int, **options: Any) -> Column[Any]:
    return Column(header, text, tooltip=text, max_width=width, **options)


_ROW = Column(lambda: _("Row"), lambda r: str(r.row), sort_key=lambda r: r.row, max_width=70)
_SCHOOL = Column(
    lambda: _("School"), lambda r: r.name, tooltip=lambda r: r.source.name, max_width=220
)
_FIELD = _text_column(lambda: _("Field"), lambda r: r.field, 150)


class _AddsModel(RowTableModel[Any]):
    columns = (
        _ROW,
        _text_column(lambda: _("School"), lambda r: r.name, 420),
        Column(lambda: _("INN"), lambda r: r.fields.inn, max_width=120),
        _text_column(lambda: _("Municipality"), lambda r: r.fields.municipality, 260),
    )


class _UpdatesModel(RowTableModel[Any]):
    columns = (
        _ROW,
        _SCHOOL,
        _FIELD,
        _text_column(lambda: _("Was"), lambda r: r.first, 200),
        _text_column(lambda: _("Will be"), lambda r: r.second, 400),
    )


class _ErrorsModel(RowTableModel[Any]):
    columns = (
        _ROW,
        _SCHOOL,
        _FIELD,
        _text_column(lambda: _("Problem"), lambda r: r.first, 600, attention=lambda r: True),
    )


class SchoolImportDialog(QDialog):
    """Previews an import of assigned schools and, once the user confirms, performs it."""

    data_changed = Signal(frozenset)
    """The import wrote: what it changed (``Changes``)."""
    schools_imported = Signal(int)
    preview_ready = Signal()
    preview_failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.table: SourceTable | None = None
        self.diff: ImportDiff | None = None
        self.result: ImportResult | None = None
        self._mapping: ColumnMapping | None = None
        self._generation = 0
        self._busy = False
        self._importing = False
        self.combos: dict[str, QComboBox] = {}
        self.setWindowTitle(_("Import schools"))
        self.setAcceptDrops(True)
        self._build()
        self._fit_to_screen()
        self._update_buttons()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.parts = parts = ImportFileParts(
            placeholder=_("Choose the CSV or XLSX file from your coordinator, or drop it here"),
            on_choose=self._on_choose_button_clicked,
            on_import=self._on_import_button_clicked,
            on_cancel=self.reject,
            status=_(
                "Schools already in your list are recognised by INN, or by full name and "
                "municipality, and updated; the others are added. Empty cells change nothing."
            ),
        )
        self.file_edit, self.choose_button = parts.file_edit, parts.choose_button
        self.status_label, self.progress = parts.status_label, parts.progress
        self.buttons, self.import_button = parts.buttons, parts.import_button
        self.close_button = parts.close_button

        self.mapping_form = QFormLayout()
        self.mapping_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        mapping_widget = QWidget()
        mapping_layout = QVBoxLayout(mapping_widget)
        mapping_title = QLabel(_("Columns of the file"))
        mapping_title.setStyleSheet("font-weight: bold;")
        mapping_layout.addWidget(mapping_title)
        mapping_layout.addLayout(self.mapping_form)
        mapping_layout.addStretch(1)
        self._build_mapping_rows()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(mapping_widget)
        scroll.setMinimumWidth(300)

        self.adds = RecordTable(_AddsModel())
        self.updates = RecordTable(_UpdatesModel())
        self.errors = RecordTable(_ErrorsModel())
        self.adds.set_empty_text(_("No new schools"), "")
        self.updates.set_empty_text(_("No schools to update"), "")
        self.errors.set_empty_text(_("No errors"), "")
        self.tabs = QTabWidget()
        for table in (self.adds, self.updates, self.errors):
            self.tabs.addTab(table, "")
        self._update_tab_titles()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 600])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(parts.file_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _build_mapping_rows(self) -> None:
        from curator_desktop.domain.schools.rules import field_label
        from curator_desktop.services.schools.list_import.mapping import FIELD_KEYS

        for key in FIELD_KEYS:
            combo = QComboBox()
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
            combo.addItem(_("— do not import —"), None)
            combo.setEnabled(False)
            combo.currentIndexChanged.connect(
                lambda _index, k=key: self._on_mapping_combo_changed(k)
            )
            self.combos[key] = combo
            self.mapping_form.addRow(field_label(key), combo)

    def _fit_to_screen(self) -> None:
        fit_to_screen(self, (1040, 680), (640, 420))

    # -- the file ------------------------------------------------------------------------------

    def set_file(self, path: Path | str) -> None:
        """Read ``path`` in the background and show its preview (also used by drag and drop)."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.table = None
        self.diff = None
        self._mapping = None
        for table in (self.adds, self.updates, self.errors):
            table.set_rows([])
        self._update_tab_titles()
        self._set_combos_enabled(False)
        path, service = self.path, self.context.school_service

        def work() -> object:
            return service.preview_list(path)

        self._start(work, self._on_file_read, _("Reading {name}…").format(name=path.name))

    def _on_choose_button_clicked(self) -> None:
        filters = _("Tables (*.csv *.xlsx *.txt);;All files (*)")
        path = choose_file(self, _("Choose the list of schools"), self.path, filters)
        if path is not None:
            self.set_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is not None and not self._busy:
            event.acceptProposedAction()
            self.set_file(path)

    @staticmethod
    def _dropped_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        if len(local) == 1 and local[0].suffix.casefold() in FILE_SUFFIXES:
            return local[0]
        return None

    # -- background work -----------------------------------------------------------------------

    def _start(self, work: Any, on_done: Any, message: str, *, on_error: Any = None) -> None:
        self._generation += 1
        generation = self._generation
        self._busy = True
        self.parts.show_busy(True, message)
        self._update_buttons()

        def done(value: object) -> None:
            if generation == self._generation:
                self._finish()
                on_done(value)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._finish()
                (on_error or self._on_failed)(exc)

        run_in_background(work, on_done=done, on_error=failed)

    def _finish(self) -> None:
        self._busy = False
        self.parts.show_busy(False)
        self._update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        from curator_desktop.domain.errors import CuratorError

        if isinstance(exc, CuratorError):
            self.parts.show_status(exc.user_message, problem=True)
            self.preview_failed.emit(exc.user_message)
        else:
            show_error(self, exc, title=_("Import schools"))
            self.preview_failed.emit(str(exc))
        self._update_buttons()

    def _on_file_read(self, preview: Any) -> None:
        self.table = preview.table
        self._mapping = preview.mapping.copy()
        self._fill_combos()
        self._show_diff(preview.diff)

    def _rebuild_diff(self) -> None:
        if self.table is None or self._mapping is None:
            return
        rows, mapping, service = self.table.rows, self._mapping.copy(), self.context.school_service
        self._start(
            lambda: service.diff_list(rows, mapping),
            self._show_diff,
            _("Sorting the rows again…"),
        )

    # -- mapping -------------------------------------------------------------------------------

    def _fill_combos(self) -> None:
        assert self.table is not None
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("— do not import —"), None)
            for index, header in enumerate(self.table.headers):
                combo.addItem(header or _("Column {n}").format(n=index + 1), index)
                samples = [r.cell(index) for r in self.table.rows[:SAMPLE_ROWS] if r.cell(index)]
                combo.setItemData(index + 1, "\n".join(samples), Qt.ItemDataRole.ToolTipRole)
            combo.blockSignals(False)
        self._sync_combos()
        self._set_combos_enabled(True)

    def _sync_combos(self) -> None:
        assert self._mapping is not None
        for key, combo in self.combos.items():
            column = self._mapping.column_for(key)
            combo.blockSignals(True)
            combo.setCurrentIndex(0 if column is None else column + 1)
            combo.blockSignals(False)

    def _set_combos_enabled(self, enabled: bool) -> None:
        for combo in self.combos.values():
            combo.setEnabled(enabled)

    def _on_mapping_combo_changed(self, key: str) -> None:
        if self._mapping is None:
            return
        self._mapping.set(key, self.combos[key].currentData())
        self._sync_combos()
        self._rebuild_diff()

    def mapping(self) -> ColumnMapping | None:
        """The mapping the preview uses (a copy)."""
        return self._mapping.copy() if self._mapping is not None else None

    # -- the preview ---------------------------------------------------------------------------

    def _show_diff(self, diff: ImportDiff) -> None:
        self.diff = diff
        self.adds.set_rows(diff.to_add)
        from curator_desktop.services.schools.list_import.report import (
            error_lines,
            preview_summary,
            update_lines,
        )

        self.updates.set_rows(update_lines(diff.to_update))
        self.errors.set_rows(error_lines(diff.errors))
        self._update_tab_titles()
        if (
            self.tabs.currentIndex() < 0
            or not (diff.to_add, diff.to_update, diff.errors)[self.tabs.currentIndex()]
        ):
            sizes = [len(diff.to_add), len(diff.to_update), len(diff.errors)]
            self.tabs.setCurrentIndex(next((i for i, n in enumerate(sizes) if n), 0))
        self.parts.show_status(preview_summary(self.table, diff))
        self._update_buttons()
        self.preview_ready.emit()

    def _update_tab_titles(self) -> None:
        diff = self.diff
        add, update, errors = (
            (len(diff.to_add), len(diff.to_update), len(diff.errors)) if diff else (0, 0, 0)
        )
        self.tabs.setTabText(0, _("Will be added ({n})").format(n=add))
        self.tabs.setTabText(1, _("Will be updated ({n})").format(n=update))
        self.tabs.setTabText(2, _("Errors ({n})").format(n=errors))

    def _update_buttons(self) -> None:
        ready = self.diff is not None and self.diff.has_changes and self.result is None
        self.import_button.setEnabled(ready and not self._busy)
        self.choose_button.setEnabled(not self._busy)
        self.close_button.setEnabled(not self._importing)

    def reject(self) -> None:
        """Closing waits for a running import (it is one transaction and ends by itself)."""
        if not self._importing:
            super().reject()

    # -- importing -----------------------------------------------------------------------------

    def _on_import_button_clicked(self) -> None:
        diff = self.diff
        if diff is None or not diff.has_changes or self._busy:
            return
        from curator_desktop.services.schools.list_import.report import confirmation_text

        answer = QMessageBox.question(
            self,
            _("Import schools"),
            confirmation_text(diff),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self.context.school_service

        def work() -> object:
            return service.import_list(diff)

        self._set_combos_enabled(False)
        self._importing = True
        self._start(work, self._on_imported, _("Importing…"), on_error=self._on_import_failed)

    def _on_import_failed(self, exc: BaseException) -> None:
        """Nothing was written (one transaction): say why and show a fresh preview."""
        self._importing = False
        show_error(self, exc, title=_("Import schools"))
        self._set_combos_enabled(True)
        self._rebuild_diff()

    def _on_imported(self, result: ImportResult) -> None:
        self.result = result
        self._importing = False
        self._update_buttons()
        from curator_desktop.services.schools.list_import.report import result_text

        text = result_text(result)
        self.status_label.setText(text)
        self.close_button.setText(_("Close"))
        self.data_changed.emit(result.changes)
        self.schools_imported.emit(result.written)
        QMessageBox.information(self, _("Import schools"), text)
        self.accept()
