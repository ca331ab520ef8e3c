"""The exchange facade over real stores and real packages: export history, moving a store to a
new computer, round trips between two computers, conflicts, self-import, encryption."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import (
    TODAY,
    Store,
    content,
    copy_store,
    dump,
    edit,
    files_around_store,
    files_of,
    fill_small,
    folder_paths,
    history_ids,
)
from sqlmodel import select

from curator_desktop.domain.errors import CuratorError, StoreError
from curator_desktop.services.exchange.crypto import WrongPasswordError
from curator_desktop.services.exchange.import_source import PasswordRequiredError, SelfImportError
from curator_desktop.services.exchange.merge.apply import ConflictsPendingError
from curator_desktop.services.exchange.package.format import SCOPE_FULL, SCOPE_SINCE
from curator_desktop.services.exchange.store_move import create_store_from_package
from curator_desktop.store.repositories.profile import profile_in
from curator_desktop.store.tables import (
    ChecklistAnswer,
    CuratorProfile,
    Recommendation,
    School,
    StoreMeta,
    Visit,
)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Store]:
    """The demo store (with its photos and one generated visit report) in folder ``a``."""
    from curator_desktop.services.reports.service import ReportService
    from curator_desktop.services.store_opening import open_store

    paths = folder_paths(tmp_path / "a")
    opened = open_store(paths, device_id="dev-a", demo=True, daily_backup=False, today=TODAY)
    with opened.database.session() as session:
        visit_id = session.exec(select(Visit.id).order_by(Visit.planned_date)).first()
    ReportService(
        opened.database,
        reports_dir=paths.reports_dir,
        cache_dir=tmp_path / "cache",
        device_id="dev-a",
        attachments_dir=paths.attachments_dir,
    ).generate_visit(visit_id, language="ru")
    yield Store(paths, opened.database)
    opened.close()


@pytest.fixture
def small(tmp_path: Path, migrated_store_template: Path) -> Iterator[Store]:
    store = copy_store(migrated_store_template, tmp_path / "small", "dev-small")
    fill_small(store.database)
    yield store
    store.close()


def export_to(store: Store, folder: Path, name: str = "package.curator", **options: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return store.service.export(folder / name, **options).path


def export_path(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def move(package: Path, root: Path, device_id: str) -> Store:
    """The curator's new computer: a store created from the package, then opened as the app
    opens it (which would add built-in catalogs if they were missing)."""
    from curator_desktop.services.store_opening import open_store

    result = create_store_from_package(folder_paths(root), package, device_id=device_id)
    assert result.created_store and result.written
    opened = open_store(folder_paths(root), device_id=device_id, daily_backup=False)
    assert not opened.created
    opened.lock.release()
    return Store(opened.paths, opened.database)


def test_moving_to_an_empty_data_folder_gives_the_same_store(demo: Store, tmp_path: Path) -> None:
    package = export_to(demo, tmp_path / "usb")
    moved = move(package, tmp_path / "new-laptop", "dev-new")
    try:
        assert content(moved.database) == content(demo.database)
        assert history_ids(moved.database) == history_ids(demo.database)
        assert files_of(moved.paths.attachments_dir) == files_of(demo.paths.attachments_dir)
        shas = {r["sha256"] for r in content(demo.database)["attachment"].values()}
        assert len(files_of(moved.paths.attachments_dir)) == len(shas) > 0
        assert files_of(moved.paths.reports_dir) == files_of(demo.paths.reports_dir)
        assert len(files_of(moved.paths.reports_dir)) == 1
        assert moved.service.store_id() == demo.service.store_id()
        (entry,) = moved.service.history()
        assert (entry.direction, entry.peer_store_id) == ("import", demo.service.store_id())
    finally:
        moved.close()


def test_moving_refuses_a_folder_that_has_a_store(small: Store, tmp_path: Path) -> None:
    package = export_to(small, tmp_path / "usb")
    before = dump(small.database)
    with pytest.raises(StoreError):
        create_store_from_package(small.paths, package, device_id="dev-x")
    assert dump(small.database) == before


def test_a_refused_package_leaves_no_store_behind(small: Store, tmp_path: Path) -> None:
    broken = tmp_path / "broken.curator"
    broken.write_bytes(export_to(small, tmp_path / "usb").read_bytes()[:5000])
    target = folder_paths(tmp_path / "empty")
    with pytest.raises(CuratorError):
        create_store_from_package(target, broken, device_id="dev-x")
    assert not target.store_file.exists()


def test_round_trip_between_two_computers_keeps_every_edit(demo: Store, tmp_path: Path) -> None:
    office = move(export_to(demo, tmp_path / "usb", "first.curator"), tmp_path / "b", "dev-b")
    try:
        with demo.database.session() as session:
            school_a, school_b = session.exec(select(School.id).order_by(School.name_key)).all()[:2]
            answer = session.exec(select(ChecklistAnswer.id)).first()
            rec = session.exec(select(Recommendation.id)).first()
        edit(demo.database, School, school_a, notes="Правка на ноутбуке")
        edit(demo.database, ChecklistAnswer, answer, comment="Уточнено после выезда")
        edit(office.database, School, school_b, director_name="Петров Пётр Петрович")
        edit(office.database, Recommendation, rec, status="done", progress_note="Выполнено")
        with office.database.session() as session:
            session.add(School(full_name="МБОУ ООШ с. Новое", municipality="Новый район"))

        preview = office.service.preview(export_to(demo, tmp_path / "usb", "a2b.curator"))
        assert preview.same_store and not preview.conflicts
        assert preview.counts["school"].changed == 1
        assert preview.counts["checklist_answer"].changed == 1
        office.service.import_(preview.path)
        back = office.service.export(tmp_path / "usb" / "b2a.curator", since_last=True)
        assert back.scope.kind == SCOPE_FULL  # the first export from the office computer
        demo.service.import_(back.path)

        assert content(demo.database) == content(office.database)
        assert history_ids(demo.database) == history_ids(office.database)
        assert files_of(demo.paths.reports_dir) == files_of(office.paths.reports_dir)
        with demo.database.session() as session:
            assert session.get(School, school_b).director_name == "Петров Пётр Петрович"
            assert session.get(Recommendation, rec).status == "done"
            assert session.exec(select(School).where(School.full_name == "МБОУ ООШ с. Новое")).one()
        with office.database.session() as session:
            assert session.get(School, school_a).notes == "Правка на ноутбуке"
            assert session.get(ChecklistAnswer, answer).comment == "Уточнено после выезда"
    finally:
        office.close()


def test_importing_the_same_file_twice_changes_nothing(demo: Store, tmp_path: Path) -> None:
    office = move(export_to(demo, tmp_path / "usb", "first.curator"), tmp_path / "b", "dev-b")
    try:
        with demo.database.session() as session:
            rec = session.exec(select(Recommendation.id)).first()
        edit(demo.database, Recommendation, rec, deleted=True)
        package = export_to(demo, tmp_path / "usb", "second.curator")
        first = office.service.import_(package)
        assert first.written and first.reconciliation.counts["recommendation"].deleted == 1
        before = dump(office.database)
        files_before = files_around_store(office.paths)
        again = office.service.import_(package)
        assert not again.written and not again.reconciliation.has_changes
        assert dump(office.database) == before
        assert files_around_store(office.paths) == files_before  # the store logs it (#24)
    finally:
        office.close()


def test_export_history_and_since_last_per_destination(small: Store, tmp_path: Path) -> None:
    service = small.service
    first = service.export(export_path(tmp_path / "usb", "one.curator"))
    assert first.scope.kind == SCOPE_FULL
    (entry,) = service.history()
    assert entry.direction == "export"
    assert entry.destination == str((tmp_path / "usb").resolve())
    assert entry.package_sha256 == first.sha256 and entry.watermark == first.watermark
    assert entry.scope["file"] == "one.curator" and entry.record_count == first.record_count
    with small.database.session() as session:
        school_id = session.exec(select(School.id)).first()
    edit(small.database, School, school_id, notes="после первой выгрузки")
    second = service.export(tmp_path / "usb" / "two.curator", since_last=True)
    assert second.scope.kind == SCOPE_SINCE and second.scope.since == first.watermark
    assert second.counts["school"] == 1 and second.record_count == 1
    other = service.export(export_path(tmp_path / "mail", "x.curator"), since_last=True)
    assert other.scope.kind == SCOPE_FULL  # nothing was exported to that folder yet
    assert [e.scope["file"] for e in service.history()] == [
        "x.curator",
        "two.curator",
        "one.curator",
    ]


def test_since_last_exports_carry_records_edited_several_times(
    small: Store, tmp_path: Path
) -> None:
    office = move(export_to(small, tmp_path / "usb", "full.curator"), tmp_path / "b", "dev-b")
    try:
        with small.database.session() as session:
            school_id = session.exec(select(School.id)).first()
        for note in ("первая правка", "вторая правка", "третья правка"):
            edit(small.database, School, school_id, notes=note)
        package = small.service.export(tmp_path / "usb" / "since.curator", since_last=True).path
        preview = office.service.preview(package)
        assert not preview.conflicts
        assert preview.counts["school"].changed == 1
        office.service.import_(package)
        with office.database.session() as session:
            assert session.get(School, school_id).notes == "третья правка"
    finally:
        office.close()


def test_since_last_exports_pass_on_what_was_received_meanwhile(
    small: Store, tmp_path: Path
) -> None:
    """Office exports to the coordinator, then receives a laptop edit made earlier (the laptop's
    clock is behind): the next «since last» export to the coordinator still carries it."""
    laptop = move(export_to(small, tmp_path / "usb", "full.curator"), tmp_path / "l", "dev-l")
    try:
        with small.database.session() as session:
            school_id = session.exec(select(School.id)).first()
        edit(laptop.database, School, school_id, notes="правка на ноутбуке")
        long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        with laptop.database.engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE school SET updated_at = ? WHERE id = ?", (long_ago.isoformat(), school_id)
            )
        export_to(small, tmp_path / "coordinator", "first.curator")
        small.service.import_(export_to(laptop, tmp_path / "usb", "laptop.curator"))

        relay = small.service.export(tmp_path / "coordinator" / "next.curator", since_last=True)
        assert relay.scope.kind == SCOPE_SINCE
        assert relay.counts["school"] == 1
        quiet = small.service.export(tmp_path / "coordinator" / "again.curator", since_last=True)
        assert quiet.counts.get("school", 0) == 0
    finally:
        laptop.close()


def test_a_computer_whose_clock_runs_ahead_does_not_hide_later_local_edits(
    small: Store, tmp_path: Path
) -> None:
    office = move(export_to(small, tmp_path / "usb", "full.curator"), tmp_path / "b", "dev-b")
    try:
        with small.database.session() as session:
            first_school, second_school = session.exec(select(School.id)).all()[:2]
        edit(office.database, School, first_school, notes="часы спешат на год")
        next_year = dt.datetime.now(dt.UTC) + dt.timedelta(days=365)
        with office.database.engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE school SET updated_at = ? WHERE id = ?",
                (next_year.isoformat(), first_school),
            )
            connection.exec_driver_sql("UPDATE change_log SET at = ?", (next_year.isoformat(),))
        small.service.import_(export_to(office, tmp_path / "usb", "office.curator"))
        export_to(small, tmp_path / "coordinator", "first.curator")

        edit(small.database, School, second_school, notes="правка после выгрузки")
        later = small.service.export(tmp_path / "coordinator" / "next.curator", since_last=True)
        with zipfile.ZipFile(later.path) as package:
            schools = package.read("data/school.json").decode("utf-8")
        assert "правка после выгрузки" in schools
    finally:
        office.close()


def test_conflicts_are_shown_refused_then_resolved(small: Store, tmp_path: Path) -> None:
    office = move(export_to(small, tmp_path / "usb", "full.curator"), tmp_path / "b", "dev-b")
    try:
        with small.database.session() as session:
            school_id = session.exec(select(School.id)).first()
        edit(small.database, School, school_id, notes="ноутбук", director_name="Иванов И. И.")
        edit(office.database, School, school_id, notes="офис")
        package = export_to(small, tmp_path / "usb", "edits.curator")
        preview = office.service.preview(package)
        (conflict,) = preview.conflicts
        assert conflict.key == ("school", school_id)
        assert conflict.fields == ("director_name", "notes")
        assert (conflict.local["notes"], conflict.incoming["notes"]) == ("офис", "ноутбук")
        before = dump(office.database)
        with pytest.raises(ConflictsPendingError):
            office.service.import_(package)
        assert dump(office.database) == before
        result = office.service.import_(
            package, resolutions={conflict.key: {"director_name": "theirs"}}
        )
        assert result.resolved == 1 and result.backup is not None and result.backup.exists()
        with office.database.session() as session:
            school = session.get(School, school_id)
        assert (school.notes, school.director_name) == ("офис", "Иванов И. И.")
        assert not office.service.preview(package).has_changes
        small.service.import_(export_to(office, tmp_path / "usb", "back.curator"))
        assert content(small.database) == content(office.database)
    finally:
        office.close()


def test_a_package_from_this_store_on_this_computer_is_explained(
    small: Store, tmp_path: Path
) -> None:
    package = export_to(small, tmp_path / "usb")
    before = dump(small.database)
    with pytest.raises(SelfImportError) as caught:
        small.service.preview(package)
    assert "exported from this store" in caught.value.user_message
    with pytest.raises(SelfImportError):
        small.service.import_(package)
    assert dump(small.database) == before


def test_a_package_from_another_store_brings_its_curator_as_a_person_not_the_owner(
    small: Store, tmp_path: Path, migrated_store_template: Path
) -> None:
    coordinator = copy_store(migrated_store_template, tmp_path / "coord", "dev-coord")
    try:
        fill_small(coordinator.database)
        package = export_to(coordinator, tmp_path / "usb", "coord.curator")
        with small.database.session() as session:
            owner = profile_in(session)
        preview = small.service.preview(package)
        assert not preview.same_store and preview.counts["curator_profile"].new == 1
        small.service.import_(package)
        with small.database.session() as session:
            assert profile_in(session).id == owner.id  # the store's owner stays its owner
            persons = session.exec(select(CuratorProfile)).all()
            assert len(persons) == 2
            (theirs,) = [p for p in persons if p.id != owner.id]
            assert theirs.store_id == coordinator.service.store_id()
            assert len(session.exec(select(School)).all()) == 6
    finally:
        coordinator.close()


def test_a_child_whose_parent_exists_nowhere_is_rejected(small: Store, tmp_path: Path) -> None:
    office = move(export_to(small, tmp_path / "usb", "full.curator"), tmp_path / "b", "dev-b")
    try:
        with small.database.session() as session:
            school = School(full_name="МКОУ СОШ с. Дальнее")
            session.add(school)
        export_to(small, tmp_path / "coordinator", "lost.curator", since_last=True)
        with small.database.session() as session:
            session.add(Visit(school_id=school.id, planned_date=TODAY))
        since = small.service.export(tmp_path / "coordinator" / "v.curator", since_last=True)
        assert since.counts["visit"] == 1 and since.counts["school"] == 0
        before = dump(office.database)
        with pytest.raises(Exception) as caught:
            office.service.import_(since.path)
        assert "neither in this store nor in the package" in caught.value.user_message
        assert caught.value.exit_code == 2
        assert dump(office.database) == before
    finally:
        office.close()


def test_password_protected_packages(small: Store, tmp_path: Path) -> None:
    office = move(export_to(small, tmp_path / "usb", "full.curator"), tmp_path / "b", "dev-b")
    try:
        with small.database.session() as session:
            school_id = session.exec(select(School.id)).first()
        edit(small.database, School, school_id, notes="секрет")
        target = export_path(tmp_path / "usb", "locked.curator")
        result = small.service.export(target, password="пароль-123")
        assert result.encrypted and not zipfile.is_zipfile(target)
        assert small.service.history()[0].package_sha256 == result.sha256
        before = dump(office.database)
        with pytest.raises(PasswordRequiredError):
            office.service.preview(target)
        with pytest.raises(WrongPasswordError):
            office.service.import_(target, password="не тот")
        assert dump(office.database) == before
        office.service.import_(target, password="пароль-123")
        with office.database.session() as session:
            assert session.get(School, school_id).notes == "секрет"
    finally:
        office.close()


def test_the_import_is_recorded_with_the_peer_and_the_hash(small: Store, tmp_path: Path) -> None:
    office = move(export_to(small, tmp_path / "usb", "full.curator"), tmp_path / "b", "dev-b")
    try:
        with small.database.session() as session:
            school_id = session.exec(select(School.id)).first()
        edit(small.database, School, school_id, notes="x")
        result = small.service.export(tmp_path / "usb" / "x.curator", since_last=True)
        office.service.import_(result.path)
        entry = office.service.history()[0]
        assert (entry.direction, entry.package_sha256) == ("import", result.sha256)
        assert entry.destination == str(result.path.resolve()) and entry.record_count == 1
        with office.database.session() as session:
            meta = {m.key: m.value for m in session.exec(select(StoreMeta))}
        assert meta["moved_from_device"] == "dev-small"
        assert isinstance(entry.watermark, dt.datetime)
    finally:
        office.close()
