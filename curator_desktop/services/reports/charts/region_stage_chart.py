"""Schools by stage per municipality: for each municipality, how many of its schools had the
first visit, had their risks verified, had their documents accepted, and had data at the
monitoring's first and second stage (horizontal grouped bars, each bar labelled with its count).

One reportlab Drawing for the app (SVG) and the coordinator's справки (PDF); PT Sans and the
axis as the risk chart draws them. reportlab is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curator_desktop.i18n import _, format_number, pgettext
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

STAGE_COLOURS = ("#9aaac4", "#1f5f8b", "#3a8f5c", "#d9822b", "#8a4f9e")
ROW_HEIGHT = 52.0


@dataclass(frozen=True)
class StageRow:
    """A municipality: its schools and how many reached each stage (in :func:`stage_names`'
    order)."""

    name: str
    schools: int
    counts: tuple[int, ...]


def stage_names() -> tuple[str, ...]:
    """The stages in a school's year, as the legend names them."""
    return (
        _("First visit"),
        _("Risks verified"),
        _("Documents accepted"),
        pgettext("monitoring", "Monitoring, stage 1"),
        pgettext("monitoring", "Monitoring, stage 2"),
    )


def chart_height(count: int) -> float:
    """A height in points that gives ``count`` municipalities readable bars."""
    return 62.0 + ROW_HEIGHT * max(count, 1)


def stage_chart_drawing(rows: Sequence[StageRow], width: float, height: float) -> Drawing:
    """The chart as a reportlab Drawing of ``width`` × ``height`` points."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors

    font = register_font()
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    legend_height, axis_height = 34.0, 18.0
    label_width = min(width * 0.3, 170.0)
    plot_x = label_width + 10
    plot_width = max(width - plot_x - 24, 40.0)
    ordered = list(reversed(rows))  # reportlab puts the first category at the bottom
    names = stage_names()
    chart = HorizontalBarChart()
    chart.x, chart.y = plot_x, axis_height
    chart.width = plot_width
    chart.height = max(height - legend_height - axis_height - 6, 20.0)
    # Within a group the first series is drawn lowest: the last stage first.
    series = list(reversed(range(len(names))))
    chart.data = [[row.counts[stage] for row in ordered] or [0] for stage in series]
    top, step = nice_maximum(max([row.schools for row in rows] or [1]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labelTextFormat = "%d"
    style_value_axis(chart, font)
    for number, stage in enumerate(series):
        colour = colors.HexColor(STAGE_COLOURS[stage])
        chart.bars[number].fillColor = colour
        chart.bars[number].strokeColor = colour
    chart.barLabelFormat = "values"
    chart.barLabelArray = [
        [format_number(row.counts[stage]) for row in ordered] or [""] for stage in series
    ]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = FONT_SIZE - 2
    chart.barLabels.fillColor = colors.HexColor(TEXT_COLOUR)
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.barSpacing, chart.groupSpacing = 0.5, 8
    chart.categoryAxis.categoryNames = [
        wrapped_label(
            _("{name} ({schools})").format(
                name=row.name or "—", schools=format_number(row.schools)
            ),
            label_width,
            3,
        )
        for row in ordered
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
    entries = list(zip(STAGE_COLOURS, names, strict=True))
    span = (plot_x, plot_x + plot_width)
    add_legend(drawing, font, span, height - 12, entries[:3])
    add_legend(drawing, font, span, height - 25, entries[3:])
    return drawing


def stage_chart_svg(rows: Sequence[StageRow], *, width: float = 560.0) -> bytes:
    """The chart as UTF-8 SVG (see :func:`stage_chart_drawing`)."""
    from reportlab.graphics import renderSVG

    drawing = stage_chart_drawing(rows, width, chart_height(len(rows)))
    return renderSVG.drawToString(drawing).encode("utf-8")
