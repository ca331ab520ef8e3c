"""Sizing a window to its preferred size, but never past the screen it opens on, and letting
its pages scroll when the screen is smaller than they are (a 768-px laptop at 150 %)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

SCREEN_MARGIN = (40, 60)
"""Room left around a window (the taskbar, the title bar)."""


def fit_to_screen(
    window: QWidget,
    preferred: tuple[int, int],
    minimum: tuple[int, int] | None = None,
    *,
    anchor: QWidget | None = None,
) -> None:
    """Resize ``window`` to ``preferred`` (width, height) or the screen less a margin, whichever
    is smaller; ``minimum`` also becomes its minimum size. The screen is ``anchor``'s (say the
    parent a dialog opens over), else the window's, else the primary one."""
    screen = (anchor.screen() if anchor is not None else None) or window.screen()
    screen = screen or QApplication.primaryScreen()
    width, height = preferred
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - SCREEN_MARGIN[0])
        height = min(height, available.height() - SCREEN_MARGIN[1])
    if minimum is not None:
        window.setMinimumSize(min(minimum[0], width), min(minimum[1], height))
        width, height = max(width, window.minimumWidth()), max(height, window.minimumHeight())
    window.resize(width, height)


def scrolling(content: QWidget) -> QScrollArea:
    """A frameless scroll area showing ``content`` at the area's size, or scrolling it where the
    area is smaller than the content can shrink to: pages that fit a small screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area
