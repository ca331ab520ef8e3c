"""The files an import brings: attachment bytes (stored once under their SHA-256) and report PDFs.

They are copied out of the package into temporary files beside their final places before the
store is written, and moved into place only once the transaction committed; a refused or failed
import discards them, so the data folder stays as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _
from curator_desktop.services.exchange.package.format import attachment_member, report_member
from curator_desktop.services.visits.files import stored_path

FinalRecord = tuple[str, Mapping[str, Any], Mapping[str, Any] | None]
"""(table, the record as the import leaves it, the local record before or None)."""
Wanted = dict[Path, Callable[[Path], Any]]
"""Final path → how to copy the file there."""


class FileSource(Protocol):
    """Where attachment and report bytes come from (an open package)."""

    def copy_attachment(self, sha256: str, dest: Path) -> Any: ...

    def copy_report(self, report_id: str, dest: Path) -> Any: ...


@dataclass
class StagedFiles:
    """Files copied next to their final places, waiting for the store to commit."""

    moves: list[tuple[Path, Path]] = field(default_factory=list)

    def discard(self) -> None:
        """Remove the temporary copies (the import failed)."""
        for temporary, _final in self.moves:
            temporary.unlink(missing_ok=True)

    def commit(self) -> list[Path]:
        """Move every copy into place; returns the final paths."""
        done = []
        for temporary, final in self.moves:
            os.replace(temporary, final)
            done.append(final)
        return done


def _wanted(
    finals: Iterable[FinalRecord],
    members: Collection[str],
    files: FileSource | None,
    attachments_dir: Path,
    reports_dir: Path,
    pending: Collection[Path],
) -> Wanted:
    wanted: Wanted = {}
    for table, record, before in finals:
        if record.get("deleted"):
            continue
        if table == "attachment":
            sha = str(record["sha256"])
            final = stored_path(attachments_dir, sha)
            if final in wanted or final in pending or final.exists():
                continue
            if attachment_member(sha) not in members or files is None:
                raise ValidationError(
                    _(
                        "The package lacks the file of the attachment «{name}». "
                        "Nothing was imported."
                    ).format(name=record.get("file_name") or sha)
                )
            wanted[final] = lambda dest, sha=sha: files.copy_attachment(sha, dest)
        elif table == "generated_report":
            report_id = str(record["id"])
            final = reports_dir / f"{report_id}.pdf"
            if report_member(report_id) not in members or files is None:
                continue
            same = before is not None and before.get("file_sha256") == record.get("file_sha256")
            if (final in pending or final.exists()) and (same or before is None):
                continue
            wanted[final] = lambda dest, rid=report_id: files.copy_report(rid, dest)
    return wanted


def files_wanted(
    finals: Iterable[FinalRecord],
    *,
    members: Collection[str],
    files: FileSource | None,
    attachments_dir: Path,
    reports_dir: Path,
    pending: Collection[Path] = (),
) -> Wanted:
    """The attachment files the store lacks and the report PDFs that are new or changed.

    ``pending`` are files already copied aside for a transaction not committed yet (a batch's
    earlier packages): they count as there. ``ValidationError`` when a kept attachment's bytes
    are neither here nor in the package.
    """
    return _wanted(finals, set(members), files, attachments_dir, reports_dir, set(pending))


def stage_files(wanted: Wanted) -> StagedFiles:
    """Copy every wanted file into a temporary file beside its final place."""
    staged = StagedFiles()
    try:
        for final, copy in wanted.items():
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=final.parent, prefix=".import-", suffix=".part")
            os.close(fd)
            staged.moves.append((Path(name), final))
            copy(Path(name))
    except BaseException:
        staged.discard()
        raise
    return staged
