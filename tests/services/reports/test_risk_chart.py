"""The risk profile chart: SVG with Cyrillic factor labels in PT Sans, never Helvetica."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from curator_desktop.i18n import set_language
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.reports.charts.risk_chart import (
    FONT_NAME,
    risk_chart_drawing,
    risk_chart_svg,
)
from curator_desktop.services.risk.profiles import FactorRow, RiskProfileService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def rows(database: Database) -> list[FactorRow]:
    """The built-in catalog's profile of a school with a few verdicts."""
    install_builtin_catalogs(database)
    with database.session() as session:
        school = School(full_name="МОУ «Тестовая СОШ»")
        session.add(school)
    service = RiskProfileService(database, today=dt.date(2026, 3, 20))
    service.save_factor(
        school.id, 2026, "R01", {"questionnaire_level": "high", "verdict": "confirmed"}
    )
    service.save_factor(
        school.id,
        2026,
        "R02",
        {"questionnaire_level": "medium", "verdict": "rejected", "justification": "Кадры есть."},
    )
    return service.profile(school.id, 2026)


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def test_svg_has_the_factor_labels_in_cyrillic(rows: list[FactorRow]) -> None:
    svg = risk_chart_svg(rows, language="ru")
    assert svg.startswith(b"<?xml")
    texts = _texts(svg)
    assert "R01 Низкий уровень оснащения школы" in texts
    assert "R11 Высокая доля обучающихся с ОВЗ" in texts
    labels = [t for t in texts if re.match(r"R\d\d ", t)]
    assert len(labels) == 11
    first = texts.index(next(t for t in labels if t.startswith("R08 ")))
    long_one = " ".join(texts[first : first + 2])  # too long for one line: wrapped, not cut
    assert long_one == (
        "R08 Пониженный уровень качества школьной образовательной и воспитательной среды "
        "(школьное благополучие)"
    )
    assert not any("…" in t for t in texts)


def test_no_helvetica_only_pt_sans(rows: list[FactorRow]) -> None:
    svg = risk_chart_svg(rows, language="ru")
    assert b"Helvetica" not in svg
    root = ET.fromstring(svg)
    fonts = {
        re.search(r"font-family:\s*([^;]+);", element.get("style", "")).group(1)  # type: ignore[union-attr]
        for element in root.iter(f"{SVG}text")
    }
    assert fonts == {FONT_NAME}


def test_legend_scale_and_states_follow_the_language(rows: list[FactorRow]) -> None:
    set_language("ru")
    texts = _texts(risk_chart_svg(rows, language="ru"))
    assert {"Высокий", "Средний", "Низкий"} <= set(texts)
    set_language("en")
    texts = _texts(risk_chart_svg(rows, language="en"))
    assert "R01 Low level of school equipment" in texts
    assert {"Level from the questionnaires", "Level after verification"} <= set(texts)
    assert {"High", "Medium", "Low", "Risk not identified"} <= set(texts)
    assert texts.count("Not verified") == 9  # R03…R11 have no verdict yet: as tables say it
    assert texts.count("Not confirmed") == 1  # R02 was rejected


def test_drawing_has_the_asked_size_for_the_pdf(rows: list[FactorRow]) -> None:
    drawing = risk_chart_drawing(rows, 480, 300, language="ru")
    assert (drawing.width, drawing.height) == (480, 300)
    assert drawing.getBounds()[2] <= 480 + 1


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_legend_and_the_labels_stay_inside_the_protocols_chart(
    rows: list[FactorRow], language: str
) -> None:
    """The protocol draws the chart 540 points wide: the legend ends over the plot, clear of
    the page's edge, and no label is cut."""
    from reportlab.graphics.shapes import String

    set_language(language)
    drawing = risk_chart_drawing(rows, 540, 310, language=language)
    legend = [item for item in drawing.contents if isinstance(item, String)]
    assert len(legend) == 2
    assert all(item.getBounds()[0] >= 0 and item.getBounds()[2] <= 540 - 20 for item in legend)


def test_a_chart_drawn_first_leaves_the_reports_their_own_font() -> None:
    """The window draws a chart before any report: the reports must still get their font."""
    import subprocess
    import sys

    code = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from reportlab.pdfbase.ttfonts import TTFont\n"
        "from curator_desktop.services.reports.charts.risk_chart import register_font\n"
        "from curator_desktop.services.reports.form.styles import SANS, register_fonts\n"
        "assert register_font() == SANS\n"
        "register_fonts()\n"
        "assert type(pdfmetrics.getFont(SANS)) is not TTFont, 'a plain TrueType font'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
