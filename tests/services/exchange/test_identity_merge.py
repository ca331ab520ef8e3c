"""One school, one record, everywhere: stores that imported the same list of schools exchange
packages, and the coordinator holds each school (and each verification) once, with every
curator's visits on it, whatever the order and however often the packages come.

Real stores in their data folders, the real list import of a CSV file, real packages."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from exchange_helpers import content, incoming_from
from identity_helpers import (
    FACTOR,
    INNS,
    NO_INN_NAME,
    YEAR,
    add_visit,
    export,
    import_list,
    list_csv,
    live_assessments,
    live_schools,
    new_store,
    random_ids,
    school_of,
    verify,
    visits_of,
)

from curator_desktop.domain import identity
from curator_desktop.services.exchange.merge.apply import ConflictsPendingError, apply_merge
from curator_desktop.store.tables import School


@pytest.fixture
def csv(tmp_path: Path) -> Path:
    return list_csv(tmp_path / "список школ.csv")


def aliases(store) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(store.database.path) as connection:
        return set(connection.execute("SELECT entity, alias_id, local_id FROM record_alias"))


def test_a_school_takes_the_id_of_its_inn_in_every_store(
    tmp_path: Path, migrated_store_template: Path, csv: Path
) -> None:
    stores = [new_store(migrated_store_template, tmp_path / n, f"dev-{n}") for n in "ab"]
    for store in stores:
        import_list(store, csv)
    for inn in INNS:
        assert {school_of(s.database, inn) for s in stores} == {identity.school_id(inn)}
    # A school without ИНН has no identity: each store has its own record.
    assert len({live_schools(s.database)[NO_INN_NAME][0] for s in stores}) == 2
    for store in stores:
        store.close()


def test_three_stores_that_imported_one_list_give_the_coordinator_each_school_once(
    tmp_path: Path, migrated_store_template: Path, csv: Path
) -> None:
    a, b, coordinator, other = (
        new_store(migrated_store_template, tmp_path / n, f"dev-{n}")
        for n in ("curator-a", "curator-b", "coordinator", "coordinator-2")
    )
    for store in (a, b, coordinator, other):
        import_list(store, csv)
    first = school_of(a.database, INNS[0])
    visit_a1 = add_visit(a.database, first, "Первичное посещение")
    visit_a2 = add_visit(a.database, school_of(a.database, INNS[1]), "Консультация")
    visit_b = add_visit(b.database, school_of(b.database, INNS[0]), "Выезд с методистом")
    verify(a.database, first)
    verify(b.database, school_of(b.database, INNS[0]))  # the same verdict, made twice
    usb = tmp_path / "usb"
    package_a, package_b = export(a, usb, "a.curator"), export(b, usb, "b.curator")

    items = coordinator.service.import_many([package_a, package_b])
    assert [item.imported for item in items] == [True, True]
    schools = live_schools(coordinator.database)
    assert all(len(schools[inn]) == 1 for inn in INNS)
    school = school_of(coordinator.database, INNS[0])
    assert visits_of(coordinator.database, school) == {visit_a1, visit_b}
    second = school_of(coordinator.database, INNS[1])
    assert visits_of(coordinator.database, second) == {visit_a2}
    (assessment,) = live_assessments(coordinator.database, school)
    assert (assessment.factor_code, assessment.year, assessment.verdict) == (
        FACTOR,
        YEAR,
        "confirmed",
    )
    # The school without ИНН is never matched silently: one record per store that had it.
    assert len(schools[NO_INN_NAME]) == 3

    # Again, in the other order, and each alone: nothing changes any more.
    before = content(coordinator.database)
    again = coordinator.service.import_many([package_b, package_a])
    assert [item.result.written for item in again] == [False, False]
    for package in (package_a, package_b):
        assert not coordinator.service.import_(package).written
    assert content(coordinator.database) == before

    # Another coordinator taking them in the other order ends with the same records.
    for package in (package_b, package_a):
        other.service.import_(package)
    assert {inn: live_schools(other.database)[inn] for inn in INNS} == {
        inn: schools[inn] for inn in INNS
    }
    mine, theirs = content(coordinator.database), content(other.database)
    for table in ("visit", "risk_assessment"):
        live = [{i for i, r in t[table].items() if not r["deleted"]} for t in (mine, theirs)]
        assert live[0] == live[1], table
    for store in (a, b, coordinator, other):
        store.close()


def test_packages_of_stores_with_random_ids_land_on_the_local_schools(
    tmp_path: Path, migrated_store_template: Path, csv: Path
) -> None:
    """Stores made by the previous version (random ids): their schools and verifications are
    mapped by ИНН and by (school, factor, year), and so is everything that points at them, in
    this package and in every later one."""
    with random_ids():
        a, b = (
            new_store(migrated_store_template, tmp_path / n, f"dev-{n}") for n in ("old-a", "old-b")
        )
        for store in (a, b):
            import_list(store, csv)
            verify(store.database, school_of(store.database, INNS[0]))
        visit_a = add_visit(a.database, school_of(a.database, INNS[0]), "Посещение А")
        visit_b = add_visit(b.database, school_of(b.database, INNS[0]), "Посещение Б")
    old_a, old_b = school_of(a.database, INNS[0]), school_of(b.database, INNS[0])
    assert len({old_a, old_b, identity.school_id(INNS[0])}) == 3
    coordinator = new_store(migrated_store_template, tmp_path / "coordinator", "dev-c")
    import_list(coordinator, csv)
    local = school_of(coordinator.database, INNS[0])
    verify(coordinator.database, local)
    usb = tmp_path / "usb"
    package_b = export(b, usb, "b.curator")

    preview = coordinator.service.preview(package_b)
    assert preview.reconciliation.identity.mapped == {"school": 3, "risk_assessment": 1}
    assert preview.counts["school"].unchanged == 3  # the same content: histories joined
    assert preview.counts["school"].new == 1  # the school without ИНН
    coordinator.service.import_(package_b)
    coordinator.service.import_(export(a, usb, "a.curator"))

    assert all(len(live_schools(coordinator.database)[inn]) == 1 for inn in INNS)
    assert visits_of(coordinator.database, local) == {visit_a, visit_b}
    assert len(live_assessments(coordinator.database, local)) == 1
    kept = aliases(coordinator)
    assert {("school", old_a, local), ("school", old_b, local)} <= kept
    assert sum(entity == "risk_assessment" for entity, _a, _l in kept) == 2

    # Later: a new visit in A's store, a full package again, and B's old one once more.
    later = add_visit(a.database, old_a, "Повторное посещение")
    before = len(kept)
    coordinator.service.import_(export(a, usb, "a-2.curator"))
    assert not coordinator.service.import_(package_b).written
    assert visits_of(coordinator.database, local) == {visit_a, visit_b, later}
    assert len(aliases(coordinator)) == before
    assert all(len(live_schools(coordinator.database)[inn]) == 1 for inn in INNS)

    # The curator's new computer: the list imported first, then the old computer's package.
    new_computer = new_store(migrated_store_template, tmp_path / "new-pc", "dev-new")
    import_list(new_computer, csv)
    new_computer.service.import_(export(a, usb, "a-3.curator"))
    assert all(len(live_schools(new_computer.database)[inn]) == 1 for inn in INNS)
    assert visits_of(new_computer.database, identity.school_id(INNS[0])) == {visit_a, later}
    for store in (a, b, coordinator, new_computer):
        store.close()


def test_a_mapped_school_edited_on_both_sides_is_a_conflict_on_the_local_record(
    tmp_path: Path, migrated_store_template: Path, csv: Path
) -> None:
    with random_ids():
        old = new_store(migrated_store_template, tmp_path / "old", "dev-old")
        import_list(old, csv)
    coordinator = new_store(migrated_store_template, tmp_path / "coordinator", "dev-c")
    import_list(coordinator, csv)
    with old.database.session() as session:
        school = session.get(School, school_of(old.database, INNS[1]))
        school.director_phone = "+7 (84468) 3-11-22"
    package = export(old, tmp_path / "usb", "old.curator")
    local = school_of(coordinator.database, INNS[1])

    (conflict,) = coordinator.service.preview(package).conflicts
    assert conflict.key == ("school", local)
    assert conflict.fields == ("director_phone",)
    with pytest.raises(ConflictsPendingError):
        coordinator.service.import_(package)
    coordinator.service.import_(package, resolutions={conflict.key: "theirs"})
    assert live_schools(coordinator.database)[INNS[1]] == [local]
    with coordinator.database.session() as session:
        assert session.get(School, local).director_phone == "+7 (84468) 3-11-22"
    for store in (old, coordinator):
        store.close()


def test_a_school_without_inn_is_proposed_by_name_and_mapped_only_when_confirmed(
    tmp_path: Path, migrated_store_template: Path, csv: Path
) -> None:
    a, coordinator = (
        new_store(migrated_store_template, tmp_path / n, f"dev-{n}") for n in ("a", "c")
    )
    for store in (a, coordinator):
        import_list(store, csv)
    theirs = live_schools(a.database)[NO_INN_NAME][0]
    mine = live_schools(coordinator.database)[NO_INN_NAME][0]
    visit = add_visit(a.database, theirs, "Посещение малой школы")

    preview = coordinator.service.preview(export(a, tmp_path / "usb", "a.curator"))
    (proposal,) = preview.reconciliation.identity.proposals
    assert (proposal.incoming_id, proposal.local_id) == (theirs, mine)
    assert proposal.incoming_name == proposal.local_name == NO_INN_NAME

    incoming = incoming_from(a.database)
    options = {
        "attachments_dir": coordinator.paths.attachments_dir,
        "reports_dir": coordinator.paths.reports_dir,
        "backup_dir": None,
    }
    confirmed = dataclasses.replace(incoming, confirmed={(theirs, mine)})
    apply_merge(coordinator.database, confirmed, **options)
    assert live_schools(coordinator.database)[NO_INN_NAME] == [mine]
    assert visits_of(coordinator.database, mine) == {visit}
    assert ("school", theirs, mine) in aliases(coordinator)
    # Later packages follow the alias without asking again.
    later = add_visit(a.database, theirs, "Ещё одно посещение")
    apply_merge(coordinator.database, incoming_from(a.database), **options)
    assert visits_of(coordinator.database, mine) == {visit, later}
    for store in (a, coordinator):
        store.close()


@pytest.mark.parametrize("coordinator_first", [True, False])
def test_a_package_holding_twins_maps_one_of_them_and_leaves_the_other_to_the_repair(
    tmp_path: Path, migrated_store_template: Path, csv: Path, coordinator_first: bool
) -> None:
    """A store of the previous version that already holds each school twice: the coordinator
    takes one record of each school onto its own, the other arrives as a twin (never two
    records of the package on one), the repair merges it (whichever record is the oldest), and
    the same package then brings nothing new."""
    from identity_helpers import no_identity_mapping

    from curator_desktop.services.schools.twins import merge_twins

    coordinator = new_store(migrated_store_template, tmp_path / "coordinator", "dev-c")
    if coordinator_first:
        import_list(coordinator, csv)
    with random_ids(), no_identity_mapping():
        a, b = (new_store(migrated_store_template, tmp_path / n, f"dev-{n}") for n in "ab")
        for store in (a, b):
            import_list(store, csv)
        a.service.import_(export(b, tmp_path / "usb", "b.curator"))
    if not coordinator_first:
        import_list(coordinator, csv)
    local = school_of(coordinator.database, INNS[0])
    twins = live_schools(a.database)[INNS[0]]
    assert len(twins) == 2
    visits = {add_visit(a.database, school, "Посещение") for school in twins}

    coordinator.service.import_(export(a, tmp_path / "usb", "a.curator"))
    held = live_schools(coordinator.database)[INNS[0]]
    assert local in held and len(held) == 2
    assert sum(len(visits_of(coordinator.database, s)) for s in held) == 2

    merge_twins(coordinator.database, coordinator.paths.backup_dir)
    (survivor,) = live_schools(coordinator.database)[INNS[0]]
    assert survivor == held[0]  # the oldest
    assert survivor == local or not coordinator_first
    assert visits_of(coordinator.database, survivor) == visits
    # A's package again: both of its records now land on the one school, nothing is new.
    assert not coordinator.service.preview(
        export(a, usb := tmp_path / "usb", "a-2.curator")
    ).has_changes
    assert not coordinator.service.import_(usb / "a-2.curator").written
    assert live_schools(coordinator.database)[INNS[0]] == [survivor]
    for store in (a, b, coordinator):
        store.close()
