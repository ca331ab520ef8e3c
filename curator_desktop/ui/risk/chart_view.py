"""The risk profile chart of a school's card, drawn only when it is shown.

Drawing the chart costs ≈15 ms of a school card's opening, so rows that change while the chart
is hidden only mark it stale; it is drawn when its tab is shown.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QWidget

from curator_desktop.i18n import current_language

if TYPE_CHECKING:
    from curator_desktop.services.risk.profiles import FactorRow

log = logging.getLogger(__name__)


@functools.cache
def _load_chart_font() -> None:
    """Give Qt the PT Sans the chart was measured with (the SVG names it)."""
    try:
        import fontpkg

        QFontDatabase.addApplicationFont(str(fontpkg.path("PT Sans", weight=400)))
    except Exception:  # the chart still shows, in a fallback font
        log.warning("PT Sans could not be loaded for the risk chart", exc_info=True)


class RiskChartView(QSvgWidget):
    """Shows the chart of the factor rows that ``rows()`` gives, redrawn only when needed."""

    def __init__(
        self, rows: Callable[[], Sequence[FactorRow]], parent: QWidget | None = None
    ) -> None:
        _load_chart_font()
        super().__init__(parent)
        self._rows = rows
        self.setMinimumSize(200, 120)
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.stale = True
        """The rows changed since the chart was drawn (it is drawn when it is shown)."""

    def rows_changed(self, *, shown: bool) -> None:
        """Redraw now if the chart is ``shown``, else when it is."""
        self.stale = True
        if shown:
            self.draw()

    def draw_if_stale(self) -> None:
        """Draw the chart if the rows changed since it was drawn."""
        if self.stale:
            self.draw()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown (its tab chosen): draw it if the rows changed since. The chart draws itself
        rather than its owner listening to the tabs: a tab widget announces tab changes while
        its owner is being destroyed, when the owner's slots are already gone."""
        super().showEvent(event)
        self.draw_if_stale()

    def draw(self) -> None:
        """Draw the chart of the current rows (empty when there are none)."""
        self.stale = False
        rows = self._rows()
        if not rows:
            self.load(QByteArray())
            return
        from curator_desktop.services.reports.charts.risk_chart import risk_chart_svg

        self.load(QByteArray(risk_chart_svg(rows, language=current_language())))
