"""The self-diagnosis chart of a school's card: the same drawing the analytical справка prints,
drawn when its tab is shown (as the risk chart is)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

from curator_desktop.ui.risk.chart_view import RiskChartView

if TYPE_CHECKING:
    from curator_desktop.services.reports.charts.selfdiag_chart import DirectionBars

ChartContent = tuple["Sequence[DirectionBars]", tuple[str, str]]
"""The directions' bars and the two rounds' names."""


class SelfdiagChartView(RiskChartView):
    """Shows the chart of what ``content()`` gives, redrawn only when needed."""

    def __init__(self, content: Callable[[], ChartContent], parent: QWidget | None = None) -> None:
        super().__init__(lambda: (), parent)
        self._content = content

    def draw(self) -> None:
        """Draw the chart of the rounds compared (empty when there are none)."""
        self.stale = False
        rows, names = self._content()
        if not rows:
            self.load(QByteArray())
            return
        from curator_desktop.services.reports.charts.selfdiag_chart import selfdiag_chart_svg

        self.load(QByteArray(selfdiag_chart_svg(rows, names)))
