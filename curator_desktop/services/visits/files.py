"""Attachment files: copied into the data directory under their SHA-256, stored once.

``attachments/ab/ab12…`` holds the original bytes of every photo or scan. A copy is streamed
into a temporary file beside the others while it is hashed, flushed to disk, and renamed into
place atomically; when a file with the same hash is already there it is kept and the copy
dropped, so the same file attached twice takes the space of one.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.durable import fsync_dir
from curator_desktop.i18n import _, format_number

CHUNK_BYTES = 1024 * 1024
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
"""The largest file that can be attached (200 MB)."""
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class StoredFile:
    """A file now in the store: its hash, size and where it lives."""

    sha256: str
    size_bytes: int
    path: Path


def stored_path(attachments_dir: Path, sha256: str) -> Path:
    """Where the file with ``sha256`` lives (``ValueError`` for something that is not a hash)."""
    if not _SHA256.match(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return attachments_dir / sha256[:2] / sha256


def mime_type_of(name: str) -> str:
    """The MIME type guessed from the file name's extension."""
    return mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"


def _limit_mb() -> str:
    return format_number(MAX_ATTACHMENT_BYTES // (1024 * 1024))


def check_source(source: Path) -> int:
    """The size of a file that can be attached; ``ValidationError`` naming the problem."""
    try:
        info = source.stat()
    except OSError:
        raise ValidationError(
            _("The file {file} does not exist.").format(file=source), field="source"
        ) from None
    if source.is_dir():
        raise ValidationError(
            _("{file} is a folder; choose a file.").format(file=source), field="source"
        )
    if info.st_size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("{file} is larger than {limit} MB and cannot be attached.").format(
                file=source, limit=_limit_mb()
            ),
            field="source",
        )
    if not os.access(source, os.R_OK):
        raise ValidationError(_("Cannot read {file}.").format(file=source), field="source")
    return info.st_size


def store_file(source: Path, attachments_dir: Path) -> StoredFile:
    """Copy ``source`` into ``attachments_dir`` under its SHA-256 (reusing an existing copy)."""
    check_source(source)
    attachments_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, temp_name = tempfile.mkstemp(prefix=".incoming-", suffix=".part", dir=attachments_dir)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as target, source.open("rb") as reader:
            while chunk := reader.read(CHUNK_BYTES):
                digest.update(chunk)
                target.write(chunk)
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:
                    raise ValidationError(
                        _("{file} grew past {limit} MB while it was copied.").format(
                            file=source, limit=_limit_mb()
                        ),
                        field="source",
                    )
            target.flush()
            os.fsync(target.fileno())
        sha = digest.hexdigest()
        final = stored_path(attachments_dir, sha)
        if final.exists() and final.stat().st_size == size:
            temp.unlink()
        else:
            final.parent.mkdir(exist_ok=True)
            os.replace(temp, final)
            fsync_dir(final.parent)
        return StoredFile(sha, size, final)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        reason = os_reason(exc)
        raise ValidationError(
            _("Cannot copy {file}: {reason}.").format(file=source, reason=reason),
            field="source",
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
