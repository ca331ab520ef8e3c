"""The three real regional roadmaps, read from their tab-separated text as they are."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.roadmap.document import ParsedRoadmap, RoadmapItem
from curator_desktop.domain.roadmap.text import parse_roadmap_text
from tests.conftest import ROADMAPS

LENINGRAD = "leningrad-oblast-2021.txt"
SMOLENSK = "smolensk-oblast-2021.txt"
SPB = "spb-vasileostrovsky-2021.txt"


@cache
def roadmap(name: str) -> ParsedRoadmap:
    return parse_roadmap_text((ROADMAPS / name).read_text(encoding="utf-8"))


def item(name: str, number: str, occurrence: int = 0) -> RoadmapItem:
    found = [entry for entry in roadmap(name).items if entry.number == number]
    return found[occurrence]


# Counted by hand, reading each file:
# Leningrad: section 1 has 1.1–1.16 (16), 2: 2.1–2.13 (13), 3: 3.1–3.9 (9), 4: 4.1–4.4, then
#   4.6 twice (there is no 4.5) and 4.7 (7), 5: 5.1–5.10 (10), 6: 6.1–6.5 (5), 7: 7.1–7.4 (4)
#   = 64 items; the nine wrapped lines (1.8, 2.1, 2.9, 3.7, 4.3, 5.1, 5.7, 7.4 …) are not items.
# Smolensk: items numbered 1–38 without gaps across four unnumbered sections = 38; the header
#   row is printed again seven times after page breaks, each followed by a row's wrapped tail.
# SPb (Vasileostrovsky): 1.1–1.16 (16), 2.1.1–2.1.2 (2), 2.2.1–2.2.2 (2), 2.3.1–2.3.13 (13),
#   3.1–3.12 (12), 4.1–4.5 (5), 5.1–5.4 (4) = 54; «2.1 …», «2.2 …», «2.3 …» are sub-headings.
@pytest.mark.parametrize(("name", "count"), [(LENINGRAD, 64), (SMOLENSK, 38), (SPB, 54)])
def test_item_count_matches_the_hand_count(name: str, count: int) -> None:
    items = roadmap(name).items
    assert len(items) == count
    assert all(entry.number and entry.title and entry.deadline_text for entry in items)


def test_leningrad_numbers_in_table_order_with_the_duplicate_kept() -> None:
    numbers = [entry.number for entry in roadmap(LENINGRAD).items]
    assert numbers[:3] == ["1.1", "1.2", "1.3"]
    assert numbers[
        38:45
    ]  # after 16 + 13 + 9 items == ["4.1", "4.2", "4.3", "4.4", "4.6", "4.6", "4.7"]
    assert item(LENINGRAD, "4.6", 0).title.startswith("Проведение семинара «Работа учителя")
    assert item(LENINGRAD, "4.6", 1).title == "Вовлечение обучающихся во внеурочную деятельность."
    assert any("4.6" in warning for warning in roadmap(LENINGRAD).warnings)


def test_leningrad_rows_broken_across_lines_are_joined() -> None:
    row = item(LENINGRAD, "1.8")
    assert row.title == "Формирование рабочих групп по реализации проекта"
    assert row.deadline_text == "15-02-20.02"
    assert row.indicator == (
        "Сформированы рабочие группы: директор ОО, куратор, муниципальный координатор, "
        "тьютор из ГАОУ ДПО «ЛОИРО»"
    )
    row = item(LENINGRAD, "2.1")
    assert row.title == (
        "Проведение дополнительных мониторинговых исследований с целью выявления потребностей "
        "педагогов по вопросам использования современных педагогических технологий "
        "(для 100 % педагогического коллектива)"
    )
    assert row.responsible == (
        "Управленческие команды школ, кураторы, муниципальные методические службы, ЛОИРО"
    )
    assert row.indicator == "Корректировка плана КПК «ЛОИРО» с учетом выявленных профдефицитов"
    row = item(LENINGRAD, "2.9")
    assert row.title.startswith("Проведение цикла обучающих и практико-ориентированных семинаров")
    assert row.deadline_text == "сентябрь – декабрь 2021"
    assert row.responsible.startswith("Управленческие команды школ, кураторы")
    # 7.4's tail line has no number cell at all: four cells aligned to the right.
    row = item(LENINGRAD, "7.4")
    assert row.title == "Региональная конференция «Социальное партнерство школы и семьи»"
    assert row.deadline_text == "Октябрь 2021 года"
    assert row.indicator == (
        "Повышение уровня вовлеченности родителей, повышение мотивации к учению у обучающихся"
    )
    assert item(LENINGRAD, "3.7").indicator.endswith("(охват) на 5% к концу 2021 года.")


def test_leningrad_cells_and_sections() -> None:
    row = item(LENINGRAD, "1.3")
    assert (row.title, row.deadline_text) == (
        "Формирование списка кандидатов в кураторы",
        "До 25.01.2021",
    )
    assert row.responsible == "региональный координатор, муниципальные координаторы"
    assert row.section == "1. Организационные мероприятия"
    assert item(LENINGRAD, "1.5").deadline_text == "28.01- 15.02.2021"
    assert item(LENINGRAD, "1.16").deadline_text == "2 и 4 среда каждого месяца"
    # headings printed as lines without tabs between the rows
    assert item(LENINGRAD, "3.1").section == "3. Работа с обучающимися с ОВЗ"
    assert item(LENINGRAD, "7.1").section == "7. Повышение уровня вовлеченности родителей"
    assert item(LENINGRAD, "6.5").section == (
        "6. Снижение доли обучающихся с рисками учебной неуспешности"
    )


def test_leningrad_document() -> None:
    document = roadmap(LENINGRAD).document
    assert document.title == (
        "План –график реализации проекта «500+» в общеобразовательных организациях "
        "Ленинградской области в 2021 году"
    )
    assert document.issuer == "Комитет общего и профессионального образования Ленинградской области"
    assert document.order_number == "832-р"
    assert document.order_date == dt.date(2021, 3, 31)
    assert document.year == 2021
    assert document.legend == {}  # the file has no abbreviation list


def test_smolensk_wrapped_rows_continue_across_repeated_headers() -> None:
    items = roadmap(SMOLENSK).items
    assert not any("Мероприятия/ события" in entry.title for entry in items)
    row = item(SMOLENSK, "5")
    assert row.title == (
        "Организация работы школ-участников с РПШ по проведению самодиагностики (утверждение "
        "графиков посещения школ кураторами, первичное посещение кураторами школы)"
    )
    assert row.description.endswith(
        "определены направления, в рамках которых будут реализованы меры противодействия "
        "имеющимся рискам. РПШ верифицированы"
    )
    assert (row.deadline_text, row.responsible) == ("Март", "Муниципальные координаторы, кураторы")
    row = item(SMOLENSK, "10")
    assert row.title == (
        "Принятие управленческих решений, направленных на повышение качества образования в ШНОР"
    )
    assert row.deadline_text == "По плану работы Совета"
    assert row.indicator == "Протоколы заседаний Совета"
    assert item(SMOLENSK, "19").description.endswith(
        "контроль достижения региональных показателей результативности"
    )
    assert item(SMOLENSK, "37").description.endswith("сайт «Адресное сопровождение школ»")


def test_smolensk_cells_sections_and_document() -> None:
    row = item(SMOLENSK, "16")
    assert row.title.startswith("Промежуточный и итоговый отчет кураторов")
    assert row.deadline_text == "Июнь, декабрь"
    assert row.indicator == "Размещение на сайте регионального оператора Отчетов"
    assert row.section == "Аналитико-мониторинговое направление"
    assert item(SMOLENSK, "1").section == "Организационно-управленческое направление"
    assert item(SMOLENSK, "17").section == "Методическое направление"
    assert item(SMOLENSK, "38").section == "Информационное сопровождение"
    document = roadmap(SMOLENSK).document
    assert document.title == "План-график («дорожная карта») реализации Проекта «500+»"
    assert document.issuer == "Департамент Смоленской области по образованию и науке"
    assert document.order_number == "422-ОД"
    # the letterhead reads «« 17 » август 20 21 г.» (the appendix says 17.05 – the letterhead wins)
    assert document.order_date == dt.date(2021, 8, 17)
    assert document.year == 2021  # the title has no year: the order's
    assert document.legend == {}


def test_spb_items_sub_sections_and_wrapped_rows() -> None:
    row = item(SPB, "1.1")
    assert row.title.startswith("Отбор школ-участниц проекта «500+»; анкетирование в ФИС ОКО")
    assert (row.responsible, row.deadline_text) == ("АР, ИМЦ", "январь")
    assert row.description == "Уровень проекта: ФП"  # a column of no known role is kept
    row = item(SPB, "1.12")
    assert row.title == (
        "Размещение школами – участницами проекта «500+» данных для проведения первичного "
        "мониторинга наступления позитивных изменений в ИС МЭДК"
    )
    assert row.deadline_text == "май"
    assert item(SPB, "3.7").title == (
        "Проведение региональных диагностических работ: русский язык (6 кл.), функциональная "
        "грамотность (5 кл.), математика (7 кл.)"
    )
    assert item(SPB, "2.1.1").section == (
        "2.1 Разработка региональных показателей и критериев для проведения мониторингов и "
        "диагностики"
    )
    assert item(SPB, "2.3.13").deadline_text == "В течение года (еженедельно)"
    assert item(SPB, "5.4").section.startswith("5. Меры и управленческие решения")
    assert "2.1" not in [entry.number for entry in roadmap(SPB).items]


def test_spb_document_and_legend() -> None:
    document = roadmap(SPB).document
    assert document.title.startswith(
        "План-график («дорожная карта») реализации в Василеостровском районе Санкт-Петербурга"
    )
    assert document.title.endswith("низкие образовательные результаты обучающихся в 2021 году")
    assert document.issuer == "Администрация Василеостровского района Санкт-Петербурга"
    assert document.order_number == "1/01-02-2021"
    assert document.order_date == dt.date(2021, 2, 1)
    assert document.year == 2021
    assert document.legend == {
        "АР": "администрация района",
        "ИМЦ": "ГБУ ДППО ЦПКС «Информационно-методический центр» Василеостровского района",
        "ШНОР": "школы с низкими образовательными результатами",
        "РПП": "районные проектные площадки",
        "ОО": "образовательные организации",
    }
    assert roadmap(SPB).warnings == ()


def test_text_without_a_table_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_roadmap_text("Приказ\n\nОб утверждении плана\n1. Утвердить план.\n")
    assert caught.value.field == "table"
    assert "No roadmap table found" in caught.value.user_message


def test_small_text_with_crlf_html_and_an_unnumbered_heading() -> None:
    text = (
        "План мероприятий на 2022 год\r\n"
        "\r\n"
        "№\tМероприятие\tСрок\tОтветственный\r\n"
        "Первое направление\r\n"
        "1\tСеминар<br>для <b>кураторов</b> &laquo;Старт&raquo;\tмарт\tИМЦ\r\n"
        "2\tВерификация\tапрель –\tкураторы\r\n"
        "\t\tмай 2022\t\r\n"
        "АР – администрация района; ИМЦ – методический центр\r\n"
    )
    parsed = parse_roadmap_text(text)
    assert [entry.number for entry in parsed.items] == ["1", "2"]
    assert parsed.items[0].title == "Семинар для кураторов «Старт»"
    assert parsed.items[0].section == "Первое направление"
    assert parsed.items[1].deadline_text == "апрель – май 2022"
    assert parsed.document.title == "План мероприятий на 2022 год"
    assert parsed.document.year == 2022
    assert parsed.document.legend == {"АР": "администрация района", "ИМЦ": "методический центр"}
