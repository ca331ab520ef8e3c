"""Reading the coordinator's table: CSV in any of the usual encodings, or an XLSX workbook.

Russian Excel saves CSV in Windows-1251 with «;»; other tools write UTF-8, with or without a BOM,
and «,» or tabs; Excel's «Unicode text» is UTF-16 with tabs. The encoding and the delimiter are
detected. XLSX is read with openpyxl in read-only mode, once the shared zip check
(:mod:`curator_desktop.services.limits`) has passed its directory, with rows and columns
bounded. Every cell comes back as text: integral numbers without «.0» or an exponent (an ИНН
stored as a number stays a 10-digit text), dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.i18n import _, format_number
from curator_desktop.services.limits import office
from curator_desktop.services.limits.text import NotText, decode_text
from curator_desktop.services.limits.zips import ZipLimits, ZipRefused
from curator_desktop.services.schools.list_import.mapping import header_score

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 15
"""The header is looked for in the first rows: some files start with a title line."""
MAX_SHEET_ROWS = 100_000
"""Rows of a sheet read at most, empty ones included."""
ZIP_LIMITS = ZipLimits(
    max_members=5_000,
    max_directory_bytes=4 * 1024**2,
    max_member_bytes=64 * 1024**2,
    max_total_bytes=256 * 1024**2,
)
"""What an XLSX list may declare in its zip directory (20,000 rows take about 10 MB)."""

_DELIMITERS = ";,\t"
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"\xd0\xcf\x11\xe0", "XLS/DOC"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7z"),
    (b"\x1f\x8b", "gzip"),
)


class ImportFileError(CuratorError):
    """The file cannot be imported at all (not a table, too big, empty, unreadable)."""

    exit_code = 2


@dataclass(frozen=True)
class SourceRow:
    """One data row: its number in the file (the header is row 1) and its cells as text."""

    number: int
    cells: tuple[str, ...]

    def cell(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column]


@dataclass
class SourceTable:
    """What was read: the header, the data rows and how the file was understood."""

    path: Path
    headers: list[str]
    rows: list[SourceRow]
    kind: str
    header_row: int = 1
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """``CSV, Windows-1251, «;»`` or ``XLSX, sheet «Лист1»``: how the file was read."""
        if self.kind == "xlsx":
            return _("XLSX, sheet «{sheet}»").format(sheet=self.sheet or "")
        names = {
            "utf-8-sig": "UTF-8",
            "utf-8": "UTF-8",
            "cp1251": "Windows-1251",
            "utf-16": "UTF-16",
            "utf-16-le": "UTF-16",
            "utf-16-be": "UTF-16",
        }
        delimiter = {"\t": _("tab")}.get(self.delimiter or "", self.delimiter or "")
        return _("CSV, {encoding}, delimiter «{delimiter}»").format(
            encoding=names.get(self.encoding or "", self.encoding or ""), delimiter=delimiter
        )


def read_table(path: Path) -> SourceTable:
    """Read ``path`` (CSV or XLSX, told apart by content, not by name) as a table of text."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(
            _("The file {path} cannot be opened: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    if size > MAX_BYTES:
        raise ImportFileError(
            _("The file is too large ({size} MB): files up to {limit} MB can be imported.").format(
                size=round(size / 1024 / 1024, 1), limit=MAX_BYTES // 1024 // 1024
            )
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(
            _("The file {path} cannot be read: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFileError(_("The file {name} is empty.").format(name=path.name))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, data)
    return _read_csv(path, data)


# -- CSV ------------------------------------------------------------------------------------------


def _not_a_table(path: Path, what: str | None = None) -> ImportFileError:
    message = _(
        "The file {name} is not a table: save the list as CSV or as an Excel workbook (.xlsx)."
    ).format(name=path.name)
    if what:
        message += " " + _("It looks like a {kind} file.").format(kind=what)
    return ImportFileError(message)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            if kind == "XLS/DOC":
                raise ImportFileError(
                    _(
                        "The file {name} is in the old Excel format (.xls): open it in Excel or "
                        "LibreOffice and save it as .xlsx or CSV."
                    ).format(name=path.name)
                )
            raise _not_a_table(path, kind)
    text, encoding = _text_of(path, data)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(2, len(sample) // 1000):
        raise _not_a_table(path)
    return text, encoding


def _text_of(path: Path, data: bytes) -> tuple[str, str]:
    try:
        return decode_text(data)
    except NotText as exc:
        if exc.binary:
            raise _not_a_table(path) from None
        raise ImportFileError(
            _(
                "The file {name} is neither UTF-8 nor Windows-1251 text: "
                "save it again as CSV (UTF-8)."
            ).format(name=path.name)
        ) from None


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    sample = "\n".join(lines)
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter and _columns(lines[:HEADER_SEARCH_ROWS], delimiter) > 1:
        return delimiter
    counts = {d: _columns(lines[:HEADER_SEARCH_ROWS], d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 1 else ";"


def _columns(lines: list[str], delimiter: str) -> int:
    """The widest row of ``lines`` split by ``delimiter`` (quotes respected)."""
    try:
        return max((len(row) for row in csv.reader(lines, delimiter=delimiter)), default=0)
    except csv.Error:
        return 0


def _read_csv(path: Path, data: bytes) -> SourceTable:
    text, encoding = _decode(path, data)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        raw = _limited(enumerate(reader, start=1))
        return _table(path, raw, kind="csv", encoding=encoding, delimiter=delimiter)
    except csv.Error as exc:
        log.info("CSV %s cannot be read: %s", path, exc)
        if "field larger than field limit" in str(exc):
            message = _(
                "The file {name} has a cell longer than {limit} characters: it is not a list "
                "of schools."
            )
        else:
            message = _("The file {name} is not a valid CSV table (a quote left open?).")
        raise ImportFileError(
            message.format(name=path.name, limit=format_number(csv.field_size_limit()))
        ) from exc


# -- XLSX -----------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """One spreadsheet value as text: ``3444012345.0`` → ``3444012345``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else value
        except InvalidOperation:
            return str(value)
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f")
    return str(value)


def _read_xlsx(path: Path, data: bytes) -> SourceTable:
    try:
        workbook = office.open_workbook(data, ZIP_LIMITS)
    except ZipRefused as exc:
        raise ImportFileError(
            _("The file {path} cannot be read: {reason}").format(path=path, reason=exc.problem)
        ) from None
    except office.parser_errors() as exc:
        log.info("openpyxl could not open %s: %r", path, exc)
        message = _("The file {name} is a ZIP archive but not an Excel workbook (.xlsx).")
        if isinstance(exc, office.xml_errors()):
            message = _(
                "The file {name} is a damaged Excel workbook: open it in Excel and save it again."
            )
        raise ImportFileError(message.format(name=path.name)) from exc
    try:
        sheet = _pick_sheet(workbook)
        raw = _limited(
            (number, [cell_text(v) for v in values])
            for number, values in enumerate(_rows(sheet), start=1)
        )
        return _table(path, raw, kind="xlsx", sheet=sheet.title)
    except office.TooManyRows as exc:
        raise ImportFileError(
            _("The sheet «{sheet}» of {name} goes on past {limit} rows, empty ones included: "
              "delete the rows below the list or split it into smaller files.").format(
                sheet=exc.sheet, name=path.name, limit=format_number(exc.limit)
            )
        ) from None  # fmt: skip
    except office.SheetUnreadable as exc:
        log.info("openpyxl could not read %s: %r", path, exc.__cause__)
        raise ImportFileError(
            _("The file {name} is damaged: the sheet «{sheet}» cannot be read.").format(
                name=path.name, sheet=exc.sheet
            ),
        ) from exc
    finally:
        workbook.close()


def _rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    return office.sheet_rows(sheet, max_rows=MAX_SHEET_ROWS)


def _pick_sheet(workbook: Any) -> Any:
    """The first sheet whose first rows contain a recognisable header, else the first sheet."""
    sheets = list(workbook.worksheets)
    if not sheets:
        raise ImportFileError(_("The workbook has no sheets."))
    for sheet in sheets:
        head = itertools.islice(_rows(sheet), HEADER_SEARCH_ROWS)
        if any(header_score(cell_text(v) for v in row) >= 2 for row in head):
            return sheet
    return sheets[0]


# -- shared ---------------------------------------------------------------------------------------


def _limited(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """The rows, refused past :data:`MAX_ROWS` that are not empty; empty rows below the header's
    search are dropped (only their numbers mattered)."""
    count = 0
    for index, row in enumerate(rows):
        filled = any(cell.strip() for cell in row[1])
        if not filled and index >= HEADER_SEARCH_ROWS:
            continue
        count += filled
        if count > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise ImportFileError(
                _("The file has more than {limit} rows: split it into smaller files.").format(
                    limit=MAX_ROWS
                )
            )
        yield row


def _table(
    path: Path, raw: Iterable[tuple[int, list[str]]], *, kind: str, **how: str | None
) -> SourceTable:
    """Find the header among the first rows, then keep the non-blank rows below it."""
    rows = [(number, [c.strip() for c in cells]) for number, cells in raw]
    header_index = 0
    best = 0
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = header_score(cells)
        if score > best:
            header_index, best = index, score
    while header_index < len(rows) and not any(rows[header_index][1]):
        header_index += 1
    if header_index >= len(rows):
        raise ImportFileError(_("The file {name} has no rows.").format(name=path.name))
    header_number, headers = rows[header_index]
    data = [SourceRow(n, tuple(cells)) for n, cells in rows[header_index + 1 :] if any(cells)]
    if len(data) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than {limit} rows: split it into smaller files.").format(
                limit=MAX_ROWS
            )
        )
    width = max([len(headers), *(len(r.cells) for r in data)])
    headers = headers + [""] * (width - len(headers))
    log.info("Read %s: %d rows, header at row %d", path.name, len(data), header_number)
    return SourceTable(
        path=path, headers=headers, rows=data, kind=kind, header_row=header_number, **how
    )
