"""The SHA-256 of a file while it is being written, computed by a second thread.

The writer tells :class:`FollowingDigest` how far the file is written; the side thread
(:mod:`.side_thread`) reads the new bytes back from the file and hashes them (``hashlib`` and
file reads let other Python threads run meanwhile), so the hash of a report's photos is made
while the writer formats the rest of the file instead of after it. What is hashed is what the
file holds, read back, as a hash of the finished file would be.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import Future, wait
from functools import cache
from types import TracebackType

from curator_desktop.services.reports.pdf.side_thread import side_thread

_CHUNK = 1 << 20


@cache
def _buffer() -> memoryview:
    """The side thread's read buffer (only that thread reads into it; allocated once)."""
    return memoryview(bytearray(_CHUNK))


class FollowingDigest:
    """SHA-256 of the file at ``path``, following its writer (see the module's docstring)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._reader = open(path, "rb", buffering=0)  # noqa: SIM115 (closed by close())
        self._hash = hashlib.sha256()
        self._read = 0
        self._pending: list[Future[None]] = []

    def written_to(self, end: int) -> None:
        """The file is written up to byte ``end``: hash up to there in the background."""
        self._pending.append(side_thread().submit(self._hash_to, end))

    def hexdigest(self, end: int) -> str:
        """The hash of the first ``end`` bytes (the whole file, once written), waiting for the
        worker; a read error of the worker is raised here."""
        self.written_to(end)
        for job in self._pending:
            job.result()
        self._pending.clear()
        return self._hash.hexdigest()

    def close(self) -> None:
        """Stop hashing (what is queued is let go) and close the file."""
        for job in self._pending:
            job.cancel()
        wait(self._pending)
        self._reader.close()

    def __enter__(self) -> FollowingDigest:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _hash_to(self, end: int) -> None:
        view = _buffer()
        while self._read < end:
            count = self._reader.readinto(view[: min(_CHUNK, end - self._read)])
            if not count:
                raise OSError(f"{self._reader.name} is shorter than what was written to it")
            self._hash.update(view[:count])
            self._read += count
