"""A hostile school list is refused before the work, in plain words: an XLSX bomb from its zip
directory (openpyxl never called), a damaged or entity-bomb sheet, a sheet going on forever; a
sheet declaring every cell of the grid is read as what it holds; Excel's «Unicode text» (UTF-16,
tabs) is a table."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.services.schools.list_import import ImportFileError, read_table
from tests.services.limits.hostile_files import (
    MB,
    SHEET,
    billion_laughs,
    inline_row,
    repeated,
    sheet_xml,
    swapped,
    workbook,
)

INN = make_inn("344401234")
HEADER = ("ИНН", "Наименование ОО", "МО")
ROW = (INN, "МБОУ «Ерзовская СШ»", "Городищенский")


def refusal(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    return caught.value.user_message


def test_an_xlsx_bomb_is_refused_from_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = repeated(b"<row/>", 300 * MB, head=b"<worksheet><sheetData>")
    path = swapped(workbook([list(HEADER)]), tmp_path / "list.xlsx", SHEET, bomb)
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("parsed"))
    assert refusal(path) == (
        f"The file {path} cannot be read: xl/worksheets/sheet1.xml would unpack to 300 MB, "
        "more than the 64 MB allowed for one file."
    )


def test_a_damaged_sheet_is_named(tmp_path: Path) -> None:
    good = workbook([list(HEADER), list(ROW)])
    xml = sheet_xml(inline_row(1, *HEADER) + inline_row(2, *ROW), dimension="A1:C2")[:-40]
    path = swapped(good, tmp_path / "cut.xlsx", SHEET, xml)
    assert refusal(path) == "The file cut.xlsx is damaged: the sheet «Sheet» cannot be read."
    xml = sheet_xml(inline_row(1, *HEADER) + inline_row(2, *ROW))[:-40]
    path = swapped(good, tmp_path / "cut-early.xlsx", SHEET, xml)  # found while opening it
    assert refusal(path) == (
        "The file cut-early.xlsx is a damaged Excel workbook: open it in Excel and save it again."
    )


def test_an_entity_bomb_is_a_damaged_workbook(tmp_path: Path) -> None:
    xml = sheet_xml(inline_row(1, "&a9;"), doctype=billion_laughs())
    path = swapped(workbook([list(HEADER)]), tmp_path / "laughs.xlsx", SHEET, xml)
    assert "laughs.xlsx is a damaged Excel workbook" in refusal(path)


def test_a_sheet_declaring_every_cell_is_read_as_what_it_holds(tmp_path: Path) -> None:
    xml = sheet_xml(inline_row(1, *HEADER) + inline_row(2, *ROW), dimension="A1:XFD1048576")
    table = read_table(swapped(workbook([["x"]]), tmp_path / "dim.xlsx", SHEET, xml))
    assert table.headers == list(HEADER)
    assert [row.cells for row in table.rows] == [ROW]


def test_a_sheet_going_on_forever_is_refused(tmp_path: Path) -> None:
    xml = sheet_xml(inline_row(1, *HEADER) + inline_row(2, *ROW) + inline_row(1_048_576, "x"))
    path = swapped(workbook([["x"]]), tmp_path / "long.xlsx", SHEET, xml)
    assert refusal(path) == (
        "The sheet «Sheet» of long.xlsx goes on past 100,000 rows, empty ones included: delete "
        "the rows below the list or split it into smaller files."
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_excels_unicode_text_is_a_table(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.txt"
    lines = ["\t".join(HEADER), "\t".join(ROW)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    table = read_table(path)
    assert table.headers == list(HEADER) and [row.cells for row in table.rows] == [ROW]
    assert table.describe() == "CSV, UTF-16, delimiter «tab»"


def test_blank_lines_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(";".join(HEADER) + "\n" + ";".join(ROW) + "\n" * 500_000, encoding="utf-8")
    table = read_table(path)
    assert len(table.rows) == 1
