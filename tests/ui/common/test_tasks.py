"""Background tasks report on the GUI thread, stop on Cancel, and never let the garbage collector
run in a worker: collection is paused while any task runs and resumes after the last one."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from curator_desktop.ui.common.tasks import ProgressTask, collector_pause, run_in_background


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def resumed(qtbot) -> None:
    """Collection is back on and no task holds the pause."""
    qtbot.waitUntil(lambda: gc.isenabled() and not collector_pause.active, timeout=5_000)


def test_result_arrives_and_collection_is_paused_meanwhile(qtbot) -> None:
    release = threading.Event()
    seen: dict[str, object] = {}

    def work() -> str:
        seen["gc_during"] = gc.isenabled()
        release.wait(10)
        return "done"

    def done(result: str) -> None:
        seen.update(result=result, on_gui=on_gui_thread())

    assert gc.isenabled()
    task = run_in_background(work, on_done=done, on_error=seen.update)
    assert not gc.isenabled() and collector_pause.active and task.running
    with qtbot.waitSignal(task.finished, timeout=10_000):
        release.set()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen == {"gc_during": False, "result": "done", "on_gui": True}
    assert not task.running
    resumed(qtbot)


def test_failure_is_reported_and_collection_resumes(qtbot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("bad input")

    run_in_background(work, on_done=lambda r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "bad input"
    resumed(qtbot)


def test_progress_reaches_the_gui_thread_before_the_result(qtbot) -> None:
    seen: list[tuple[object, ...]] = []

    def work(progress, cancelled) -> str:
        for done in range(1, 4):
            progress(done, 3)
        return "three"

    task = ProgressTask("Counting", work, dialog=False)
    task.progressed.connect(lambda done, total: seen.append((done, total, on_gui_thread())))
    task.finished.connect(lambda result: seen.append((result, on_gui_thread())))
    task.failed.connect(seen.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert seen == [(1, 3, True), (2, 3, True), (3, 3, True), ("three", True)]
    assert not task.cancelled()
    resumed(qtbot)


def test_big_totals_pass_and_a_direct_connection_runs_in_the_worker(qtbot) -> None:
    """Progress in bytes goes past 32 bits; a direct connection is the worker's own hook."""
    in_worker: list[bool] = []

    def work(progress, cancelled) -> None:
        progress(5 * 2**32, 10 * 2**32)

    task = ProgressTask("Copying", work, dialog=False)
    task.progressed.connect(
        lambda done, total: in_worker.append(not on_gui_thread()),
        Qt.ConnectionType.DirectConnection,
    )
    reported: list[tuple[int, int]] = []
    task.progressed.connect(lambda done, total: reported.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert reported == [(5 * 2**32, 10 * 2**32)]
    assert in_worker == [True]


def test_cancel_stops_the_work_and_is_reported(qtbot) -> None:
    started = threading.Event()
    seen: dict[str, object] = {}

    def work(progress, cancelled) -> str:
        started.set()
        for _step in range(1000):
            if cancelled():
                return "stopped"
            threading.Event().wait(0.01)
        return "ran to the end"

    task = ProgressTask("Waiting", work, dialog=False)
    task.cancel_requested.connect(lambda: seen.update(requested_on_gui=on_gui_thread()))
    task.finished.connect(lambda result: seen.update(result=result))
    task.start()
    assert started.wait(10)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.cancel()
    assert task.cancelled()
    qtbot.waitUntil(lambda: "requested_on_gui" in seen)
    assert seen == {"result": "stopped", "requested_on_gui": True}
    resumed(qtbot)


def test_cancel_in_the_dialog_stops_the_work_and_the_failure_says_so(qtbot) -> None:
    """The task's own progress dialog: shown after its delay, Cancel stops the work, which
    raises its "cancelled" error; ``failed`` delivers it and the dialog is gone."""

    class Stopped(Exception):
        """The work's own "cancelled" error."""

    window = QWidget()
    qtbot.addWidget(window)
    window.show()

    def work(progress, cancelled) -> None:
        for done in range(1, 10_000):
            if cancelled():
                raise Stopped
            progress(done, 10_000)
            threading.Event().wait(0.01)

    task = ProgressTask(
        "Writing out.curator…",
        work,
        window,
        title="Export",
        delay_ms=0,
        cancelling_text="Stopping…",
    )
    failures: list[BaseException] = []
    task.failed.connect(failures.append)
    task.start()
    dialog = task.dialog
    assert dialog is not None and dialog.labelText() == "Writing out.curator…"
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    assert dialog.windowTitle() == "Export"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=10_000)  # progress reached the dialog
    assert not gc.isenabled()
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert task.cancelled()
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert isinstance(failures[0], Stopped)
    assert task.dialog is None and not task.running
    resumed(qtbot)


def test_busy_dialog_without_cancel_then_progress_text(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    release = threading.Event()

    def work(progress, cancelled) -> None:
        release.wait(10)
        progress(1, 2)
        release.clear()
        release.wait(10)

    task = ProgressTask(
        "Generating…",
        work,
        window,
        cancellable=False,
        busy=True,
        progress_text=lambda done, total: f"{done} of {total}",
    )
    task.start()
    dialog = task.dialog
    assert dialog is not None and dialog.maximum() == 0  # a busy bar
    assert dialog.findChild(QPushButton) is None
    with qtbot.waitSignal(task.progressed, timeout=10_000):
        release.set()
    qtbot.waitUntil(lambda: dialog.labelText() == "1 of 2", timeout=10_000)
    assert dialog.maximum() > 0 and dialog.value() == dialog.maximum() // 2
    with qtbot.waitSignal(task.finished, timeout=10_000):
        release.set()
    assert task.dialog is None
    resumed(qtbot)


def test_collection_resumes_only_after_the_last_task(qtbot) -> None:
    first, second = threading.Event(), threading.Event()
    one = run_in_background(lambda: first.wait(10), on_done=lambda r: None, on_error=print)
    two = ProgressTask("Two", lambda progress, cancelled: second.wait(10), dialog=False)
    two.start()
    assert not gc.isenabled() and len(collector_pause) == 2
    with qtbot.waitSignal(one.finished, timeout=10_000):
        first.set()
    assert not gc.isenabled() and len(collector_pause) == 1  # the other one still runs
    with qtbot.waitSignal(two.finished, timeout=10_000):
        second.set()
    assert gc.isenabled() and not collector_pause.active


def test_a_task_whose_parent_went_away_still_lets_collection_resume(qtbot) -> None:
    release = threading.Event()
    owner = QWidget()
    task = ProgressTask("Orphan", lambda progress, cancelled: release.wait(10), owner, dialog=False)
    task.start()
    assert not gc.isenabled()
    owner.deleteLater()  # the task goes with it while its work still runs
    qtbot.waitUntil(lambda: not _valid(task), timeout=5_000)
    release.set()
    resumed(qtbot)


def test_a_task_starts_once(qtbot) -> None:
    task = ProgressTask("Once", lambda progress, cancelled: None, dialog=False)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    with pytest.raises(RuntimeError):
        task.start()


def _valid(obj: object) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_the_result_is_handled_before_collection_resumes(qtbot) -> None:
    """The window freezes the store layer's objects in its handler: no collection before that."""
    seen: list[bool] = []
    task = run_in_background(
        lambda: 1, on_done=lambda r: seen.append(gc.isenabled()), on_error=print
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    resumed(qtbot)
    assert seen == [False]
    assert task.running is False
