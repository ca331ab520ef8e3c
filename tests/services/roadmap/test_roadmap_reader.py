"""Reading roadmap files: DOCX and XLSX built here, CSV in two encodings, the real text files,
and the files that must be refused with a clear message."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.services.roadmap.reader import read_roadmap
from tests.conftest import ROADMAPS

HEADER = ["Срок", "№ п/п", "Содержание деятельности", "Ответственные", "Ожидаемый результат"]


def _build_docx(path: Path) -> Path:
    document = docx.Document()
    for line in ("КОМИТЕТ ПО ОБРАЗОВАНИЮ", "ГОРОДА ВОЛГОГРАДА", "", "ПРИКАЗ"):
        document.add_paragraph(line)
    document.add_paragraph("«12» января 2022 г. № 15-од")
    document.add_paragraph("")
    document.add_paragraph("Приложение 1 План-график реализации проекта «500+» на 2022 год")
    table = document.add_table(rows=5, cols=5)
    rows = [
        HEADER,
        ["1. Организационный этап", "", "", "", ""],
        ["январь", "1.1", "Закрепление кураторов за школами", "координатор", "приказ"],
        ["В течение года", "1.2", "Выезды в ОО", "кураторы", "справки"],
        ["", "1.3", "Консультации", "ИМЦ", ""],
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(1, 4))  # a heading across the row
    table.cell(3, 0).merge(table.cell(4, 0))  # «В течение года» for 1.2 and 1.3
    document.add_paragraph("2. Методический этап")
    second = document.add_table(rows=3, cols=5)  # the table goes on after the page break
    for r, values in enumerate(
        [
            HEADER,
            ["март", "2.1", "Семинар «Верификация <b>рисков</b>»", "ИМЦ", "100% школ"],
            ["", "", "для директоров", "", ""],
        ]
    ):
        for c, value in enumerate(values):
            second.cell(r, c).text = value
    document.add_paragraph("АР – администрация района")
    document.add_paragraph("ИМЦ – информационно-методический центр")
    signature = document.add_table(rows=1, cols=2)  # not part of the roadmap
    signature.cell(0, 0).text, signature.cell(0, 1).text = "Председатель комитета", "И.И. Петров"
    document.save(str(path))
    return path


def test_docx_roadmap(tmp_path: Path) -> None:
    parsed = read_roadmap(_build_docx(tmp_path / "plan.docx"))
    assert [(i.number, i.section, i.title) for i in parsed.items] == [
        ("1.1", "1. Организационный этап", "Закрепление кураторов за школами"),
        ("1.2", "1. Организационный этап", "Выезды в ОО"),
        ("1.3", "1. Организационный этап", "Консультации"),
        ("2.1", "2. Методический этап", "Семинар «Верификация рисков» для директоров"),
    ]
    deadlines = [i.deadline_text for i in parsed.items]
    assert deadlines == ["январь", "В течение года", "В течение года", "март"]
    first = parsed.items[0]
    assert (first.responsible, first.indicator) == ("координатор", "приказ")
    # the coordinator assigns curators; a seminar on verification for directors is not the curator's
    assert [i.concerns_curator for i in parsed.items] == [False, True, False, False]
    document = parsed.document
    assert document.title == "План-график реализации проекта «500+» на 2022 год"
    assert document.issuer == "Комитет по образованию города Волгограда"
    assert (document.order_number, document.order_date) == ("15-од", dt.date(2022, 1, 12))
    assert document.year == 2022
    assert document.legend == {
        "АР": "администрация района",
        "ИМЦ": "информационно-методический центр",
    }


def test_xlsx_roadmap_on_the_second_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "Титул"
    cover["A1"] = "Дорожная карта Калачёвского района"
    sheet = workbook.create_sheet("План")
    sheet.append(["Дорожная карта реализации проекта «500+» в 2023 году"])
    sheet.append([])
    sheet.append(["Наименование мероприятия", "Сроки реализации", "№", "Исполнители", "Контроль"])
    sheet.append(["Первичное посещение школы", dt.datetime(2023, 3, 15), 1, "кураторы", "справка"])
    sheet.append(["Совещание директоров", "апрель", 2, "УО", None])
    sheet.append(["Итоговый отчёт", "декабрь", 3.0, "координатор", "отчёт"])
    sheet.append([])
    sheet.append(["УО – управление образования"])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)

    parsed = read_roadmap(path)
    assert [(i.number, i.title, i.deadline_text) for i in parsed.items] == [
        ("1", "Первичное посещение школы", "15.03.2023"),
        ("2", "Совещание директоров", "апрель"),
        ("3", "Итоговый отчёт", "декабрь"),
    ]
    assert parsed.items[0].control == "справка"
    assert parsed.items[0].curator_reason == "curator's step: first visit"
    assert parsed.document.title == "Дорожная карта реализации проекта «500+» в 2023 году"
    assert parsed.document.year == 2023
    assert parsed.document.legend == {"УО": "управление образования"}


def test_csv_with_semicolons_in_windows_1251(tmp_path: Path) -> None:
    text = (
        "План-график на 2021 год;;;\r\n"
        "№;Мероприятие;Сроки исполнения;Ответственный исполнитель\r\n"
        '1;"Верификация рисков; протокол";"10.03.2021-20.03.2021";Кураторы\r\n'
        "2;Анкетирование;февраль;школы\r\n"
    )
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode("cp1251"))
    parsed = read_roadmap(path)
    assert [(i.number, i.title, i.deadline_text) for i in parsed.items] == [
        ("1", "Верификация рисков; протокол", "10.03.2021-20.03.2021"),
        ("2", "Анкетирование", "февраль"),
    ]
    assert parsed.items[0].responsible == "Кураторы"
    assert parsed.document.title == "План-график на 2021 год"


def test_csv_with_commas_in_utf8_with_bom_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "Калач 2022.csv"
    path.write_text(
        'Мероприятие,Срок,Ответственные\n"Выезд в школу, беседа",май 2022,куратор\n',
        encoding="utf-8-sig",
    )
    parsed = read_roadmap(path)
    assert [(i.title, i.deadline_text, i.responsible) for i in parsed.items] == [
        ("Выезд в школу, беседа", "май 2022", "куратор")
    ]
    assert parsed.document.title == "Калач 2022"
    assert parsed.document.year == 2022


def test_tab_separated_csv(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("№\tМероприятие\tСроки\n1\tСовещание\tмарт\n", encoding="utf-8")
    assert [i.title for i in read_roadmap(path).items] == ["Совещание"]


def test_real_text_files_read_as_utf8_and_as_windows_1251(tmp_path: Path) -> None:
    assert len(read_roadmap(ROADMAPS / "leningrad-oblast-2021.txt").items) == 64
    copy = tmp_path / "smolensk.TXT"
    text = (ROADMAPS / "smolensk-oblast-2021.txt").read_text(encoding="utf-8")
    copy.write_bytes(text.encode("cp1251"))
    parsed = read_roadmap(copy)
    assert len(parsed.items) == 38
    assert parsed.document.issuer == "Департамент Смоленской области по образованию и науке"


def _refused(path: Path) -> str:
    with pytest.raises(ValidationError) as caught:
        read_roadmap(path)
    return caught.value.user_message


def test_empty_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.csv").write_text("\n  \n", encoding="utf-8")
    assert _refused(tmp_path / "empty.txt") == "The file empty.txt is empty."
    assert _refused(tmp_path / "blank.csv") == "The file blank.csv is empty."


def test_a_docx_that_is_really_text_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "plan.docx"
    fake.write_text("№\tМероприятие\tСроки\n1\tСовещание\tмарт\n", encoding="utf-8")
    assert _refused(fake) == (
        "Cannot read plan.docx: the file is damaged or is not a real DOCX document."
    )
    fake_xlsx = tmp_path / "plan.xlsx"
    shutil.copy(fake, fake_xlsx)
    assert "is damaged or is not a real XLSX document" in _refused(fake_xlsx)


def test_unknown_extension_and_missing_file_are_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    message = _refused(pdf)
    assert message.startswith("Cannot read plan.pdf: a roadmap is read from a ")
    assert ".docx, .xlsx, .csv, .txt" in message
    assert _refused(tmp_path / "missing.txt").startswith("Cannot read missing.txt: ")


def test_a_table_without_recognisable_headers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "schools.csv"
    path.write_text("Школа;ИНН\nМБОУ СОШ № 1;3444012345\n", encoding="utf-8")
    message = _refused(path)
    assert message.startswith("schools.csv: No roadmap table found")
    assert "«Сроки»" in message
    document = docx.Document()
    document.add_paragraph("План-график")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Школа", "Адрес"
    document.save(str(tmp_path / "no-table.docx"))
    assert _refused(tmp_path / "no-table.docx").startswith("no-table.docx: No roadmap table found")
