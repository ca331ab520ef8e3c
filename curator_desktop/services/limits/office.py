"""DOCX and XLSX from outside: opened only through the shared zip check, sheets read with
bounded rows and columns, and the parsers' own errors named in one place.

openpyxl (and lxml) are imported only when such a file is read. A sheet's declared size is not
trusted: a few hundred bytes declaring ``A1:XFD1048576`` would otherwise be padded out to
seventeen billion cells.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from curator_desktop.services.limits import zips

MAX_COLUMNS = 256
"""Cells further right than this are not read (a roadmap has 5–8 columns, a school list 20)."""


class TooManyRows(Exception):
    """A sheet goes on past the rows its reader takes (empty rows included)."""

    def __init__(self, sheet: str, limit: int) -> None:
        super().__init__(f"sheet {sheet!r} has more than {limit} rows")
        self.sheet = sheet
        self.limit = limit


class SheetUnreadable(Exception):
    """A sheet whose XML the parser cannot read (``sheet``: its title; the parser's error is
    the cause)."""

    def __init__(self, sheet: str) -> None:
        super().__init__(f"sheet {sheet!r} cannot be read")
        self.sheet = sheet


def xml_errors() -> tuple[type[BaseException], ...]:
    """What the XML parsers under openpyxl and python-docx (expat, lxml) raise on damaged XML,
    an entity bomb (expat's amplification limit) or nesting past lxml's depth limit."""
    from xml.etree.ElementTree import ParseError

    from lxml.etree import LxmlError

    return (ParseError, LxmlError)


def parser_errors() -> tuple[type[BaseException], ...]:
    """What a damaged DOCX or XLSX makes the zip module, the XML parsers and openpyxl raise,
    besides the limits' own refusals."""
    from openpyxl.utils.exceptions import InvalidFileException

    return (
        *xml_errors(),
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        InvalidFileException,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        AttributeError,
        RecursionError,
    )


def checked_file(data: bytes, limits: zips.ZipLimits) -> io.BytesIO:
    """``data`` as the file python-docx or openpyxl opens, once its end record and central
    directory passed ``limits`` (:class:`~.zips.ZipRefused` otherwise)."""
    file = io.BytesIO(data)
    zips.open_zip(file, limits).close()
    file.seek(0)
    return file


def open_workbook(data: bytes, limits: zips.ZipLimits) -> Any:
    """The workbook in ``data`` in read-only mode (values, not formulas; no external links)."""
    import openpyxl

    file = checked_file(data, limits)
    return openpyxl.load_workbook(file, read_only=True, data_only=True, keep_links=False)


def sheet_rows(
    sheet: Any, *, max_rows: int, max_columns: int = MAX_COLUMNS
) -> Iterator[tuple[Any, ...]]:
    """The values of a read-only ``sheet`` row by row, trailing empty cells dropped, at most
    ``max_columns`` wide; :class:`TooManyRows` once row ``max_rows + 1`` comes (empty rows
    count: the reading stops there, whatever the sheet holds below); :class:`SheetUnreadable`
    when the sheet's XML is damaged."""
    sheet.reset_dimensions()
    rows = sheet.iter_rows(min_row=1, max_col=max_columns, values_only=True)
    try:
        for number, row in enumerate(rows, start=1):
            if number > max_rows:
                raise TooManyRows(sheet.title, max_rows)
            end = len(row)
            while end and row[end - 1] is None:
                end -= 1
            yield row[:end]
    except parser_errors() as exc:
        raise SheetUnreadable(sheet.title) from exc
