"""The risk profile as a chart: per factor, the questionnaire level beside the verified one.

One reportlab Drawing (horizontal grouped bars on the 0–3 scale «risk not identified» … «high»),
shown in the app as SVG and placed as is in the verification protocol PDF. Every text uses
PT Sans (full Cyrillic); reportlab's default Helvetica has no Cyrillic and is never used.
reportlab is imported inside the functions: it is not needed for the first window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.i18n import _, current_language

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

FONT_NAME = "PT Sans"  # the reports' SANS (styles.SANS)
"""The name the chart's font is registered under in reportlab (the family name, so an SVG
viewer that has PT Sans uses it too)."""
FONT_SIZE = 8
ROW_HEIGHT = 24
QUESTIONNAIRE_COLOUR = "#9aaac4"
VERIFIED_COLOUR = "#1f5f8b"
TEXT_COLOUR = "#202020"
MUTED_COLOUR = "#6b6b6b"


class ChartRow(Protocol):
    """What the chart needs of a factor row (a ``FactorRow`` has it)."""

    code: str
    name_ru: str
    name_en: str
    questionnaire_level: str
    effective_level: str | None


def register_font() -> str:
    """Register the chart's font once; return the name to use as ``fontName``.

    It is the reports' PT Sans, registered by the reports' own registration: a chart drawn
    first must not leave a plain TrueType font under that name for the reports to find."""
    from curator_desktop.services.reports.form.styles import register_fonts

    return register_fonts()[1]


def warm_up() -> None:
    """Import what drawing the chart needs and register its font (the window does this off the
    GUI thread after start-up, so the first school card opens at once)."""
    from reportlab.graphics import renderSVG  # noqa: F401 (imported to be ready)

    register_font()


def _rank(level: str | None) -> int | None:
    if level is None:
        return None
    try:
        return RiskLevel(level).rank
    except ValueError:
        return None


LABEL_LINES = 2
"""Lines a factor's label may take beside its bars (a row is :data:`ROW_HEIGHT` tall)."""
LABEL_LEADING = FONT_SIZE * 1.1


def _label(row: ChartRow, language: str, width: float) -> str:
    """«R01 Name», broken into lines no wider than ``width`` points (at most
    :data:`LABEL_LINES`; only a name longer than that is cut, with «…»)."""
    name = row.name_ru if language == "ru" else (row.name_en or row.name_ru)
    return wrapped_label(f"{row.code} {name}".strip(), width)


def wrapped_label(text: str, width: float, lines_at_most: int = LABEL_LINES) -> str:
    """``text`` broken into lines no wider than ``width`` points (at most ``lines_at_most``;
    only a text longer than that is cut, with «…»)."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = simpleSplit(text, FONT_NAME, FONT_SIZE, width)
    if len(lines) > lines_at_most:
        last = " ".join(lines[lines_at_most - 1 :])
        while last and stringWidth(last + "…", FONT_NAME, FONT_SIZE) > width:
            last = last[:-1]
        lines = [*lines[: lines_at_most - 1], last.rstrip(" ,.;:") + "…"]
    return "\n".join(lines)


def _level_names() -> dict[int, str]:
    return {level.rank: level.label for level in RiskLevel}


def risk_chart_drawing(
    rows: Sequence[ChartRow], width: float, height: float, *, language: str | None = None
) -> Drawing:
    """The chart as a reportlab Drawing of ``width`` × ``height`` points.

    Factor names are taken in ``language`` (default: the current one); the legend and the scale
    are in the current language.
    """
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors

    font = register_font()
    language = language or current_language()
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    legend_height, axis_height = 22.0, 18.0
    label_width = min(width * 0.45, 300.0)
    plot_x = label_width + 10
    plot_width = max(width - plot_x - 26, 40.0)
    plot_height = max(height - legend_height - axis_height - 6, 20.0)

    ordered = list(reversed(rows))  # reportlab puts the first category at the bottom
    chart = HorizontalBarChart()
    chart.x, chart.y = plot_x, axis_height
    chart.width, chart.height = plot_width, plot_height
    # Within a group the first series is drawn lowest: verified below, questionnaire above.
    chart.data = [
        [_rank(r.effective_level) for r in ordered],
        [_rank(r.questionnaire_level) or 0 for r in ordered],
    ]
    chart.bars[0].fillColor = colors.HexColor(VERIFIED_COLOUR)
    chart.bars[1].fillColor = colors.HexColor(QUESTIONNAIRE_COLOUR)
    rejected = Verdict.label_for(Verdict.REJECTED)  # as the tables print it
    chart.barLabelFormat = "values"
    chart.barLabelArray = [
        [rejected if getattr(r, "verdict", None) == "rejected" else "" for r in ordered],
        ["" for _r in ordered],
    ]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = FONT_SIZE - 1
    chart.barLabels.fillColor = colors.HexColor(MUTED_COLOUR)
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    for series in (0, 1):
        chart.bars[series].strokeColor = chart.bars[series].fillColor
        chart.bars[series].strokeWidth = 0.8
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.categoryAxis.categoryNames = [_label(r, language, label_width) for r in ordered]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.labels.leading = LABEL_LEADING
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.fillColor = colors.HexColor(TEXT_COLOUR)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.HexColor(MUTED_COLOUR)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 3, 1
    names = _level_names()
    chart.valueAxis.labelTextFormat = lambda value: names.get(round(value), "")
    style_value_axis(chart, font)
    chart.naLabel = missing_bar_label(_("Not verified"), font)
    drawing.add(chart)
    add_legend(drawing, font, (plot_x, plot_x + plot_width), height - 14, _legend_entries())
    return drawing


def _legend_entries() -> list[tuple[str, str]]:
    return [
        (QUESTIONNAIRE_COLOUR, _("Level from the questionnaires")),
        (VERIFIED_COLOUR, _("Level after verification")),
    ]


def add_legend(
    drawing: Drawing,
    font: str,
    span: tuple[float, float],
    y: float,
    entries: Sequence[tuple[str, str]],
) -> None:
    """The legend (``entries``: colour, text) over the plot (``span``: its left and right),
    from its left edge, moved left as far as it needs to end at the plot's right edge (and no
    further than the drawing's)."""
    from reportlab.graphics.shapes import Rect, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = [14 + stringWidth(text, font, FONT_SIZE) for _colour, text in entries]
    total = sum(widths) + 18 * (len(entries) - 1)
    x = max(0.0, min(span[0], span[1] - total))
    for (colour, text), width in zip(entries, widths, strict=True):
        fill = colors.HexColor(colour)
        drawing.add(Rect(x, y - 1, 10, 8, fillColor=fill, strokeColor=fill))
        drawing.add(
            String(
                x + 14,
                y,
                text,
                fontName=font,
                fontSize=FONT_SIZE,
                fillColor=colors.HexColor(TEXT_COLOUR),
            )
        )
        x += width + 18


def chart_height(count: int) -> float:
    """A height in points that gives ``count`` factors readable bars."""
    return 46.0 + ROW_HEIGHT * max(count, 1)


def risk_chart_svg(
    rows: Sequence[ChartRow],
    *,
    language: str | None = None,
    width: float = 560.0,
    height: float | None = None,
) -> bytes:
    """The chart as UTF-8 SVG (see :func:`risk_chart_drawing`)."""
    from reportlab.graphics import renderSVG

    drawing = risk_chart_drawing(rows, width, height or chart_height(len(rows)), language=language)
    return renderSVG.drawToString(drawing).encode("utf-8")


def style_value_axis(chart: Any, font: str) -> None:
    """The value axis as every chart of the reports draws it: labels, a light grid."""
    from reportlab.lib import colors

    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = FONT_SIZE
    chart.valueAxis.labels.fillColor = colors.HexColor(TEXT_COLOUR)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d9d9d9")
    chart.valueAxis.strokeColor = colors.HexColor(MUTED_COLOUR)


def missing_bar_label(text: str, font: str) -> Any:
    """The words printed where a bar has no value («Не верифицирован», «нет результата»): a
    reportlab ``NA_Label``."""
    from reportlab.graphics.charts.textlabels import NA_Label
    from reportlab.lib import colors

    label = NA_Label()
    label.text = text
    label.fontName = font
    label.fontSize = FONT_SIZE - 1
    label.fillColor = colors.HexColor(MUTED_COLOUR)
    label.boxAnchor = "w"
    label.dx = 3
    return label
