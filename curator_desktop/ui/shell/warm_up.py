"""The work after start-up, one step per event-loop turn once the data has been painted: build
the pages not built yet, then import what the first school card or visit needs, so that they
open at once too."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from curator_desktop.ui.common.tasks import run_in_background

log = logging.getLogger(__name__)

WARM_MODULES = (
    "curator_desktop.services.reports.charts.risk_chart",
    "curator_desktop.services.risk.profiles",
    "curator_desktop.services.risk.evidence",
    "curator_desktop.services.schools.service",
    "curator_desktop.services.reports.service",
    "curator_desktop.store.repositories.recommendations",
    "PIL.Image",
)
"""What the first school card or visit needs beyond the pages: imported off the GUI thread once
start-up is over (with the risk chart's own warm-up: reportlab's SVG renderer and the font)."""
WARM_UI_MODULES = (
    "curator_desktop.ui.schools.card",
    "curator_desktop.ui.risk.profile_widget",
    "curator_desktop.ui.schools.card_visits",
    "curator_desktop.ui.visits.editor.editor",
)
"""The same for widget modules, imported on the GUI thread, one per event-loop turn."""


def import_warm_modules() -> None:
    """Import ``WARM_MODULES`` and warm up the risk chart (a background task)."""
    for name in WARM_MODULES:
        importlib.import_module(name)
    from curator_desktop.services.reports.charts.risk_chart import warm_up

    warm_up()


class WarmUp(QObject):
    """Runs the steps after start-up: ``build_next_page()`` until it returns False, then
    ``WARM_MODULES`` off the GUI thread, then each of ``WARM_UI_MODULES`` here."""

    def __init__(self, build_next_page: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._build_next_page = build_next_page
        self._state = "cold"
        self._timer = QTimer(self)  # stops with its owner, unlike a bare singleShot
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        """Take the next step on the next turn of the event loop."""
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        if self._build_next_page():
            self._timer.start()
        elif self._state == "cold":
            self._state = "warming"
            run_in_background(
                import_warm_modules, on_done=self._on_warm_done, on_error=self._on_warm_failed
            )
        elif self._state == "warm":
            waiting = [name for name in WARM_UI_MODULES if name not in sys.modules]
            if waiting:
                importlib.import_module(waiting[0])
                self._timer.start()

    def _on_warm_done(self, _result: object = None) -> None:
        self._state = "warm"
        self._timer.start()

    def _on_warm_failed(self, exc: BaseException) -> None:
        log.warning("Warming up failed", exc_info=(type(exc), exc, exc.__traceback__))
