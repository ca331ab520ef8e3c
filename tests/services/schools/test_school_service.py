"""Writing schools through the service: validated, logged field by field, archived not deleted."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from curator_desktop.domain.errors import NotFoundError
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.domain.schools.rules import FieldErrors, SchoolFields
from curator_desktop.services.schools.service import SchoolService
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.schools import SchoolRepository
from curator_desktop.store.tables import ChangeLog, School

INN = make_inn("471000123")
OTHER_INN = make_inn("471000456")


def _fields(**changes: object) -> SchoolFields:
    fields = SchoolFields(
        full_name="МОУ «Ёршовская средняя общеобразовательная школа»",
        short_name="Ёршовская СОШ",
        inn=INN,
        municipality="Ёршовский район",
        settlement_type="village",
        director_name="Иванова Мария Петровна",
        director_email="ershovo@example.ru",
        levels=("noo", "ooo"),
        students_count=180,
        students_ovz_count=12,
        teachers_count=21,
        cohort_year=2025,
    )
    return dataclasses.replace(fields, **changes)


def _log(db: Database, school_id: str) -> list[ChangeLog]:
    with db.session() as session:
        query = select(ChangeLog).where(col(ChangeLog.entity_id) == school_id)
        return list(session.exec(query.order_by(col(ChangeLog.at))).all())


def _counts(db: Database) -> tuple[int, int]:
    with db.session() as session:
        schools = session.exec(select(func.count()).select_from(School)).one()
        changes = session.exec(select(func.count()).select_from(ChangeLog)).one()
    return int(schools), int(changes)


def test_create_stores_every_field(database: Database) -> None:
    service = SchoolService(database)
    school = service.create(_fields(full_name="  МОУ «Ёршовская СОШ»  "))
    stored = service.get(school.id)
    assert stored.full_name == "МОУ «Ёршовская СОШ»"
    assert SchoolFields.from_record(stored) == _fields(full_name="МОУ «Ёршовская СОШ»")
    assert stored.levels == ["noo", "ooo"]
    assert stored.device_id == "test-device"
    assert [(c.action, c.entity) for c in _log(database, school.id)] == [("create", "school")]
    assert [s.id for s in SchoolRepository(database).summaries()] == [school.id]


def test_update_logs_the_changed_field_old_to_new(database: Database) -> None:
    service = SchoolService(database)
    school = service.create(_fields())
    updated = service.update(school.id, _fields(short_name="СОШ д. Ёршово", teachers_count=22))
    assert updated.parent_revision == school.revision
    stored = service.get(school.id)
    assert (stored.short_name, stored.teachers_count) == ("СОШ д. Ёршово", 22)
    changes = [(c.action, c.field, c.old_value, c.new_value) for c in _log(database, school.id)]
    assert sorted(changes[1:], key=str) == [
        ("update", "short_name", "Ёршовская СОШ", "СОШ д. Ёршово"),
        ("update", "teachers_count", "21", "22"),
    ]


def test_update_without_changes_writes_nothing(database: Database) -> None:
    service = SchoolService(database)
    school = service.create(_fields())
    before = _counts(database)
    service.update(school.id, _fields())
    assert _counts(database) == before
    assert service.get(school.id).revision == school.revision


def test_levels_stored_in_russian_are_kept_when_unchanged(database: Database) -> None:
    with database.session() as session:
        school = School(full_name="СОШ № 2", levels=["НОО", "ООО", "СОО"])
        session.add(school)
    service = SchoolService(database)
    fields = SchoolFields.from_record(service.get(school.id))
    service.update(school.id, dataclasses.replace(fields, notes="Новый директор с марта"))
    assert service.get(school.id).levels == ["НОО", "ООО", "СОО"]
    assert [c.field for c in _log(database, school.id)[1:]] == ["notes"]
    service.update(school.id, dataclasses.replace(fields, levels=("noo",)))
    assert service.get(school.id).levels == ["noo"]


def test_invalid_fields_write_nothing(database: Database) -> None:
    service = SchoolService(database)
    school = service.create(_fields())
    before = _counts(database)
    with pytest.raises(FieldErrors) as caught:
        service.update(
            school.id, _fields(short_name="Новое имя", inn="1234567890", teachers_count=-1)
        )
    assert set(caught.value.errors) == {"inn", "teachers_count"}
    assert "typo" in caught.value.errors["inn"]
    with pytest.raises(FieldErrors) as caught:
        service.create(_fields(full_name="", inn=OTHER_INN, students_ovz_count=500))
    assert set(caught.value.errors) == {"full_name", "students_ovz_count"}
    assert _counts(database) == before
    stored = service.get(school.id)
    assert (stored.revision, stored.short_name) == (school.revision, "Ёршовская СОШ")


def test_conversion_errors_refuse_the_write(database: Database) -> None:
    service = SchoolService(database)
    fields = SchoolFields.from_strings({"full_name": "СОШ № 3", "students_count": "сто"})
    with pytest.raises(FieldErrors) as caught:
        service.create(fields)
    assert list(caught.value.errors) == ["students_count"]
    assert _counts(database) == (0, 0)


def test_a_second_school_with_the_same_inn_is_refused(database: Database) -> None:
    service = SchoolService(database)
    first = service.create(_fields())
    before = _counts(database)
    with pytest.raises(FieldErrors) as caught:
        service.create(_fields(full_name="Другая школа", short_name="Другая"))
    assert list(caught.value.errors) == ["inn"]
    assert "already in the store" in caught.value.errors["inn"]
    assert "Ёршовская СОШ" in caught.value.errors["inn"]
    second = service.create(_fields(full_name="Другая школа", inn=OTHER_INN))
    with pytest.raises(FieldErrors):
        service.update(second.id, _fields(full_name="Другая школа", inn=INN))
    assert service.get(second.id).inn == OTHER_INN
    assert _counts(database)[0] == before[0] + 1
    assert service.duplicate_inn(INN).id == first.id
    assert service.duplicate_inn(INN, exclude_id=first.id) is None
    assert service.duplicate_inn("") is None
    service.update(first.id, _fields(notes="тот же ИНН, та же школа"))


def test_archive_and_restore_round_trip(database: Database) -> None:
    service = SchoolService(database)
    repository = SchoolRepository(database)
    school = service.create(_fields())
    kept = service.create(_fields(full_name="СОШ № 5", inn=OTHER_INN))
    archived = service.archive(school.id)
    assert archived.archived_at is not None
    assert [s.id for s in repository.summaries()] == [kept.id]
    assert {s.id for s in repository.summaries(include_archived=True)} == {school.id, kept.id}
    assert [
        s.archived for s in repository.summaries(include_archived=True) if s.id == school.id
    ] == [True]
    assert not service.get(school.id).deleted
    with pytest.raises(FieldErrors) as caught:
        service.create(_fields(full_name="Снова Ёршовская"))
    assert "archive" in caught.value.errors["inn"]
    restored = service.restore(school.id)
    assert restored.archived_at is None
    assert {s.id for s in repository.summaries()} == {school.id, kept.id}
    actions = [(c.field, c.new_value is None) for c in _log(database, school.id)[1:]]
    assert actions == [("archived_at", False), ("archived_at", True)]


def test_unknown_school_is_not_found(database: Database) -> None:
    service = SchoolService(database)
    with pytest.raises(NotFoundError):
        service.get("no-such-id")
    with pytest.raises(NotFoundError):
        service.update("no-such-id", _fields())
    with pytest.raises(NotFoundError):
        service.archive("no-such-id")
