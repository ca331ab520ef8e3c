"""A coordinator's collection of packages imported at once: one backup, each package on its own,
a refused one reported while the others go in; and a checked package's data read only once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import Store, content, copy_store, edit, fill_small
from sqlmodel import select

from curator_desktop.services.exchange.merge.apply import ConflictsPendingError
from curator_desktop.services.exchange.package import reader
from curator_desktop.services.exchange.package.format import PackageCancelled, PackageError
from curator_desktop.services.exchange.package.reader import open_package
from curator_desktop.store.tables import School


@pytest.fixture
def stores(tmp_path: Path, migrated_store_template: Path) -> Iterator[Any]:
    made: list[Store] = []

    def make(name: str, *, filled: bool = True) -> Store:
        store = copy_store(migrated_store_template, tmp_path / name, f"dev-{name}")
        if filled:
            fill_small(store.database)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


def export(store: Store, tmp_path: Path, name: str) -> Path:
    target = tmp_path / "packages" / f"{name}.curator"
    target.parent.mkdir(exist_ok=True)
    return store.service.export(target).path


def backups(store: Store) -> list[Path]:
    return sorted(store.paths.backup_dir.glob("*-pre-import*.sqlite3"))


def school_ids(store: Store) -> set[str]:
    with store.database.session() as session:
        return set(session.exec(select(School.id)))


def test_a_batch_takes_one_backup_and_reports_a_refused_package(
    stores: Any, tmp_path: Path
) -> None:
    curators = [stores(f"curator-{n}") for n in range(3)]
    packages = [export(store, tmp_path, f"c{n}") for n, store in enumerate(curators)]
    broken = tmp_path / "packages" / "broken.curator"
    broken.write_bytes(b"not a zip at all")
    coordinator = stores("coordinator", filled=False)
    seen: list[tuple[int, int]] = []
    items = coordinator.service.import_many(
        [packages[0], broken, packages[1], packages[2]],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [item.imported for item in items] == [True, False, True, True]
    assert isinstance(items[1].error, PackageError) and items[1].result is None
    assert [item.path for item in items] == [packages[0], broken, packages[1], packages[2]]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert len(backups(coordinator)) == 1
    assert items[0].result.backup == backups(coordinator)[0]
    assert all(item.result.backup is None for item in items[2:])
    expected = set().union(*(school_ids(store) for store in curators))
    assert school_ids(coordinator) == expected and len(expected) == 9
    again = coordinator.service.import_many(packages)  # everything is here: no backup, no write
    assert [item.result.written for item in again] == [False, False, False]
    assert len(backups(coordinator)) == 1


def test_a_package_with_conflicts_waits_while_the_next_ones_go_in(
    stores: Any, tmp_path: Path
) -> None:
    a, other = stores("a"), stores("other")
    coordinator = stores("coordinator", filled=False)
    coordinator.service.import_(export(a, tmp_path, "a-1"))
    school = sorted(school_ids(a))[0]
    edit(a.database, School, school, notes="Правка куратора")
    edit(coordinator.database, School, school, notes="Правка координатора")
    before = content(coordinator.database)["school"][school]
    items = coordinator.service.import_many(
        [export(a, tmp_path, "a-2"), export(other, tmp_path, "other")]
    )
    assert isinstance(items[0].error, ConflictsPendingError)
    assert items[0].error.conflicts[0].key == ("school", school)
    assert items[1].imported and items[1].result.written
    assert content(coordinator.database)["school"][school] == before
    assert school_ids(other) <= school_ids(coordinator)


def test_cancel_stops_before_the_next_package_and_keeps_those_imported(
    stores: Any, tmp_path: Path
) -> None:
    packages = [export(stores(f"c{n}"), tmp_path, f"c{n}") for n in range(2)]
    coordinator = stores("coordinator", filled=False)
    done: list[int] = []
    with pytest.raises(PackageCancelled):
        coordinator.service.import_many(
            packages,
            progress=lambda n, _total: done.append(n),
            cancelled=lambda: bool(done),
        )
    assert done == [1]
    assert len(school_ids(coordinator)) == 3


def test_a_checked_data_member_is_handed_out_without_reading_it_again(
    stores: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = export(stores("a"), tmp_path, "a")
    reads: list[str] = []
    original = reader.read_records

    def counted(path: Path, archive: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(info.filename)
        return original(path, archive, info, *args, **kwargs)

    with open_package(package) as opened:
        monkeypatch.setattr(reader, "read_records", counted)  # what the check read is kept
        first = opened.records("school")
        history = opened.history()
        assert reads == []
        assert opened.records("school") == first  # asked again: read and checked again
        assert reads == ["data/school.json"]
    assert len(first) == 3 and len(history) > 3
