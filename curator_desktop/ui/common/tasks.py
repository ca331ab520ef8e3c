"""Running work off the GUI thread; results come back on the GUI thread through signals.

Every long job (export, import, reports in batch, one report, restoring a package, reading a
file…) is one :class:`ProgressTask`: a label and ``work(progress, cancelled)`` run in the thread
pool, with an optional progress dialog and Cancel. :func:`run_in_background` is the same task
for a plain function, without a dialog. The work never touches a widget.

Python's cyclic garbage collector runs in whichever thread happens to allocate; if it ran in a
worker it could destroy Qt objects that belong to the GUI thread, and Qt crashes. So automatic
collection is paused while any background task runs (reference counting still frees almost
everything) and resumes, on the GUI thread, when the last one has reported back. One object,
:data:`collector_pause`, owns that pause; every task goes through it.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from curator_desktop.i18n import _

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called by the work, from the worker thread, as it goes."""
Cancelled = Callable[[], bool]
"""``cancelled()``: true once Cancel was asked for; the work checks it and stops early."""
Work = Callable[[Progress, Cancelled], Any]

DIALOG_DELAY_MS = 300
"""A task quicker than this shows no progress dialog at all."""
DIALOG_STEPS = 1000
"""The progress dialog's range: ``done / total`` is shown in this many steps."""


class CollectorPause:
    """Keeps automatic garbage collection off while any background task runs (GUI thread only).

    It also holds each running task, so that a task nobody else keeps survives until it has
    reported back (and is then let go on the GUI thread, never in a worker).
    """

    def __init__(self) -> None:
        self._tasks: set[object] = set()
        self._was_enabled = True

    @property
    def active(self) -> bool:
        """Whether a task is running (and collection is paused)."""
        return bool(self._tasks)

    def __len__(self) -> int:
        return len(self._tasks)

    def hold(self, task: object) -> None:
        """``task`` starts: pause collection if it is the first one."""
        if task in self._tasks:
            return
        if not self._tasks:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self._tasks.add(task)

    def release(self, task: object) -> None:
        """``task`` has reported back: resume collection after the last one (once per task)."""
        if task not in self._tasks:
            return
        self._tasks.discard(task)
        if not self._tasks and self._was_enabled:
            gc.enable()


collector_pause = CollectorPause()
"""The one pause every background task goes through (collection is per process)."""


class _Run(QObject):
    """One run of a task's work: what the worker emits through, held by the pause until the
    worker has reported back. Not a child of the task, so that a task whose parent went away
    meanwhile still lets the pause go."""

    progressed = Signal(object, object)
    ended = Signal(bool, object)

    def __init__(self, task: ProgressTask) -> None:
        super().__init__()
        self.task: ProgressTask | None = task
        self.runnable: _Runnable | None = None
        self.ended.connect(self._on_ended)

    @Slot(bool, object)
    def _on_ended(self, ok: bool, value: object) -> None:
        task, self.task, self.runnable = self.task, None, None
        try:
            if task is not None and shiboken6.isValid(task):
                task._end(ok, value)
        finally:
            # After the result is handled: a handler that settles many new long-lived objects
            # (the window freezes the store layer's with gc.freeze) does so before the first
            # collection over them could run.
            collector_pause.release(self)


class _Runnable(QRunnable):
    """Calls the work in the thread pool; touches only its run's signals and the cancel event."""

    def __init__(self, work: Work, run: _Run, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._work = work
        self._run = run
        self._cancel = cancel

    def run(self) -> None:
        run = self._run
        try:
            result = self._work(run.progressed.emit, self._cancel.is_set)
        except BaseException as exc:
            log.debug("Background task failed", exc_info=True)
            run.ended.emit(False, exc)
        else:
            run.ended.emit(True, result)


class ProgressTask(QObject):
    """One piece of long work in the background, optionally behind a progress dialog with Cancel.

    ``work(progress, cancelled)`` runs in the thread pool. ``progressed(done, total)`` is emitted
    from the worker (connected slots run on the GUI thread; a direct connection runs in the
    worker). ``finished(result)`` or ``failed(exception)`` come on the GUI thread, once: after
    Cancel too (the work returned what it had, or raised its own "cancelled" error) — tell them
    apart with :meth:`cancelled`. ``cancel_requested`` comes on the GUI thread when Cancel is
    first asked for.

    With ``dialog=True`` the task owns a window-modal progress dialog on ``parent`` (or the
    nearest widget above it), shown only if the work takes longer than ``delay_ms``; its Cancel
    button cancels (``cancellable``). A dialog showing its own progress passes ``dialog=False``
    and connects to the signals.
    """

    progressed = Signal(object, object)
    finished = Signal(object)
    failed = Signal(object)
    cancel_requested = Signal()

    def __init__(
        self,
        label: str,
        work: Work,
        parent: QObject | None = None,
        *,
        dialog: bool = True,
        cancellable: bool = True,
        title: str | None = None,
        busy: bool = False,
        delay_ms: int = DIALOG_DELAY_MS,
        progress_text: Callable[[int, int], str] | None = None,
        cancelling_text: str | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        """``busy``: the dialog shows a busy bar until the first progress report.
        ``progress_text(done, total)``: the dialog's label after each report (``label`` until
        then); ``cancelling_text``: its label once Cancel was asked for."""
        super().__init__(parent)
        self.label = label
        self.dialog: QProgressDialog | None = None
        self._work = work
        self._with_dialog = dialog
        self._cancellable = cancellable
        self._title = title
        self._busy = busy
        self._delay_ms = delay_ms
        self._progress_text = progress_text
        self._cancelling_text = cancelling_text
        self._pool = pool
        self._cancel = threading.Event()
        self._state = "ready"
        self.progressed.connect(self._on_progressed)
        self.cancel_requested.connect(self._on_cancel_requested)

    # -- the public face -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Started and not yet reported back."""
        return self._state == "running"

    def cancelled(self) -> bool:
        """Whether Cancel was asked for (the same answer the work gets; any thread)."""
        return self._cancel.is_set()

    def start(self) -> None:
        """Show the dialog (after its delay) and start the work in the thread pool."""
        if self._state != "ready":
            raise RuntimeError("a task starts only once")
        self._state = "running"
        if self._with_dialog:
            self.dialog = self._make_dialog()
        run = _Run(self)
        from PySide6.QtCore import Qt  # here: its namespace costs ~16 ms at first use

        run.progressed.connect(self.progressed, Qt.ConnectionType.DirectConnection)
        run.runnable = _Runnable(self._work, run, self._cancel)
        collector_pause.hold(run)
        (self._pool or QThreadPool.globalInstance()).start(run.runnable)

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop (safe from any thread); it stops where it next checks."""
        if self._cancel.is_set():
            return
        self._cancel.set()
        self.cancel_requested.emit()

    # -- the dialog ----------------------------------------------------------------------------

    def _make_dialog(self) -> QProgressDialog:
        owner = self.parent()  # the dialog sits on the nearest widget the task belongs to
        while owner is not None and not isinstance(owner, QWidget):
            owner = owner.parent()
        steps = 0 if self._busy else DIALOG_STEPS
        dialog = QProgressDialog(self.label, _("Cancel"), 0, steps, owner)
        if self._title is not None:
            dialog.setWindowTitle(self._title)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.setMinimumWidth(360)
        from PySide6.QtCore import Qt  # here: its namespace costs ~16 ms at first use

        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(self._delay_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)  # starts the timer that shows it after the delay
        if self._cancellable:
            dialog.canceled.connect(self.cancel)
        return dialog

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        if self._cancellable:
            dialog.canceled.disconnect(self.cancel)
        dialog.reset()  # stops the timer that would show it
        dialog.close()
        dialog.deleteLater()

    @Slot(object, object)
    def _on_progressed(self, done: int, total: int) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if self._progress_text is not None and not self.cancelled():
            dialog.setLabelText(self._progress_text(done, total))
        if dialog.maximum() == 0:
            dialog.setRange(0, DIALOG_STEPS)
        # last: a modal progress dialog processes events here, the task may end meanwhile
        dialog.setValue(int(DIALOG_STEPS * min(done, total) / total) if total > 0 else 0)

    @Slot()
    def _on_cancel_requested(self) -> None:
        if self.dialog is not None and self._cancelling_text is not None:
            self.dialog.setLabelText(self._cancelling_text)

    # -- the end -------------------------------------------------------------------------------

    def _end(self, ok: bool, value: object) -> None:
        """The worker has reported back and the pause has let it go (GUI thread)."""
        if self._state != "running":
            return
        self._state = "done"
        self._close_dialog()
        if ok:
            self.finished.emit(value)
        else:
            self.failed.emit(value)


def run_in_background(
    function: Callable[[], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    pool: QThreadPool | None = None,
) -> ProgressTask:
    """Start ``function()`` as a :class:`ProgressTask` without a dialog (in ``pool``, the global
    pool by default); ``on_done(result)`` or ``on_error(exception)`` run on the GUI thread."""
    task = ProgressTask("", lambda _progress, _cancelled: function(), dialog=False, pool=pool)
    task.finished.connect(on_done)
    task.failed.connect(on_error)
    task.start()
    return task
