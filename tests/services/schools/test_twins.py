"""Twins already in a store — one school held several times, as the previous version made them
(the same list imported on three computers, the packages merged by id) — repaired into one
record: children re-pointed, values kept, a backup first, and old packages still land on it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from curator_desktop.services.schools.twins import find_twins, merge_twins
from curator_desktop.store.backups import list_backups
from curator_desktop.store.tables import ChangeLog, RiskAssessment, School, Visit
from tests.services.exchange.exchange_helpers import Store, content
from tests.services.exchange.identity_helpers import (
    INNS,
    add_visit,
    export,
    import_list,
    list_csv,
    live_assessments,
    live_schools,
    new_store,
    no_identity_mapping,
    random_ids,
    school_of,
    verify,
    visits_of,
)

PHONE = "+7 (84468) 3-11-22"


@dataclass
class Twins:
    """The coordinator's store holding each school three times, and where they came from."""

    coordinator: Store
    a: Store
    b: Store
    package_a: Path
    visits: dict[str, set[str]]
    """Visit ids per ИНН, across the three records of the school."""
    twin_b: str
    """Curator B's record of the first school."""

    def close(self) -> None:
        for store in (self.coordinator, self.a, self.b):
            store.close()


def _set(store: Store, inn: str, **values: object) -> None:
    with store.database.session() as session:
        school = session.get(School, school_of(store.database, inn))
        for name, value in values.items():
            setattr(school, name, value)


@pytest.fixture
def twins(tmp_path: Path, migrated_store_template: Path) -> Twins:
    """What today's stores hold after the bug: built by the previous behaviour (random ids,
    imports matching by id only) through the real list import and real packages."""
    csv = list_csv(tmp_path / "список.csv")
    with random_ids(), no_identity_mapping():
        coordinator, a, b = (
            new_store(migrated_store_template, tmp_path / n, f"dev-{n}")
            for n in ("coordinator", "curator-a", "curator-b")
        )
        for store in (coordinator, a, b):
            import_list(store, csv)  # the coordinator's list is the oldest
        _set(coordinator, INNS[0], notes="Из списка координатора")
        _set(a, INNS[0], director_phone=PHONE)
        _set(b, INNS[0], notes="Заметка куратора Б")
        visits = {inn: set() for inn in INNS}
        for store, purpose in ((a, "Посещение А"), (b, "Посещение Б")):
            for inn in INNS[:2]:
                visits[inn].add(add_visit(store.database, school_of(store.database, inn), purpose))
            verify(store.database, school_of(store.database, INNS[0]))
        usb = tmp_path / "usb"
        package_a = export(a, usb, "a.curator")
        for package in (package_a, export(b, usb, "b.curator")):
            coordinator.service.import_(package)
    with coordinator.database.session() as session:  # the coordinator hid its own copy
        school = session.get(School, school_of_oldest(coordinator, INNS[1]))
        school.archived_at = school.created_at
    made = Twins(coordinator, a, b, package_a, visits, school_of(b.database, INNS[0]))
    yield made
    made.close()


def school_of_oldest(store: Store, inn: str) -> str:
    return live_schools(store.database)[inn][0]


def _count(store: Store, model: type, *where: object) -> int:
    with store.database.session() as session:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())


def test_the_previous_behaviour_left_three_records_of_each_school(twins: Twins) -> None:
    schools = live_schools(twins.coordinator.database)
    assert all(len(schools[inn]) == 3 for inn in INNS)
    groups = find_twins(twins.coordinator.database)
    assert [g.inn for g in groups] == sorted(INNS)
    first = next(g for g in groups if g.inn == INNS[0])
    assert first.survivor.id == schools[INNS[0]][0]  # the oldest: the coordinator's
    assert sorted(t.children for t in first.twins) == [2, 2]  # a visit and a verification
    assert {d.field for d in first.differences} >= {"notes", "director_phone"}


def test_repair_merges_every_twin_into_the_oldest_record_after_a_backup(twins: Twins) -> None:
    store = twins.coordinator
    survivors = {inn: live_schools(store.database)[inn][0] for inn in INNS}
    visits_before = _count(store, Visit)

    repair = merge_twins(store.database, store.paths.backup_dir)

    assert repair.twins == 6 and repair.assessments_merged == 1
    assert [b.reason for b in list_backups(store.paths.backup_dir)].count("pre-repair") == 1
    assert repair.backup is not None and repair.backup.exists()
    with sqlite3.connect(repair.backup) as connection:  # the backup holds the twins
        assert (
            connection.execute("SELECT COUNT(*) FROM school WHERE deleted = 0").fetchone()[0] == 12
        )
    schools = live_schools(store.database)
    assert {inn: schools[inn] for inn in INNS} == {inn: [survivors[inn]] for inn in INNS}
    assert find_twins(store.database) == []
    assert _count(store, Visit) == visits_before
    for inn in INNS:
        assert visits_of(store.database, survivors[inn]) == twins.visits[inn]
    (assessment,) = live_assessments(store.database, survivors[INNS[0]])
    assert assessment.verdict == "confirmed"
    assert _count(store, RiskAssessment, col(RiskAssessment.deleted).is_(True)) == 1
    with store.database.session() as session:
        first = session.get(School, survivors[INNS[0]])
        assert first.notes == "Из списка координатора"  # the survivor's value is kept
        assert first.director_phone == PHONE  # an empty field took the twin's value
        assert session.get(School, survivors[INNS[1]]).archived_at is None  # twins were live
        tombstones = session.exec(select(School).where(col(School.deleted).is_(True))).all()
        assert len(tombstones) == 6
        deletions = session.exec(
            select(ChangeLog.entity_id).where(
                col(ChangeLog.entity) == "school", col(ChangeLog.action) == "delete"
            )
        ).all()
    assert set(deletions) == {t.id for t in tombstones}
    with sqlite3.connect(store.database.path) as connection:
        aliases = dict(
            connection.execute("SELECT alias_id, local_id FROM record_alias WHERE entity='school'")
        )
    assert aliases == {t.id: survivors[t.inn] for t in tombstones}
    # Nothing to repair any more: no second backup.
    assert merge_twins(store.database, store.paths.backup_dir).backup is None


def test_an_old_package_lands_on_the_survivor_after_the_repair(
    twins: Twins, tmp_path: Path
) -> None:
    store = twins.coordinator
    merge_twins(store.database, store.paths.backup_dir)
    survivor = live_schools(store.database)[INNS[0]][0]
    before = content(store.database)

    assert not store.service.import_(twins.package_a).written  # everything in it is here
    assert content(store.database) == before

    later = add_visit(twins.a.database, school_of(twins.a.database, INNS[0]), "Повторное")
    store.service.import_(export(twins.a, tmp_path / "usb", "a-later.curator"))
    assert all(len(live_schools(store.database)[inn]) == 1 for inn in INNS)
    assert visits_of(store.database, survivor) == twins.visits[INNS[0]] | {later}


def test_the_caller_chooses_which_values_the_survivor_keeps(twins: Twins) -> None:
    store = twins.coordinator

    def choose(group):  # type: ignore[no-untyped-def]
        return {"notes": twins.twin_b} if group.inn == INNS[0] else {}

    merge_twins(store.database, store.paths.backup_dir, choose=choose)
    with store.database.session() as session:
        school = session.get(School, live_schools(store.database)[INNS[0]][0])
        assert school.notes == "Заметка куратора Б"
        assert school.director_phone == ""  # a choice replaces the default entirely
