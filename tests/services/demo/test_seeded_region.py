"""Seeded demo curators and the demo region: the same seed gives the same schools (by ИНН),
neighbouring seeds share one school, and a coordinator's store merged from three curators'
packages holds each school once with its curators."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, select

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.profile import Role
from curator_desktop.domain.schools.inn import is_valid_inn
from curator_desktop.paths import AppPaths
from curator_desktop.services.demo.builder import DemoCurator, create_demo_store
from curator_desktop.services.demo.region import coordinator_profile, create_demo_region
from curator_desktop.services.profile.assignments import assigned_curators
from curator_desktop.services.profile.service import ProfileService
from curator_desktop.services.store_opening import open_store
from curator_desktop.store.tables import School
from tests.services.demo.region_stores import TODAY, RegionStores, region_stores  # noqa: F401


def seeded_store(folder: Path, curator: DemoCurator | None) -> dict[str, str]:
    """A demo store made in ``folder``: its schools' ИНН → short name."""
    opened = open_store(AppPaths.resolve(folder), device_id="t", daily_backup=False, today=TODAY)
    try:
        create_demo_store(opened.database, today=TODAY, curator=curator)
        with opened.database.session() as session:
            return {s.inn: s.short_name for s in session.exec(select(School))}
    finally:
        opened.close()


def test_the_same_seed_gives_the_same_schools_and_others_share_one(tmp_path: Path) -> None:
    first = seeded_store(tmp_path / "a", DemoCurator(5))
    again = seeded_store(tmp_path / "b", DemoCurator(5, "Орлова Анна Петровна"))
    neighbour = seeded_store(tmp_path / "c", DemoCurator(6))
    usual = seeded_store(tmp_path / "d", None)
    assert first == again and len(first) == 8
    assert all(is_valid_inn(inn) for inn in first)
    shared = first.keys() & neighbour.keys()
    assert len(shared) == 1  # seeds 4–5 and 6–7 share the others
    assert {first[inn] for inn in shared} == {neighbour[inn] for inn in shared}
    assert not usual.keys() & first.keys()
    assert len(set(first.values())) == 8  # every school named apart


def test_a_seeded_curator_is_named_and_assigned_to_their_schools(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "s")
    opened = open_store(paths, device_id="t", daily_backup=False, today=TODAY)
    try:
        create_demo_store(
            opened.database, today=TODAY, curator=DemoCurator(2, "Орлова Анна Петровна")
        )
        profiles = ProfileService(opened.database)
        profile = profiles.current()
        assert profile is not None and profile.full_name == "Орлова Анна Петровна"
        assert profiles.role() is Role.CURATOR
        with opened.database.session() as session:
            curators = assigned_curators(session, TODAY)
        assert len(curators) == 8
        assert set(curators.values()) == {("Орлова Анна Петровна",)}
    finally:
        opened.close()


def test_the_region_holds_each_school_once_with_its_curators(region_stores: RegionStores) -> None:  # noqa: F811
    own: dict[str, set[str]] = {}
    for name, store in region_stores.curators.items():
        database = region_stores.open(store)
        try:
            with database.session() as session:
                for inn in session.exec(select(School.inn).where(col(School.deleted).is_(False))):
                    own.setdefault(inn, set()).add(name)
        finally:
            database.close()
    database = region_stores.open(region_stores.coordinator)
    try:
        assert ProfileService(database).role() is Role.COORDINATOR
        with database.session() as session:
            schools = list(session.exec(select(School).where(col(School.deleted).is_(False))))
            curators = assigned_curators(session, TODAY)
    finally:
        database.close()
    inns = [school.inn for school in schools]
    assert len(inns) == len(set(inns)) == len(own) == 3 * 8 - 2  # two schools are shared
    merged = {school.inn: set(curators[school.id]) for school in schools}
    assert merged == own
    assert sum(len(names) == 2 for names in merged.values()) == 2


def test_a_region_needs_a_new_store(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "c")
    opened = open_store(paths, device_id="t", daily_backup=False)
    try:
        ProfileService(opened.database).save(coordinator_profile())
    finally:
        opened.close()
    with pytest.raises(ValidationError):
        create_demo_region(paths, device_id="t", curators=1, today=TODAY)
