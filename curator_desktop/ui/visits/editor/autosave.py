"""Autosave: each edit is written at once, or — while typing — after a short pause.

Typed text is saved 600 ms after the last keystroke, when focus leaves the field, and before
anything else happens (closing, completing, switching visits): so a crash loses at most the
field being typed, never a finished one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

PAUSE_MS = 600


class Autosaver(QObject):
    """Runs write callbacks now or after a pause; the latest pending write per key wins.

    A callback returns True when the write succeeded; ``state_changed(pending, failed)`` lets
    the window show «Saving…», «All changes saved» or the failure.
    """

    state_changed = Signal(bool, bool)

    def __init__(self, parent: QObject | None = None, *, pause_ms: int = PAUSE_MS) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, Callable[[], bool]] = {}
        self._failed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def later(self, key: Hashable, write: Callable[[], bool]) -> None:
        """Write after the pause (replacing an earlier pending write for ``key``)."""
        self._pending[key] = write
        self._timer.start()
        self.state_changed.emit(True, self._failed)

    def now(self, key: Hashable, write: Callable[[], bool]) -> bool:
        """Drop any pending write for ``key`` and write at once."""
        self._pending.pop(key, None)
        ok = write()
        self._failed = not ok
        self.state_changed.emit(self.pending, self._failed)
        return ok

    def flush_key(self, key: Hashable) -> None:
        """Write the pending edit of one field now (its editor lost focus)."""
        write = self._pending.pop(key, None)
        if write is not None:
            self._failed = not write()
            self.state_changed.emit(self.pending, self._failed)

    def flush(self) -> bool:
        """Write everything pending now; True when every write succeeded."""
        self._timer.stop()
        ok = True
        while self._pending:
            key = next(iter(self._pending))
            ok = self._pending.pop(key)() and ok
        self._failed = not ok
        self.state_changed.emit(False, self._failed)
        return ok
