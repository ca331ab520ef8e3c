"""Закрепление as data: the coordinator's list assigns curators to schools («ФИО куратора»), a
curator's own store knows its schools, assignments travel in packages as one record per school
and person, and a school's curators are the ones assigned now.

Real stores in their data folders, the real list import of CSV files, real packages."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from curator_desktop.domain.schools.assignment import assignment_id, names_agree, person_key
from curator_desktop.domain.schools.rules import SchoolFields
from curator_desktop.services.profile.authorship import school_curators
from curator_desktop.services.schools.list_import import import_schools
from curator_desktop.services.schools.service import SchoolService
from curator_desktop.store.repositories.profile import ProfileRepository
from tests.services.exchange.identity_helpers import INNS, export, new_store, school_of

SOKOLOVA = "Соколова Марина Викторовна"
PETROV = "Петров Иван Сергеевич"
KOZLOVA = "Козлова Анна Петровна"
HEADER = ["ИНН", "Полное наименование ОО", "Муниципальное образование", "ФИО куратора"]
NAMES = ("МБОУ «Средняя школа № 1»", "МБОУ «Средняя школа № 2»", "МКОУ «ОШ с. Прудки»")


def list_with_curators(path: Path, curators: tuple[str, str, str]) -> Path:
    """The coordinator's list of three schools, each row naming its curator (or none)."""
    rows = [HEADER] + [
        [inn, name, "Городищенский район", curator]
        for inn, name, curator in zip(INNS, NAMES, curators, strict=True)
    ]
    path.write_text("\r\n".join(";".join(row) for row in rows), encoding="utf-8")
    return path


def profile(store, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    ProfileRepository(store.database).save(
        full_name=name, organisation="ЛОИРО", region="Ленинградская область", role=role
    )


def imported(store, csv: Path):  # type: ignore[no-untyped-def]
    outcome = import_schools(csv, store.database, store.paths, dry_run=False)
    assert outcome.result is not None
    return outcome


def assignments(store) -> list[tuple[str, str, str, str | None, int]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(store.database.path) as connection:
        return sorted(
            connection.execute(
                "SELECT school_id, curator_name, assigned_from, assigned_until, deleted "
                "FROM school_assignment"
            )
        )


def test_a_name_is_one_person_whether_written_in_full_or_with_initials() -> None:
    assert person_key(SOKOLOVA) == person_key("Соколова М.В.") == person_key("соколова  м. в.")
    assert person_key("Семёнова А. А.") == person_key("Семенова Анна Андреевна")
    assert not names_agree(SOKOLOVA, "Соколова Мария Ивановна")
    assert not names_agree("", "")
    assert assignment_id("s1", SOKOLOVA) == assignment_id("s1", "Соколова М. В.")
    assert assignment_id("s1", SOKOLOVA) != assignment_id("s2", SOKOLOVA)


def test_the_list_assigns_its_curators_and_the_package_brings_one_record_each(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    csv = list_with_curators(tmp_path / "list.csv", ("Соколова М. В.", "Соколова М. В.", PETROV))
    coordinator = new_store(migrated_store_template, tmp_path / "coordinator", "dev-c")
    curator = new_store(migrated_store_template, tmp_path / "sokolova", "dev-s")
    profile(coordinator, KOZLOVA, "coordinator")
    profile(curator, SOKOLOVA, "curator")
    for store in (coordinator, curator):
        imported(store, csv)

    first = school_of(coordinator.database, INNS[0])
    third = school_of(coordinator.database, INNS[2])
    # Before any package: the names as the list writes them.
    assert school_curators(coordinator.database)[first] == ("Соколова М. В.",)
    assert school_curators(coordinator.database)[third] == (PETROV,)
    # The curator's own store knows which schools are hers (and which are not).
    mine = school_curators(curator.database)
    assert mine[first] == (SOKOLOVA,)
    assert mine[third] == (PETROV,)

    coordinator.service.import_(export(curator, tmp_path / "usb", "sokolova.curator"))
    rows = assignments(coordinator)
    assert [row[0] for row in rows].count(first) == 1  # one record per school and person
    assert school_curators(coordinator.database)[first] == (SOKOLOVA,)  # the person's full name
    again = assignments(coordinator)
    coordinator.service.import_(export(curator, tmp_path / "usb", "again.curator"))
    assert assignments(coordinator) == again
    for store in (coordinator, curator):
        store.close()


def test_a_new_curator_in_the_list_releases_the_previous_one_from_that_day(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    store = new_store(migrated_store_template, tmp_path / "coordinator", "dev-c")
    profile(store, KOZLOVA, "coordinator")
    imported(store, list_with_curators(tmp_path / "1.csv", (SOKOLOVA, SOKOLOVA, PETROV)))
    first = school_of(store.database, INNS[0])

    outcome = imported(store, list_with_curators(tmp_path / "2.csv", (PETROV, SOKOLOVA, PETROV)))
    assert outcome.result.updated == 1  # only the school whose curator changed
    (change,) = outcome.diff.to_update[0].changes
    assert (change.field, change.old, change.new) == ("curator_name", SOKOLOVA, PETROV)

    today = dt.date.today().isoformat()
    held = [row for row in assignments(store) if row[0] == first]
    assert sorted((name, until) for _school, name, _from, until, _d in held) == [
        (PETROV, None),
        (SOKOLOVA, today),
    ]
    assert school_curators(store.database)[first] == (PETROV,)
    # The same list again changes nothing.
    assert imported(store, tmp_path / "2.csv").result.written == 0
    store.close()


def test_a_row_whose_curator_is_no_name_is_an_error_row(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    store = new_store(migrated_store_template, tmp_path / "coordinator", "dev-c")
    outcome = import_schools(
        list_with_curators(tmp_path / "list.csv", ("12345", "", PETROV)),
        store.database,
        store.paths,
        dry_run=True,
    )
    (error,) = outcome.diff.errors
    assert error.row == 2 and "curator_name" in error.messages
    assert len(outcome.diff.to_add) == 2
    store.close()


@pytest.mark.parametrize("role", ["curator", "coordinator"])
def test_a_school_the_curator_adds_is_hers_a_coordinators_is_nobodys(
    tmp_path: Path, migrated_store_template: Path, role: str
) -> None:
    store = new_store(migrated_store_template, tmp_path / "store", "dev")
    profile(store, SOKOLOVA, role)
    school = SchoolService(store.database).create(
        SchoolFields(full_name="МБОУ «Лицей № 3»", inn=INNS[1], municipality="Городищенский район")
    )
    expected = [(school.id, SOKOLOVA)] if role == "curator" else []
    assert [(row[0], row[1]) for row in assignments(store)] == expected
    store.close()


def test_the_curators_own_assignment_meets_the_lists_without_a_conflict(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    """The coordinator's list says «Соколова М. В.»; her own store assigned her by her profile
    (full name, store id): one record, no question asked."""
    coordinator = new_store(migrated_store_template, tmp_path / "coordinator", "dev-c")
    curator = new_store(migrated_store_template, tmp_path / "sokolova", "dev-s")
    profile(coordinator, KOZLOVA, "coordinator")
    profile(curator, SOKOLOVA, "curator")
    imported(coordinator, list_with_curators(tmp_path / "c.csv", ("Соколова М. В.",) * 3))
    imported(curator, list_with_curators(tmp_path / "s.csv", ("", "", "")))  # no column values

    result = coordinator.service.import_(export(curator, tmp_path / "usb", "s.curator"))
    assert result.written
    first = school_of(coordinator.database, INNS[0])
    assert [row for row in assignments(coordinator) if row[0] == first and not row[4]] != []
    assert len([row for row in assignments(coordinator) if row[0] == first]) == 1
    assert school_curators(coordinator.database)[first] == (SOKOLOVA,)
    for store in (coordinator, curator):
        store.close()
