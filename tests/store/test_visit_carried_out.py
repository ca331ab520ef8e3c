"""A planned visit the curator carried out by making a new one (same school, same kind,
completed on or after its day) is no longer overdue, nor upcoming, and says so."""

from __future__ import annotations

import datetime as dt

from curator_desktop.store.database import Database
from curator_desktop.store.repositories.visits import VisitQuery, VisitRepository, VisitScope
from curator_desktop.store.tables import School, Visit

TODAY = dt.date(2026, 11, 20)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def test_a_plan_carried_out_by_a_later_visit_is_not_overdue(database: Database) -> None:
    school, other = School(full_name="МОУ «Лесная СОШ»"), School(full_name="МОУ «СОШ № 2»")
    with database.session() as session:
        session.add_all([school, other])
    visits = {
        "carried_out": Visit(school_id=school.id, status="planned", planned_date=day(-30)),
        "done_instead": Visit(
            school_id=school.id, status="completed", planned_date=day(-2), actual_date=day(-2)
        ),
        "other_kind": Visit(
            school_id=school.id, visit_type="final", status="planned", planned_date=day(-20)
        ),
        "done_before_its_day": Visit(school_id=other.id, status="planned", planned_date=day(-10)),
        "done_earlier": Visit(
            school_id=other.id, status="completed", planned_date=day(-40), actual_date=day(-40)
        ),
    }
    with database.session() as session:
        session.add_all(visits.values())
    ids = {name: visit.id for name, visit in visits.items()}
    repository = VisitRepository(database)

    overdue = repository.search(VisitQuery(scope=VisitScope.OVERDUE), today=TODAY)
    assert set(overdue) == {ids["other_kind"], ids["done_before_its_day"]}
    assert repository.signals(today=TODAY).overdue == 2
    assert ids["carried_out"] not in repository.search(
        VisitQuery(scope=VisitScope.UPCOMING), today=TODAY
    )
    (row,) = repository.summaries_for([ids["carried_out"]])
    assert row.carried_out
    assert not any(r.carried_out for r in repository.summaries_for(list(ids.values())[1:]))


def test_the_list_says_it_was_carried_out(qapp) -> None:
    from curator_desktop.domain.summaries import VisitSummary
    from curator_desktop.ui.visits.table_model import VisitColumn, VisitTableModel, is_overdue

    row = VisitSummary("v", "s", "СОШ", "planned", "planned", day(-30), None, "", True)
    assert not is_overdue(row, TODAY)
    model = VisitTableModel()
    model.today = TODAY
    model.set_fetcher(lambda ids: [row])
    model.set_ids(["v"])
    status = model.index(0, VisitColumn.STATUS).data()
    assert status == "Planned — carried out by a later visit"
