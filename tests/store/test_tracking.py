"""Every write is stamped for sync and logged in the change history."""

from __future__ import annotations

from sqlmodel import col, select

from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChangeLog, School, new_revision
from curator_desktop.store.types import utc_now


def _history(db: Database, entity_id: str) -> list[ChangeLog]:
    with db.session() as session:
        query = select(ChangeLog).where(col(ChangeLog.entity_id) == entity_id)
        return list(session.exec(query.order_by(ChangeLog.at)).all())


def test_new_record_is_stamped_and_logged(database: Database) -> None:
    with database.session() as session:
        school = School(full_name="МОУ «Ёршовская СОШ»", inn="4710000000")
        session.add(school)
    assert school.device_id == "test-device"
    assert len(school.id) == 36 and len(school.revision) == 32
    assert school.parent_revision is None
    assert school.created_at.tzinfo is not None
    assert [(c.action, c.entity) for c in _history(database, school.id)] == [("create", "school")]


def test_update_renews_revision_and_keeps_parent(database: Database) -> None:
    with database.session() as session:
        school = School(full_name="СОШ № 1", notes="")
        session.add(school)
    first = school.revision
    with database.session() as session:
        stored = session.get(School, school.id)
        stored.notes = "Директор сменился в марте"
    with database.session() as session:
        stored = session.get(School, school.id)
    assert stored.revision != first
    assert stored.parent_revision == first
    assert stored.updated_at >= stored.created_at
    change = _history(database, school.id)[-1]
    assert (change.action, change.field, change.old_value, change.new_value) == (
        "update",
        "notes",
        "",
        "Директор сменился в марте",
    )
    assert change.revision == stored.revision


def test_unchanged_assignment_writes_nothing(database: Database) -> None:
    with database.session() as session:
        school = School(full_name="СОШ № 2")
        session.add(school)
    with database.session() as session:
        stored = session.get(School, school.id)
        stored.full_name = "СОШ № 2"
    with database.session() as session:
        assert session.get(School, school.id).revision == school.revision
    assert len(_history(database, school.id)) == 1


def test_soft_delete_is_a_logged_tombstone(database: Database) -> None:
    with database.session() as session:
        school = School(full_name="СОШ № 3")
        session.add(school)
    with database.session() as session:
        stored = session.get(School, school.id)
        stored.deleted = True
        stored.deleted_at = utc_now()
    with database.session() as session:
        assert session.get(School, school.id).deleted is True
    actions = [c.action for c in _history(database, school.id)]
    assert "delete" in actions


def test_search_text_folds_case_and_yo(database: Database) -> None:
    with database.session() as session:
        school = School(
            full_name="МОУ «Ёлкинская СОШ»",
            municipality="Озёрский район",
            director_name="Пётр Семёнов",
            inn="4701000001",
        )
        session.add(school)
    with database.session() as session:
        text = session.get(School, school.id).search_text
    assert "елкинская" in text and "озерский" in text and "петр семенов" in text
    assert "4701000001" in text


def test_importer_can_preserve_incoming_revisions(database: Database) -> None:
    incoming = new_revision()
    with database.session() as session:
        session.info["preserve_revisions"] = True
        session.add(
            School(
                id="00000000-0000-4000-8000-000000000001",
                full_name="Чужая школа",
                revision=incoming,
                device_id="other-device",
            )
        )
    with database.session() as session:
        stored = session.get(School, "00000000-0000-4000-8000-000000000001")
    assert (stored.revision, stored.device_id) == (incoming, "other-device")
