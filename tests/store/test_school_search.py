"""Searching schools in the store: words, folding, filters, every sort order, pages of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import event

from benchmarks.store_generator import generate_store
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.school_listing import (
    SchoolListing,
    narrowed,
    refines,
)
from curator_desktop.store.repositories.schools import (
    SchoolQuery,
    SchoolRepository,
    SchoolSort,
    sort_key,
)
from curator_desktop.store.tables import Recommendation, RiskAssessment, School, Visit
from curator_desktop.store.types import utc_now

TODAY = dt.date(2026, 11, 22)


def _add(db: Database, **fields: object) -> str:
    with db.session() as session:
        school = School(**fields)
        session.add(school)
    return school.id


def _day(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


@pytest.fixture
def four(database: Database) -> dict[str, str]:
    """Four schools that differ in every column, an archived one and a deleted one."""
    ids = {
        "A": _add(
            database,
            full_name="МОУ «Средняя общеобразовательная школа № 10»",
            short_name="СОШ № 10",
            municipality="Озёрский район",
            director_name="Фёдорова Анна Петровна",
            inn="5701234567",
            programme="500plus",
            cohort_year=2025,
            status="active",
        ),
        "B": _add(
            database,
            full_name="МОУ «Средняя общеобразовательная школа № 2»",
            short_name="СОШ № 2",
            municipality="Берёзовский район",
            director_name="Смирнов Олег Иванович",
            inn="5709876543",
            programme="minpros_school",
            status="completed",
        ),
        "C": _add(
            database,
            full_name="МКОУ «Ёлкинская основная общеобразовательная школа»",
            short_name="Ёлкинская ООШ",
            municipality="Антоновский округ",
            director_name="Орлова Вера Сергеевна",
            programme="500plus",
            cohort_year=2023,
            status="withdrawn",
        ),
        "D": _add(
            database,
            full_name="МАОУ «Гимназия № 1»",
            short_name="Гимназия № 1",
            municipality="Берёзовский район",
            director_name="Семёнова Ольга Юрьевна",
            programme="500plus",
            cohort_year=2024,
            status="active",
        ),
    }
    ids["archived"] = _add(
        database, full_name="Архивная школа", municipality="Озёрский район", archived_at=utc_now()
    )
    ids["deleted"] = _add(database, full_name="Удалённая школа", deleted=True)
    a, b, c, d = (ids[k] for k in "ABCD")
    with database.session() as session:
        session.add_all(
            [
                Visit(school_id=a, status="planned", planned_date=_day(30)),
                Visit(school_id=c, status="planned", planned_date=_day(5)),
                Visit(school_id=d, status="planned", planned_date=_day(60)),
                Visit(school_id=d, status="planned", planned_date=_day(-10)),  # overdue
                Visit(school_id=b, status="completed", planned_date=_day(1)),
                Visit(school_id=b, status="planned", planned_date=_day(2), deleted=True),
                Recommendation(school_id=a, status="open"),
                Recommendation(school_id=c, status="open"),
                Recommendation(school_id=c, status="open"),
                Recommendation(school_id=c, status="open"),
                Recommendation(school_id=d, status="open"),
                Recommendation(school_id=d, status="open"),
                Recommendation(school_id=d, status="done"),
                Recommendation(school_id=b, status="cancelled"),
                Recommendation(school_id=b, status="open", deleted=True),
                _risk(a, 2025, "high", "confirmed"),
                _risk(b, 2026, "high", None),  # not verified
                _risk(c, 2026, "high", "adjusted", adjusted="low"),
                _risk(d, 2023, "high", "confirmed"),  # an older year does not count
                _risk(d, 2024, "medium", "confirmed"),
                _risk(d, 2024, "high", "rejected"),
            ]
        )
    return ids


def _risk(
    school_id: str, year: int, level: str, verdict: str | None, *, adjusted: str | None = None
) -> RiskAssessment:
    return RiskAssessment(
        school_id=school_id,
        year=year,
        factor_code=f"R{year % 100:02d}{level[:1]}",
        questionnaire_level=level,
        verdict=verdict,
        adjusted_level=adjusted,
    )


def _names(repository: SchoolRepository, ids: dict[str, str], **query: object) -> str:
    found = repository.search(SchoolQuery(**query), today=TODAY)  # type: ignore[arg-type]
    letters = {value: key for key, value in ids.items()}
    return "".join(letters[school_id] for school_id in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("берез", "DB"),  # municipality «Берёзовский», typed without ё
        ("БЕРЁЗ", "DB"),
        ("елкинская", "C"),  # name «Ёлкинская»
        ("ЁЛКИНСКАЯ ООШ", "C"),
        ("семенова", "D"),  # director «Семёнова»
        ("5709876543", "B"),  # INN
        ("570", "BA"),
        ("сош № 1", "A"),  # every word must occur: «№ 10» has «1», «№ 2» does not
        ("гимназия  берёзовский", "D"),
        ("берёзовский гимназия", "D"),
        ("гимназия озёрский", ""),
        ("", "DCBA"),
    ],
)
def test_search_words_fold_case_and_yo(database: Database, four, text: str, expected: str) -> None:
    assert _names(SchoolRepository(database), four, text=text) == expected


def test_like_wildcards_in_input_match_only_themselves(database: Database, four) -> None:
    percent = _add(database, full_name="Школа «100% успеха»")
    underscore = _add(database, full_name="Школа_1")
    repository = SchoolRepository(database)
    assert repository.search(SchoolQuery(text="%")) == [percent]
    assert repository.search(SchoolQuery(text="_")) == [underscore]
    assert repository.search(SchoolQuery(text="школа_")) == [underscore]
    assert repository.search(SchoolQuery(text="0%")) == [percent]
    assert repository.search(SchoolQuery(text="с%ш")) == []


def test_filters_narrow_the_list(database: Database, four) -> None:
    repository = SchoolRepository(database)
    assert _names(repository, four, municipality="Берёзовский район") == "DB"
    assert _names(repository, four, programme="minpros_school") == "B"
    assert _names(repository, four, programme="500plus") == "DCA"
    assert _names(repository, four, status="active") == "DA"
    assert _names(repository, four, status="withdrawn") == "C"
    assert _names(repository, four, status="active", municipality="Озёрский район") == "A"
    assert _names(repository, four, text="сош", programme="500plus") == "A"


def test_archived_schools_only_when_asked_and_deleted_never(database: Database, four) -> None:
    repository = SchoolRepository(database)
    assert _names(repository, four, text="школа") == "CBA"
    assert four["archived"] not in repository.search(SchoolQuery())
    shown = repository.search(SchoolQuery(include_archived=True))
    assert four["archived"] in shown and four["deleted"] not in shown
    found = repository.search(SchoolQuery(text="удаленная", include_archived=True))
    assert found == []


@pytest.mark.parametrize(
    ("sort", "ascending", "descending"),
    [
        (SchoolSort.NAME, "DCBA", "ABCD"),  # «Ё» as «Е», «№ 2» before «№ 10»
        (SchoolSort.MUNICIPALITY, "CDBA", "ADBC"),  # ties by name
        (SchoolSort.PROGRAMME, "CDAB", "BADC"),  # «500+» by cohort year, then the other one
        (SchoolSort.STATUS, "DABC", "CBDA"),
        (SchoolSort.NEXT_VISIT, "CADB", "DACB"),  # no next visit: last both ways
        (SchoolSort.OPEN_RECOMMENDATIONS, "BADC", "CDAB"),
        (SchoolSort.HIGHEST_RISK, "BCDA", "ADCB"),  # not verified is the lowest
    ],
)
def test_every_sort_order(
    database: Database, four, sort: SchoolSort, ascending: str, descending: str
) -> None:
    repository = SchoolRepository(database)
    assert _names(repository, four, sort=sort) == ascending
    assert _names(repository, four, sort=sort, descending=True) == descending


def test_summaries_for_returns_a_page_in_the_given_order(database: Database, four) -> None:
    repository = SchoolRepository(database)
    page = [four["C"], four["A"], "no-such-id", four["deleted"], four["D"]]
    rows = repository.summaries_for(page, today=TODAY)
    assert [row.short_name for row in rows] == ["Ёлкинская ООШ", "СОШ № 10", "Гимназия № 1"]
    c, a, d = rows
    assert (c.next_visit, c.open_recommendations, c.highest_risk) == (_day(5), 3, "low")
    assert (a.next_visit, a.open_recommendations, a.highest_risk) == (_day(30), 1, "high")
    assert (d.next_visit, d.open_recommendations, d.highest_risk) == (_day(60), 2, "medium")
    (b,) = repository.summaries_for([four["B"]], today=TODAY)
    assert (b.next_visit, b.open_recommendations, b.highest_risk, b.archived) == (
        None,
        0,
        None,
        False,
    )
    (archived,) = repository.summaries_for([four["archived"]])
    assert archived.archived is True
    assert repository.summaries_for([]) == []


def test_municipalities_are_distinct_and_sorted(database: Database, four) -> None:
    _add(database, full_name="Без муниципалитета")
    assert SchoolRepository(database).municipalities() == [
        "Антоновский округ",
        "Берёзовский район",
        "Озёрский район",
    ]


def test_query_knows_when_it_narrows_the_list() -> None:
    assert not SchoolQuery().filtered
    assert not SchoolQuery(text="   ", include_archived=True).filtered
    assert SchoolQuery(text="сош").filtered
    assert SchoolQuery(status="active").filtered
    assert SchoolQuery(text="Ёлки  Палки").words == ["елки", "палки"]


def test_sort_key_folds_and_orders_numbers_naturally() -> None:
    names = ["СОШ № 10", "сош № 2", "Ёлкинская", "Елабужская", "ЯСНАЯ", "Гимназия № 1"]
    assert sorted(names, key=sort_key) == [
        "Гимназия № 1",
        "Елабужская",
        "Ёлкинская",
        "сош № 2",
        "СОШ № 10",
        "ЯСНАЯ",
    ]


def test_generated_store_pages_match_the_whole_list(tmp_path: Path) -> None:
    """The SQL risk, visit and recommendation columns agree with the Python rules."""
    path = tmp_path / "generated.sqlite3"
    made = generate_store(path, schools=250, seed=7, today=TODAY)
    database = Database(path)
    try:
        repository = SchoolRepository(database)
        everything = {row.id: row for row in repository.summaries(today=TODAY)}
        ids = repository.search(SchoolQuery(sort=SchoolSort.HIGHEST_RISK), today=TODAY)
        assert set(ids) == set(everything)
        assert repository.count() == len(ids) < made.schools  # archived and deleted ones
        pages = [
            row
            for start in range(0, len(ids), 100)
            for row in repository.summaries_for(ids[start : start + 100], today=TODAY)
        ]
        assert [row.id for row in pages] == ids
        assert all(row == everything[row.id] for row in pages)
        assert {row.highest_risk for row in pages} >= {None, "high", "medium"}
        assert len({row.municipality for row in pages}) >= 5
    finally:
        database.close()


# -- the listing typing narrows in memory ------------------------------------------------------

TYPED = ["сош", "СОШ № 1", "берёзовский гимназия", "ёлкинская", "570", "%", "_", "нет такой", ""]


@pytest.mark.parametrize("sort", list(SchoolSort))
def test_listing_narrows_exactly_as_the_store_searches(
    database: Database, four, sort: SchoolSort
) -> None:
    _add(database, full_name="Школа «100% успеха»")
    _add(database, full_name="Школа_1")
    repository = SchoolRepository(database)
    for descending in (False, True):
        for archived in (False, True):
            base = SchoolQuery(sort=sort, descending=descending, include_archived=archived)
            listing = SchoolListing.read(repository, base, TODAY)
            for text in TYPED:
                query = replace(base, text=text)
                assert listing.serves(query, TODAY)
                assert listing.ids(query) == repository.search(query, today=TODAY), text


def test_listing_serves_only_its_filters_order_and_day(database: Database, four) -> None:
    repository = SchoolRepository(database)
    listing = SchoolListing.read(repository, SchoolQuery(text="сош", programme="500plus"), TODAY)
    assert listing.serves(SchoolQuery(text="гимназия", programme="500plus"), TODAY)
    assert not listing.serves(SchoolQuery(text="сош"), TODAY)
    assert not listing.serves(SchoolQuery(programme="500plus", descending=True), TODAY)
    assert not listing.serves(SchoolQuery(programme="500plus"), TODAY + dt.timedelta(days=1))
    assert listing.total == 4  # the archived and the deleted school are not listed
    assert listing.ids(SchoolQuery(text="10")) == [four["A"]]


def test_listing_reads_each_shown_row_once(database: Database, four) -> None:
    repository = SchoolRepository(database)
    listing = SchoolListing.read(repository, SchoolQuery(), TODAY)
    wanted = [four["C"], "no-such-id", four["A"], four["deleted"]]
    expected = repository.summaries_for(wanted, today=TODAY)
    statements: list[str] = []
    event.listen(
        database.engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]) if args[2].startswith("SELECT") else None,
    )
    first = listing.summaries(wanted)
    assert [row.id for row in first] == [four["C"], four["A"]]
    assert first == expected
    reads = len(statements)
    assert listing.summaries([four["A"], four["C"]]) == first[::-1]
    assert len(statements) == reads == 1, "rows already read are not read again"
    listing.summaries([four["B"], four["A"]])
    assert len(statements) == reads + 1


def test_narrowed_keeps_the_order_and_needs_every_word() -> None:
    rows = [("1", "сош № 10 озерский"), ("2", "гимназия озерский"), ("3", "сош № 2")]
    assert narrowed(rows, ["озерский"]) == rows[:2]
    assert narrowed(rows, ["сош", "озер"]) == rows[:1]
    assert narrowed(rows, []) == rows
    assert narrowed(rows, ["лицей"]) == []


@pytest.mark.parametrize(
    ("earlier", "words", "expected"),
    [
        (["со"], ["сош"], True),
        (["сош"], ["сош", "1"], True),
        (["сош", "1"], ["сош"], False),  # a word taken away widens the list
        (["сош"], ["со"], False),
        (["ош"], ["сош"], True),  # inside a word, not only at its start
        (["сош"], ["гимназия"], False),
        ([], ["сош"], True),
    ],
)
def test_refines_when_every_earlier_word_is_part_of_a_new_one(
    earlier: list[str], words: list[str], expected: bool
) -> None:
    assert refines(words, earlier) is expected


def test_typing_on_and_back_gives_the_store_result_every_time(tmp_path: Path) -> None:
    path = tmp_path / "generated.sqlite3"
    generate_store(path, schools=300, seed=5, today=TODAY)
    database = Database(path)
    try:
        repository = SchoolRepository(database)
        listing = SchoolListing.read(repository, SchoolQuery(), TODAY)
        typed = ["с", "со", "сош", "сош ", "сош 1", "сош 1", "сош", "ош", "б", "бе", "", "5"]
        for text in typed:
            query = SchoolQuery(text=text)
            assert listing.ids(query) == repository.search(query, today=TODAY), text
    finally:
        database.close()
