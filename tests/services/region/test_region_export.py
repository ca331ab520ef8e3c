"""The region's workbook: the overview with one row per school and the curators' table, opened
in openpyxl; a name that would start a formula is written as text."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook
from sqlmodel import col, select

from curator_desktop.services.region import RegionService
from curator_desktop.services.region.export import CURATOR_COLUMNS, SCHOOL_COLUMNS, export_region
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School
from tests.services.demo.region_stores import RegionStores

FORMULA = '=HYPERLINK("http://example.com","СОШ")'


def test_the_workbook_has_a_row_per_school_and_per_curator(
    region_stores: RegionStores, tmp_path: Path
) -> None:
    store = tmp_path / "coordinator.sqlite3"
    shutil.copy2(region_stores.coordinator, store)
    database = Database(store, device_id="test")
    try:
        with database.session() as session:
            school = session.exec(select(School).order_by(col(School.inn))).first()
            assert school is not None
            school.short_name = FORMULA
            session.add(school)
        summary = RegionService(database).summary(region_stores.today)
    finally:
        database.close()
    target = export_region(summary, tmp_path / "region.xlsx")

    workbook = load_workbook(target, read_only=True)
    overview, curators = (list(sheet.values) for sheet in workbook.worksheets)
    workbook.close()
    assert len(workbook.sheetnames) == 2
    assert len(overview) == 1 + len(summary.schools) and len(overview[0]) == len(SCHOOL_COLUMNS)
    assert len(curators) == 1 + 3 and len(curators[0]) == len(CURATOR_COLUMNS)
    inns = [row[2] for row in overview[1:]]
    assert sorted(inns) == sorted(s.inn for s in summary.schools)
    names = [row[1] for row in overview[1:]]
    assert "'" + FORMULA in names and FORMULA not in names
    assert not any(isinstance(v, str) and v.startswith("=") for row in overview for v in row)
    by_name = {row[0]: row for row in curators[1:]}
    for curator in summary.curators:
        assert by_name[curator.name][1:3] == (curator.schools, curator.visits_completed)
