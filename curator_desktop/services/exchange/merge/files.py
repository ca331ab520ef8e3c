"""The files an import brings: attachment bytes (stored once under their SHA-256) and report PDFs.

Files become durable *before* the transaction that refers to them commits, so a store never
holds a row whose file is not there, whenever the process dies:

- a file the data folder lacks is copied out of the package straight into its final place (the
  package's copy writes a temporary file, checks its hash, flushes it and renames it), and the
  folders' entries are flushed; an attachment's place is its SHA-256, so a file put there early
  is right whatever the store says. When the import fails, the files it added are removed again;
- a file that is there but damaged (its bytes no longer hash to its SHA-256), or missing for a
  record this store already holds, is restored from the package — also when the package brings
  no record to write (importing the same package again brings a lost photo back);
- a report PDF that replaces a *different* one already there is copied beside it and moved in
  once the transaction committed (the old PDF belongs to the old row until then).

A killed import leaves at most temporary ``.part`` files, which opening the store removes
(:mod:`curator_desktop.store.aside`).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from curator_desktop.domain.errors import ValidationError
from curator_desktop.durable import fsync_dir
from curator_desktop.i18n import _
from curator_desktop.services.exchange.package.format import attachment_member, report_member
from curator_desktop.services.visits.file_check import file_state
from curator_desktop.services.visits.files import stored_path

log = logging.getLogger(__name__)

FinalRecord = tuple[str, Mapping[str, Any], Mapping[str, Any] | None]
"""(table, the record as the import leaves it, the local record before or None)."""
Mode = Literal["new", "restore", "replace"]
"""``new``: no file there (removed again if the import fails); ``restore``: a missing or damaged
file of a record kept (stays); ``replace``: another report PDF there (moved after the commit)."""


@dataclass(frozen=True)
class FileCopy:
    """How to copy one file out of the package to a path, and how it is put in place."""

    copy: Callable[[Path], Any]
    mode: Mode


Wanted = dict[Path, FileCopy]
"""Final path → its copy."""


class FileSource(Protocol):
    """Where attachment and report bytes come from (an open package). Each copy is atomic and
    durable: a temporary file beside ``dest``, its hash checked, flushed, renamed to ``dest``."""

    def copy_attachment(self, sha256: str, dest: Path) -> Any: ...

    def copy_report(self, report_id: str, dest: Path) -> Any: ...


@dataclass
class StagedFiles:
    """The files of an import whose transaction has not committed yet: ``placed`` are in their
    final places already (``added``: those that were not there), ``moves`` wait beside theirs."""

    placed: list[Path] = field(default_factory=list)
    added: list[Path] = field(default_factory=list)
    moves: list[tuple[Path, Path]] = field(default_factory=list)

    @property
    def finals(self) -> list[Path]:
        """Every final path of this import (placed or waiting)."""
        return [*self.placed, *(final for _temporary, final in self.moves)]

    def discard(self) -> None:
        """The import failed: remove the files it added and the copies waiting."""
        for path in [*self.added, *(temporary for temporary, _final in self.moves)]:
            path.unlink(missing_ok=True)
        self.placed, self.added, self.moves = [], [], []

    def commit(self) -> list[Path]:
        """The transaction committed: move the waiting copies in; returns every final path."""
        for temporary, final in self.moves:
            os.replace(temporary, final)
        for folder in {final.parent for _temporary, final in self.moves}:
            fsync_dir(folder)
        return self.finals


def _attachment(
    wanted: Wanted,
    record: Mapping[str, Any],
    *,
    kept: bool,
    members: Collection[str],
    files: FileSource | None,
    attachments_dir: Path,
    pending: Collection[Path],
    verify: bool,
) -> None:
    """Want the file of an attachment record when it is not there intact."""
    sha = str(record["sha256"])
    try:
        final = stored_path(attachments_dir, sha)
    except ValueError:
        if kept:
            return
        raise
    if final in wanted or final in pending:
        return
    state = file_state(final, sha) if verify else (None if final.exists() else "missing")
    if state is None:
        return
    if attachment_member(sha) not in members or files is None:
        if kept or state == "damaged":
            log.warning("The file %s is %s and the package does not carry it", final, state)
            return
        raise ValidationError(
            _(
                "The package lacks the file of the attachment «{name}». "
                "Nothing was imported."
            ).format(name=record.get("file_name") or sha)
        )  # fmt: skip
    mode: Mode = "new" if state == "missing" and not kept else "restore"
    wanted[final] = FileCopy(lambda dest, sha=sha: files.copy_attachment(sha, dest), mode)


def _report(
    wanted: Wanted,
    record: Mapping[str, Any],
    before: Mapping[str, Any] | None,
    *,
    members: Collection[str],
    files: FileSource | None,
    reports_dir: Path,
    pending: Collection[Path],
) -> None:
    """Want the PDF of a report record that is new here or changed."""
    report_id = str(record["id"])
    final = reports_dir / f"{report_id}.pdf"
    if report_member(report_id) not in members or files is None or final in pending:
        return
    same = before is not None and before.get("file_sha256") == record.get("file_sha256")
    if final.exists() and (same or before is None):
        return
    mode: Mode = "replace" if final.exists() else "new"
    wanted[final] = FileCopy(lambda dest, rid=report_id: files.copy_report(rid, dest), mode)


def files_wanted(
    finals: Iterable[FinalRecord],
    *,
    members: Collection[str],
    files: FileSource | None,
    attachments_dir: Path,
    reports_dir: Path,
    pending: Collection[Path] = (),
    kept: Iterable[Mapping[str, Any]] = (),
    verify: bool = True,
) -> Wanted:
    """The attachment files the store lacks (or holds damaged: ``verify`` hashes those that are
    there) and the report PDFs that are new or changed.

    ``finals``: the records the import writes; ``kept``: the attachment records it leaves as
    they are, whose missing or damaged files the package can restore. ``pending`` are files
    already put in place for a transaction not committed yet (a batch's earlier packages): they
    count as there. ``ValidationError`` when a written attachment's bytes are neither here nor
    in the package.
    """
    wanted: Wanted = {}
    members, pending = set(members), set(pending)
    where: dict[str, Any] = {"members": members, "files": files, "pending": pending}
    for table, record, before in finals:
        if record.get("deleted"):
            continue
        if table == "attachment":
            _attachment(
                wanted, record, kept=False, attachments_dir=attachments_dir, verify=verify, **where
            )
        elif table == "generated_report":
            _report(wanted, record, before, reports_dir=reports_dir, **where)
    for record in kept:
        if not record.get("deleted"):
            _attachment(
                wanted, record, kept=True, attachments_dir=attachments_dir, verify=verify, **where
            )
    return wanted


def _folder(path: Path, touched: set[Path]) -> None:
    """Make ``path``'s folder when needed; note the folders whose entries change (the folder,
    and each folder that gains a new one)."""
    folder = existing = path.parent
    while not existing.is_dir():
        touched.add(existing)
        existing = existing.parent
    if existing != folder:
        folder.mkdir(parents=True, exist_ok=True)
        touched.add(existing)
    touched.add(folder)


def stage_files(wanted: Wanted) -> StagedFiles:
    """Put every wanted file in place (see the module), durably; a report PDF replacing another
    waits beside it. On failure, what was added is removed again."""
    staged = StagedFiles()
    touched: set[Path] = set()
    try:
        for final, item in wanted.items():
            _folder(final, touched)
            if item.mode == "replace":
                fd, name = tempfile.mkstemp(dir=final.parent, prefix=".import-", suffix=".part")
                os.close(fd)
                staged.moves.append((Path(name), final))
                item.copy(Path(name))
                continue
            if item.mode == "new" and not final.exists():
                staged.added.append(final)
            item.copy(final)
            staged.placed.append(final)
        for folder in sorted(touched, key=lambda p: len(p.parts), reverse=True):
            fsync_dir(folder)
    except BaseException:
        staged.discard()
        raise
    return staged
