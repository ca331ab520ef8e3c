"""``region summary`` (text and JSON with the keys the issue names) and ``region export`` over a
coordinator's store merged from three seeded curators."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from curator_desktop.cli import main
from tests.services.demo.region_stores import (
    RegionStores,
    region_stores,  # noqa: F401
)

SCHOOL_KEYS = {"inn", "name", "curators", "visits_completed", "first_visit", "risks_verified",
               "recommendations_overdue", "last_package"}  # fmt: skip
CURATOR_KEYS = {"name", "schools", "visits_completed", "recommendations_overdue", "last_package"}


@pytest.fixture
def data(region_stores: RegionStores, tmp_path: Path) -> Path:  # noqa: F811
    folder = tmp_path / "coordinator"
    folder.mkdir()
    shutil.copy2(region_stores.coordinator, folder / region_stores.coordinator.name)
    return folder


def test_the_summary_as_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["region", "summary", "--data-dir", str(data), "--as-of", "2026-12-07", "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["as_of"] == "2026-12-07"
    assert summary["schools"] and set(summary["schools"][0]) >= SCHOOL_KEYS
    assert len(summary["curators"]) == 3 and set(summary["curators"][0]) >= CURATOR_KEYS
    assert summary["totals"]["schools"] == len(summary["schools"])
    assert all(isinstance(s["curators"], list) for s in summary["schools"])


def test_the_summary_as_text(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["region", "summary", "--data-dir", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Region as of ")
    assert "overdue recommendations:" in out


def test_the_export_writes_the_workbook(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "region.xlsx"
    assert main(["region", "export", "--data-dir", str(data), "-o", str(target)]) == 0
    workbook = load_workbook(target, read_only=True)
    assert len(workbook.sheetnames) == 2
    rows = list(workbook.worksheets[0].values)
    workbook.close()
    assert len(rows) > 20
