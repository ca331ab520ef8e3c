"""Importing the list of assigned schools as coordinators send it (CSV or XLSX), without Qt.

``read_table`` → ``detect_mapping`` → ``build_import_diff`` (a preview, nothing written) →
``apply_import_diff`` (backup, then one transaction). :func:`import_schools` runs them all for
the command line; the dialog calls the steps one by one so the user can change the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop.i18n import _
from curator_desktop.services.schools.list_import.apply import (
    ImportResult,
    StaleDiffError,
    apply_import_diff,
)
from curator_desktop.services.schools.list_import.diff import (
    FieldChange,
    ImportDiff,
    RowError,
    RowToAdd,
    RowToUpdate,
    build_import_diff,
)
from curator_desktop.services.schools.list_import.mapping import (
    FIELD_KEYS,
    ColumnMapping,
    detect_mapping,
)
from curator_desktop.services.schools.list_import.reading import (
    MAX_BYTES,
    MAX_ROWS,
    ImportFileError,
    SourceTable,
    read_table,
)

if TYPE_CHECKING:
    from curator_desktop.paths import AppPaths
    from curator_desktop.store.database import Database

__all__ = [
    "FIELD_KEYS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ColumnMapping",
    "FieldChange",
    "ImportDiff",
    "ImportFileError",
    "ImportOutcome",
    "ImportResult",
    "Preview",
    "RowError",
    "RowToAdd",
    "RowToUpdate",
    "SourceTable",
    "StaleDiffError",
    "apply_import_diff",
    "build_import_diff",
    "detect_mapping",
    "import_schools",
    "preview_file",
    "require_key_columns",
]


@dataclass
class Preview:
    """A file read and sorted against the store: what the dialog shows."""

    table: SourceTable
    diff: ImportDiff

    @property
    def mapping(self) -> ColumnMapping:
        return self.diff.mapping


@dataclass
class ImportOutcome:
    """The preview and, unless it was a dry run, what was written."""

    table: SourceTable
    diff: ImportDiff
    result: ImportResult | None


def preview_file(path: Path, database: Database, mapping: ColumnMapping | None = None) -> Preview:
    """Read ``path`` and build its diff with ``mapping`` (detected from the header if None)."""
    table = read_table(path)
    mapping = mapping if mapping is not None else detect_mapping(table.headers)
    return Preview(table, build_import_diff(table.rows, mapping, database))


def require_key_columns(table: SourceTable, mapping: ColumnMapping) -> None:
    """Refuse a file where neither the schools' names nor their ИНН were found."""
    if mapping.column_for("full_name") is None and mapping.column_for("inn") is None:
        headers = ", ".join(f"«{h}»" for h in table.headers if h) or "—"
        raise ImportFileError(
            _(
                "No column with the schools' full names or INN was found in {name}. "
                "The header (row {row}) has: {headers}."
            ).format(name=table.path.name, row=table.header_row, headers=headers)
        )


def import_schools(
    path: Path,
    database: Database,
    paths: AppPaths,
    *,
    dry_run: bool,
    mapping: ColumnMapping | None = None,
) -> ImportOutcome:
    """Read, diff and (unless ``dry_run``) apply an import of ``path`` into ``database``."""
    preview = preview_file(path, database, mapping)
    require_key_columns(preview.table, preview.mapping)
    result = None
    if not dry_run:
        result = apply_import_diff(
            preview.diff,
            database=database,
            store_file=paths.store_file,
            backup_dir=paths.backup_dir,
        )
    return ImportOutcome(preview.table, preview.diff, result)
