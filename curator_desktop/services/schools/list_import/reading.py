"""Reading the coordinator's table: CSV in any of the usual encodings, or an XLSX workbook.

Russian Excel saves CSV in Windows-1251 with «;»; other tools write UTF-8, with or without a BOM,
and «,» or tabs. The encoding and the delimiter are detected; XLSX is read with openpyxl in
read-only mode. Every cell comes back as text: integral numbers without «.0» or an exponent (an
ИНН stored as a number stays a 10-digit text), dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.i18n import _
from curator_desktop.services.schools.list_import.mapping import header_score

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 15
"""The header is looked for in the first rows: some files start with a title line."""

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
        names = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp1251": "Windows-1251"}
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
    if b"\x00" in data[:65536]:
        raise _not_a_table(path)
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1251"), "cp1251"
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _(
                    "The file {name} is neither UTF-8 nor Windows-1251 text: "
                    "save it again as CSV (UTF-8)."
                ).format(name=path.name)
            ) from exc
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(2, len(sample) // 1000):
        raise _not_a_table(path)
    return text, encoding


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
        raise ImportFileError(
            _("The file {name} is not a valid CSV table: {reason}").format(
                name=path.name, reason=exc
            )
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
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            _("The file {name} is a ZIP archive but not an Excel workbook (.xlsx).").format(
                name=path.name
            ),
            details=str(exc),
        ) from exc
    try:
        sheet = _pick_sheet(workbook)
        raw = _limited(
            (number, [cell_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        return _table(path, raw, kind="xlsx", sheet=sheet.title)
    finally:
        workbook.close()


def _pick_sheet(workbook: Any) -> Any:
    """The first sheet whose first rows contain a recognisable header, else the first sheet."""
    sheets = list(workbook.worksheets)
    if not sheets:
        raise ImportFileError(_("The workbook has no sheets."))
    for sheet in sheets:
        head = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
        if any(header_score(cell_text(v) for v in row) >= 2 for row in head):
            return sheet
    return sheets[0]


# -- shared ---------------------------------------------------------------------------------------


def _limited(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    count = 0
    for row in rows:
        count += any(cell.strip() for cell in row[1])
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
