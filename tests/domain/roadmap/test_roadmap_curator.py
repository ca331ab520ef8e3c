"""Which roadmap items concern the curator: the rule on made-up items and on the real roadmaps."""

from __future__ import annotations

import pytest

from curator_desktop.domain.roadmap.document import RoadmapItem
from curator_desktop.domain.roadmap.relevance import curator_reason
from tests.domain.roadmap.test_roadmap_text import LENINGRAD, SMOLENSK, SPB, roadmap


def make(**fields: str) -> RoadmapItem:
    return RoadmapItem(number="1", section="", **{"title": "Совещание", **fields})


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"responsible": "Кураторы"}, "responsible: curators"),
        ({"responsible": "муниципальный координатор, куратор"}, "responsible: curators"),
        ({"responsible": "КУРАТОРЫ ОО"}, "responsible: curators"),
        ({"title": "Первичное посещение ОО"}, "curator's step: visit"),
        ({"title": "Выезды в школы"}, "curator's step: visit"),
        ({"description": "Школу посетить до 1 марта"}, "curator's step: visit"),
        ({"title": "Верификация рисковых профилей"}, "curator's step: verification"),
        ({"indicator": "Риски верифицированы"}, "curator's step: verification"),
        ({"title": "Промежуточный отчёт куратора"}, "curator's step: curator's report"),
        ({"title": "Итоговый отчет кураторов"}, "curator's step: curator's report"),
        ({"title": "Сбор подтверждающих документов"}, "curator's step: confirmation documents"),
        (
            {"title": "Мониторинг наступления позитивных изменений"},
            "curator's step: monitoring of positive change",
        ),
        ({"title": "Вебинар для кураторов"}, "activity: curators"),
        ({"title": "Совещание с кураторами"}, "activity: curators"),
        ({"description": "Школа кураторской работы"}, "description: curators"),
        ({"indicator": "Участие 100% кураторов"}, "indicators: curators"),
        ({"control": "Справка куратору"}, "control: curators"),
        # the responsible comes first, then the curator's steps, then other mentions
        ({"responsible": "кураторам", "title": "Выезд в ОО"}, "responsible: curators"),
        ({"title": "Выезд кураторов в ОО"}, "curator's step: visit"),
    ],
)
def test_marked_items_and_their_reason(fields: dict[str, str], reason: str) -> None:
    assert curator_reason(make(**fields)) == reason


@pytest.mark.parametrize(
    "fields",
    [
        {"responsible": "Региональный координатор, муниципальные координаторы"},
        {"responsible": "Прокуратура района"},
        {"title": "Проведение открытых уроков и взаимопосещение уроков"},
        {"title": "Анкетирование родителей", "indicator": "100% участников"},
        {"title": "Отчёт директора"},
    ],
)
def test_items_that_do_not_concern_the_curator(fields: dict[str, str]) -> None:
    assert curator_reason(make(**fields)) == ""


def _marked(name: str) -> list[str]:
    return [item.number for item in roadmap(name).items if item.concerns_curator]


def test_leningrad_curator_items() -> None:
    # кураторы are among the responsible of nearly every item from section 2 on; in section 1
    # the activity, the indicator or the curator's visit («Выезды кураторов…») names them.
    section_1 = ["1.3", "1.4", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13"]
    expected = [
        *section_1,
        *["1.14", "1.16"],
        *[f"2.{n}" for n in range(1, 14)],
        *["3.2", "3.3", "3.5", "3.6"],
        *["4.1", "4.2", "4.3", "4.4", "4.6", "4.6", "4.7"],
        *[f"5.{n}" for n in range(1, 8)],
        "5.10",
        *[f"6.{n}" for n in range(1, 6)],
        *[f"7.{n}" for n in range(1, 5)],
    ]
    assert _marked(LENINGRAD) == expected
    unmarked = [item.number for item in roadmap(LENINGRAD).items if not item.concerns_curator]
    assert unmarked == [
        "1.1",
        "1.2",
        "1.5",
        "1.15",
        "3.1",
        "3.4",
        "3.7",
        "3.8",
        "3.9",
        "5.8",
        "5.9",
    ]
    reasons = {item.number: item.curator_reason for item in roadmap(LENINGRAD).items}
    assert reasons["1.14"] == "curator's step: visit"
    assert reasons["1.11"] == "responsible: curators"
    assert reasons["1.3"] == "activity: curators"
    assert reasons["1.8"] == "indicators: curators"  # «директор ОО, куратор, …» in the tail
    assert reasons["1.1"] == ""


def test_smolensk_curator_items() -> None:
    assert _marked(SMOLENSK) == ["1", "4", "5", "6", "7", "16", "18", "19", "26"]
    reasons = {item.number: item.curator_reason for item in roadmap(SMOLENSK).items}
    assert reasons["16"] == "responsible: curators"  # the interim and final curator reports
    assert reasons["6"] == "curator's step: verification"
    assert reasons["18"] == "curator's step: visit"
    assert reasons["19"] == "description: curators"
    assert reasons["2"] == reasons["38"] == ""


def test_spb_curator_items() -> None:
    # the responsible are abbreviations (АР, ИМЦ, ОО): the activity decides
    assert _marked(SPB) == ["1.1", "1.4", "1.5", "1.7", "1.12", "1.15", "2.1.1", "3.8", "3.10"]
    reasons = {item.number: item.curator_reason for item in roadmap(SPB).items}
    assert reasons["1.7"] == "curator's step: visit"
    # «…мониторинга наступления / позитивных изменений в ИС МЭДК» is found only once joined
    assert reasons["1.12"] == "curator's step: monitoring of positive change"
    assert reasons["1.4"] == "activity: curators"
    assert reasons["3.9"] == ""
