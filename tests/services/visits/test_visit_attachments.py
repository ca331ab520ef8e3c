"""Attachments on real files: copied under their SHA-256, stored once, linked to their owners."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.domain.errors import ReadOnlyVisitError, ValidationError
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.visits.files import MAX_ATTACHMENT_BYTES
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import Attachment, ChecklistAnswer, School, Visit


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "attachments"


@pytest.fixture
def service(database: Database, store_dir: Path) -> VisitService:
    install_builtin_catalogs(database)
    return VisitService(database, attachments_dir=store_dir, device_id="device-a")


@pytest.fixture
def visit_id(service: VisitService, database: Database) -> str:
    with database.session() as session:
        school = School(full_name="МБОУ «Тестовая СОШ»")
        session.add(school)
    return service.create_visit(school.id, "primary", dt.date(2026, 11, 20))


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "incoming" / "Фото класса.jpg"
    path.parent.mkdir()
    path.write_bytes(os.urandom(3 * 1024 * 1024 + 17))  # several copy chunks and a remainder
    return path


def stored_files(store_dir: Path) -> list[Path]:
    return sorted(p for p in store_dir.rglob("*") if p.is_file())


def rows(db: Database) -> list[Attachment]:
    with db.session() as session:
        return list(session.exec(select(Attachment)))


def test_the_same_file_twice_is_stored_once_and_linked_once(
    service: VisitService, database: Database, visit_id: str, photo: Path, store_dir: Path
) -> None:
    first = service.attach(visit_id, photo, caption="Кабинет физики")
    again = service.attach(visit_id, photo)
    assert again == first
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert first.sha256 == sha
    assert (first.file_name, first.mime_type, first.size_bytes) == (
        "Фото класса.jpg",
        "image/jpeg",
        photo.stat().st_size,
    )
    assert (first.owner_type, first.owner_id, first.caption) == (
        "visit",
        visit_id,
        "Кабинет физики",
    )
    assert stored_files(store_dir) == [store_dir / sha[:2] / sha]
    assert service.attachment_path(sha) == store_dir / sha[:2] / sha
    assert service.attachment_path(sha).read_bytes() == photo.read_bytes()
    assert len(rows(database)) == 1


def test_two_owners_share_one_file(
    service: VisitService, database: Database, visit_id: str, photo: Path, store_dir: Path
) -> None:
    on_visit = service.attach(visit_id, photo)
    on_item = service.attach(visit_id, photo, item_key="intro.order_issued")
    lesson_id = service.add_lesson(visit_id, subject="Физика")
    on_lesson = service.attach(visit_id, photo, lesson_id=lesson_id)
    on_lesson_item = service.attach(
        visit_id, photo, lesson_id=lesson_id, item_key="goals.goal_stated"
    )
    assert len({on_visit.id, on_item.id, on_lesson.id, on_lesson_item.id}) == 4
    assert len(stored_files(store_dir)) == 1

    state = service.load(visit_id)
    answer = state.answers["intro.order_issued"]  # the item's answer row, still unanswered
    assert answer.value is None and (on_item.owner_type, on_item.owner_id) == ("answer", answer.id)
    lesson_answer = state.lesson_answers[lesson_id]["goals.goal_stated"]
    assert (on_lesson_item.owner_type, on_lesson_item.owner_id) == ("answer", lesson_answer.id)
    assert (on_lesson.owner_type, on_lesson.owner_id) == ("lesson", lesson_id)
    assert [a.id for a in state.attachments] == [
        on_visit.id,
        on_item.id,
        on_lesson.id,
        on_lesson_item.id,
    ]
    assert state.visit.status == "planned"  # attaching is not answering

    service.set_answer(visit_id, "intro.order_issued", "yes")
    with database.session() as session:
        answers = session.exec(
            select(ChecklistAnswer).where(ChecklistAnswer.item_key == "intro.order_issued")
        ).all()
    assert [a.value for a in answers] == ["yes"]


def test_removing_leaves_a_tombstone_and_the_file(
    service: VisitService, database: Database, visit_id: str, photo: Path, store_dir: Path
) -> None:
    kept = service.attach(visit_id, photo)
    scan = photo.with_name("scan.pdf")
    scan.write_bytes(b"%PDF-1.4 a scanned order")
    removed = service.attach(visit_id, scan, caption="Приказ")
    assert removed.mime_type == "application/pdf"
    service.set_caption(removed.id, "Приказ о назначении")
    service.remove_attachment(removed.id)

    assert [a.id for a in service.load(visit_id).attachments] == [kept.id]
    tombstone = next(r for r in rows(database) if r.id == removed.id)
    assert tombstone.deleted and tombstone.deleted_at is not None
    assert tombstone.caption == "Приказ о назначении"
    assert service.attachment_path(removed.sha256).read_bytes() == scan.read_bytes()
    assert len(stored_files(store_dir)) == 2
    again = service.attach(visit_id, scan)  # attached anew after removal: a new row
    assert again.id != removed.id


def test_other_visits_attachments_are_not_listed(
    service: VisitService, visit_id: str, photo: Path
) -> None:
    other = service.create_visit(service.load(visit_id).visit.school_id, "planned", None)
    service.attach(other, photo)
    assert service.load(visit_id).attachments == []


def test_refused_files_write_nothing(
    service: VisitService, database: Database, visit_id: str, tmp_path: Path, store_dir: Path
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    huge = tmp_path / "video.mp4"
    with huge.open("wb") as handle:  # sparse: takes no real space
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    for source in (tmp_path / "missing.jpg", folder, huge):
        with pytest.raises(ValidationError) as caught:
            service.attach(visit_id, source)
        assert caught.value.field == "source"
    with pytest.raises(ValidationError) as caught:
        service.attach(visit_id, folder / ".." / "video.mp4", item_key="no.such.item")
    assert caught.value.field == "no.such.item"
    assert rows(database) == []
    assert stored_files(store_dir) == []


def test_a_completed_visit_refuses_attachment_changes(
    service: VisitService, database: Database, visit_id: str, photo: Path
) -> None:
    record = service.attach(visit_id, photo)
    with database.session() as session:  # completed the short way: the rule is what is tested
        session.get(Visit, visit_id).status = "completed"
    for write in (
        lambda: service.attach(visit_id, photo, caption="Ещё"),
        lambda: service.set_caption(record.id, "Новая подпись"),
        lambda: service.remove_attachment(record.id),
    ):
        with pytest.raises(ReadOnlyVisitError):
            write()
    assert rows(database)[0].caption == "" and not rows(database)[0].deleted


def test_attachment_path_wants_a_hash(service: VisitService) -> None:
    with pytest.raises(ValueError):
        service.attachment_path("../../etc/passwd")
