"""The main window's size and place: restored from the settings, kept inside this screen, and
maximised the first time on a small laptop."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QApplication, QMainWindow

SMALL_SCREEN_WIDTH = 1440
"""On a narrower screen (logical pixels) the window opens maximised the first time."""


def restore_geometry(window: QMainWindow, saved: str | None) -> bool:
    """Restore the ``saved`` geometry (or a first-run size); True when the window should open
    maximised (a small laptop, first time)."""
    if saved and window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
        return bool(keep_on_screen(window))
    screen = QApplication.primaryScreen()
    available = screen.availableGeometry() if screen else None
    if available is None:
        window.resize(1200, 760)
        return False
    window.resize(min(1280, available.width() - 40), min(800, available.height() - 60))
    return available.width() < SMALL_SCREEN_WIDTH  # a small laptop: all pixels


def keep_on_screen(window: QMainWindow) -> bool | None:
    """Bring a size saved at another scale or on a bigger screen inside this one. Returns None
    when the size was kept, else whether the window should open maximised."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return None
    available = screen.availableGeometry()
    width, height = (
        min(window.width(), available.width()),
        min(window.height(), available.height()),
    )
    maximise = None
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
        maximise = available.width() < SMALL_SCREEN_WIDTH
    frame = window.frameGeometry()
    x = max(available.left(), min(window.x(), available.right() + 1 - frame.width()))
    y = max(available.top(), min(window.y(), available.bottom() + 1 - frame.height()))
    window.move(x, y)
    return maximise
