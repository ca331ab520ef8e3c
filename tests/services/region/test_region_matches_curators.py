"""«Done means» of #24: three seeded curators' packages merged into a coordinator's store give a
region summary whose per-curator and per-school figures equal what each curator's own store
lists (its visits, recommendations and risk profile, read the way the curator's own pages read
them)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlmodel import col, func, select

from curator_desktop.domain.region.summary import RegionSummary
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.services.region import RegionService
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.visits import VisitRepository
from curator_desktop.store.tables import RiskAssessment, School, Visit
from tests.services.demo.region_stores import RegionStores

HELD = ("completed", "report_generated", "uploaded")


def _summary(stores: RegionStores, store) -> RegionSummary:  # type: ignore[no-untyped-def]
    database = stores.open(store)
    try:
        return RegionService(database).summary(stores.today)
    finally:
        database.close()


def _listed(database: Database, today: dt.date) -> dict[str, dict[str, int]]:
    """Per school ИНН, what the curator's own store lists: visits held in the cycle year, the
    year's risk factors and verified ones; and the curator's overdue items."""
    year = cycle_year(today)
    figures: dict[str, dict[str, int]] = {}
    with database.session() as session:
        schools = session.exec(
            select(School.id, School.inn).where(
                col(School.deleted).is_(False), col(School.archived_at).is_(None)
            )
        ).all()
        for school_id, inn in schools:
            visits = session.exec(
                select(Visit).where(
                    col(Visit.school_id) == school_id, col(Visit.deleted).is_(False)
                )
            ).all()
            held = [
                v
                for v in visits
                if v.status in HELD
                and (day := v.actual_date or v.planned_date) is not None
                and day <= today
                and cycle_year(day, visit_type=v.visit_type) == year
            ]
            factors, verified = session.exec(
                select(func.count(), func.count(RiskAssessment.verdict)).where(
                    col(RiskAssessment.school_id) == school_id,
                    col(RiskAssessment.year) == year,
                    col(RiskAssessment.deleted).is_(False),
                )
            ).one()
            figures[inn] = {
                "visits_completed": len(held),
                "risk_factors": factors,
                "risks_verified": verified,
            }
    return figures


@pytest.fixture(scope="module")
def merged(region_stores: RegionStores) -> RegionSummary:
    return _summary(region_stores, region_stores.coordinator)


def test_each_curator_has_the_figures_of_their_own_store(
    region_stores: RegionStores, merged: RegionSummary
) -> None:
    by_name = {curator.name: curator for curator in merged.curators}
    assert set(by_name) == set(region_stores.curators)
    for name, store in region_stores.curators.items():
        database = region_stores.open(store)
        try:
            signals = VisitRepository(database).signals(today=region_stores.today)
            listed = _listed(database, region_stores.today)
        finally:
            database.close()
        row = by_name[name]
        assert row.schools == len(listed), name
        assert row.visits_completed == sum(f["visits_completed"] for f in listed.values())
        assert row.recommendations_overdue == signals.overdue_recommendations
        assert row.overdue_items == signals.overdue + signals.overdue_recommendations
        (own,) = _summary(region_stores, store).curators  # the curator's store tells the same
        assert (own.name, own.schools, own.visits_completed, own.visits_planned) == (
            row.name,
            row.schools,
            row.visits_completed,
            row.visits_planned,
        )
        assert (own.overdue_items, own.reports_produced) == (
            row.overdue_items,
            row.reports_produced,
        )


def test_each_school_has_the_figures_its_curators_stores_list(
    region_stores: RegionStores, merged: RegionSummary
) -> None:
    lists = {}
    for name, store in region_stores.curators.items():
        database = region_stores.open(store)
        try:
            lists[name] = _listed(database, region_stores.today)
        finally:
            database.close()
    holders = Counter(inn for listed in lists.values() for inn in listed)
    assert set(holders) == {school.inn for school in merged.schools}
    assert max(holders.values()) == 2  # neighbours share a school
    for school in merged.schools:
        mine = [
            (name, listed[school.inn]) for name, listed in lists.items() if school.inn in listed
        ]
        assert sorted(school.curators) == sorted(name for name, _figures in mine), school.name
        # visits add up across the curators who hold the school
        assert school.visits_completed == sum(f["visits_completed"] for _n, f in mine)
        # a risk profile is one record per school, factor and year in every store
        assert school.risk_factors == mine[0][1]["risk_factors"]
        if len(mine) == 1:
            assert school.risks_verified == mine[0][1]["risks_verified"]


def test_a_school_held_by_one_curator_is_the_same_row_in_both_stores(
    region_stores: RegionStores, merged: RegionSummary
) -> None:
    shared = Counter(s.inn for store in region_stores.curators.values()
                     for s in _summary(region_stores, store).schools)  # fmt: skip
    compared = 0
    for store in region_stores.curators.values():
        for own in _summary(region_stores, store).schools:
            if shared[own.inn] != 1:
                continue
            (row,) = [s for s in merged.schools if s.inn == own.inn]
            fields = (
                "first_visit", "visits_completed", "visits_planned", "risks_verified",
                "risk_factors", "directions_activated", "documents_accepted",
                "documents_expected", "monitoring_1", "monitoring_2", "recommendations_open",
                "recommendations_overdue", "selfdiag_level", "curators",
            )  # fmt: skip
            assert [getattr(row, f) for f in fields] == [getattr(own, f) for f in fields]
            compared += 1
    assert compared >= 20


def test_the_totals_add_up_the_rows(merged: RegionSummary) -> None:
    assert merged.totals["schools"] == len(merged.schools)
    assert merged.totals["curators"] == 3
    assert merged.totals["visits_completed"] == sum(s.visits_completed for s in merged.schools)
    assert merged.totals["recommendations_overdue"] == sum(
        s.recommendations_overdue for s in merged.schools
    )
    assert merged.year == 2026


def test_packages_received_are_dated_for_curators_and_schools(region_stores: RegionStores) -> None:
    """The packages were merged on the day the test runs (the demo's story is told as of an
    earlier day, when none had arrived yet)."""
    database = region_stores.open(region_stores.coordinator)
    try:
        service = RegionService(database)
        received = service.summary(max(dt.date.today(), region_stores.today))
        before = service.summary(dt.date(2026, 1, 1))
    finally:
        database.close()
    assert all(c.last_package is not None for c in received.curators)
    assert all(c.data_recorded_until is not None for c in received.curators)
    assert all(s.last_package is not None for s in received.schools)
    assert {c.last_package for c in before.curators} == {None}
    assert all("no_package" in {f.code for f in c.flags} for c in before.curators)
