"""Rows of cells → a roadmap: columns by wording, headings, joined rows, legend, the document."""

from __future__ import annotations

import datetime as dt

import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.roadmap.columns import (
    Role,
    clean_cell,
    recognise_header,
    role_of_header,
)
from curator_desktop.domain.roadmap.legend import parse_legend
from curator_desktop.domain.roadmap.preamble import find_issuer, find_order, parse_date, tidy_case
from curator_desktop.domain.roadmap.table import parse_roadmap_rows


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("№", Role.NUMBER),
        ("№ п/п", Role.NUMBER),
        ("Описание действий", Role.TITLE),
        ("Мероприятие", Role.TITLE),
        ("Наименование мероприятия", Role.TITLE),
        ("Содержание деятельности", Role.TITLE),
        ("Мероприятия/ события", Role.TITLE),
        ("Сроки", Role.DEADLINE),
        ("Срок", Role.DEADLINE),
        ("Дата реализации", Role.DEADLINE),
        ("Сроки исполнения", Role.DEADLINE),
        ("СРОКИ РЕАЛИЗАЦИИ", Role.DEADLINE),
        ("Ответственные", Role.RESPONSIBLE),
        ("Ответственный исполнитель", Role.RESPONSIBLE),
        ("Исполнители", Role.RESPONSIBLE),
        ("Показатели", Role.INDICATOR),
        ("Региональные показатели их достижения", Role.INDICATOR),
        ("Ожидаемый результат", Role.INDICATOR),
        ("Планируемый результат", Role.INDICATOR),
        ("Форма представления результата", Role.INDICATOR),
        ("Контроль", Role.CONTROL),
        ("Форма контроля/отчётности", Role.CONTROL),
        ("Описание", Role.DESCRIPTION),
        ("Уровень проекта", None),
    ],
)
def test_header_wording_gives_the_column_role(header: str, role: Role | None) -> None:
    assert role_of_header(header) is role


def test_a_second_activity_column_is_the_description() -> None:
    columns = recognise_header(["№", "Мероприятия/ события", "Содержание", "Срок", "Уровень"])
    assert columns is not None
    assert columns.roles == (Role.NUMBER, Role.TITLE, Role.DESCRIPTION, Role.DEADLINE, None)


def test_columns_in_any_order_and_an_only_description_column_as_the_title() -> None:
    columns = recognise_header(
        ["Сроки исполнения", "Ожидаемый результат", "№ п/п", "Описание", "Ответственные"]
    )
    assert columns is not None
    assert columns.roles == (
        Role.DEADLINE,
        Role.INDICATOR,
        Role.NUMBER,
        Role.TITLE,
        Role.RESPONSIBLE,
    )
    assert recognise_header(["№", "Мероприятие", "Ответственный"]) is None  # no deadline
    assert recognise_header(["№", "Сроки", "Ответственный"]) is None  # no activity
    assert recognise_header(["Мероприятие " * 10, "Срок"]) is None  # a data row, not a header


def test_clean_cell_strips_html_and_folds_whitespace() -> None:
    assert clean_cell("Семинар<br/>для\u00a0<b>кураторов</b>&nbsp;&laquo;Старт&raquo;") == (
        "Семинар для кураторов «Старт»"
    )
    assert clean_cell("охват <5% и >3%") == "охват <5% и >3%"
    assert clean_cell(None) == ""


ROWS = [
    ["План-график мероприятий на 2022 год", "", "", "", ""],
    ["Срок", "№", "Содержание деятельности", "Ответственные", "Форма отчётности"],
    ["1", "2", "3", "4", "5"],
    ["", "1", "Организационный этап", "", ""],
    ["январь", "1.1", "Назначение <i>кураторов</i>", "координатор", "приказ"],
    ["до 15.02", "1.2", "Первичное посещение", "", ""],
    ["Срок", "№", "Содержание деятельности", "Ответственные", "Форма отчётности"],
    ["", "", "школ", "кураторы", "справка"],
    ["", "2", "Методический этап", "", ""],
    ["март", "2.1", "Семинар", "ИМЦ", ""],
    ["АР – администрация района", "", "", "", ""],
    ["ИМЦ - информационно-методический центр", "", "", "", ""],
]


def test_rows_with_repeated_header_numbering_row_parent_headings_and_legend() -> None:
    parsed = parse_roadmap_rows(ROWS)
    assert [(i.number, i.section, i.title) for i in parsed.items] == [
        ("1.1", "1 Организационный этап", "Назначение кураторов"),
        ("1.2", "1 Организационный этап", "Первичное посещение школ"),
        ("2.1", "2 Методический этап", "Семинар"),
    ]
    first, second = parsed.items[:2]
    assert (first.deadline_text, first.responsible, first.control) == (
        "январь",
        "координатор",
        "приказ",
    )
    assert (second.deadline_text, second.responsible, second.control) == (
        "до 15.02",
        "кураторы",
        "справка",
    )
    assert second.concerns_curator and second.curator_reason == "curator's step: first visit"
    assert parsed.document.title == "План-график мероприятий на 2022 год"
    assert parsed.document.year == 2022
    assert parsed.document.legend == {
        "АР": "администрация района",
        "ИМЦ": "информационно-методический центр",
    }


def test_a_table_without_numbers_keeps_every_row() -> None:
    rows = [
        ["Мероприятие", "Сроки", "Ответственный"],
        ["Анкетирование", "февраль", "школы"],
        ["Верификация рисков", "март", "кураторы"],
        ["Итоговый отчёт куратора", "декабрь 2021", ""],
    ]
    parsed = parse_roadmap_rows(rows, preamble=["Дорожная карта"])
    assert [(i.number, i.title) for i in parsed.items] == [
        ("", "Анкетирование"),
        ("", "Верификация рисков"),
        ("", "Итоговый отчёт куратора"),
    ]
    assert [i.concerns_curator for i in parsed.items] == [False, True, True]
    assert parsed.document.year == 2021  # no title year, no order: the deadlines' year


def test_a_row_that_lost_the_tab_after_its_number() -> None:
    rows = [
        ["№", "Мероприятие", "Сроки", "Ответственные"],
        ["1.1", "Совещание", "январь", "ИМЦ"],
        ["1.2 Выезд в ОО", "февраль", "кураторы"],
    ]
    parsed = parse_roadmap_rows(rows)
    assert [(i.number, i.title, i.deadline_text) for i in parsed.items] == [
        ("1.1", "Совещание", "январь"),
        ("1.2", "Выезд в ОО", "февраль"),
    ]


def test_no_header_row_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_roadmap_rows([["Школа", "ИНН"], ["МБОУ СОШ № 1", "3444012345"]])
    assert caught.value.field == "table"
    assert "deadline" in caught.value.user_message


def test_legend_forms() -> None:
    assert parse_legend(
        [
            "Список сокращений:",
            "АР-администрация района",
            "ИС МЭДК — информационная система мониторинга; ОО – образовательные организации.",
            "Начальник отдела – Иванов И.И.",
            "",
        ]
    ) == {
        "АР": "администрация района",
        "ИС МЭДК": "информационная система мониторинга",
        "ОО": "образовательные организации",
    }


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("«31» марта 2021 года № 832 - р", dt.date(2021, 3, 31)),
        ("« 17 » август 20 21 г.", dt.date(2021, 8, 17)),
        ("01.02.2021 № 1/01-02-2021", dt.date(2021, 2, 1)),
        ("от «16» 03 2021 г.", dt.date(2021, 3, 16)),
        ("12 мая 2022 г.", dt.date(2022, 5, 12)),
        ("31.02.2021", None),
        ("без даты", None),
    ],
)
def test_dates_in_the_preamble(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_order_and_issuer_from_the_letterhead() -> None:
    lines = [
        "МИНИСТЕРСТВО ОБРАЗОВАНИЯ",
        "РЕСПУБЛИКИ ДАГЕСТАН",
        "",
        "ПРИКАЗ",
        "«12» января 2022 г.",
        "№ 15 - од",
        "",
        "В соответствии с письмом от 18.01.2021 №02-21/9 о начале реализации проекта",
    ]
    assert find_order(lines) == ("15-од", dt.date(2022, 1, 12))
    assert find_issuer(lines) == "Министерство образования Республики Дагестан"
    assert tidy_case("АДМИНИСТРАЦИЯ ВАСИЛЕОСТРОВСКОГО РАЙОНА САНКТ-ПЕТЕРБУРГА") == (
        "Администрация Василеостровского района Санкт-Петербурга"
    )
    assert find_order(["На № _____ от _____"]) == ("", None)
