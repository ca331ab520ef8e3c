"""Importing the assigned-schools list from real CSV and XLSX files into a real store."""

from __future__ import annotations

import datetime as dt
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import col, func, select

from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.paths import AppPaths
from curator_desktop.services.schools.list_import import (
    MAX_BYTES,
    MAX_ROWS,
    ImportFileError,
    StaleDiffError,
    apply_import_diff,
    build_import_diff,
    detect_mapping,
    import_schools,
    preview_file,
    read_table,
)
from curator_desktop.store.backups import list_backups
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChangeLog, School

INN_1 = make_inn("344401234")
INN_2 = make_inn("344401235")
INN_3 = make_inn("344401236")
BAD_INN = INN_2[:9] + str((int(INN_2[9]) + 1) % 10)
ADYGEA_INN = make_inn("010501234")  # region 01: a number cell loses the leading zero

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def paths_for(database: Database) -> AppPaths:
    data = database.path.parent
    return AppPaths(data_dir=data, config_dir=data / "config", log_dir=data / "logs")


def write_csv(path: Path, lines: list[list[str]], *, encoding: str, delimiter: str) -> Path:
    path.write_bytes("\r\n".join(delimiter.join(cells) for cells in lines).encode(encoding))
    return path


def add_school(database: Database, **values: object) -> School:
    with database.session() as session:
        school = School(**values)
        session.add(school)
    return school


def schools(database: Database) -> list[School]:
    with database.session() as session:
        return list(session.exec(select(School).order_by(School.full_name)).all())


def count(database: Database, table: type) -> int:
    with database.session() as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


@pytest.fixture
def cp1251_file(tmp_path: Path) -> Path:
    """Russian Excel's CSV: Windows-1251, «;», columns in an unusual order and wording."""
    header = [
        "№ п/п",
        "Муниципальное образование",
        "ИНН организации",
        "Полное наименование ОО",
        "Тип населённого пункта",
        "ФИО директора",
        "Электронная почта",
        "Контингент",
        "Из них с ОВЗ",
        "Проект",
        "Год включения в проект",
        "Уровни образования",
    ]
    rows = [
        ["1", "Городищенский район", INN_1, "МБОУ «Ерзовская СШ»", "город", "Иванова И. И.",
         "erz@example.ru", "1 234", "12", "500+", "2024", "начальное общее, основное общее"],
        ["2", "Дубовский район", BAD_INN, "МКОУ «Оленьинская СШ»", "село", "Петров Пётр",
         "", "150", "3", "ШНОР", "2024", "НОО"],
        ["3", "Дубовский район", INN_3, "МКОУ «Прудовская ОШ»", "с. Прудки", "Сидорова Анна",
         "", "90", "", "Школа Минпросвещения России", "2025", "1-4, 5-9"],
    ]  # fmt: skip
    return write_csv(tmp_path / "школы.csv", [header, *rows], encoding="cp1251", delimiter=";")


def test_cp1251_semicolon_csv_is_read_mapped_and_imported(
    database: Database, cp1251_file: Path
) -> None:
    table = read_table(cp1251_file)
    assert (table.encoding, table.delimiter, table.header_row) == ("cp1251", ";", 1)
    assert table.headers[3] == "Полное наименование ОО"
    mapping = detect_mapping(table.headers)
    assert mapping.column_for("municipality") == 1
    assert mapping.column_for("inn") == 2
    assert mapping.column_for("full_name") == 3
    assert mapping.column_for("students_ovz_count") == 8
    assert mapping.column_for("cohort_year") == 10

    outcome = import_schools(cp1251_file, database, paths_for(database), dry_run=False)

    assert [(e.row, e.name) for e in outcome.diff.errors] == [(3, "МКОУ «Оленьинская СШ»")]
    assert "check digit" in outcome.diff.errors[0].reason
    assert "INN" in outcome.diff.errors[0].reason
    assert outcome.result is not None and outcome.result.added == 2
    stored = {s.inn: s for s in schools(database)}
    assert set(stored) == {INN_1, INN_3}
    first, second = stored[INN_1], stored[INN_3]
    assert first.full_name == "МБОУ «Ерзовская СШ»"
    assert first.municipality == "Городищенский район"
    assert (first.students_count, first.students_ovz_count, first.cohort_year) == (1234, 12, 2024)
    assert (first.settlement_type, first.programme) == ("town", "500plus")
    assert first.levels == ["noo", "ooo"]
    assert first.director_email == "erz@example.ru"
    assert (second.settlement_type, second.programme) == ("village", "minpros_school")
    assert second.students_ovz_count is None


def test_utf8_bom_comma_csv(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(
        "\ufeffНаименование,ИНН,Район,Телефон\r\n"
        f'"МОУ ""СОШ № 5"", г. Тихвин",{INN_1},Тихвинский,+7 (81367) 5-55-55\r\n'.encode()
    )
    preview = preview_file(path, database)
    assert (preview.table.encoding, preview.table.delimiter) == ("utf-8-sig", ",")
    assert preview.table.headers[0] == "Наименование"
    assert [a.fields.full_name for a in preview.diff.to_add] == ['МОУ "СОШ № 5", г. Тихвин']
    assert preview.diff.to_add[0].fields.director_phone == "+7 (81367) 5-55-55"


def test_tab_separated_utf8_without_bom(database: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.txt",
        [["ИНН", "Краткое наименование", "Полное наименование"], [INN_1, "СОШ 1", "МБОУ СОШ 1"]],
        encoding="utf-8",
        delimiter="\t",
    )
    preview = preview_file(path, database)
    assert preview.table.delimiter == "\t"
    assert (preview.diff.to_add[0].fields.short_name, preview.diff.to_add[0].name) == (
        "СОШ 1",
        "МБОУ СОШ 1",
    )


def test_xlsx_with_numeric_inn_and_title_row(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "школы.xlsx"
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Пояснения"
    notes.append(["Список закреплённых школ, 2025 год"])
    sheet = workbook.create_sheet("Школы")
    sheet.append(["Список ШНОР Волгоградской области"])
    sheet.append(["ИНН", "Наименование ОО", "МО", "Число педагогов", "Дата включения"])
    sheet.append([int(INN_1), "МБОУ «Ерзовская СШ»", "Городищенский", 25.0, dt.date(2025, 2, 1)])
    sheet.append([float(INN_3), "МКОУ «Прудовская ОШ»", "Дубовский", 14, None])
    sheet.append([int(ADYGEA_INN), "МБОУ СОШ № 2 а. Хатукай", "Красногвардейский", 31, None])
    sheet.append([None, None, None, None, None])
    sheet.append([INN_2, "МКОУ «Оленьинская СШ»", "Дубовский", "двадцать", None])
    workbook.save(path)

    preview = preview_file(path, database)

    assert preview.table.kind == "xlsx"
    assert (preview.table.sheet, preview.table.header_row) == ("Школы", 2)
    assert preview.table.rows[0].cells[4] == "2025-02-01"
    adds = preview.diff.to_add
    assert [a.fields.inn for a in adds] == [INN_1, INN_3, ADYGEA_INN]
    assert [a.row for a in adds] == [3, 4, 5]
    assert adds[0].fields.teachers_count == 25
    assert [(e.row, list(e.messages)) for e in preview.diff.errors] == [(7, ["teachers_count"])]
    assert "whole number" in preview.diff.errors[0].reason


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Наименование ОО", "full_name"),
        ("ПОЛНОЕ НАИМЕНОВАНИЕ", "full_name"),
        ("Краткое наименование", "short_name"),
        ("Сокращённое наименование", "short_name"),
        ("ИНН", "inn"),
        ("Логин ИС МЭДК", "medk_code"),
        ("Муниципалитет", "municipality"),
        ("Муниципальное образование", "municipality"),
        ("МО", "municipality"),
        ("Район", "municipality"),
        ("Регион", "region"),
        ("Субъект РФ", "region"),
        ("Адрес", "address"),
        ("Тип населённого пункта", "settlement_type"),
        ("Директор", "director_name"),
        ("ФИО руководителя", "director_name"),
        ("Телефон", "director_phone"),
        ("E-mail", "director_email"),
        ("Электронная почта", "director_email"),
        ("Заместитель", "deputy_name"),
        ("Уровни образования", "levels"),
        ("Число обучающихся", "students_count"),
        ("Контингент", "students_count"),
        ("Обучающиеся с ОВЗ", "students_ovz_count"),
        ("Число педагогов", "teachers_count"),
        ("Программа", "programme"),
        ("Проект", "programme"),
        ("Год", "cohort_year"),
        ("Год включения", "cohort_year"),
    ],
)
def test_header_variants_are_recognised(header: str, field: str) -> None:
    assert detect_mapping(["№", header]).columns == {field: 1}


def test_similar_headers_go_to_the_closest_field() -> None:
    mapping = detect_mapping(
        ["Число обучающихся с ОВЗ", "Телефон заместителя", "Число обучающихся", "Телефон"]
    )
    assert mapping.columns == {
        "students_ovz_count": 0,
        "deputy_phone": 1,
        "students_count": 2,
        "director_phone": 3,
    }
    assert detect_mapping(["Примечание", "№ п/п"]).columns == {}


def test_mapping_can_be_changed_one_column_per_field() -> None:
    mapping = detect_mapping(["Наименование", "Территория", "ИНН"])
    assert mapping.column_for("municipality") is None
    mapping.set("municipality", 1)
    mapping.set("short_name", 0)
    assert mapping.column_for("short_name") == 0
    assert mapping.column_for("full_name") is None
    mapping.set("inn", None)
    assert mapping.mapped_keys() == ["short_name", "municipality"]


def test_update_matched_by_inn_lists_changed_fields(database: Database, tmp_path: Path) -> None:
    school = add_school(
        database,
        full_name="МБОУ «Ерзовская СШ»",
        inn=INN_1,
        municipality="Городищенский район",
        director_name="Иванова Ирина Ивановна",
        students_count=1200,
        medk_code="erz34",
    )
    path = write_csv(
        tmp_path / "update.csv",
        [
            ["ИНН", "Директор", "Число обучающихся", "Логин ИС МЭДК", "Телефон"],
            [INN_1, "Смирнова Ольга Петровна", "1200", "", "8 (84468) 3-11-22"],
        ],
        encoding="utf-8",
        delimiter=";",
    )
    outcome = import_schools(path, database, paths_for(database), dry_run=False)

    [update] = outcome.diff.to_update
    assert (update.row, update.school_id, update.matched_by) == (2, school.id, "inn")
    assert [(c.field, c.old, c.new) for c in update.changes] == [
        ("director_name", "Иванова Ирина Ивановна", "Смирнова Ольга Петровна"),
        ("director_phone", "", "8 (84468) 3-11-22"),
    ]
    [stored] = schools(database)
    assert stored.director_name == "Смирнова Ольга Петровна"
    assert stored.medk_code == "erz34", "an empty cell must not erase a value"
    assert stored.revision != school.revision
    with database.session() as session:
        logged = session.exec(
            select(ChangeLog.field).where(col(ChangeLog.entity_id) == school.id)
        ).all()
    assert {"director_name", "director_phone"} <= set(logged)


def test_update_matched_by_name_and_municipality(database: Database, tmp_path: Path) -> None:
    school = add_school(
        database, full_name='МКОУ "Ёлкинская ООШ № 2"', municipality="Ольховский район"
    )
    add_school(database, full_name='МКОУ "Ёлкинская ООШ № 2"', municipality="Другой район")
    path = write_csv(
        tmp_path / "by-name.csv",
        [
            ["Наименование ОО", "Муниципалитет", "ИНН", "Адрес"],
            ["мкоу «Елкинская ООШ №2»", "ольховский РАЙОН", INN_2, "с. Ёлки, ул. Школьная, 1"],
        ],
        encoding="utf-8",
        delimiter=";",
    )
    diff = preview_file(path, database).diff
    [update] = diff.to_update
    assert (update.school_id, update.matched_by) == (school.id, "name")
    assert [c.field for c in update.changes] == ["full_name", "inn", "municipality", "address"]
    assert update.changes[1].old == "" and update.changes[1].new == INN_2
    assert diff.to_add == []


def test_reimport_of_the_same_file_is_unchanged(database: Database, cp1251_file: Path) -> None:
    import_schools(cp1251_file, database, paths_for(database), dry_run=False)
    backups_before = list_backups(paths_for(database).backup_dir)
    again = import_schools(cp1251_file, database, paths_for(database), dry_run=False)
    assert again.diff.to_add == [] and again.diff.to_update == []
    assert [u.row for u in again.diff.unchanged] == [2, 4]
    assert len(again.diff.errors) == 1
    assert list_backups(paths_for(database).backup_dir) == backups_before


def test_dry_run_writes_nothing(database: Database, cp1251_file: Path, store_file: Path) -> None:
    add_school(database, full_name="МБОУ «Ерзовская СШ»", inn=INN_1, director_name="Старый")
    database.close()
    before = store_file.read_bytes()
    changes_before = count(database, ChangeLog)

    outcome = import_schools(cp1251_file, database, paths_for(database), dry_run=True)

    assert outcome.result is None
    assert len(outcome.diff.to_add) == 1 and len(outcome.diff.to_update) == 1
    database.close()
    assert store_file.read_bytes() == before
    assert count(database, ChangeLog) == changes_before
    assert [s.director_name for s in schools(database)] == ["Старый"]
    assert list_backups(paths_for(database).backup_dir) == []


def test_apply_takes_a_pre_import_backup_first(database: Database, cp1251_file: Path) -> None:
    add_school(database, full_name="Уже была")
    outcome = import_schools(cp1251_file, database, paths_for(database), dry_run=False)

    [backup] = list_backups(paths_for(database).backup_dir)
    assert backup.reason == "pre-import"
    assert outcome.result is not None and outcome.result.backup == backup.path
    with sqlite3.connect(backup.path) as connection:
        assert connection.execute("SELECT count(*) FROM school").fetchone()[0] == 1
    assert len(schools(database)) == 3


def test_apply_is_all_or_nothing(database: Database, tmp_path: Path) -> None:
    school = add_school(database, full_name="МБОУ СОШ № 7", inn=INN_1, director_name="Иванов")
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            ["ИНН", "Наименование ОО", "Директор"],
            [INN_3, "Новая школа", "Новиков"],
            [INN_1, "МБОУ СОШ № 7", "Петров"],
        ],
        encoding="utf-8",
        delimiter=";",
    )
    diff = preview_file(path, database).diff
    assert (len(diff.to_add), len(diff.to_update)) == (1, 1)
    with database.session() as session:  # someone edits the school after the preview
        session.get(School, school.id).notes = "Изменено в карточке"
    schools_before, changes_before = count(database, School), count(database, ChangeLog)

    with pytest.raises(StaleDiffError):
        apply_import_diff(
            diff,
            database=database,
            store_file=database.path,
            backup_dir=paths_for(database).backup_dir,
        )

    assert count(database, School) == schools_before
    assert count(database, ChangeLog) == changes_before
    assert [s.director_name for s in schools(database)] == ["Иванов"]
    assert [b.reason for b in list_backups(paths_for(database).backup_dir)] == ["pre-import"]


def test_duplicates_within_the_file_are_errors(database: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "dups.csv",
        [
            ["ИНН", "Наименование ОО", "МО"],
            [INN_1, "СОШ № 1", "Район А"],
            ["", "СОШ № 2", "Район А"],
            [INN_1, "СОШ № 1 (повтор)", "Район А"],
            ["", "сош №2", "район а"],
            ["", "СОШ № 2", "Район Б"],
        ],
        encoding="utf-8",
        delimiter=";",
    )
    diff = preview_file(path, database).diff
    assert [a.row for a in diff.to_add] == [2, 3, 6]
    assert [(e.row, e.reason) for e in diff.errors] == [
        (4, "The same school as in row 2."),
        (5, "The same school as in row 3."),
    ]


def test_inn_in_scientific_notation_is_repaired_or_reported(
    database: Database, tmp_path: Path
) -> None:
    full = f"{INN_1[0]},{INN_1[1:]}E+09"
    path = write_csv(
        tmp_path / "sci.csv",
        [["ИНН", "Наименование ОО"], [full, "Полная"], ["3,44401E+09", "Округлённая"]],
        encoding="cp1251",
        delimiter=";",
    )
    diff = preview_file(path, database).diff
    assert [a.fields.inn for a in diff.to_add] == [INN_1]
    [error] = diff.errors
    assert error.row == 3 and "rounded number" in error.reason


def test_png_renamed_to_csv_is_rejected(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "школы.csv"
    path.write_bytes(PNG_BYTES)
    with pytest.raises(ImportFileError) as info:
        import_schools(path, database, paths_for(database), dry_run=True)
    assert "not a table" in info.value.user_message
    assert "PNG" in info.value.user_message
    assert info.value.exit_code == 2


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b" \r\n\r\n"])
def test_empty_file_is_rejected(database: Database, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match="is empty"):
        read_table(path)


def test_other_binary_and_old_excel_are_rejected(tmp_path: Path) -> None:
    binary = tmp_path / "data.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ImportFileError, match="not a table"):
        read_table(binary)
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(ImportFileError, match=r"\.xls"):
        read_table(xls)
    fake_xlsx = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(fake_xlsx, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(ImportFileError, match="not an Excel workbook"):
        read_table(fake_xlsx)


def test_too_large_and_too_long_files_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.write("ИНН;Наименование ОО\n".encode())
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ImportFileError, match="too large"):
        read_table(big)
    long = tmp_path / "long.csv"
    lines = ["ИНН;Наименование ОО"] + [f"{INN_1};Школа {n}" for n in range(MAX_ROWS + 1)]
    long.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportFileError, match="more than 20000 rows"):
        read_table(long)


def test_file_without_name_or_inn_column_is_rejected(database: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "no-key.csv",
        [["Директор", "Телефон"], ["Иванов", "123456"]],
        encoding="utf-8",
        delimiter=",",
    )
    with pytest.raises(ImportFileError, match="full names or INN"):
        import_schools(path, database, paths_for(database), dry_run=True)


def test_plan_from_rows_uses_the_given_mapping(database: Database, cp1251_file: Path) -> None:
    table = read_table(cp1251_file)
    mapping = detect_mapping(table.headers)
    mapping.set("municipality", None)
    diff = build_import_diff(table.rows, mapping, database)
    assert all(a.fields.municipality == "" for a in diff.to_add)
    assert "municipality" not in diff.mapping.columns
