"""The report preview: a generated PDF shown inside the app, to read, save, print or find.

QtPdf (PySide6-Addons) is imported by this module only, and this module only when a preview
opens, so start-up does not pay for it.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _
from curator_desktop.ui.common.errors import show_error
from curator_desktop.ui.common.screen_fit import fit_to_screen
from curator_desktop.ui.reports.printing import prepare_printer, print_document

log = logging.getLogger(__name__)

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
"""The zoom factors Ctrl++ and Ctrl+- step through (1.0: a page at its size on screen)."""


class ReportPreviewDialog(QDialog):
    """Shows one PDF (every page, continuous), with zoom, paging, Save as, Print, Open folder."""

    def __init__(self, pdf_path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.document = QPdfDocument(self)
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_:
            raise CuratorError(
                _("The report {file} could not be opened.").format(file=self.pdf_path.name),
                details=str(error),
            )
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._build_actions()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        self._update_page_label()
        self._fit_to_screen()
        self.view.setFocus()

    def _build_actions(self) -> None:
        def action(text: str, slot: object, *keys: QKeySequence | str, tip: str = "") -> QAction:
            item = QAction(text, self)
            item.setShortcuts([QKeySequence(key) for key in keys])
            item.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            shortcut = item.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(f"{tip or text} ({shortcut})" if shortcut else tip or text)
            item.triggered.connect(slot)
            self.addAction(item)
            return item

        self.zoom_out_action = action(_("Zoom out"), self.zoom_out, "Ctrl+-", "Ctrl+_")
        self.zoom_in_action = action(_("Zoom in"), self.zoom_in, "Ctrl++", "Ctrl+=")
        self.fit_width_action = action(_("Fit width"), self.fit_width, "Ctrl+0")
        self.previous_action = action(_("Previous page"), self.previous_page, "PgUp")
        self.next_action = action(_("Next page"), self.next_page, "PgDown")
        self.save_action = action(_("Save as…"), self.save_as, "Ctrl+S")
        self.print_action = action(_("Print…"), self.print_report, "Ctrl+P")
        self.folder_action = action(
            _("Open folder"), self.open_folder, tip=_("Show the folder that holds this report")
        )
        self.toolbar.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_width_action])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.previous_action)
        self.toolbar.addWidget(self.page_label)
        self.toolbar.addAction(self.next_action)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.save_action, self.print_action, self.folder_action])

    def _fit_to_screen(self) -> None:
        fit_to_screen(self, (980, 1000))

    # -- zoom ----------------------------------------------------------------------------------

    def effective_zoom(self) -> float:
        """The zoom on screen now (in «fit width» mode, the factor that fit gives)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        page_width = self.document.pagePointSize(0).width() / 72.0 * self.view.logicalDpiX()
        return max(0.1, room / page_width) if page_width else 1.0

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def zoom_in(self) -> None:
        current = self.effective_zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > current + 0.001), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        current = self.effective_zoom()
        smaller = [z for z in ZOOM_STEPS if z < current - 0.001]
        self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- pages ---------------------------------------------------------------------------------

    def current_page(self) -> int:
        """Zero-based page shown at the top of the view."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.document.pageCount() - 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())
        self._update_page_label()

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def _on_navigator_page_changed(self, _page: int) -> None:
        self._update_page_label()

    def _update_page_label(self) -> None:
        count = self.document.pageCount()
        page = self.current_page()
        self.page_label.setText(
            _("Page {page} of {pages}").format(page=page + 1 if count else 0, pages=count)
        )
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < count - 1)

    # -- file actions --------------------------------------------------------------------------

    def save_as(self) -> None:
        """Ask where to save a copy of the PDF and copy the file there, byte for byte."""
        suggested = str(Path.home() / _safe_file_name(self.windowTitle()))
        target, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report as"), suggested, _("PDF documents (*.pdf)")
        )
        if not target:
            return
        path = Path(target)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            shutil.copyfile(self.pdf_path, path)
        except OSError as exc:
            show_error(
                self,
                CuratorError(
                    _("The report could not be saved to {path}.").format(path=path),
                    details=str(exc),
                ),
            )
            return
        log.info("Report %s saved as %s", self.pdf_path.name, path)

    def print_report(self) -> None:
        """Print through the system's print dialog, at true scale."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        prepare_printer(printer, self.document)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_document(self.document, printer)
        except CuratorError as exc:
            QApplication.restoreOverrideCursor()
            show_error(self, exc)
            return
        QApplication.restoreOverrideCursor()
        log.info("Report %s: %d pages sent to the printer", self.pdf_path.name, printed)

    def open_folder(self) -> None:
        """Open the folder holding the PDF in the system's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path.parent)))


def _safe_file_name(title: str) -> str:
    cleaned = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in title).strip() or "report"
    return cleaned[:120] + ".pdf"
