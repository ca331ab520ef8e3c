"""The first page's QR code: reportlab's encoder (error correction M), drawn as one path.

reportlab picks the mask pattern by drawing the symbol eight times and scoring each in pure
Python (12 ms a report). :func:`qr_modules` makes the same choice from one drawing: the data
modules are masked with each pattern as bit rows and scored with the same penalty rules,
reportlab's quirks included (its rule 3 only counts rows), so the symbol is exactly the one
``QRCode.make()`` gives.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby, pairwise, zip_longest
from typing import TYPE_CHECKING

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = re.compile(r"10111010000")


def _encoder(payload: str) -> qrencoder.QRCode:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    return code


@lru_cache(maxsize=64)
def _mask_rows(pattern: int, size: int) -> tuple[int, ...]:
    """Mask ``pattern`` over a ``size``-module square as bit rows (column 0 = highest bit)."""
    mask = qrencoder.QRUtil.getMask(pattern)
    return tuple(sum(1 << (size - 1 - c) for c in range(size) if mask(r, c)) for r in range(size))


def penalty(rows: list[int], size: int) -> int:
    """reportlab's ``QRUtil.getLostPoint`` of a symbol given as bit rows."""
    texts = [format(row, f"0{size}b") for row in rows]
    columns = ["".join(column) for column in zip(*texts, strict=True)]
    # rule 1: runs of five or more modules of one colour, in rows and columns
    points = sum(len(run) - 2 for run in _RUN.findall("|".join(texts + columns)))
    # rule 2: 2 × 2 blocks of one colour
    full = (1 << size) - 1
    for upper, lower in pairwise(rows):
        dark, light = upper & lower, ~(upper | lower) & full
        points += 3 * ((dark & (dark >> 1)).bit_count() + (light & (light >> 1)).bit_count())
    # rule 3: finder-like runs, in rows only and never touching the last column (as reportlab)
    points += 40 * sum(len(_FINDER.findall(text[: size - 1])) for text in texts)
    # rule 4: the share of dark modules away from one half
    dark_count = sum(row.bit_count() for row in rows)
    return points + 10 * (abs(100 * dark_count // (size * size) - 50) // 5)


def _function_patterns(code: qrencoder.QRCode) -> None:
    """What reportlab's ``makeImpl(True, …)`` draws before the data: finder, alignment and
    timing patterns, the format and version areas left light (and the data codewords)."""
    size = code.moduleCount = code.version * 4 + 17
    code.modules = [[False] * size for _row in range(size)]
    code.setupPositionProbePattern(0, 0)
    code.setupPositionProbePattern(size - 7, 0)
    code.setupPositionProbePattern(0, size - 7)
    code.setupPositionAdjustPattern()
    code.setupTimingPattern()
    code.setupTypeInfo(True, 0)
    if code.version >= 7:
        code.setupTypeNumber(True)
    if code.dataCache is None:
        code.dataCache = qrencoder.QRCode.createData(
            code.version, code.errorCorrectLevel, code.dataList
        )


def _masked(code: qrencoder.QRCode) -> list[list[int]]:
    """The symbol's bit rows under each of the eight masks (format areas light)."""
    _function_patterns(code)
    size = code.moduleCount
    fixed = [sum(1 << (size - 1 - c) for c, dark in enumerate(row) if dark) for row in code.modules]
    data = [0] * size
    where = [0] * size
    bits = code.dataBitIterator(code.dataCache)
    for (column, row), dark in zip_longest(code.dataPosIterator(), bits, fillvalue=False):
        bit = 1 << (size - 1 - column)
        where[row] |= bit
        if dark:
            data[row] |= bit
    return [
        [f | ((d ^ m) & w) for f, d, m, w in zip(fixed, data, mask, where, strict=True)]
        for mask in (_mask_rows(pattern, size) for pattern in range(8))
    ]


def _choose(code: qrencoder.QRCode) -> tuple[int, list[int]]:
    """The mask pattern with the lowest penalty (the first of equals, as reportlab), and the
    symbol's bit rows under it."""
    masked = _masked(code)
    scores = [penalty(rows, code.moduleCount) for rows in masked]
    pattern = scores.index(min(scores))
    return pattern, masked[pattern]


def best_mask(code: qrencoder.QRCode) -> int:
    """The mask pattern reportlab's ``getBestMaskPattern`` chooses for ``code``."""
    return _choose(code)[0]


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR symbol of ``payload`` (error correction M) as rows of dark (True) modules: the
    one reportlab's ``QRCode.make()`` draws."""
    code = _encoder(payload)
    pattern, rows = _choose(code)
    size = code.moduleCount
    code.modules = [[bool(row >> (size - 1 - c) & 1) for c in range(size)] for row in rows]
    code.setupTypeInfo(False, pattern)  # the real format and version bits
    if code.version >= 7:
        code.setupTypeNumber(False)
    return code.modules


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code of ``size`` points at (x, y), drawn as one path of horizontal runs."""
    modules = qr_modules(payload)
    box = size / len(modules)
    path = canvas.beginPath()
    for row_index, row in enumerate(modules):
        column = 0
        for dark, run in groupby(row):
            count = sum(1 for _module in run)
            if dark:
                path.rect(x + column * box, y + size - (row_index + 1) * box, count * box, box)
            column += count
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
