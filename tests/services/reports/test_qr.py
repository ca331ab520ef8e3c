"""The report's QR code is exactly reportlab's (modules, mask choice), encoded without it, and
the drawn code decodes back to its payload."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

from curator_desktop.services.reports.pdf.qr import draw_qr, penalty, qr_modules, qr_rows

PAYLOADS = [
    f"curator-report:{uuid.UUID(int=n * 7919)}:{hashlib.sha256(bytes([n])).hexdigest()}"
    for n in range(12)
] + [
    "x",  # version 1
    "Справка № 7 «СОШ»",  # bytes (UTF-8)
    "0123456789" * 4,  # numeric mode
    "CURATOR REPORT 42: $%*+-./",  # alphanumeric mode
    "y" * 90,
    "z" * 200,
    "w" * 400,  # version 13
]


def reportlab_code(payload: str, pattern: int | None = None) -> qrencoder.QRCode:
    """reportlab's symbol of ``payload``: its own mask choice, or ``pattern`` as it scores it
    (format areas light)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    if pattern is None:
        code.make()
    else:
        code.version = code.calculate_version()
        code.makeImpl(True, pattern)
    return code


def bit_rows(modules: list[list[bool]]) -> list[int]:
    size = len(modules)
    return [sum(1 << (size - 1 - c) for c, dark in enumerate(row) if dark) for row in modules]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_same_symbol_as_reportlab(payload: str) -> None:
    expected = [[bool(module) for module in row] for row in reportlab_code(payload).modules]
    assert qr_modules(payload) == expected


def test_rows_and_modules_agree() -> None:
    size, rows = qr_rows(PAYLOADS[0])
    assert size == 45  # a report's payload: version 7, with version information blocks
    assert bit_rows(qr_modules(PAYLOADS[0])) == rows


@pytest.mark.parametrize("payload", [*PAYLOADS[::4], PAYLOADS[-1]])
def test_penalty_is_reportlabs_for_every_mask(payload: str) -> None:
    for pattern in range(8):
        code = reportlab_code(payload, pattern)
        expected = qrencoder.QRUtil.getLostPoint(code)
        assert penalty(bit_rows(code.modules), code.moduleCount) == expected, pattern


def test_drawn_code_decodes_to_its_payload(tmp_path: Path) -> None:
    target = tmp_path / "qr.pdf"
    canvas = Canvas(str(target), pagesize=(200, 200))
    draw_qr(canvas, PAYLOADS[3], 30, 30, 140)
    canvas.save()
    image = pypdfium2.PdfDocument(target)[0].render(scale=3).to_pil().convert("L")
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [PAYLOADS[3]]
