"""Visits week by week against the plan: bars of the visits held each week, a step line of the
visits planned for it; for the region or one curator.

One reportlab Drawing, shown in the app as SVG and placed as is in the coordinator's справка on
visits; PT Sans throughout and the axis styled as the risk chart's. reportlab is imported inside
the functions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from curator_desktop.i18n import _, format_date
from curator_desktop.services.reports.charts.risk_chart import (
    FONT_SIZE,
    MUTED_COLOUR,
    TEXT_COLOUR,
    VERIFIED_COLOUR,
    add_legend,
    register_font,
    style_value_axis,
)

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

DONE_COLOUR = VERIFIED_COLOUR
PLAN_COLOUR = "#d9822b"


def nice_maximum(value: int) -> tuple[int, int]:
    """The axis maximum (at least ``value``, at least 1) and a step giving at most five ticks."""
    value = max(value, 1)
    step = max(1, math.ceil(value / 5))
    return step * math.ceil(value / step), step


def month_labels(weeks: Sequence[dt.date]) -> list[str]:
    """Under each week: the month's short name at its first week, else "" (a week belongs to
    the month of its Thursday, as ISO weeks do)."""
    labels, seen = [], None
    for week in weeks:
        thursday = week + dt.timedelta(days=3)
        month = (thursday.year, thursday.month)
        labels.append(format_date(thursday, "LLL") if month != seen else "")
        seen = month
    return labels


def visits_chart_drawing(
    weeks: Sequence[dt.date],
    done: Sequence[int],
    planned: Sequence[int],
    width: float,
    height: float,
    *,
    title: str = "",
    legend: bool = True,
) -> Drawing:
    """``done`` and ``planned`` visits of each week (``weeks``: their Mondays) as a Drawing of
    ``width`` × ``height`` points; ``title`` over the plot (a curator's name)."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, PolyLine, Rect, String
    from reportlab.lib import colors

    font = register_font()
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    top = 18.0 if (legend or title) else 4.0
    chart = VerticalBarChart()
    chart.x, chart.y = 30.0, 16.0
    chart.width, chart.height = max(width - 40.0, 40.0), max(height - chart.y - top, 20.0)
    count = max(len(weeks), 1)
    chart.data = [list(done) or [0]]
    top_value, step = nice_maximum(max([*done, *planned, 0]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top_value
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = "%d"
    style_value_axis(chart, font)
    chart.bars[0].fillColor = colors.HexColor(DONE_COLOUR)
    chart.bars[0].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 1
    chart.categoryAxis.categoryNames = month_labels(weeks) or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = FONT_SIZE - 1
    chart.categoryAxis.labels.fillColor = colors.HexColor(TEXT_COLOUR)
    chart.categoryAxis.labels.boxAnchor = "nw"
    chart.categoryAxis.labels.dx = -chart.width / count / 2
    chart.categoryAxis.strokeColor = colors.HexColor(MUTED_COLOUR)
    chart.categoryAxis.tickDown = 0
    drawing.add(chart)
    if planned:  # the plan as steps over the weeks, on the bars' scale
        slot = chart.width / count
        points: list[float] = []
        for number, value in enumerate(planned):
            y = chart.y + chart.height * value / top_value
            points += [chart.x + slot * number, y, chart.x + slot * (number + 1), y]
        plan = colors.HexColor(PLAN_COLOUR)
        drawing.add(PolyLine(points, strokeColor=plan, strokeWidth=1.2))
    if title:
        drawing.add(
            String(
                chart.x,
                height - 12,
                title,
                fontName=font,
                fontSize=FONT_SIZE,
                fillColor=colors.HexColor(TEXT_COLOUR),
            )
        )
    if legend:
        entries = [(DONE_COLOUR, _("Visits held")), (PLAN_COLOUR, _("Visits planned"))]
        add_legend(drawing, font, (chart.x, chart.x + chart.width), height - 12, entries)
    return drawing


def visits_chart_svg(
    weeks: Sequence[dt.date],
    done: Sequence[int],
    planned: Sequence[int],
    *,
    width: float = 560.0,
    height: float = 160.0,
    title: str = "",
) -> bytes:
    """The chart as UTF-8 SVG (see :func:`visits_chart_drawing`)."""
    from reportlab.graphics import renderSVG

    drawing = visits_chart_drawing(weeks, done, planned, width, height, title=title)
    return renderSVG.drawToString(drawing).encode("utf-8")
