"""The Exchange page: export and import exchange files, and their history, newest first.

Export, preview and import run off the GUI thread as a
:class:`~curator_desktop.ui.common.tasks.ProgressTask` behind its progress dialog with Cancel;
the work never touches a widget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from curator_desktop.domain.changes import Change
from curator_desktop.i18n import _, format_datetime, format_number, ngettext
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.models.history_table_models import ExchangeTableModel
from curator_desktop.ui.common.page import Page
from curator_desktop.ui.common.tasks import ProgressTask, Work
from curator_desktop.ui.common.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from curator_desktop.services.exchange.results import (
        ExportResult,
        ImportPreview,
        ImportResult,
    )
    from curator_desktop.services.exchange.service import ExchangeService
    from curator_desktop.ui.exchange.export_dialog import ExportRequest

PACKAGE_FILTER = "*.curator"


class ExchangePage(Page):
    """Shows the exchange history; exports the store and imports packages, preview first."""

    kinds = frozenset({Change.EXCHANGE})
    data_changed = Signal(frozenset)
    """An export or an import changed the store: what (``Changes``, from the service)."""
    exported = Signal(object)
    """A package was written: its ``ExportResult``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = self.intro(
            _(
                "Data moves between your computers and your coordinator as one "
                "exchange file on a USB stick or by e-mail."
            )
        )
        self.export_button = QPushButton(_("Export…"))
        self.import_button = QPushButton(_("Import a package…"))
        for button in (self.export_button, self.import_button):
            button.setMinimumHeight(44)
            button.setMinimumWidth(200)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            button.setFont(font)
            button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.import_button.clicked.connect(self.import_package)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.last_export_label = QLabel()
        self.table = RecordTable(ExchangeTableModel(), sort_order=Qt.SortOrder.DescendingOrder)
        self.table.set_empty_text(_("Opening the store…"), "")
        self.run: ProgressTask | None = None
        self._last_dir = ""
        self.build_layout(intro, buttons, self.last_export_label, self.table)

    def title(self) -> str:
        return _("Exchange")

    def refresh(self) -> None:
        if self.context is None:
            return
        for button in (self.export_button, self.import_button):
            button.setEnabled(True)
        history = self.context.history
        last = history.last_export()
        self.last_export_label.setText(
            _("Last export: {when}").format(when=format_datetime(last.at) if last else _("never"))
        )
        self.table.set_empty_text(
            _("No exchanges yet"),
            _("Export to move your data to another computer or to send it to the coordinator."),
        )
        self.table.set_rows(history.exchanges())

    # -- helpers -----------------------------------------------------------------------------

    def service(self) -> ExchangeService:
        assert self.context is not None
        return self.context.exchange_service

    def last_folder(self) -> str:
        """The folder of the last export or import (kept in the settings)."""
        if self.context is not None and self.context.settings.recent_export_dir:
            return self.context.settings.recent_export_dir
        return self._last_dir or str(Path.home())

    def _remember_folder(self, path: Path) -> None:
        self._last_dir = str(path.parent)
        if self.context is not None:
            self.context.settings.recent_export_dir = self._last_dir

    def busy(self) -> bool:
        return self.run is not None

    def _start(self, label: str, work: Work, on_done: Callable[[Any], None]) -> None:
        run = ProgressTask(label, work, self)
        run.finished.connect(lambda result: self._finish(on_done, result))
        run.failed.connect(self._on_run_failed)
        self.run = run
        run.start()

    def _finish(self, on_done: Callable[[Any], None], result: Any) -> None:
        self.run = None
        on_done(result)

    def _on_run_failed(self, exc: BaseException) -> None:
        from curator_desktop.services.exchange.crypto import EncryptionCancelledError
        from curator_desktop.services.exchange.package.format import PackageCancelled

        self.run = None
        self.refresh()
        if isinstance(exc, PackageCancelled | EncryptionCancelledError):
            self._tell(_("Cancelled: nothing was changed."))
            return
        show_error(self, exc)

    def _tell(self, text: str) -> None:
        QMessageBox.information(self, self.title(), text)

    # -- export ------------------------------------------------------------------------------

    def export(self) -> None:
        """Ask what to export and where, then write the package in the background."""
        if self.context is None or self.busy():
            return
        from curator_desktop.ui.exchange.export_dialog import ExportDialog

        dialog = ExportDialog(self.context.schools.choices(), self)
        accepted = dialog.exec()
        request = dialog.request()
        dialog.deleteLater()
        if not accepted:
            return
        default = Path(self.last_folder()) / self.default_file_name()
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export to"),
            str(default),
            _("Exchange files ({pattern})").format(pattern=PACKAGE_FILTER),
        )
        if not name:
            return
        target = Path(name)
        if not target.suffix:
            target = target.with_suffix(".curator")
        self._remember_folder(target)
        self.start_export(target, request)

    def default_file_name(self, day: dt.date | None = None) -> str:
        """Whose package and from when (``Соколова_М_В_2026-12-07.curator``)."""
        from curator_desktop.services.exchange.file_name import package_file_name

        assert self.context is not None
        profile = self.context.profile_service.current()
        return package_file_name(profile.full_name if profile else None, day or dt.date.today())

    def start_export(self, target: Path, request: ExportRequest) -> None:
        """Write ``target`` as ``request`` says, off the GUI thread."""
        from curator_desktop.services.exchange.package.format import Scope

        try:
            scope = (
                Scope.selection(
                    request.school_ids, date_from=request.date_from, date_to=request.date_to
                )
                if request.kind == "selection"
                else None
            )
        except Exception as exc:
            show_error(self, exc)
            return
        service = self.service()

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return service.export(
                target,
                scope,
                since_last=request.kind == "since",
                password=request.password,
                with_signing_key=request.for_moving,
                progress=progress,
                cancelled=cancelled,
            )

        self._start(_("Writing {name}…").format(name=target.name), work, self._on_exported)

    def _on_exported(self, result: ExportResult) -> None:
        from curator_desktop.services.exchange.package.format import format_size

        self.refresh()
        self.data_changed.emit(result.changes)
        self.exported.emit(result)
        records = ngettext("{n} record", "{n} records", result.record_count).format(
            n=format_number(result.record_count)
        )
        files = sum(n for t, n in result.counts.items() if t in ("attachment", "generated_report"))
        text = _("Exported {records} ({files} files, {size}) to {path}.").format(
            records=records,
            files=format_number(files),
            size=format_size(result.size_bytes),
            path=result.path,
        )
        if result.encrypted:
            text += " " + _("The file is protected by the password.")
        self._tell(text)

    # -- import ------------------------------------------------------------------------------

    def import_package(self) -> None:
        """Choose a package, ask its password if it has one, and preview it."""
        if self.context is None or self.busy():
            return
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import a package"),
            self.last_folder(),
            _("Exchange files ({pattern})").format(pattern=PACKAGE_FILTER),
        )
        if not name:
            return
        path = Path(name)
        self._remember_folder(path)
        from curator_desktop.ui.exchange.package_password import ask_package_password

        go_on, password = ask_package_password(self, path)
        if not go_on:
            return
        self.start_preview(path, password)

    def start_preview(self, path: Path, password: str | None) -> None:
        """Check and preview ``path`` in the background; then show the preview dialog."""
        service = self.service()

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return service.preview(
                path, password=password, progress=progress, cancelled=cancelled, log_refusal=True
            )

        self._start(
            _("Checking {name}…").format(name=path.name),
            work,
            lambda preview: self._on_previewed(preview, password),
        )

    def _on_previewed(self, preview: ImportPreview, password: str | None) -> None:
        from curator_desktop.ui.exchange.import_preview_dialog import ImportPreviewDialog

        dialog = ImportPreviewDialog(preview, self)
        accepted = dialog.exec()
        resolutions = dict(dialog.resolutions)
        confirmed = dialog.confirmed()
        dialog.deleteLater()
        if accepted:
            self.start_import(preview.path, password, resolutions, confirmed)

    def start_import(
        self,
        path: Path,
        password: str | None,
        resolutions: dict[tuple[str, str], Any],
        confirmed: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Merge ``path`` in the background (backup first, one transaction); ``confirmed``: the
        schools proposed by name that the user checked."""
        service = self.service()

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return service.import_(
                path,
                password=password,
                resolutions=resolutions,
                confirmed=tuple(confirmed),
                progress=progress,
                cancelled=cancelled,
            )

        self._start(_("Importing {name}…").format(name=path.name), work, self._on_imported)

    def _on_imported(self, result: ImportResult) -> None:
        self.refresh()
        self.data_changed.emit(result.changes)
        reconciliation = result.reconciliation
        added, updated = (
            reconciliation.total("new"),
            reconciliation.total("changed") + reconciliation.total("deleted"),
        )
        if not result.written:
            restored = result.restored_text()
            if restored is not None:
                self._tell(_("The records of the package were already here.") + " " + restored)
            else:
                self._tell(_("Everything in the package was already here: nothing changed."))
            return
        text = _("{added} added, {updated} updated, {files} files copied.").format(
            added=ngettext("{n} record", "{n} records", added).format(n=format_number(added)),
            updated=format_number(updated),
            files=format_number(result.files_copied),
        )
        if result.resolved:
            text += " " + ngettext(
                "{n} conflict resolved.", "{n} conflicts resolved.", result.resolved
            ).format(n=format_number(result.resolved))
        if result.backup is not None:
            text += " " + _("A backup was taken first: {file}").format(file=result.backup)
        self._tell(text)
