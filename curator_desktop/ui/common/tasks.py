"""Running work off the GUI thread; results come back on the GUI thread through signals.

Python's cyclic garbage collector runs in whichever thread happens to allocate; if it ran in a
worker it could destroy Qt objects that belong to the GUI thread, and Qt crashes. So automatic
collection is paused while any background task runs (reference counting still frees almost
everything) and resumes, on the GUI thread, when the last one has reported back.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class BackgroundTask(QRunnable):
    """Calls a function in the thread pool; emits ``finished(result)`` or ``failed(exception)``.

    The function must not touch widgets. Connected slots run on the GUI thread.
    """

    _running: ClassVar[set[BackgroundTask]] = set()

    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._function = function
        self.signals = _TaskSignals()

    def run(self) -> None:
        try:
            result = self._function()
        except BaseException as exc:
            log.debug("Background task failed", exc_info=True)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class _CollectorPause:
    """Keeps automatic garbage collection off while background tasks run (GUI thread only)."""

    running = 0
    was_enabled = True

    @classmethod
    def task_started(cls) -> None:
        if cls.running == 0:
            cls.was_enabled = gc.isenabled()
            gc.disable()
        cls.running += 1

    @classmethod
    def task_finished(cls) -> None:
        cls.running -= 1
        if cls.running == 0 and cls.was_enabled:
            gc.enable()


def run_in_background(
    function: Callable[[], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    pool: QThreadPool | None = None,
) -> BackgroundTask:
    """Start ``function`` in ``pool`` (the global pool by default) and wire its callbacks."""
    task = BackgroundTask(function)
    BackgroundTask._running.add(task)

    def _release(_: object) -> None:
        if task in BackgroundTask._running:
            BackgroundTask._running.discard(task)
            _CollectorPause.task_finished()

    task.signals.finished.connect(on_done)
    task.signals.failed.connect(on_error)
    task.signals.finished.connect(_release)
    task.signals.failed.connect(_release)
    _CollectorPause.task_started()
    (pool or QThreadPool.globalInstance()).start(task)
    return task
