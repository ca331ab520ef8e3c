"""Hostile roadmap files are refused before the work, in plain words: a DOCX or XLSX bomb from
its zip directory (python-docx and openpyxl never called), documents and sheets longer than a
roadmap can be, damaged sheet XML; merged cells no longer cost time per row; UTF-16 text read."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.services.roadmap import office
from curator_desktop.services.roadmap.reader import read_roadmap
from tests.services.limits.hostile_files import (
    DOCUMENT,
    MB,
    SHEET,
    billion_laughs,
    document,
    document_xml,
    inline_row,
    repeated,
    sheet_xml,
    swapped,
    word_row,
    workbook,
)

HEADER = ("Срок", "№ п/п", "Содержание деятельности", "Ответственные", "Ожидаемый результат")


def refusal(path: Path) -> str:
    with pytest.raises(ValidationError) as caught:
        read_roadmap(path)
    return caught.value.user_message


def forbid_parsers(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on python-docx and openpyxl fail the test if they are asked to open anything."""

    def parser(*args: object, **kwargs: object) -> None:
        raise AssertionError("a parser was called")

    monkeypatch.setattr(docx, "Document", parser)
    monkeypatch.setattr(openpyxl, "load_workbook", parser)


def test_a_docx_bomb_is_refused_from_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = repeated(b"<w:p/>", 40 * MB, head=b'<w:document xmlns:w="x"><w:body>')
    path = swapped(document(["План-график"]), tmp_path / "plan.docx", DOCUMENT, bomb)
    forbid_parsers(monkeypatch)
    assert refusal(path) == (
        "Cannot read plan.docx: word/document.xml would unpack to 40 MB, more than the 16 MB "
        "allowed for one file."
    )


def test_an_xlsx_bomb_is_refused_by_its_ratio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = repeated(b"<row/>", 8 * MB, head=b"<worksheet><sheetData>")
    path = swapped(workbook([list(HEADER)]), tmp_path / "plan.xlsx", SHEET, bomb)
    forbid_parsers(monkeypatch)
    message = refusal(path)
    assert message.startswith("Cannot read plan.xlsx: xl/worksheets/sheet1.xml would unpack to")
    assert message.endswith("times its size (a “zip bomb”).")


def test_a_file_too_large_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.txt"
    with path.open("wb") as fh:
        fh.truncate(20 * MB + 1)
    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
        message = refusal(path)
    assert message == "The file is too large (20 MB): files up to 20 MB can be imported."


def test_damaged_and_entity_bomb_sheets_are_damaged_files(tmp_path: Path) -> None:
    good = workbook([list(HEADER), ["январь", "1.1", "Выезд", "куратор", "справка"]])
    cut = swapped(good, tmp_path / "cut.xlsx", SHEET, sheet_xml(inline_row(1, *HEADER))[:-40])
    laughs = sheet_xml(inline_row(1, "&a9;"), doctype=billion_laughs())
    bomb = swapped(good, tmp_path / "laughs.xlsx", SHEET, laughs)
    for path in (cut, bomb):
        assert refusal(path) == (
            f"Cannot read {path.name}: the file is damaged or is not a real XLSX document."
        )


def test_a_sheet_declaring_every_cell_is_read_as_what_it_holds(tmp_path: Path) -> None:
    rows = inline_row(1, *HEADER) + inline_row(2, "январь", "1.1", "Выезд в школы", "ИМЦ", "акт")
    xml = sheet_xml(rows, dimension="A1:XFD1048576")
    path = swapped(workbook([["x"]]), tmp_path / "plan.xlsx", SHEET, xml)
    parsed = read_roadmap(path)
    assert [item.title for item in parsed.items] == ["Выезд в школы"]


def test_a_sheet_longer_than_a_roadmap_is_refused(tmp_path: Path) -> None:
    rows = inline_row(1, *HEADER) + inline_row(1_048_576, "декабрь")
    path = swapped(workbook([["x"]]), tmp_path / "long.xlsx", SHEET, sheet_xml(rows))
    assert refusal(path) == (
        "Cannot read long.xlsx: it goes on past 100,000 rows or paragraphs; a roadmap is much "
        "shorter."
    )


@pytest.mark.parametrize(
    ("body", "limit"),
    [
        ("<w:p/>" * (office.MAX_PARAGRAPHS + 1), "100,000"),
        (
            "<w:tbl>"
            + "".join(word_row(str(n), f"{n * 7919 % 10007}") for n in range(office.MAX_ROWS + 1))
            + "</w:tbl>",
            "3,000",
        ),
    ],
)
def test_a_document_longer_than_a_roadmap_is_refused(tmp_path: Path, body: str, limit: str) -> None:
    path = swapped(document(["x"]), tmp_path / "long.docx", DOCUMENT, document_xml(body))
    assert f"it goes on past {limit} rows or paragraphs" in refusal(path)


def test_a_sheet_with_more_rows_than_a_roadmap_is_refused(tmp_path: Path) -> None:
    rows = "".join(inline_row(n, "январь", str(n), "Выезд") for n in range(1, office.MAX_ROWS + 2))
    path = swapped(workbook([["x"]]), tmp_path / "rows.xlsx", SHEET, sheet_xml(rows))
    assert "it goes on past 3,000 rows or paragraphs" in refusal(path)


def test_merged_cells_cost_one_pass(tmp_path: Path) -> None:
    """A column merged down 2,500 rows (python-docx walks up the table for each: a recursion
    error after quadratic time) and a cell spanning a billion columns."""
    first = word_row("В течение года", "1.1", "Выезд", "ИМЦ", "", merge="restart")
    rows = [word_row(*HEADER), first]
    rows += [
        word_row("", f"{n // 100 + 1}.{n % 100 + 1}", f"Выезд {n}", "ИМЦ", "", merge="continue")
        for n in range(1, 2500)
    ]
    rows.append(word_row("декабрь", "31.1", "Итоги", "ИМЦ", "", span=1_000_000_000))
    body = "<w:tbl>" + "".join(rows) + "</w:tbl>"
    path = swapped(document(["x"]), tmp_path / "merged.docx", DOCUMENT, document_xml(body))
    items = read_roadmap(path).items
    assert len(items) == 2500
    assert {item.deadline_text for item in items[:-1]} == {"В течение года"}
    table = docx.Document(str(path)).tables[0]
    last = office._table_rows(table)[-1]  # its first cell spans the 256 columns read, alone
    assert last == ["декабрь"] + [""] * 255


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_excels_unicode_text_is_read(tmp_path: Path, encoding: str) -> None:
    text = "\t".join(HEADER) + "\r\nянварь\t1.1\tВыезд в школы\tИМЦ\tакт\r\n"
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode(encoding))
    assert [item.title for item in read_roadmap(path).items] == ["Выезд в школы"]
