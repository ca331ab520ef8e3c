"""List queries: what the Schools and Visits pages and the CLI show."""

from __future__ import annotations

import datetime as dt

from curator_desktop.store.database import Database
from curator_desktop.store.repositories.schools import SchoolRepository
from curator_desktop.store.repositories.visits import VisitRepository
from curator_desktop.store.tables import Recommendation, RiskAssessment, School, Visit
from curator_desktop.store.types import utc_now

TODAY = dt.date(2026, 11, 22)


def _school(db: Database, **fields: object) -> School:
    with db.session() as session:
        school = School(**fields)
        session.add(school)
    return school


def test_school_summary_aggregates(database: Database) -> None:
    school = _school(database, full_name="МОУ «СОШ № 4»", short_name="СОШ № 4")
    with database.session() as session:
        session.add_all(
            [
                Visit(
                    school_id=school.id,
                    status="planned",
                    planned_date=TODAY + dt.timedelta(days=30),
                ),
                Visit(
                    school_id=school.id, status="planned", planned_date=TODAY + dt.timedelta(days=5)
                ),
                Visit(
                    school_id=school.id, status="planned", planned_date=TODAY - dt.timedelta(days=5)
                ),
                Visit(
                    school_id=school.id,
                    status="completed",
                    planned_date=TODAY + dt.timedelta(days=1),
                ),
                Recommendation(school_id=school.id, status="open", text="a"),
                Recommendation(school_id=school.id, status="open", text="b"),
                Recommendation(school_id=school.id, status="done", text="c"),
                RiskAssessment(
                    school_id=school.id,
                    year=2025,
                    factor_code="R01",
                    questionnaire_level="high",
                    verdict="confirmed",
                ),
                RiskAssessment(
                    school_id=school.id,
                    year=2026,
                    factor_code="R01",
                    questionnaire_level="high",
                    verdict="adjusted",
                    adjusted_level="low",
                ),
                RiskAssessment(
                    school_id=school.id,
                    year=2026,
                    factor_code="R02",
                    questionnaire_level="medium",
                    verdict="confirmed",
                ),
                RiskAssessment(
                    school_id=school.id,
                    year=2026,
                    factor_code="R03",
                    questionnaire_level="high",
                    verdict=None,
                ),
            ]
        )
    (summary,) = SchoolRepository(database).summaries(today=TODAY)
    assert summary.next_visit == TODAY + dt.timedelta(days=5)
    assert summary.open_recommendations == 2
    assert summary.highest_risk == "medium"  # 2026 only; R01 adjusted down, R03 unverified


def test_archived_and_deleted_schools_are_hidden(database: Database) -> None:
    _school(database, full_name="Активная")
    _school(database, full_name="В архиве", archived_at=utc_now())
    _school(database, full_name="Удалённая", deleted=True)
    repository = SchoolRepository(database)
    assert [s.full_name for s in repository.summaries()] == ["Активная"]
    assert {s.full_name for s in repository.summaries(include_archived=True)} == {
        "Активная",
        "В архиве",
    }
    assert repository.count() == 1


def test_visits_newest_first_with_school_name(database: Database) -> None:
    school = _school(database, full_name="МОУ «Лесная СОШ»", short_name="Лесная СОШ")
    with database.session() as session:
        session.add_all(
            [
                Visit(
                    school_id=school.id,
                    planned_date=dt.date(2026, 3, 1),
                    actual_date=dt.date(2026, 3, 2),
                ),
                Visit(school_id=school.id, planned_date=dt.date(2026, 12, 1)),
                Visit(school_id=school.id, planned_date=dt.date(2026, 6, 1), deleted=True),
            ]
        )
    visits = VisitRepository(database).summaries()
    assert [v.date for v in visits] == [dt.date(2026, 12, 1), dt.date(2026, 3, 2)]
    assert {v.school_name for v in visits} == {"Лесная СОШ"}
    assert VisitRepository(database).count() == 2
