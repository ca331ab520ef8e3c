"""The reference for start-up: a bare PySide6 ``QMainWindow`` shown, painted, then exit 0.

    python benchmarks/bare_window.py

Imports PySide6, shows an empty main window of the app's size and processes events until the
window has been painted and flushed to its screen (the first ``UpdateRequest`` it handles), then
quits. On stdout it prints one line, ``painted <clock>``, where ``<clock>`` is
``time.perf_counter()`` at that moment (a system-wide monotonic clock on Linux, Windows and
macOS), so the benchmark that started it can subtract its own reading taken just before the
start. Nothing from the project is imported: this is what any PySide6 program pays.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

WIDTH, HEIGHT = 1280, 800
"""The main window's default size (smaller screens: the screen less a margin, like the app)."""


class _PaintWatch(QObject):
    """Quits the application once the window has handled its first update request."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest and self.painted_at is None:
            # the filter runs before the window handles the request: quit right after it
            QTimer.singleShot(0, self._on_painted)
        return False

    def _on_painted(self) -> None:
        self.painted_at = time.perf_counter()
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    screen = app.primaryScreen()
    available = screen.availableGeometry() if screen else None
    if available is None:
        window.resize(WIDTH, HEIGHT)
    else:
        window.resize(min(WIDTH, available.width() - 40), min(HEIGHT, available.height() - 60))
    watch = _PaintWatch(window)
    window.installEventFilter(watch)
    window.show()
    code = app.exec()
    if watch.painted_at is None:
        return 1
    sys.stdout.write(f"painted {watch.painted_at:.6f}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
