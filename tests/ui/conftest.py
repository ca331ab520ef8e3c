"""GUI fixtures: a main window on a real store, opened exactly as the app opens it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from curator_desktop.app import create_context, parse_gui_args
from curator_desktop.ui.shell.main_window import MainWindow


def set_text(widget, text: str) -> None:
    """Type ``text`` into a line edit the way a user's input method would (Cyrillic-safe).

    ``qtbot.keyClicks`` with Cyrillic can abort the run on some platforms, so the text is set
    and the edit signals fire as they do for typed input.
    """
    widget.setFocus()
    widget.setText(text)
    widget.textEdited.emit(text)


@pytest.fixture
def open_window(qtbot, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """Factory: ``open_window(demo=True, lang="ru")`` shows a MainWindow with its store open,
    ``size`` (width, height) or, with ``size=None``, the size the window gives itself."""
    windows: list[MainWindow] = []

    def factory(
        *,
        demo: bool = True,
        lang: str = "en",
        data_dir: Path | None = None,
        size: tuple[int, int] | None = (1366, 768),
    ) -> MainWindow:
        args = ["--data-dir", str(data_dir or tmp_path / "data"), "--lang", lang]
        context = create_context(parse_gui_args([*args, *(["--demo"] if demo else [])]))
        window = MainWindow(context)
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        with qtbot.waitSignal(window.store_opened, timeout=60_000):
            window.open_store()
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.shutdown()


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread() -> Iterator[None]:
    """Widgets of one test are collected on the GUI thread before the next test starts."""
    import gc

    yield
    gc.collect()


def wait_for(qtbot, signal, timeout: int = 60_000) -> list:
    """Wait until ``signal`` (of work already started in the background) fires; its arguments.

    Results of background work reach the GUI thread only through the event loop, so a signal
    cannot fire between starting the work and this wait. Times out (failing the test) otherwise.
    """
    blocker = qtbot.waitSignal(signal, timeout=timeout)
    blocker.wait()
    return blocker.args


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Information and error boxes answered at once; their texts collected."""
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: shown.append(text))
    )
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown
