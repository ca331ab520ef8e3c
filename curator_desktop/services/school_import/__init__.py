"""Importing the list of assigned schools as coordinators send it (CSV or XLSX), without Qt.

``read_table`` → ``detect_mapping`` → ``build_import_plan`` (a preview, nothing written) →
``apply_import_plan`` (backup, then one transaction). :func:`import_schools` runs them all for
the command line; the dialog calls the steps one by one so the user can change the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop.i18n import _
from curator_desktop.services.school_import.apply import (
    ImportResult,
    StalePlanError,
    apply_import_plan,
)
from curator_desktop.services.school_import.mapping import (
    FIELD_KEYS,
    ColumnMapping,
    detect_mapping,
)
from curator_desktop.services.school_import.plan import (
    FieldChange,
    ImportPlan,
    PlannedAdd,
    PlannedUpdate,
    RowError,
    build_import_plan,
)
from curator_desktop.services.school_import.reading import (
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
    "ImportFileError",
    "ImportOutcome",
    "ImportPlan",
    "ImportResult",
    "PlannedAdd",
    "PlannedUpdate",
    "Preview",
    "RowError",
    "SourceTable",
    "StalePlanError",
    "apply_import_plan",
    "build_import_plan",
    "detect_mapping",
    "import_schools",
    "preview_file",
    "require_key_columns",
]


@dataclass
class Preview:
    """A file read and sorted against the store: what the dialog shows."""

    table: SourceTable
    plan: ImportPlan

    @property
    def mapping(self) -> ColumnMapping:
        return self.plan.mapping


@dataclass
class ImportOutcome:
    """The preview and, unless it was a dry run, what was written."""

    table: SourceTable
    plan: ImportPlan
    result: ImportResult | None


def preview_file(path: Path, database: Database, mapping: ColumnMapping | None = None) -> Preview:
    """Read ``path`` and build its plan with ``mapping`` (detected from the header if None)."""
    table = read_table(path)
    mapping = mapping if mapping is not None else detect_mapping(table.headers)
    return Preview(table, build_import_plan(table.rows, mapping, database))


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
    """Read, plan and (unless ``dry_run``) apply an import of ``path`` into ``database``."""
    preview = preview_file(path, database, mapping)
    require_key_columns(preview.table, preview.mapping)
    result = None
    if not dry_run:
        result = apply_import_plan(
            preview.plan,
            database=database,
            store_file=paths.store_file,
            backup_dir=paths.backup_dir,
        )
    return ImportOutcome(preview.table, preview.plan, result)
