"""Generated reports and exchange history as Qt table models."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator_desktop.domain.enums import ReportKind
from curator_desktop.i18n import _, format_datetime, format_number

if TYPE_CHECKING:
    from curator_desktop.store.backups import BackupInfo
    from curator_desktop.store.tables import GeneratedReport, SyncState
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel


def _report_kind(row: GeneratedReport) -> str:
    return ReportKind.label_for(row.kind)


class ReportTableModel(RowTableModel["GeneratedReport"]):
    """One row per generated PDF report."""

    columns = (
        Column(
            lambda: _("Generated"),
            lambda r: format_datetime(r.generated_at),
            sort_key=lambda r: r.generated_at.isoformat(),
        ),
        Column(lambda: _("Kind"), _report_kind),
        Column(lambda: _("Title"), lambda r: r.title),
        Column(
            lambda: _("Version"),
            lambda r: str(r.version),
            sort_key=lambda r: r.version,
            align_right=True,
        ),
        Column(lambda: _("Number"), lambda r: r.document_number),
    )


def _direction(row: SyncState) -> str:
    return _("Export") if row.direction == "export" else _("Import")


def _file_name(row: SyncState) -> str:
    """The package's file name (older rows only know the folder)."""
    return str((row.scope or {}).get("file") or row.destination)


def _file_path(row: SyncState) -> str:
    name = (row.scope or {}).get("file")
    return str(Path(row.destination) / name) if name and row.destination else _file_name(row)


class ExchangeTableModel(RowTableModel["SyncState"]):
    """One row per export or import of an exchange file."""

    columns = (
        Column(
            lambda: _("When"), lambda r: format_datetime(r.at), sort_key=lambda r: r.at.isoformat()
        ),
        Column(lambda: _("Direction"), _direction),
        Column(lambda: _("File"), _file_name, tooltip=_file_path),
        Column(
            lambda: _("Records"),
            lambda r: format_number(r.record_count),
            sort_key=lambda r: r.record_count,
            align_right=True,
        ),
        Column(lambda: _("SHA-256"), lambda r: r.package_sha256[:16]),
    )


def _backup_reason(reason: str) -> str:
    labels = {
        "daily": _("daily"),
        "manual": _("on request"),
        "pre-migration": _("before an upgrade"),
        "pre-import": _("before an import"),
        "pre-restore": _("before a restore"),
        "pre-repair": _("before a repair"),
    }
    return labels.get(reason, reason)


def _backup_size(row: BackupInfo) -> str:
    return _("{size} KB").format(size=format_number(round(row.size_bytes / 1024)))


class BackupTableModel(RowTableModel["BackupInfo"]):
    """One row per backup file, newest first."""

    columns = (
        Column(
            lambda: _("Taken"),
            lambda r: format_datetime(r.taken_at),
            sort_key=lambda r: r.taken_at.isoformat(),
        ),
        Column(lambda: _("Reason"), lambda r: _backup_reason(r.reason)),
        Column(
            lambda: _("Size"),
            _backup_size,
            sort_key=lambda r: r.size_bytes,
            align_right=True,
        ),
        Column(lambda: _("File"), lambda r: r.path.name),
    )
