"""Reading the sheets of a coordinator's XLSX (catalog or results) within the shared limits:
each sheet as a header and rows of text, with the row numbers a message names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.json_parsing import file_name
from curator_desktop.domain.text import sort_key
from curator_desktop.i18n import _, format_number
from curator_desktop.services.limits import office
from curator_desktop.services.limits.zips import ZipLimits, ZipRefused
from curator_desktop.services.schools.list_import.reading import cell_text

MAX_BYTES = 8 * 1024 * 1024
MAX_ROWS = 20_000
ZIP_LIMITS = ZipLimits(
    max_members=2_000,
    max_directory_bytes=2 * 1024**2,
    max_member_bytes=32 * 1024**2,
    max_total_bytes=128 * 1024**2,
)


@dataclass(frozen=True)
class Sheet:
    """A sheet's header (folded for matching) and its non-blank rows with their numbers."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def column(self, *names: str) -> int | None:
        """The index of the first header cell named one of ``names`` (folded), or None."""
        wanted = {sort_key(n) for n in names}
        return next((i for i, h in enumerate(self.header) if h in wanted), None)


def read_sheets(path: Path) -> dict[str, Sheet]:
    """Folded sheet title → :class:`Sheet` of the workbook ``path``; :class:`ValidationError`
    when it is too large, not a workbook or damaged."""
    name = file_name(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("Cannot read {file}: {reason}.").format(file=name, reason=exc)
        ) from exc
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("{file} is larger than {limit} MB.").format(
                file=name, limit=format_number(MAX_BYTES // 1024**2)
            )
        )
    try:
        workbook = office.open_workbook(data, ZIP_LIMITS)
    except ZipRefused as exc:
        raise ValidationError(
            _("{file}: {problem}").format(file=name, problem=exc.problem)
        ) from None
    except office.parser_errors() as exc:
        raise ValidationError(
            _("{file} is not an Excel workbook (.xlsx) or is damaged.").format(file=name)
        ) from exc
    try:
        sheets: dict[str, Sheet] = {}
        for sheet in workbook.worksheets:
            rows = [
                (number, tuple(cell_text(v).strip() for v in values))
                for number, values in enumerate(office.sheet_rows(sheet, max_rows=MAX_ROWS), 1)
            ]
            rows = [(n, cells) for n, cells in rows if any(cells)]
            if not rows:
                continue
            header = tuple(sort_key(c) for c in rows[0][1])
            sheets[sort_key(sheet.title)] = Sheet(sheet.title, header, tuple(rows[1:]))
        return sheets
    except office.TooManyRows as exc:
        raise ValidationError(
            _("{file}, sheet «{sheet}»: more than {limit} rows.").format(
                file=name, sheet=exc.sheet, limit=format_number(exc.limit)
            )
        ) from None
    except office.SheetUnreadable as exc:
        raise ValidationError(
            _("{file} is damaged: the sheet «{sheet}» cannot be read.").format(
                file=name, sheet=exc.sheet
            )
        ) from exc
    finally:
        workbook.close()


def place(path: Path, sheet: Sheet, row: int, column: str) -> str:
    """«file, sheet «…», row N, column «…»» for a message."""
    return _("{file}, sheet «{sheet}», row {row}, column «{column}»").format(
        file=file_name(path), sheet=sheet.title, row=row, column=column
    )
