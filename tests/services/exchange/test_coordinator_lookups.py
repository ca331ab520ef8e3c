"""What a coordinator's batch reads and finds: the local history is asked only for records at
another revision, pair by pair, and an attachment copied aside for an earlier package of the
same uncommitted group counts as there."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import select
from test_coordinator_batch import Curator, curator_stores

from curator_desktop.domain.errors import ValidationError
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.exchange.merge import batch as merge_batch
from curator_desktop.services.visits import files as visit_files
from curator_desktop.store.tables import Attachment, School, Visit


@pytest.fixture
def curators(tmp_path: Path, migrated_store_template: Path) -> Iterator[Callable[..., Curator]]:
    yield from curator_stores(tmp_path, migrated_store_template)


@pytest.fixture
def asked(curators: Any) -> Iterator[tuple[Curator, list[str]]]:
    """A coordinator with the built-in catalogs, and the history look-ups its imports make."""
    coordinator = curators("coordinator", filled=False)
    install_builtin_catalogs(coordinator.database)
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "WITH asked" in statement:
            statements.append(statement)

    event.listen(coordinator.database.engine, "before_cursor_execute", seen)
    yield coordinator, statements
    event.remove(coordinator.database.engine, "before_cursor_execute", seen)


def test_new_records_and_records_at_the_same_revision_ask_no_history(
    curators: Any, asked: tuple[Curator, list[str]], tmp_path: Path
) -> None:
    coordinator, statements = asked
    package = curators("a").export(tmp_path / "packages", "a")  # no catalogs: all new
    (first,) = coordinator.service.import_many([package])
    assert first.result.written and statements == []
    (again,) = coordinator.service.import_many([package])  # all at the same revisions
    assert not again.result.written and statements == []


def test_records_at_another_revision_are_asked_and_found(
    curators: Any, asked: tuple[Curator, list[str]], tmp_path: Path
) -> None:
    coordinator, statements = asked
    curator = curators("a")
    install_builtin_catalogs(curator.database)  # the same catalogs, at other revisions
    package = curator.export(tmp_path / "packages", "a")
    (first,) = coordinator.service.import_many([package])
    assert first.result.written and statements  # the catalogs' revisions were asked
    # Both sides now hold both revisions of every catalog record: nothing more to take.
    (again,) = coordinator.service.import_many([package])
    assert not again.result.written


def test_an_edit_is_taken_and_an_older_package_then_changes_nothing(
    curators: Any, asked: tuple[Curator, list[str]], tmp_path: Path
) -> None:
    coordinator, statements = asked
    curator = curators("a")
    old = curator.export(tmp_path / "packages", "old")
    coordinator.service.import_many([old])
    with curator.database.session() as session:
        school = session.exec(select(School)).first()
        school.notes = "Правка куратора"
        session.add(school)
    new = curator.export(tmp_path / "packages", "new")
    (taken,) = coordinator.service.import_many([new])
    assert taken.result.reconciliation.total("changed") == 1
    assert len(statements) == 1  # one record at another revision: one look-up
    (older,) = coordinator.service.import_many([old])  # theirs is among our ancestors
    assert not older.result.written and older.result.reconciliation.total("unchanged") > 0
    assert len(statements) == 2


def attach(curator: Curator, sha256: str, source: Path | None) -> None:
    """A visit of ``curator`` with an attachment; its bytes stored only when ``source``."""
    if source is not None:
        visit_files.store_file(source, curator.paths.attachments_dir)
    with curator.database.session() as session:
        school = School(full_name=f"Школа с фото ({curator.paths.data_dir.name})")
        session.add(school)
        session.flush()
        visit = Visit(school_id=school.id)
        session.add(visit)
        session.flush()
        session.add(
            Attachment(sha256=sha256, file_name="фото.jpg", owner_type="visit", owner_id=visit.id)
        )


def test_an_attachment_copied_for_an_earlier_package_of_the_group_counts_as_there(
    curators: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 40)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    with_bytes, without = curators("a", filled=False), curators("b", filled=False)
    attach(with_bytes, sha, photo)
    attach(without, sha, None)  # the same photo, whose file this computer lacks
    packages = [c.export(tmp_path / "packages", n) for n, c in (("a", with_bytes), ("b", without))]

    alone = curators("alone", filled=False)
    (refused,) = alone.service.import_many([packages[1]])
    assert isinstance(refused.error, ValidationError)  # nowhere to take the bytes from

    monkeypatch.setattr(merge_batch, "GROUP_SECONDS", 1e9)  # one group, whatever the machine
    coordinator = curators("coordinator", filled=False)
    items = coordinator.service.import_many(packages)
    assert [item.imported for item in items] == [True, True]
    stored = visit_files.stored_path(coordinator.paths.attachments_dir, sha)
    assert stored.read_bytes() == photo.read_bytes()
    assert not list(coordinator.paths.attachments_dir.rglob(".import-*"))  # nothing left aside
