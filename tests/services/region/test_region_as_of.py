"""The region on a given day: what is overdue on the day and what only after it, what was held by
it, the roadmap's window over the default one, and the flags' reasons in Russian."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from curator_desktop.domain.region.flags import (
    FIRST_VISIT_OVERDUE,
    RECOMMENDATIONS_OVERDUE,
    VERIFICATION_OVERDUE,
)
from curator_desktop.domain.region.summary import RegionSchool
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.i18n import set_language
from curator_desktop.services.region import RegionService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    Recommendation,
    RiskAssessment,
    RoadmapItem,
    School,
    SchoolAssignment,
    Visit,
)

DEADLINE = dt.date(2026, 5, 20)


def _add(database: Database, *records: Any) -> None:
    with database.session() as session:
        session.add_all(records)


@pytest.fixture
def school(database: Database) -> str:
    row = School(full_name="МБОУ «СОШ № 1»", short_name="СОШ № 1", inn=make_inn("500100001"),
                 municipality="Озерский район")  # fmt: skip
    _add(database, row)
    _add(
        database,
        SchoolAssignment(school_id=row.id, curator_name="Петрова Анна Ивановна",
                         assigned_from=dt.date(2026, 2, 1), assigned_until=dt.date(2026, 9, 1)),
        Recommendation(school_id=row.id, text="Провести педсовет", deadline=DEADLINE),
        Recommendation(school_id=row.id, text="Обновить план", deadline=DEADLINE,
                       status="done", closed_on=dt.date(2026, 6, 10)),
        *[RiskAssessment(school_id=row.id, year=2026, factor_code=f"R0{n}",
                         verdict="confirmed" if n < 3 else None,
                         verified_on=dt.date(2026, 3, 20)) for n in range(1, 5)],
    )  # fmt: skip
    return row.id


def _row(database: Database, day: dt.date) -> RegionSchool:
    (row,) = RegionService(database).summary(day).schools
    return row


def _codes(row: RegionSchool) -> set[str]:
    return {flag.code for flag in row.flags}


def test_a_recommendation_is_overdue_the_day_after_its_deadline(
    database: Database, school: str
) -> None:
    on_deadline = _row(database, DEADLINE)
    assert (on_deadline.recommendations_open, on_deadline.recommendations_overdue) == (2, 0)
    after = _row(database, DEADLINE + dt.timedelta(days=1))
    assert (after.recommendations_open, after.recommendations_overdue) == (2, 2)
    assert RECOMMENDATIONS_OVERDUE in _codes(after)
    closed = _row(database, dt.date(2026, 6, 10))  # closed that day: no longer open
    assert (closed.recommendations_open, closed.recommendations_overdue) == (1, 1)


def test_the_first_visit_is_overdue_after_the_default_window(
    database: Database, school: str
) -> None:
    assert _row(database, dt.date(2026, 3, 31)).first_visit_due == dt.date(2026, 3, 31)
    assert FIRST_VISIT_OVERDUE not in _codes(_row(database, dt.date(2026, 3, 31)))
    assert FIRST_VISIT_OVERDUE in _codes(_row(database, dt.date(2026, 4, 1)))


def test_a_visit_counts_from_the_day_it_was_held(database: Database, school: str) -> None:
    _add(
        database,
        Visit(school_id=school, visit_type="primary", status="completed",
              planned_date=dt.date(2026, 4, 2), actual_date=dt.date(2026, 4, 3)),
        Visit(school_id=school, visit_type="planned", status="planned",
              planned_date=dt.date(2026, 10, 1)),
    )  # fmt: skip
    before = _row(database, dt.date(2026, 4, 2))
    assert (before.first_visit, before.visits_completed, before.visits_planned) == (None, 0, 2)
    assert FIRST_VISIT_OVERDUE in _codes(before)
    held = _row(database, dt.date(2026, 4, 3))
    assert (held.first_visit, held.visits_completed) == (dt.date(2026, 4, 3), 1)
    assert FIRST_VISIT_OVERDUE not in _codes(held)  # held late, but held


def test_the_roadmap_window_replaces_the_default(database: Database, school: str) -> None:
    _add(
        database,
        RoadmapItem(title="Первичное посещение школ кураторами", deadline_text="до 15 апреля",
                    deadline_start=dt.date(2026, 4, 15), deadline_end=dt.date(2026, 4, 15)),
        RoadmapItem(title="Семинар «Первичное посещение: как его провести»",
                    deadline_end=dt.date(2026, 6, 30)),
    )  # fmt: skip
    row = _row(database, dt.date(2026, 4, 15))
    assert row.first_visit_due == dt.date(2026, 4, 15)
    assert FIRST_VISIT_OVERDUE not in _codes(row)
    assert FIRST_VISIT_OVERDUE in _codes(_row(database, dt.date(2026, 4, 16)))


def test_verification_is_overdue_while_factors_wait(database: Database, school: str) -> None:
    row = _row(database, dt.date(2026, 5, 1))
    assert (row.risks_verified, row.risk_factors) == (2, 4)
    assert VERIFICATION_OVERDUE in _codes(row)
    assert VERIFICATION_OVERDUE not in _codes(_row(database, dt.date(2026, 4, 30)))
    assert _row(database, dt.date(2026, 3, 19)).risks_verified == 0  # verified on 20 March


def test_curators_are_those_assigned_on_the_day(database: Database, school: str) -> None:
    summary = RegionService(database).summary(dt.date(2026, 8, 31))
    assert summary.schools[0].curators == ("Петрова Анна Ивановна",)
    assert [c.name for c in summary.curators] == ["Петрова Анна Ивановна"]
    later = RegionService(database).summary(dt.date(2026, 9, 1))  # released that day
    assert later.schools[0].curators == () and later.curators == ()


def test_reasons_are_in_russian(database: Database, school: str) -> None:
    set_language("ru")
    try:
        row = _row(database, dt.date(2026, 6, 1))
    finally:
        set_language("en")
    reasons = {flag.code: flag.reason for flag in row.flags}
    assert reasons[RECOMMENDATIONS_OVERDUE] == "Просрочены 2 рекомендации."
    assert reasons[FIRST_VISIT_OVERDUE] == "Первичное посещение не проведено, срок — до 31.03.2026."
