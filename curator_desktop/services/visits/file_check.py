"""Checking attachment files against the store: is every attachment's file there, intact?

An attachment row names its file by SHA-256 (:func:`files.stored_path`); the file is *missing*
when there is none, *damaged* when its bytes no longer hash to that SHA-256. ``db check`` reports
both (an import of a package that holds those attachments brings them back), and an import uses
:func:`file_state` to decide which files to copy again. The store is read read-only, and a store
that cannot be read is reported in the result, never raised.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from curator_desktop.durable import file_sha256
from curator_desktop.i18n import _, ngettext
from curator_desktop.services.visits.files import stored_path

log = logging.getLogger(__name__)

FileState = Literal["missing", "damaged"]


def file_state(path: Path | None, sha256: str) -> FileState | None:
    """None when ``path`` holds bytes hashing to ``sha256``; else what is wrong with it."""
    if path is None or not path.is_file():
        return "missing"
    try:
        return None if file_sha256(path) == sha256 else "damaged"
    except OSError:
        log.warning("Cannot read %s", path, exc_info=True)
        return "damaged"


@dataclass(frozen=True)
class FileProblem:
    """One attachment file that is missing or damaged (``path`` None: the row's SHA-256 is not
    one, so no file can match it)."""

    kind: FileState
    sha256: str
    file_name: str
    path: Path | None

    def message(self) -> str:
        where = self.path if self.path is not None else self.sha256
        if self.kind == "missing":
            text = _("The file of the attachment «{name}» is missing: {path}")
        else:
            text = _("The file of the attachment «{name}» is damaged (its SHA-256 differs): {path}")
        return text.format(name=self.file_name or self.sha256, path=where)


@dataclass
class AttachmentFilesCheck:
    """What :func:`check_attachment_files` found: files checked, problems, or why it could not."""

    checked: int = 0
    problems: list[FileProblem] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.problems

    def summary(self) -> str:
        """One line for ``db check``."""
        if self.error is not None:
            return _("attachment files: not checked")
        return ngettext(
            "attachment files: {count} checked, {bad} missing or damaged",
            "attachment files: {count} checked, {bad} missing or damaged",
            self.checked,
        ).format(count=self.checked, bad=len(self.problems))

    def messages(self) -> list[str]:
        """The problems in words."""
        lines = [self.error] if self.error is not None else []
        return lines + [problem.message() for problem in self.problems]

    def advice(self) -> str | None:
        """What to do about the problems, if there are any."""
        if not self.problems:
            return None
        return _("Import a package that holds these attachments again to bring their files back.")


def _rows(store_file: Path) -> list[tuple[str, str]]:
    """(SHA-256, file name) of every live attachment, read-only; one row per file."""
    uri = f"{store_file.resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    try:
        rows = connection.execute(
            "SELECT sha256, min(file_name) FROM attachment WHERE deleted = 0 "
            "GROUP BY sha256 ORDER BY sha256"
        ).fetchall()
    finally:
        connection.close()
    return [(str(sha), str(name or "")) for sha, name in rows]


def check_attachment_files(store_file: Path, attachments_dir: Path) -> AttachmentFilesCheck:
    """Check the file of every attachment that is not deleted (each file once)."""
    check = AttachmentFilesCheck()
    try:
        rows = _rows(Path(store_file))
    except sqlite3.Error as exc:
        check.error = _("The attachments could not be read from {path}: {error}").format(
            path=store_file, error=exc
        )
        return check
    for sha, name in rows:
        try:
            path: Path | None = stored_path(Path(attachments_dir), sha)
        except ValueError:
            path = None
        check.checked += 1
        state = file_state(path, sha)
        if state is not None:
            check.problems.append(FileProblem(state, sha, name, path))
    return check
