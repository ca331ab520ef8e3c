"""The self-diagnosis as a chart: per direction, the points of two rounds as a share of the
direction's maximum, each bar labelled with its points and level.

One reportlab Drawing (horizontal grouped bars on a 0–100 % scale; directions have different
maxima, so the share is what compares), shown in the app as SVG and placed as is in the
analytical справка. Every text uses PT Sans, as the risk chart does; reportlab is imported
inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curator_desktop.domain.selfdiag.levels import Level
from curator_desktop.i18n import _, format_number
from curator_desktop.services.reports.charts.risk_chart import (
    FONT_SIZE,
    MUTED_COLOUR,
    QUESTIONNAIRE_COLOUR,
    TEXT_COLOUR,
    VERIFIED_COLOUR,
    add_legend,
    missing_bar_label,
    register_font,
    style_value_axis,
    wrapped_label,
)

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

EARLIER_COLOUR = QUESTIONNAIRE_COLOUR
LATER_COLOUR = VERIFIED_COLOUR


def points_text(value: float | None) -> str:
    """Points as printed: «12», «12,5»; «—» for none."""
    if value is None:
        return "—"
    return format_number(int(value) if float(value).is_integer() else float(value))


@dataclass(frozen=True)
class RoundBar:
    """One direction in one round: its points, the direction's maximum and the level."""

    points: float | None
    maximum: float | None
    level: str | None
    """A ``Level`` code (None: not established)."""

    @property
    def share(self) -> float | None:
        """Points as a percentage of the maximum (None when either is unknown)."""
        if self.points is None or not self.maximum:
            return None
        return max(0.0, min(100.0, 100.0 * self.points / self.maximum))

    def caption(self) -> str:
        """«14 of 20 · Base» (what is known of it)."""
        parts = []
        if self.points is not None:
            points = points_text(self.points)
            parts.append(
                _("{points} of {maximum}").format(points=points, maximum=points_text(self.maximum))
                if self.maximum
                else points
            )
        if self.level:
            parts.append(Level.label_for(self.level).lower())
        return " · ".join(parts)


@dataclass(frozen=True)
class DirectionBars:
    """One direction of the chart: its name and its bars in the two rounds."""

    name: str
    earlier: RoundBar | None
    later: RoundBar | None


def chart_height(count: int) -> float:
    """A height in points that gives ``count`` directions readable bars."""
    return 48.0 + 22.0 * max(count, 1)


def selfdiag_chart_drawing(
    rows: Sequence[DirectionBars],
    round_names: tuple[str, str],
    width: float,
    height: float,
) -> Drawing:
    """The chart as a reportlab Drawing of ``width`` × ``height`` points; ``round_names``
    names the earlier and the later round in the legend (an empty name: that round is not
    drawn)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors

    font = register_font()
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    legend_height, axis_height = 22.0, 18.0
    label_width = min(width * 0.32, 190.0)
    plot_x = label_width + 10
    caption_room = 112.0  # a bar's «14 of 20 · below base» beyond 100 %
    plot_width = max(width - plot_x - caption_room, 40.0)
    plot_height = max(height - legend_height - axis_height - 6, 20.0)

    series = [
        (name, colour, [getattr(row, side) for row in reversed(rows)])
        for name, colour, side in (
            (round_names[1], LATER_COLOUR, "later"),  # the first series is drawn lowest
            (round_names[0], EARLIER_COLOUR, "earlier"),
        )
        if name
    ]
    chart = HorizontalBarChart()
    chart.x, chart.y = plot_x, axis_height
    chart.width, chart.height = plot_width, plot_height
    chart.data = [[bar.share if bar else None for bar in bars] for _n, _c, bars in series]
    chart.barLabelFormat = "values"
    chart.barLabelArray = [
        [bar.caption() if bar else "" for bar in bars] for _n, _c, bars in series
    ]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = FONT_SIZE - 1
    chart.barLabels.fillColor = colors.HexColor(TEXT_COLOUR)
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    for number, (_name, colour, _bars) in enumerate(series):
        chart.bars[number].fillColor = colors.HexColor(colour)
        chart.bars[number].strokeColor = colors.HexColor(colour)
        chart.bars[number].strokeWidth = 0.8
    chart.barSpacing = 1
    chart.groupSpacing = 7
    chart.categoryAxis.categoryNames = [
        wrapped_label(row.name, label_width) for row in reversed(rows)
    ]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.labels.leading = FONT_SIZE * 1.1
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.fillColor = colors.HexColor(TEXT_COLOUR)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.HexColor(MUTED_COLOUR)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labelTextFormat = lambda value: f"{round(value)} %"
    style_value_axis(chart, font)
    chart.naLabel = missing_bar_label(_("no result"), font)
    drawing.add(chart)
    entries = [(colour, name) for name, colour, _bars in reversed(series)]
    add_legend(drawing, font, (plot_x, plot_x + plot_width), height - 14, entries)
    return drawing


def selfdiag_chart_svg(
    rows: Sequence[DirectionBars],
    round_names: tuple[str, str],
    *,
    width: float = 600.0,
    height: float | None = None,
) -> bytes:
    """The chart as UTF-8 SVG (see :func:`selfdiag_chart_drawing`)."""
    from reportlab.graphics import renderSVG

    drawing = selfdiag_chart_drawing(rows, round_names, width, height or chart_height(len(rows)))
    return renderSVG.drawToString(drawing).encode("utf-8")
