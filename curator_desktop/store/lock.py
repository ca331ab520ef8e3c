"""One running copy per data folder: an exclusive OS lock on a file beside the store.

The lock is taken with ``fcntl.flock`` (POSIX) or ``msvcrt.locking`` (Windows), so the operating
system releases it when the process ends, however it ends: a lock file left behind by a crashed
process never blocks the next start. The file holds the PID and host of the holder, for messages
and for people looking at the folder.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path
from types import TracebackType

from curator_desktop.domain.errors import StoreLockedError
from curator_desktop.i18n import _

log = logging.getLogger(__name__)

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class StoreLock:
    """An exclusive, non-blocking lock on ``lock_file``, held until released or process exit.

    Use as a context manager or call :meth:`acquire` / :meth:`release`. :meth:`acquire` raises
    :class:`StoreLockedError` when another process holds the lock.
    """

    def __init__(self, lock_file: Path) -> None:
        self.lock_file = Path(lock_file)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock (idempotent) and record this process as the holder."""
        if self._fd is not None:
            return
        self.lock_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            holder = self.holder()
            log.warning("Store lock %s is held by %s", self.lock_file, holder or "another process")
            raise StoreLockedError(
                _(
                    "Curator Desktop is already running with this data folder ({path}). "
                    "Close the other window first."
                ).format(path=self.lock_file.parent),
                details=holder,
            )
        self._fd = fd
        try:
            self._write_holder(fd)
        except OSError:
            log.warning("Could not record the lock holder in %s", self.lock_file, exc_info=True)
        log.debug("Store lock %s acquired", self.lock_file)

    def release(self) -> None:
        """Give the lock up (idempotent). The file stays: deleting it would race a new holder."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if os.name != "nt":  # Windows refuses to truncate a locked region.
                os.ftruncate(fd, 0)
            _unlock(fd)
        except OSError:
            log.warning("Could not release %s cleanly", self.lock_file, exc_info=True)
        finally:
            os.close(fd)
        log.debug("Store lock %s released", self.lock_file)

    def holder(self) -> str:
        """The "pid@host" recorded in the lock file ("" when unknown or unreadable)."""
        try:
            return self.lock_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return ""

    @staticmethod
    def _write_holder(fd: int) -> None:
        text = f"{os.getpid()}@{socket.gethostname()}\n".encode()
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text)
        os.fsync(fd)

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
