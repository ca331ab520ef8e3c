"""The curator's relation to a roadmap item (ведёт / участвует / посещает / none): each rule on
made-up rows, then every item of the three real roadmaps against the relation a curator gives it.

The expected relations are data next to this test (``expected_relations/<roadmap>.json``: number,
relation and a one-line why, in table order), so a rule change shows its effect on all three at
once. An item the rules cannot honestly get right would carry ``"judged"`` (what the rules give)
and its why; none does today.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator_desktop.domain.roadmap.document import RoadmapItem
from curator_desktop.domain.roadmap.relation import MINE, Judgement, Relation, judge
from tests.domain.roadmap.test_roadmap_text import LENINGRAD, SMOLENSK, SPB, roadmap

EXPECTED = Path(__file__).parent / "expected_relations"
LEAD, SHARE, ATTEND, NONE = Relation.LEAD, Relation.SHARE, Relation.ATTEND, Relation.NONE


def make(**fields: str) -> RoadmapItem:
    return RoadmapItem(number="1", section="", **{"title": "Мероприятие", **fields})


@pytest.mark.parametrize(
    ("fields", "relation", "reason"),
    [
        # the responsible column first
        ({"responsible": "Кураторы"}, LEAD, "responsible: curators"),
        ({"responsible": "КУРАТОР ОО"}, LEAD, "responsible: curators"),
        (
            {"responsible": "Управленческие команды школ, кураторы, ЛОИРО"},
            SHARE,
            "co-responsible: curators and schools",
        ),
        (
            {"responsible": "Муниципальные координаторы, кураторы"},
            SHARE,
            "co-responsible: curators and coordinators",
        ),
        ({"responsible": "кураторы, ЛОИРО"}, SHARE, "co-responsible: curators and others"),
        # the curator's own steps: named with curators as the actor …
        ({"title": "Выезды кураторов в ОО"}, LEAD, "curator's step: visit"),
        (
            {"title": "Промежуточный отчёт кураторов", "responsible": "Муниципальные координаторы"},
            LEAD,
            "curator's step: curator's report",
        ),
        (
            {"title": "Прохождение кандидатами в кураторы анкетирования"},
            LEAD,
            "curator's step: candidates' questionnaire",
        ),
        # … or by nature, unless only governing bodies are responsible
        ({"title": "Первичное посещение ОО", "responsible": "ИМЦ, ОО"}, LEAD,
         "curator's step: first visit"),
        ({"description": "РПШ верифицированы"}, LEAD, "curator's step: verification"),
        ({"title": "Экспертиза дорожных карт школ"}, LEAD,
         "curator's step: review of the school's documents"),
        ({"title": "Мониторинг наступления позитивных изменений"}, LEAD,
         "curator's step: monitoring of positive change"),
        ({"title": "Консультирование школ кураторами", "responsible": "координатор"}, LEAD,
         "curator's step: consultations"),
        # a step beats the shared responsibility
        (
            {"title": "Справка по итогам посещения", "responsible": "кураторы, директора"},
            LEAD,
            "curator's step: visit report",
        ),
        # events the curators attend
        ({"title": "Вебинар для кураторов"}, ATTEND, "attendance: webinar for curators"),
        ({"title": "Совещание", "description": "Совещание с кураторами и директорами"}, ATTEND,
         "attendance: meeting for curators"),
        ({"title": "Установочный вебинар", "indicator": "100% участников проекта присутствовали"},
         ATTEND, "attendance: webinar of the project's participants"),
        ({"title": "Региональные совещания (ВКС)", "responsible": "Участники проекта"}, ATTEND,
         "attendance: meeting of the project's participants"),
        ({"title": "Участие в научно-методических вебинарах", "responsible": "ИМЦ, ОО"}, ATTEND,
         "attendance: webinar"),
        ({"title": "Заседание совета", "indicator": "Участие 100% кураторов"}, ATTEND,
         "attendance: council session for curators"),
        ({"title": "Обучение кураторов на курсах повышения квалификации", "responsible": "ЛОИРО"},
         ATTEND, "attendance: training for curators"),
        (
            {"title": "Участие кураторов в вебинаре", "responsible": "координатор, кураторы"},
            ATTEND,
            "attendance: webinar for curators",
        ),
    ],
)  # fmt: skip
def test_the_rules_and_their_reasons(
    fields: dict[str, str], relation: Relation, reason: str
) -> None:
    assert judge(make(**fields)) == Judgement(relation, reason)


@pytest.mark.parametrize(
    "fields",
    [
        # a word on the title alone never decides
        {"title": "Проведение открытых уроков и взаимопосещение уроков"},
        {"title": "Посещение уроков более опытными коллегами"},
        {"title": "Анкетирование родителей", "indicator": "100% участников проекта"},
        {"title": "Отчёт директора"},
        # other bodies' steps
        {"responsible": "Региональный координатор, муниципальные координаторы"},
        {"responsible": "Прокуратура района"},
        {"title": "Формирование списка кандидатов в кураторы", "responsible": "координатор"},
        {"title": "Утверждение состава", "description": "кандидатов в кураторы"},
        {"title": "Контроль концептуальных документов", "responsible": "Региональный координатор"},
        {"title": "Шаблон", "indicator": "Направлен в школы и кураторам", "responsible": "ЛОИРО"},
        {"title": "Разработка критериев для проведения мониторинга наступления позитивных "
                  "изменений", "responsible": "ИМЦ"},
        # events for others
        {"title": "Совещание (ВКС) с муниципальными кураторами", "responsible": "координатор"},
        {"title": "Круглый стол для учителей", "indicator": "100% школ-участников проекта"},
        {"title": "Вебинары для руководителей школ-участников проекта"},
        {"title": "Семинар «Роль куратора в школе» для директоров"},
        {"title": "Сбор итоговых отчётов кураторов", "responsible": "муниципальный координатор"},
        {"title": "Обучение педагогов на курсах повышения квалификации", "responsible": "ЛОИРО"},
        {"title": "Семинар «Верификация рисков» для директоров", "responsible": "ИМЦ"},
        {"title": "Совещания для участников регионального проекта"},
        {"title": "Участие ОО в конкурсе"},
    ],
)  # fmt: skip
def test_items_that_are_not_the_curators(fields: dict[str, str]) -> None:
    assert judge(make(**fields)).relation is NONE


def test_a_school_seminar_the_curators_co_organise_is_shared_not_attended() -> None:
    item = make(
        title="Семинар «Эффективная школа наставничества»",
        responsible="Управленческие команды школ, кураторы, муниципальные методические службы",
    )
    assert judge(item).relation is SHARE
    unaddressed = make(title="Участие в вебинарах", responsible="Управленческие команды, кураторы")
    assert judge(unaddressed).relation is SHARE


def test_a_none_reason_says_why() -> None:
    assert judge(make(responsible="Департамент")).reason == "responsible: others"
    assert judge(make()).reason == "curators are not named"


def _expected(name: str) -> list[dict[str, str]]:
    return json.loads((EXPECTED / name.replace(".txt", ".json")).read_text(encoding="utf-8"))


def _scores(judged: list[Relation], expected: list[Relation], relation: Relation) -> tuple:
    hits = sum(1 for j, e in zip(judged, expected, strict=True) if j == e == relation)
    claimed, wanted = judged.count(relation), expected.count(relation)
    return (hits / claimed if claimed else 1.0), (hits / wanted if wanted else 1.0)


@pytest.mark.parametrize("name", [LENINGRAD, SMOLENSK, SPB])
def test_every_item_of_the_real_roadmaps_against_a_curators_reading(name: str) -> None:
    items = roadmap(name).items
    expected = _expected(name)
    assert [row["number"] for row in expected] == [item.number for item in items]
    judged = [judge(item).relation for item in items]
    wanted = [Relation(row["relation"]) for row in expected]
    allowed = [Relation(row.get("judged", row["relation"])) for row in expected]

    for relation in (LEAD, ATTEND):
        precision, recall = _scores(judged, wanted, relation)
        print(f"{name} {relation.value}: precision {precision:.2f}, recall {recall:.2f}")
        assert precision >= 0.9 and recall >= 0.9
    # «Мои» holds every item a curator lists as theirs and nothing they would strike out
    mine = {i for i, relation in enumerate(judged) if relation in MINE}
    assert mine == {i for i, relation in enumerate(wanted) if relation in MINE}
    # every item as expected, but for the exceptions listed with their why
    mismatched = [
        (row["number"], judged[i].value, row["relation"])
        for i, row in enumerate(expected)
        if judged[i] != allowed[i]
    ]
    assert mismatched == []


def test_the_items_issue_23_names() -> None:
    def relation(name: str, number: str) -> Relation:
        return next(judge(i).relation for i in roadmap(name).items if i.number == number)

    assert relation(LENINGRAD, "1.3") is relation(LENINGRAD, "1.13") is NONE
    assert relation(LENINGRAD, "1.15") is ATTEND
    assert relation(SMOLENSK, "1") is NONE
    assert relation(SMOLENSK, "17") is ATTEND
    assert relation(SMOLENSK, "16") is LEAD
    assert relation(SPB, "2.1.1") is NONE
    assert all(relation(SPB, n) in MINE for n in ("1.8", "1.10", "1.11", "2.3.13"))
    shared = [i for i in roadmap(LENINGRAD).items if judge(i).relation is SHARE]
    assert len(shared) == 41  # the school measures curators are co-responsible for


def test_the_parsed_item_carries_the_mark_and_reason() -> None:
    items = {item.number: item for item in roadmap(SMOLENSK).items}
    assert items["16"].concerns_curator and items["16"].curator_reason == (
        "curator's step: curator's report"
    )
    assert not items["4"].concerns_curator  # shared: not «Мои»
    assert items["4"].curator_reason == "co-responsible: curators and coordinators"
    assert not items["1"].concerns_curator and items["1"].curator_reason == ""
    # «Мои» on the Leningrad roadmap: 8 items, no longer 53 of 64
    assert sum(item.concerns_curator for item in roadmap(LENINGRAD).items) == 8
