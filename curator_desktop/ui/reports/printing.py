"""Printing a PDF through Qt: each page rasterised by QtPdf and drawn at its true size.

QtPdf renders pages to images only, so a page is rendered at the printer's resolution (capped,
so a 1200 dpi PDF «printer» does not need gigabytes) in horizontal bands, each painted on white
(``QPdfDocument.render`` leaves the background transparent) and drawn where it belongs on the
paper: one PDF point is one point on paper; a page larger than the paper is shrunk to fit it,
a smaller one is centred, never enlarged.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _

MAX_RENDER_DPI = 600
"""Pages are rendered at the printer's resolution, at most this (plenty for text and photos)."""
BAND_HEIGHT = 1024
"""Rows rendered at a time: a 600 dpi A4 page in bands needs ~20 MB, not ~140 MB."""
POINTS_PER_INCH = 72.0


def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """Give the printer the document's paper (A4 portrait for our reports), no margins, and
    the page range 1…N for the print dialog."""
    if document.pageCount() == 0:
        return
    points = document.pagePointSize(0)
    size = QPageSize(points, QPageSize.Unit.Point)
    orientation = (
        QPageLayout.Orientation.Landscape
        if points.width() > points.height()
        else QPageLayout.Orientation.Portrait
    )
    if orientation == QPageLayout.Orientation.Landscape:
        size = QPageSize(points.transposed(), QPageSize.Unit.Point)
    printer.setPageSize(size)
    printer.setPageOrientation(orientation)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setFullPage(True)
    printer.setFromTo(1, document.pageCount())


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """Zero-based pages the print dialog asked for (every page unless a range was chosen)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or page_count, page_count)
        return list(range(first - 1, last))
    return list(range(page_count))


def target_rect(page_points: QSizeF, paper: QRectF, dpi: float) -> QRectF:
    """Where a page goes on the paper (device pixels): true scale, shrunk only if too large."""
    width = page_points.width() / POINTS_PER_INCH * dpi
    height = page_points.height() / POINTS_PER_INCH * dpi
    scale = min(1.0, paper.width() / width, paper.height() / height)
    width, height = width * scale, height * scale
    left = paper.left() + (paper.width() - width) / 2
    top = paper.top() + (paper.height() - height) / 2 if scale < 1.0 else paper.top()
    return QRectF(left, top, width, height)


def render_band(document: QPdfDocument, page: int, full: QSize, band: QRect) -> QImage:
    """Rows ``band`` of page ``page`` rendered at ``full`` size, on a white background."""
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(full)
    options.setScaledClipRect(band)
    rendered = document.render(page, band.size(), options)
    image = QImage(band.size(), QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print the pages the printer's range asks for; returns how many were printed."""
    pages = pages_to_print(printer, document.pageCount())
    if not pages:
        return 0
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise CuratorError(_("The printer could not be started. Check that it is connected."))
    try:
        device_dpi = float(printer.resolution())
        render_dpi = min(device_dpi, MAX_RENDER_DPI)
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        paper.moveTo(0, 0)  # with full-page printing the painter's origin is the paper's corner
        for number, page in enumerate(pages):
            if number and not printer.newPage():
                raise CuratorError(_("The printer stopped accepting pages."))
            _draw_page(painter, document, page, paper, device_dpi, render_dpi)
    finally:
        painter.end()
    return len(pages)


def _draw_page(
    painter: QPainter,
    document: QPdfDocument,
    page: int,
    paper: QRectF,
    device_dpi: float,
    render_dpi: float,
) -> None:
    points = document.pagePointSize(page)
    target = target_rect(points, paper, device_dpi)
    full = QSize(
        max(1, round(points.width() / POINTS_PER_INCH * render_dpi)),
        max(1, round(points.height() / POINTS_PER_INCH * render_dpi)),
    )
    scale_x = target.width() / full.width()
    scale_y = target.height() / full.height()
    for top in range(0, full.height(), BAND_HEIGHT):
        band = QRect(0, top, full.width(), min(BAND_HEIGHT, full.height() - top))
        image = render_band(document, page, full, band)
        where = QRectF(
            target.left(),
            target.top() + top * scale_y,
            band.width() * scale_x,
            band.height() * scale_y,
        )
        painter.drawImage(where, image)
