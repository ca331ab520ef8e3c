"""The first page's QR code (error correction M): encoded here, drawn as one path of runs.

The symbol is exactly the one reportlab's ``QRCode.make()`` gives: the same segment mode, block
table, data placement and mask choice, quirks included (its rule 3 only counts rows). reportlab
does it in pure Python bit by bit, with polynomial objects, drawing the symbol eight times to
score the masks (12 ms a report). Here the codewords are one integer, error correction takes one
table look-up per byte, and a whole symbol is one integer (its rows, or its columns, one after
the other) that a mask is applied to, and scored, with a few integer operations. What depends
only on the version (function patterns, where each data bit goes, the masks) is worked out once
per version with reportlab's own routines.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.rl_accel import fp_str

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

LEVEL = qrencoder.QRErrorCorrectLevel.M
_FINDER = [(k, bit == "1") for k, bit in enumerate(reversed("10111010000"))]
"""reportlab's rule 3 pattern, (offset from its last module, dark), last module first."""
_DARK_RUN = re.compile(r"1+")


def _field_tables() -> tuple[list[int], list[int]]:
    """Antilogarithms (doubled, so sums of two logs need no modulo) and logarithms of GF(256)
    with the QR polynomial x⁸ + x⁴ + x³ + x² + 1."""
    exp, log = [0] * 512, [0] * 256
    value = 1
    for power in range(255):
        exp[power] = exp[power + 255] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    return exp, log


_EXP, _LOG = _field_tables()


# --- a symbol as one integer ------------------------------------------------------------------


def _lines(texts: list[str]) -> int:
    """Lines of modules (strings of 0 and 1) as one integer, the first line highest, each line
    followed by a light separator so that no run or block crosses from one line to the next."""
    return int("0".join(texts), 2)


def _texts(modules: list[list[bool]] | list[tuple[bool, ...]]) -> list[str]:
    return ["".join("1" if dark else "0" for dark in line) for line in modules]


@lru_cache(maxsize=40)
def _area(size: int) -> int:
    """Every module of a symbol laid out by :func:`_lines` (the separators left out)."""
    return _lines(["1" * size] * size)


@lru_cache(maxsize=40)
def _last_column(size: int) -> int:
    """The last module of every line laid out by :func:`_lines`."""
    return _lines(["0" * (size - 1) + "1"] * size)


@dataclass(frozen=True)
class _Geometry:
    """What every symbol of one version shares, laid out by :func:`_lines` twice: row by row
    (``*_rows``) and column by column (``*_columns``)."""

    size: int
    blocks: tuple[tuple[int, int], ...]
    """The error correction blocks: (total codewords, data codewords)."""
    capacity: int
    """Data codewords."""
    fixed_rows: int
    fixed_columns: int
    """The function patterns, format and version areas light (as reportlab scores masks)."""
    mask_rows: tuple[int, ...]
    mask_columns: tuple[int, ...]
    """The eight mask patterns, limited to the data area."""
    place_rows: Callable[[str], tuple[str, ...]]
    place_columns: Callable[[str], tuple[str, ...]]
    """The laid-out text of the data modules from the codewords' bit string (with a "0"
    appended): for each place, its module's bit, or that "0" (no data bit: a function
    pattern, a remainder bit or a separator)."""


@lru_cache(maxsize=40)
def _geometry(version: int) -> _Geometry:
    """A version's geometry, drawn by reportlab's own routines (as ``makeImpl(True, …)`` draws
    a symbol before its data)."""
    code = qrencoder.QRCode(version, LEVEL)
    size = code.moduleCount = version * 4 + 17
    code.modules = [[False] * size for _row in range(size)]
    code.setupPositionProbePattern(0, 0)
    code.setupPositionProbePattern(size - 7, 0)
    code.setupPositionProbePattern(0, size - 7)
    code.setupPositionAdjustPattern()
    code.setupTimingPattern()
    code.setupTypeInfo(True, 0)
    if version >= 7:
        code.setupTypeNumber(True)
    blocks = tuple(
        (block.totalCount, block.dataCount)
        for block in qrencoder.QRRSBlock.getRSBlocks(version, LEVEL)
    )
    stream = 8 * sum(total for total, _count in blocks)
    length = size * (size + 1) - 1
    layout_rows, layout_columns = [stream] * length, [stream] * length
    data = [[False] * size for _row in range(size)]
    for index, (column, row) in enumerate(code.dataPosIterator()):
        data[row][column] = True
        if index < stream:
            layout_rows[row * (size + 1) + column] = index
            layout_columns[column * (size + 1) + row] = index
    masks = []
    for pattern in range(8):
        mask = qrencoder.QRUtil.getMask(pattern)
        masks.append([[data[r][c] and mask(r, c) for c in range(size)] for r in range(size)])
    return _Geometry(
        size=size,
        blocks=blocks,
        capacity=sum(count for _total, count in blocks),
        fixed_rows=_lines(_texts(code.modules)),
        fixed_columns=_lines(_texts(list(zip(*code.modules, strict=True)))),
        mask_rows=tuple(_lines(_texts(m)) for m in masks),
        mask_columns=tuple(_lines(_texts(list(zip(*m, strict=True)))) for m in masks),
        place_rows=operator.itemgetter(*layout_rows),
        place_columns=operator.itemgetter(*layout_columns),
    )


@lru_cache(maxsize=40)
def _capacity(version: int) -> int:
    """Data codewords of a version at level M."""
    return sum(block.dataCount for block in qrencoder.QRRSBlock.getRSBlocks(version, LEVEL))


# --- codewords ----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _products(degree: int) -> tuple[int, ...]:
    """For each byte value, its product with the Reed–Solomon generator ∏(x − αⁱ), i <
    ``degree``, without the leading term: one integer of ``degree`` bytes."""
    poly = [1]
    for i in range(degree):
        nxt = [*poly, 0]
        for j, coefficient in enumerate(poly):
            if coefficient:
                nxt[j + 1] ^= _EXP[_LOG[coefficient] + i]
        poly = nxt
    logs = [_LOG[c] for c in poly[1:]]
    products = [0]
    for factor in range(1, 256):
        products.append(int.from_bytes(bytes(_EXP[_LOG[factor] + g] for g in logs), "big"))
    return tuple(products)


def _ecc(data: bytes, degree: int) -> bytes:
    """The ``degree`` error correction codewords of one block: the remainder of its division
    by the generator, one byte at a time."""
    products = _products(degree)
    top, full = 8 * (degree - 1), (1 << 8 * degree) - 1
    remainder = 0
    for byte in data:
        remainder = (remainder << 8 & full) ^ products[byte ^ remainder >> top]
    return remainder.to_bytes(degree, "big")


class _Bits:
    """A bit buffer with the ``put`` of reportlab's, collecting into one integer."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, number: int, length: int) -> None:
        self.value = (self.value << length) | (number & ((1 << length) - 1))
        self.length += length


def _segment(payload: str) -> qrencoder.QR:
    """The segment reportlab's ``addData`` makes: numeric, alphanumeric, kanji or bytes."""
    code = qrencoder.QRCode(None, LEVEL)
    code.addData(payload)
    return code.dataList[0]


def _version(segment: qrencoder.QR) -> int:
    """The smallest version the segment fits (reportlab's ``calculate_version``)."""
    for version in range(1, 40):
        if 4 + segment.getLengthBits(version) + segment.bitlength <= _capacity(version) * 8:
            return version
    return 40


def _codewords(segment: qrencoder.QR, geometry: _Geometry, version: int) -> bytes:
    """Data and error correction codewords, interleaved as they are placed."""
    room = geometry.capacity * 8
    bits = _Bits()
    segment.write(bits, version)
    if bits.length + 4 <= room:
        bits.put(0, 4)
    bits.put(0, -bits.length % 8)
    pads = (room - bits.length) // 8
    data = bits.value.to_bytes(bits.length // 8, "big") + (b"\xec\x11" * pads)[:pads]
    blocks, corrections, offset = [], [], 0
    for total, count in geometry.blocks:
        block = data[offset : offset + count]
        offset += count
        blocks.append(block)
        corrections.append(_ecc(block, total - count))
    out = bytearray()
    for part in (blocks, corrections):
        for i in range(max(len(block) for block in part)):
            out.extend(block[i] for block in part if i < len(block))
    return bytes(out)


# --- masks ----------------------------------------------------------------------------------


def _runs(dark: int, area: int) -> int:
    """Rule 1 over laid-out lines: each run of five or more modules of one colour costs its
    length minus 2 (= its five-module windows, plus 2)."""
    points = 0
    for bits in (dark, ~dark & area):
        windows = bits & bits >> 1 & bits >> 2 & bits >> 3 & bits >> 4
        points += windows.bit_count() + 2 * (windows & ~(windows >> 1)).bit_count()
    return points


def _score(rows: int, columns: int, size: int) -> int:
    """reportlab's ``QRUtil.getLostPoint`` of a symbol laid out by rows and by columns."""
    area = _area(size)
    # rule 1: runs of five or more modules of one colour, in rows and columns
    points = _runs(rows, area) + _runs(columns, area)
    # rule 2: 2 × 2 blocks of one colour
    for bits in (rows, ~rows & area):
        pairs = bits & bits >> (size + 1)  # a module and the one below it
        points += 3 * (pairs & pairs >> 1).bit_count()
    # rule 3: finder-like runs, in rows only and never touching the last column (as reportlab);
    # the pattern cannot overlap itself, so its places are what reportlab's scan counts
    light = ~rows & area
    finders = ~_last_column(size)
    for offset, dark in _FINDER:
        finders &= (rows if dark else light) >> offset
    # rule 4: the share of dark modules away from one half
    share = 100 * rows.bit_count() // (size * size)
    return points + 40 * finders.bit_count() + 10 * (abs(share - 50) // 5)


def penalty(rows: list[int], size: int) -> int:
    """reportlab's ``QRUtil.getLostPoint`` of a symbol given as bit rows (column 0 = highest
    bit)."""
    texts = [format(row, f"0{size}b") for row in rows]
    return _score(_lines(texts), _lines(["".join(c) for c in zip(*texts, strict=True)]), size)


def _format_bits(rows: list[int], size: int, pattern: int, version: int) -> None:
    """Set the real format (and version) information in ``rows``, where reportlab's
    ``setupTypeInfo(False, pattern)`` and ``setupTypeNumber(False)`` put them."""

    def dark(row: int, column: int) -> None:
        rows[row] |= 1 << (size - 1 - column)

    info = qrencoder.QRUtil.getBCHTypeInfo((LEVEL << 3) | pattern)
    for i in range(15):
        if info >> i & 1:
            dark(i if i < 6 else i + 1 if i < 8 else size - 15 + i, 8)
            dark(8, size - i - 1 if i < 8 else 15 - i if i < 9 else 15 - i - 1)
    dark(size - 8, 8)
    if version >= 7:
        number = qrencoder.QRUtil.getBCHTypeNumber(version)
        for i in range(18):
            if number >> i & 1:
                dark(i // 3, i % 3 + size - 11)
                dark(i % 3 + size - 11, i // 3)


# --- the symbol -----------------------------------------------------------------------------


def qr_rows(payload: str) -> tuple[int, list[int]]:
    """The QR symbol of ``payload`` (error correction M): its size in modules and its rows of
    bits (column 0 = highest bit, 1 = dark), the symbol reportlab's ``QRCode.make()`` draws."""
    segment = _segment(payload)
    version = _version(segment)
    geometry = _geometry(version)
    size = geometry.size
    codewords = _codewords(segment, geometry, version)
    bits = format(int.from_bytes(codewords, "big"), f"0{len(codewords) * 8}b") + "0"
    data_rows = int("".join(geometry.place_rows(bits)), 2)
    data_columns = int("".join(geometry.place_columns(bits)), 2)
    best = (0, 0, 0)
    for pattern in range(8):
        rows = geometry.fixed_rows | data_rows ^ geometry.mask_rows[pattern]
        columns = geometry.fixed_columns | data_columns ^ geometry.mask_columns[pattern]
        score = _score(rows, columns, size)
        if pattern == 0 or score < best[0]:  # the first of equals, as reportlab
            best = (score, pattern, rows)
    _lowest, pattern, symbol = best
    text = format(symbol, f"0{size * (size + 1) - 1}b")
    rows = [int(text[start : start + size], 2) for start in range(0, len(text), size + 1)]
    _format_bits(rows, size, pattern, version)
    return size, rows


def qr_modules(payload: str) -> list[list[bool]]:
    """The symbol of :func:`qr_rows` as rows of dark (True) modules."""
    size, rows = qr_rows(payload)
    return [[c == "1" for c in format(row, f"0{size}b")] for row in rows]


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code of ``size`` points at (x, y): one path of its rows' dark runs, in module units
    scaled to the size, filled black."""
    modules, rows = qr_rows(payload)
    box = fp_str(size / modules)
    ops = [f"q {box} 0 0 {box} {fp_str(x, y)} cm 0 0 0 rg"]
    for index, row in enumerate(rows):
        bottom = modules - 1 - index
        for run in _DARK_RUN.finditer(format(row, f"0{modules}b")):
            start, end = run.span()
            ops.append(f"{start} {bottom} {end - start} 1 re")
    ops.append("f Q")
    canvas._code.append("\n".join(ops))
