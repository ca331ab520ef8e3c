"""The coordinator's analytical справки as real PDFs from a real coordinator's store (three
seeded curators' packages merged): every kind in Russian (no Latin words) and English, the
counts per municipality and per curator equal to the region service's summary, the weekly
visits equal to the visits recorded, «as of» never in the future, and the pictures as SVG."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from curator_desktop.domain.region.summary import RegionSchool
from curator_desktop.i18n import _, format_date, pgettext, set_language
from curator_desktop.services.region import RegionService
from curator_desktop.services.reports.charts.region_levels_chart import (
    LevelRow,
    levels_chart_svg,
    risk_scale,
)
from curator_desktop.services.reports.charts.region_stage_chart import StageRow, stage_chart_svg
from curator_desktop.services.reports.charts.region_visits_chart import visits_chart_svg
from curator_desktop.services.reports.region.data import (
    KINDS,
    as_of_day,
    collect,
    group_line,
)
from curator_desktop.services.reports.region.report import REPORT_KINDS, share
from curator_desktop.services.reports.service import ReportService
from curator_desktop.store.database import Database
from tests.services.demo.region_stores import TODAY, RegionStores, region_stores  # noqa: F401
from tests.services.reports.latin_words import latin_words
from tests.services.reports.report_helpers import page_texts

FROM, TO = dt.date(2026, 1, 1), TODAY
"""The period: the demo region's year up to the day it was built (so «as of» is ``TO``)."""


@pytest.fixture
def coordinator(region_stores: RegionStores, tmp_path: Path):  # noqa: F811
    """A copy of the coordinator's store (the shared one stays read-only)."""
    store = tmp_path / "coordinator.sqlite3"
    shutil.copy2(region_stores.coordinator, store)
    database = Database(store, device_id="test-coordinator")
    yield database
    database.close()


def _generate(database: Database, tmp_path: Path, kind: str, language: str) -> str:
    service = ReportService(database, reports_dir=tmp_path / "reports", cache_dir=tmp_path / "c")
    record = service.generate_region(FROM, TO, kind=kind, language=language)
    assert record.kind == f"region_{kind}" and record.document_number.startswith("АС-")
    pages = page_texts(service.path_of(record))
    set_language(language)
    try:
        for number, page in enumerate(pages, start=1):
            assert _("Page {page} of {pages}").format(page=number, pages=len(pages)) in page
        assert REPORT_KINDS[kind].label in pages[0]
    finally:
        set_language("en")
    return " ".join(pages)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_region_report_renders_with_counts_per_municipality_and_curator(
    coordinator: Database, tmp_path: Path, language: str
) -> None:
    summary = RegionService(coordinator).summary(TO)
    municipalities = {s.municipality for s in summary.schools}
    curators = {name for s in summary.schools for name in s.curators}
    assert len(municipalities) >= 2 and len(curators) == 3
    for kind in KINDS:
        report = _generate(coordinator, tmp_path / kind, kind, language)
        for name in municipalities | curators:
            assert name in report, (kind, name)
        if language == "ru":
            assert latin_words(report) == [], kind


def _monitoring_row(name: str, schools: list[RegionSchool]) -> str:
    line = group_line(name, schools, TO)
    return " ".join(
        [name, str(line.schools), share(line.monitoring_1, line.schools),
         share(line.monitoring_2, line.schools)]
    )  # fmt: skip


def test_monitoring_report_counts_what_the_summary_lists(
    coordinator: Database, tmp_path: Path
) -> None:
    """Each municipality's and each curator's row: schools, and those with data at stage 1 and
    2 as «n (p %)», as the region service counts them; the region's total once per school."""
    summary = RegionService(coordinator).summary(TO)
    report = _generate(coordinator, tmp_path, "monitoring", "en")
    by_place: dict[str, list[RegionSchool]] = {}
    by_curator: dict[str, list[RegionSchool]] = {}
    for school in summary.schools:
        by_place.setdefault(school.municipality, []).append(school)
        for name in school.curators:
            by_curator.setdefault(name, []).append(school)
    for name, schools in [*by_place.items(), *by_curator.items()]:
        assert _monitoring_row(name, schools) in report
    assert _monitoring_row("Region in total", list(summary.schools)) in report
    assert sum(len(s) for s in by_curator.values()) > len(summary.schools)  # shared schools


def test_weekly_visits_are_the_visits_recorded(coordinator: Database) -> None:
    """Visits held in the period and visits planned in it, as plain SQL counts them."""
    data = collect(coordinator, FROM, TO, kind="visits")
    region = data.region_weeks
    with coordinator.session() as session:
        held, planned = (
            session.connection()
            .execute(
                text(
                    "SELECT sum(status IN ('completed', 'report_generated', 'uploaded') AND "
                    "coalesce(actual_date, planned_date) BETWEEN :a AND :b), "
                    "sum(planned_date BETWEEN :a AND :b) FROM visit WHERE deleted = 0"
                ),
                {"a": FROM.isoformat(), "b": TO.isoformat()},
            )
            .one()
        )
    assert held > 0 and planned > 0
    assert (sum(region.done), sum(region.planned)) == (held, planned)
    assert data.weeks[0] <= FROM < data.weeks[0] + dt.timedelta(days=7)
    assert all(len(c.done) == len(data.weeks) for c in data.curator_weeks)
    assert {c.name for c in data.curator_weeks} >= {c.name for c in RegionService(
        coordinator).summary(TO).curators}  # fmt: skip


def test_as_of_is_never_in_the_future(coordinator: Database) -> None:
    today = dt.date.today()
    assert as_of_day(today + dt.timedelta(days=30)) == today
    assert as_of_day(dt.date(2026, 6, 30), today=dt.date(2026, 12, 1)) == dt.date(2026, 6, 30)
    data = collect(coordinator, FROM, today + dt.timedelta(days=400), kind="summary")
    assert data.as_of == today


def test_english_header_says_as_of_and_the_cycle_year(
    coordinator: Database, tmp_path: Path
) -> None:
    report = _generate(coordinator, tmp_path, "summary", "en")
    assert f"{_('Data as of')} {format_date(TO)}" in report
    assert f"{_('Cycle year')} 2026" in report
    assert _("Conclusions and proposals") in report and _("Report prepared by:") in report


def test_stage_chart_svg_has_each_municipality_its_bars_and_the_stages() -> None:
    rows = [
        StageRow("Озерецкий район", 8, (8, 6, 5, 4, 3)),
        StageRow("Краснолесье", 3, (3, 2, 1, 0, 0)),
    ]
    svg = stage_chart_svg(rows).decode("utf-8")
    assert "Озерецкий район (8)" in svg and "Краснолесье (3)" in svg
    for label in (_("First visit"), _("Documents accepted"),
                  pgettext("monitoring", "Monitoring, stage 2")):  # fmt: skip
        assert label in svg
    bars = sum(1 for row in rows for count in row.counts if count)
    assert svg.count("<rect") >= bars + 5 + 1  # the bars, five legend keys, the background


def test_levels_chart_svg_stacks_the_counts_per_direction() -> None:
    rows = [LevelRow("Дефицит педагогических кадров", (4, 6, 2, 4))]
    svg = levels_chart_svg(rows, risk_scale()).decode("utf-8")
    assert "Дефицит педагогических кадров" in svg
    assert all(name in svg for _colour, name in risk_scale())
    for count in ("4", "6", "2"):
        assert f">{count}<" in svg


def test_visits_chart_svg_has_weeks_bars_and_the_plan() -> None:
    weeks = [dt.date(2026, 1, 5) + dt.timedelta(days=7 * n) for n in range(10)]
    done = [0, 1, 2, 0, 3, 0, 0, 1, 0, 2]
    svg = visits_chart_svg(weeks, done, [1] * 10, title="Козлова Галина Павловна").decode()
    assert "Козлова Галина Павловна" in svg
    assert _("Visits held") in svg and _("Visits planned") in svg
    assert "<polyline" in svg or "<path" in svg
    assert svg.count("<rect") >= sum(1 for n in done if n) + 2


def test_cli_report_region_writes_the_pdf(
    region_stores: RegionStores,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from curator_desktop.cli.parser import main

    data_dir = tmp_path / "coordinator"
    data_dir.mkdir()
    shutil.copy2(region_stores.coordinator, data_dir / region_stores.coordinator.name)
    target = tmp_path / "documents.pdf"
    args = ["report", "region", "--from", "01.01.2026", "--to", TO.isoformat()]
    args += ["--kind", "documents", "-o", str(target), "--data-dir", str(data_dir)]
    assert main([*args, "--lang", "en"]) == 0
    text = " ".join(page_texts(target))
    assert REPORT_KINDS["documents"].label in text and _("Documents by curator") in text
    assert "АС-" in capsys.readouterr().out
