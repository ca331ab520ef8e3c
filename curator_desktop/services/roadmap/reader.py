"""Reading a roadmap FILE (.docx, .xlsx, .csv, .txt) into a :class:`ParsedRoadmap`, without Qt.

Every format ends in the same domain functions (:func:`parse_roadmap_rows`,
:func:`parse_roadmap_text`), so columns, wrapped rows, headings, legend and the curator's marks
are found the same way. Text is read as UTF-16 (Excel's «Unicode text»), UTF-8 (with or without
BOM) or Windows-1251 (:mod:`curator_desktop.services.limits.text`); a CSV's delimiter («;», «,»
or tab) is sniffed. A file larger than :data:`MAX_BYTES` is refused before it is read, a DOCX or
XLSX from its zip directory before it is parsed (:mod:`.office`). Every failure is a
:class:`ValidationError` whose message names the file and says what to do.
"""

from __future__ import annotations

import csv
import io
import logging
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.domain.roadmap.document import ParsedRoadmap
from curator_desktop.domain.roadmap.table import (
    NO_TABLE_FIELD,
    no_table_error,
    parse_roadmap_rows,
)
from curator_desktop.domain.roadmap.text import parse_roadmap_text
from curator_desktop.i18n import _, format_number
from curator_desktop.services.limits import office as office_files
from curator_desktop.services.limits.text import NotText, decode_text
from curator_desktop.services.limits.zips import ZipRefused

log = logging.getLogger(__name__)

SUFFIXES: tuple[str, ...] = (".docx", ".xlsx", ".csv", ".txt")
"""The file types a roadmap is read from."""

MAX_BYTES = 20 * 1024 * 1024
"""The largest roadmap file read (a real one is well under a megabyte)."""
_DELIMITERS = ";,\t"


def read_roadmap(path: Path) -> ParsedRoadmap:
    """Read the roadmap in ``path``; raise :class:`ValidationError` with a message for the user
    when the file is of an unknown type, unreadable, damaged, empty or holds no roadmap table."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            _("Cannot read {name}: a roadmap is read from a {types} file.").format(
                name=path.name, types=", ".join(SUFFIXES)
            ),
            field="path",
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(
                _("The file is too large ({size} MB): files up to {limit} MB can be "
                  "imported.").format(
                    size=format_number(round(size / 1024 / 1024, 1)),
                    limit=format_number(MAX_BYTES // 1024 // 1024),
                ),
                field="path",
            )  # fmt: skip
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("Cannot read {name}: {reason}").format(name=path.name, reason=os_reason(exc)),
            field="path",
        ) from exc
    if not data.strip():
        raise ValidationError(_("The file {name} is empty.").format(name=path.name), field="path")
    try:
        parsed = _parse(path, suffix, data)
    except ValidationError as exc:
        if exc.field != NO_TABLE_FIELD:
            raise
        raise ValidationError(
            _("{name}: {message}").format(name=path.name, message=exc.user_message),
            field=NO_TABLE_FIELD,
        ) from exc
    if not parsed.document.title:  # a table with nothing printed above it: name it after the file
        parsed = replace(parsed, document=replace(parsed.document, title=path.stem))
    log.info("Read roadmap %s: %d items", path.name, len(parsed.items))
    return parsed


def _parse(path: Path, suffix: str, data: bytes) -> ParsedRoadmap:
    if suffix == ".docx":
        return _parse_docx(path, data)
    if suffix == ".xlsx":
        return _parse_xlsx(path, data)
    text = _decode(path, data)
    if suffix == ".csv":
        return parse_roadmap_rows(_csv_rows(text))
    return parse_roadmap_text(text)


def _damaged(path: Path, kind: str) -> ValidationError:
    return ValidationError(
        _("Cannot read {name}: the file is damaged or is not a real {kind} document.").format(
            name=path.name, kind=kind
        ),
        field="path",
    )


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise _damaged(path, path.suffix.lstrip(".").upper())
    try:
        return decode_text(data)[0]
    except NotText:
        raise _damaged(path, path.suffix.lstrip(".").upper()) from None


def _too_large(path: Path, error: ZipRefused) -> ValidationError:
    return ValidationError(
        _("Cannot read {name}: {reason}").format(name=path.name, reason=error.problem),
        field="path",
    )


def _too_long(path: Path, limit: int) -> ValidationError:
    return ValidationError(
        _("Cannot read {name}: it goes on past {limit} rows or paragraphs; a roadmap is much "
          "shorter.").format(name=path.name, limit=format_number(limit)),
        field="path",
    )  # fmt: skip


def _csv_rows(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.strip()][:50]
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delimiter = max(_DELIMITERS, key=lambda d: sum(line.count(d) for line in lines))
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _parse_docx(path: Path, data: bytes) -> ParsedRoadmap:
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError

    from curator_desktop.services.roadmap.office import DocumentTooLong, read_docx

    try:
        content = read_docx(data)
    except ZipRefused as exc:
        raise _too_large(path, exc) from None
    except DocumentTooLong as exc:
        raise _too_long(path, exc.limit) from None
    except (*office_files.parser_errors(), PythonDocxError, OpcError) as exc:
        log.info("python-docx could not open %s: %r", path, exc)
        raise _damaged(path, "DOCX") from exc
    return parse_roadmap_rows(content.rows, preamble=content.preamble, trailer=content.trailer)


def _parse_xlsx(path: Path, data: bytes) -> ParsedRoadmap:
    from curator_desktop.services.roadmap.office import DocumentTooLong, read_xlsx_sheets

    sheets: list[list[list[str]]] = []
    try:
        with closing(read_xlsx_sheets(data)) as found:
            sheets.extend(found)
    except ZipRefused as exc:
        raise _too_large(path, exc) from None
    except (office_files.TooManyRows, DocumentTooLong) as exc:
        raise _too_long(path, exc.limit) from None
    except (office_files.SheetUnreadable, *office_files.parser_errors()) as exc:
        log.info("openpyxl could not open %s: %r", path, exc)
        raise _damaged(path, "XLSX") from exc
    error = no_table_error()
    for rows in sheets:
        try:
            return parse_roadmap_rows(rows)
        except ValidationError as exc:  # no roadmap on this sheet: try the next one
            error = exc
    raise error
