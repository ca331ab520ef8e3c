"""Visit queries of the Visits page on a real store: views, filters, search, order, counters."""

from __future__ import annotations

import datetime as dt

import pytest

from curator_desktop.i18n import set_language
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.visits import (
    VisitQuery,
    VisitRepository,
    VisitScope,
    VisitSort,
)
from curator_desktop.store.tables import Recommendation, School, Visit
from curator_desktop.store.types import utc_now

TODAY = dt.date(2026, 11, 20)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@pytest.fixture
def store(database: Database) -> dict[str, str]:
    """Three live schools (one archived), one deleted; visits named by what they test."""
    schools = {
        "les": School(
            full_name="МОУ «Лесная СОШ»", short_name="Лесная СОШ", municipality="Ёлкинский"
        ),
        "n2": School(full_name="МОУ «СОШ № 2»", short_name="СОШ № 2", director_name="Фёдорова"),
        "n10": School(full_name="МОУ «СОШ № 10»", short_name="СОШ № 10", archived_at=utc_now()),
        "gone": School(full_name="Удалённая школа", deleted=True),
    }
    with database.session() as session:
        session.add_all(schools.values())
    ids = {key: school.id for key, school in schools.items()}
    visits = {
        "done_old": Visit(
            school_id=ids["les"],
            visit_type="primary",
            status="completed",
            planned_date=day(-200),
            actual_date=day(-198),
            purpose="Первичное посещение, верификация рисков",
        ),
        "overdue_planned": Visit(
            school_id=ids["n2"], status="planned", planned_date=day(-30), purpose="Мониторинг"
        ),
        "overdue_started": Visit(
            school_id=ids["les"],
            status="in_progress",
            planned_date=day(-3),
            actual_date=day(-3),
            purpose="Посещение уроков",
        ),
        "today": Visit(
            school_id=ids["n10"], visit_type="remote", status="in_progress", planned_date=day(0)
        ),
        "soon": Visit(school_id=ids["n2"], visit_type="final", planned_date=day(12)),
        "later": Visit(school_id=ids["les"], planned_date=day(40), purpose="Итоги года"),
        "undated": Visit(school_id=ids["n2"], visit_type="unplanned", planned_date=None),
        "reported": Visit(
            school_id=ids["n10"],
            status="report_generated",
            planned_date=day(-10),
            actual_date=day(-9),
            purpose="Экспертиза документов: 100% готовность",
        ),
        "deleted": Visit(school_id=ids["les"], planned_date=day(-5), deleted=True),
        "of_deleted_school": Visit(school_id=ids["gone"], planned_date=day(-5)),
    }
    with database.session() as session:
        session.add_all(visits.values())
        session.add_all(
            [
                Recommendation(school_id=ids["les"], text="a", status="open", deadline=day(-1)),
                Recommendation(school_id=ids["n2"], text="b", status="open", deadline=day(0)),
                Recommendation(school_id=ids["n2"], text="c", status="open", deadline=None),
                Recommendation(school_id=ids["n2"], text="d", status="done", deadline=day(-9)),
                Recommendation(school_id=ids["n2"], text="e", status="open", deleted=True),
            ]
        )
    return {**{f"school:{k}": v for k, v in ids.items()}, **{k: v.id for k, v in visits.items()}}


def names(store: dict[str, str], ids: list[str]) -> list[str]:
    by_id = {value: key for key, value in store.items()}
    return [by_id[visit_id] for visit_id in ids]


def found(database: Database, store: dict[str, str], **fields: object) -> list[str]:
    return names(store, VisitRepository(database).search(VisitQuery(**fields), today=TODAY))


def test_every_visit_newest_first_undated_on_top(database: Database, store) -> None:
    assert found(database, store) == [
        "undated",
        "later",
        "soon",
        "today",
        "overdue_started",
        "reported",
        "overdue_planned",
        "done_old",
    ]


def test_upcoming_are_open_visits_from_today_soonest_first(database: Database, store) -> None:
    assert found(database, store, scope=VisitScope.UPCOMING) == [
        "today",
        "soon",
        "later",
        "undated",
    ]


def test_overdue_counts_in_progress_visits_too(database: Database, store) -> None:
    # planned or in progress, due date passed; completed and reported ones never are
    assert found(database, store, scope=VisitScope.OVERDUE) == [
        "overdue_planned",
        "overdue_started",
    ]
    tomorrow = VisitRepository(database).search(VisitQuery(scope=VisitScope.OVERDUE), today=day(1))
    assert names(store, tomorrow) == ["overdue_planned", "overdue_started", "today"]


def test_filters_combine(database: Database, store) -> None:
    les, n2 = store["school:les"], store["school:n2"]
    assert found(database, store, school_id=les) == ["later", "overdue_started", "done_old"]
    assert found(database, store, school_id=n2, visit_type="final") == ["soon"]
    assert found(database, store, school_id=les, status="in_progress") == ["overdue_started"]
    assert found(database, store, status="in_progress", scope=VisitScope.UPCOMING) == ["today"]
    assert found(database, store, school_id=les, visit_type="final") == []


def test_period_is_inclusive_and_uses_the_actual_date_first(database: Database, store) -> None:
    # «reported» was planned for day −10 but took place on day −9
    assert found(database, store, date_from=day(-9), date_to=day(0)) == [
        "today",
        "overdue_started",
        "reported",
    ]
    assert found(database, store, date_from=day(-10), date_to=day(-10)) == []
    assert found(database, store, date_to=day(-30)) == ["overdue_planned", "done_old"]
    assert found(database, store, date_from=day(12)) == ["later", "soon"]  # undated: no date


def test_search_folds_case_and_yo_and_reads_school_and_purpose(database: Database, store) -> None:
    assert found(database, store, text="ЕЛКИНСКИЙ") == ["later", "overdue_started", "done_old"]
    assert found(database, store, text="федорова") == ["undated", "soon", "overdue_planned"]
    assert found(database, store, text="ВЕРИФИКАЦИЯ рисков") == ["done_old"]
    assert found(database, store, text="уроков лесная") == ["overdue_started"]
    assert found(database, store, text="уроков СОШ № 2") == []
    assert found(database, store, text="100%") == ["reported"]
    assert found(database, store, text="%") == ["reported"]  # a literal, not a wildcard
    assert found(database, store, text="_") == []


def test_search_matches_type_and_status_labels_in_the_current_language(
    database: Database, store
) -> None:
    assert found(database, store, text="remote") == ["today"]
    set_language("ru")
    assert found(database, store, text="итоговое") == ["soon"]
    assert found(database, store, text="идёт") == ["today", "overdue_started"]


def test_orders(database: Database, store) -> None:
    by_school = found(database, store, sort=VisitSort.SCHOOL)
    # natural order (№ 2 before № 10), each school's visits newest first
    assert by_school == [
        "later",
        "overdue_started",
        "done_old",
        "undated",
        "soon",
        "overdue_planned",
        "today",
        "reported",
    ]
    assert found(database, store, sort=VisitSort.SCHOOL, descending=True)[:2] == [
        "today",
        "reported",
    ]
    repository = VisitRepository(database)
    by_status = repository.summaries(VisitQuery(sort=VisitSort.STATUS), today=TODAY)
    workflow = ["planned", "in_progress", "completed", "report_generated", "uploaded"]
    assert [row.status for row in by_status] == sorted(
        (row.status for row in by_status), key=workflow.index
    )
    assert names(store, [row.id for row in by_status])[:3] == ["undated", "later", "soon"]
    assert found(database, store, sort=VisitSort.DATE) == found(database, store)[::-1]
    assert found(database, store, sort=VisitSort.PURPOSE)[-1] == "reported"  # «Экспертиза»


def test_counts_match_searches(database: Database, store) -> None:
    repository = VisitRepository(database)
    queries = [
        VisitQuery(),
        VisitQuery(scope=VisitScope.UPCOMING),
        VisitQuery(scope=VisitScope.OVERDUE, text="мониторинг"),
        VisitQuery(school_id=store["school:n2"], date_from=day(-40)),
    ]
    for query in queries:
        assert repository.count(query, today=TODAY) == len(repository.search(query, today=TODAY))
    filtered = VisitQuery(scope=VisitScope.UPCOMING, status="planned", text="x")
    assert filtered.filtered and not filtered.unfiltered().filtered
    assert filtered.unfiltered() == VisitQuery(scope=VisitScope.UPCOMING)
    assert repository.count() == 8


def test_rows_for_ids_keep_their_order(database: Database, store) -> None:
    repository = VisitRepository(database)
    ids = [store["soon"], "no-such-id", store["done_old"], store["deleted"]]
    rows = repository.summaries_for(ids)
    assert [row.id for row in rows] == [store["soon"], store["done_old"]]
    assert rows[0].school_name == "СОШ № 2" and rows[0].visit_type == "final"
    assert rows[1].date == day(-198) and rows[1].purpose.startswith("Первичное")
    whole = repository.summaries(school_id=store["school:n10"])
    assert [row.id for row in whole] == [store["today"], store["reported"]]


def test_signals_count_what_needs_attention(database: Database, store) -> None:
    signals = VisitRepository(database).signals(today=TODAY)
    assert (signals.upcoming, signals.overdue) == (4, 2)
    assert (signals.open_recommendations, signals.overdue_recommendations) == (3, 1)


def test_school_choices_in_name_order(database: Database, store) -> None:
    choices = VisitRepository(database).school_choices()
    assert choices == [
        (store["school:les"], "Лесная СОШ", False),
        (store["school:n2"], "СОШ № 2", False),
        (store["school:n10"], "СОШ № 10", True),
    ]
