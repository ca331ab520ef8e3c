"""Making file writes durable and checking files: one implementation for every writer.

A new file is written under a temporary name in its target folder, flushed to disk, renamed into
place, and the folder's entry flushed too, so a crash or a pulled USB stick never leaves half a
file under the real name.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from pathlib import Path

CHUNK_BYTES = 1 << 20


def fsync_dir(directory: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk; a no-op where folders cannot be
    opened (Windows) or the file system refuses."""
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB pieces (memory stays flat whatever the size)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()
