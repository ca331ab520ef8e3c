"""The report's QR code is exactly reportlab's, chosen without drawing it eight times."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from reportlab.graphics.barcode import qrencoder

from curator_desktop.services.reports.qr import _encoder, penalty, qr_modules

PAYLOADS = [
    f"curator-report:{uuid.UUID(int=n * 7919)}:{hashlib.sha256(bytes([n])).hexdigest()}"
    for n in range(12)
] + ["x", "Справка № 7 «СОШ»", "y" * 90, "z" * 200, "w" * 400]  # versions 1 to 13


def reportlab_symbol(payload: str) -> list[list[bool]]:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return [[bool(module) for module in row] for row in code.modules]


def bit_rows(modules: list[list[bool]]) -> list[int]:
    size = len(modules)
    return [sum(1 << (size - 1 - c) for c, dark in enumerate(row) if dark) for row in modules]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_same_symbol_as_reportlab(payload: str) -> None:
    assert qr_modules(payload) == reportlab_symbol(payload)


@pytest.mark.parametrize("payload", PAYLOADS[::4] + PAYLOADS[-2:])
def test_penalty_is_reportlabs_for_every_mask(payload: str) -> None:
    code = _encoder(payload)
    for pattern in range(8):
        code.makeImpl(True, pattern)
        expected = qrencoder.QRUtil.getLostPoint(code)
        assert penalty(bit_rows(code.modules), code.moduleCount) == expected, pattern


def test_versions_above_six_are_covered() -> None:
    """Version 7 and later carry version information blocks, drawn separately."""
    assert len(qr_modules(PAYLOADS[-1])) >= 7 * 4 + 17
