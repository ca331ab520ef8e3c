"""Writing a table as CSV or XLSX: every cell neutralised, the file replaced whole or not at all."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from curator_desktop.durable import fsync_dir
from curator_desktop.services.spreadsheets.cells import neutralise

Rows = Iterable[Sequence[Any]]

_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an XLSX file cannot hold (openpyxl refuses them)."""
_SHEET_TITLE_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_MAX = 31


def write_csv(path: Path, rows: Rows, *, delimiter: str = ";") -> Path:
    """Write ``rows`` (the header first, if any) as CSV for Excel in Russia: UTF-8 with a BOM,
    «;» between cells, every cell through :func:`neutralise`. Returns ``path``."""

    def write(fh: IO[bytes]) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        writer = csv.writer(text, delimiter=delimiter)
        writer.writerows([neutralise(value) for value in row] for row in rows)
        text.flush()
        text.detach()

    return _replace(Path(path), write)


def write_xlsx(path: Path, rows: Rows, *, sheet: str = "") -> Path:
    """Write ``rows`` (the header first, if any) as one sheet of an Excel workbook: every text
    cell through :func:`neutralise` and stored as text, never as a formula; numbers and dates
    keep their type. Returns ``path``."""
    return write_xlsx_sheets(path, [(sheet, rows)])


def write_xlsx_sheets(path: Path, sheets: Sequence[tuple[str, Rows]]) -> Path:
    """Write each ``(title, rows)`` as a sheet of one Excel workbook, in order, every cell as
    :func:`write_xlsx` writes it. Returns ``path``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        worksheet = workbook.create_sheet(_sheet_title(title) or None)

        def cell(value: Any, worksheet: Any = worksheet) -> Any:
            if not isinstance(value, str):
                return WriteOnlyCell(worksheet, value=value)
            written = WriteOnlyCell(worksheet, value=neutralise(_XLSX_ILLEGAL.sub("", value)))
            written.data_type = "s"
            return written

        for row in rows:
            worksheet.append([cell(value) for value in row])
    return _replace(Path(path), workbook.save)


def _sheet_title(title: str) -> str:
    return _SHEET_TITLE_ILLEGAL.sub(" ", title).strip()[:SHEET_TITLE_MAX]


def _replace(target: Path, write: Callable[[Any], None]) -> Path:
    """Write through a temporary file beside ``target``, flushed, then renamed over it."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        with temporary.open("wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    fsync_dir(target.parent)
    return target
