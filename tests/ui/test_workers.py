"""Background tasks report on the GUI thread and never let the garbage collector run in a worker."""

from __future__ import annotations

import gc
import threading

from curator_desktop.ui.common.tasks import run_in_background


def test_result_arrives_and_collection_is_paused_meanwhile(qtbot) -> None:
    release = threading.Event()
    seen: dict[str, object] = {}

    def work() -> str:
        seen["gc_during"] = gc.isenabled()
        release.wait(10)
        return "done"

    assert gc.isenabled()
    task = run_in_background(work, on_done=lambda r: seen.update(result=r), on_error=seen.update)
    assert not gc.isenabled()
    with qtbot.waitSignal(task.signals.finished, timeout=10_000):
        release.set()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == "done"
    assert seen["gc_during"] is False
    qtbot.waitUntil(gc.isenabled, timeout=5_000)


def test_failure_is_reported_and_collection_resumes(qtbot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("bad input")

    run_in_background(work, on_done=lambda r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert str(errors[0]) == "bad input"
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
