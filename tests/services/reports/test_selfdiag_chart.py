"""The self-diagnosis chart: per direction the two rounds' bars as a share of the maximum, each
captioned with its points and level, the rounds named in the legend, in PT Sans (Cyrillic)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from curator_desktop.i18n import _
from curator_desktop.services.reports.charts.risk_chart import FONT_NAME
from curator_desktop.services.reports.charts.selfdiag_chart import (
    DirectionBars,
    RoundBar,
    selfdiag_chart_drawing,
    selfdiag_chart_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [
    DirectionBars(
        "Знание: качество и объективность", RoundBar(8, 20, "below_base"), RoundBar(12, 20, "base")
    ),
    DirectionBars("Творчество", RoundBar(10, 20, "base"), None),
    DirectionBars("Профориентация", RoundBar(6, 20, "below_base"), RoundBar(9, 20, "below_base")),
]


def _texts(svg: bytes) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}text")]


def test_bars_are_labelled_with_points_levels_and_rounds() -> None:
    svg = selfdiag_chart_svg(ROWS, ("ноябрь 2025", "май 2026"))
    texts = _texts(svg)
    assert "Творчество" in texts and "Профориентация" in texts
    assert "ноябрь 2025" in texts and "май 2026" in texts
    assert f"{_('{points} of {maximum}').format(points=8, maximum=20)} · below base" in texts
    assert f"{_('{points} of {maximum}').format(points=12, maximum=20)} · base" in texts
    assert _("no result") in texts  # Творчество has no later result
    assert "100 %" in texts
    assert FONT_NAME.encode() in svg and b"Helvetica" not in svg


def test_shares_of_the_maximum_are_the_bar_lengths() -> None:
    assert RoundBar(9, 20, None).share == 45.0
    assert RoundBar(25, 20, None).share == 100.0  # never past the plot
    assert RoundBar(None, 20, "base").share is None
    assert RoundBar(5, None, None).share is None


def test_one_round_alone_draws_one_series() -> None:
    only = [DirectionBars(r.name, None, r.later) for r in ROWS]
    drawing = selfdiag_chart_drawing(only, ("", "май 2026"), 500, 200)
    chart = next(c for c in drawing.contents if hasattr(c, "data"))
    assert len(chart.data) == 1
    texts = _texts(selfdiag_chart_svg(only, ("", "май 2026")))
    assert "май 2026" in texts and "ноябрь 2025" not in texts
