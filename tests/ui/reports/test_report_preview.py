"""The report preview: a real PDF opened, zoomed, paged through, saved and printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

A4_POINTS = (595.2756, 841.8898)


def make_pdf(path: Path, pages: int = 3) -> Path:
    """A real A4 PDF of ``pages`` pages, each saying its number, with a frame near the edges."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 28)
        pdf.drawString(100, 700, f"Test page {number}")
        pdf.rect(30, 30, A4[0] - 60, A4[1] - 60)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def preview(qtbot, tmp_path: Path):
    from curator_desktop.ui.reports.preview import ReportPreviewDialog

    pdf = make_pdf(tmp_path / "report.pdf", pages=3)
    dialog = ReportPreviewDialog(pdf, "Visit report — School 1")
    qtbot.addWidget(dialog)
    dialog.resize(800, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_opens_the_pdf_and_pages_through(qtbot, preview) -> None:
    from PySide6.QtPdfWidgets import QPdfView

    assert preview.document.pageCount() == 3
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.page_label.text() == "Page 1 of 3"
    assert not preview.previous_action.isEnabled()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: preview.page_label.text() == "Page 2 of 3")
    preview.next_page()
    qtbot.waitUntil(lambda: preview.page_label.text() == "Page 3 of 3")
    assert not preview.next_action.isEnabled()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: preview.current_page() == 1)


def test_zoom_shortcuts_change_the_zoom(qtbot, preview) -> None:
    from PySide6.QtPdfWidgets import QPdfView

    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    fitted = preview.effective_zoom()
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() > fitted
    larger = preview.view.zoomFactor()
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomFactor() < larger
    qtbot.keyClick(preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_save_as_writes_an_identical_copy(preview, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "saved" / "copy"  # no suffix: «.pdf» is added
    target.parent.mkdir()
    asked: list[str] = []

    def choose(parent, caption, directory, filters):
        asked.append(directory)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    preview.save_action.trigger()
    saved = target.with_name("copy.pdf")
    assert saved.read_bytes() == preview.pdf_path.read_bytes()
    assert asked and asked[0].endswith("Visit report — School 1.pdf")


def test_save_as_cancelled_writes_nothing(preview, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    before = sorted(tmp_path.rglob("*"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    preview.save_as()
    assert sorted(tmp_path.rglob("*")) == before


def test_prints_every_page_at_a4_on_white(preview, tmp_path: Path, monkeypatch) -> None:
    import pypdf
    import pypdfium2
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    output = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    preview.print_action.trigger()

    printed = pypdf.PdfReader(output)
    assert len(printed.pages) == 3
    for page in printed.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(A4_POINTS[0], abs=1.5)
        assert height == pytest.approx(A4_POINTS[1], abs=1.5)
    # the page was drawn at true scale and on white: the frame 30 pt from the left edge is
    # where it is in the original, and the paper around it is white, not black or transparent
    images = [
        xobject.get_object()
        for page in printed.pages
        for xobject in page["/Resources"]["/XObject"].values()
    ]
    assert images
    assert not any("/SMask" in image for image in images)  # opaque: painted on white
    bitmap = pypdfium2.PdfDocument(str(output))[0].render(scale=1).to_pil().convert("L")
    row = round(A4_POINTS[1] / 2)
    assert bitmap.getpixel((15, row)) > 240
    assert min(bitmap.getpixel((x, row)) for x in range(27, 34)) < 128
    assert bitmap.getpixel((300, row)) > 240


def test_print_cancelled_prints_nothing(preview, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    calls: list[object] = []
    monkeypatch.setattr(
        "curator_desktop.ui.reports.preview.print_document",
        lambda *args: calls.append(args),
    )
    preview.print_report()
    assert calls == []


def test_pages_go_on_paper_at_true_scale() -> None:
    from PySide6.QtCore import QRectF, QSizeF

    from curator_desktop.ui.reports.printing import target_rect

    a4 = QSizeF(*A4_POINTS)
    paper = QRectF(0, 0, A4_POINTS[0] / 72 * 600, A4_POINTS[1] / 72 * 600)
    same = target_rect(a4, paper, 600)
    assert same.width() == pytest.approx(paper.width())
    assert same.topLeft().x() == pytest.approx(0)
    small = target_rect(QSizeF(A4_POINTS[1] / 2, A4_POINTS[0]), paper, 600)  # A5: not enlarged
    assert small.width() == pytest.approx(A4_POINTS[1] / 2 / 72 * 600)
    big = target_rect(QSizeF(A4_POINTS[0] * 2, A4_POINTS[1] * 2), paper, 600)  # A2: shrunk
    assert big.width() == pytest.approx(paper.width())
    assert big.height() <= paper.height() + 0.01


def test_open_folder_opens_the_reports_folder(preview, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    preview.folder_action.trigger()
    assert [Path(p) for p in opened] == [preview.pdf_path.parent]


def test_a_broken_file_is_refused_with_a_message(qtbot, tmp_path: Path) -> None:
    from curator_desktop.domain.errors import CuratorError
    from curator_desktop.ui.reports.preview import ReportPreviewDialog

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with pytest.raises(CuratorError, match=r"broken\.pdf"):
        ReportPreviewDialog(broken, "Broken")


def test_the_main_window_loads_no_qtpdf(qtbot) -> None:
    """QtPdf and QtPrintSupport load only when a preview opens, not at start-up."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import curator_desktop.app, curator_desktop.ui.shell.main_window\n"
        "import curator_desktop.ui.reports.actions\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6.QtPdf', 'PySide6.QtPrint'))]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.returncode == 0, result.stderr


def test_a_page_range_chosen_in_the_print_dialog_is_kept(qtbot) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from curator_desktop.ui.reports.printing import pages_to_print

    printer = QPrinter()
    assert pages_to_print(printer, 4) == [0, 1, 2, 3]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert pages_to_print(printer, 4) == [1, 2]
    printer.setFromTo(3, 9)
    assert pages_to_print(printer, 4) == [2, 3]
