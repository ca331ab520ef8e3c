"""Levels per direction across the region: for each risk factor (or self-diagnosis direction),
the schools at each level as one stacked horizontal bar, each part labelled with its count.

One reportlab Drawing for the app (SVG) and the coordinator's справки (PDF); PT Sans and the
axis as the risk chart draws them. reportlab is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curator_desktop.domain.enums import RiskLevel
from curator_desktop.domain.selfdiag import LEVEL_ORDER
from curator_desktop.i18n import format_number
from curator_desktop.services.reports.charts.region_visits_chart import nice_maximum
from curator_desktop.services.reports.charts.risk_chart import (
    FONT_SIZE,
    MUTED_COLOUR,
    TEXT_COLOUR,
    add_legend,
    register_font,
    style_value_axis,
    wrapped_label,
)

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

RISK_COLOURS = ("#b8433a", "#e08a3c", "#f0c75e", "#c9ced6")
"""High, medium, low, risk not identified."""
SELFDIAG_COLOURS = ("#b8433a", "#f0c75e", "#7fb27f", "#2f7d4f")
"""Below base, base, medium, high."""
ROW_HEIGHT = 22.0


@dataclass(frozen=True)
class LevelRow:
    """A direction and its schools at each level of the scale."""

    name: str
    counts: tuple[int, ...]


def risk_scale() -> list[tuple[str, str]]:
    """(colour, name) of each risk level, high first."""
    levels = (RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW, RiskLevel.NONE)
    return [(c, level.label) for c, level in zip(RISK_COLOURS, levels, strict=True)]


def selfdiag_scale() -> list[tuple[str, str]]:
    """(colour, name) of each self-diagnosis level, below base first."""
    return [(c, level.label) for c, level in zip(SELFDIAG_COLOURS, LEVEL_ORDER, strict=True)]


def chart_height(count: int) -> float:
    """A height in points that gives ``count`` directions readable bars."""
    return 46.0 + ROW_HEIGHT * max(count, 1)


def levels_chart_drawing(
    rows: Sequence[LevelRow], scale: Sequence[tuple[str, str]], width: float, height: float
) -> Drawing:
    """The chart as a reportlab Drawing of ``width`` × ``height`` points (``scale``: the
    levels' colours and names, in the order of each row's counts)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors

    font = register_font()
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    legend_height, axis_height = 22.0, 18.0
    label_width = min(width * 0.4, 240.0)
    plot_x = label_width + 10
    plot_width = max(width - plot_x - 16, 40.0)
    ordered = list(reversed(rows))
    chart = HorizontalBarChart()
    chart.x, chart.y = plot_x, axis_height
    chart.width = plot_width
    chart.height = max(height - legend_height - axis_height - 6, 20.0)
    chart.categoryAxis.style = "stacked"
    chart.data = [[row.counts[level] for row in ordered] or [0] for level in range(len(scale))]
    top, step = nice_maximum(max([sum(row.counts) for row in rows] or [1]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labelTextFormat = "%d"
    style_value_axis(chart, font)
    for number, (colour, _name) in enumerate(scale):
        chart.bars[number].fillColor = colors.HexColor(colour)
        chart.bars[number].strokeColor = colors.white
        chart.bars[number].strokeWidth = 0.5
    chart.barLabelFormat = "values"
    chart.barLabelArray = [
        [format_number(row.counts[level]) if row.counts[level] else "" for row in ordered] or [""]
        for level in range(len(scale))
    ]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = FONT_SIZE - 1
    chart.barLabels.fillColor = colors.HexColor(TEXT_COLOUR)
    chart.barLabels.boxAnchor = "c"
    chart.barLabels.boxTarget = "mid"
    chart.barWidth = 12
    chart.groupSpacing = 6
    chart.categoryAxis.categoryNames = [
        wrapped_label(row.name, label_width) for row in ordered
    ] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.labels.leading = FONT_SIZE * 1.1
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.fillColor = colors.HexColor(TEXT_COLOUR)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.HexColor(MUTED_COLOUR)
    drawing.add(chart)
    add_legend(drawing, font, (plot_x, plot_x + plot_width), height - 14, list(scale))
    return drawing


def levels_chart_svg(
    rows: Sequence[LevelRow], scale: Sequence[tuple[str, str]], *, width: float = 560.0
) -> bytes:
    """The chart as UTF-8 SVG (see :func:`levels_chart_drawing`)."""
    from reportlab.graphics import renderSVG

    drawing = levels_chart_drawing(rows, scale, width, chart_height(len(rows)))
    return renderSVG.drawToString(drawing).encode("utf-8")
