"""A coordinator's batch (``ExchangeService.import_many``): packages share a transaction, each
all or nothing, so a package that fails while writing leaves nothing and the others land; a
batch commits in groups, everything is committed when it returns, and the connection is given
back as it was."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import func, select

from curator_desktop.domain.errors import ValidationError
from curator_desktop.paths import AppPaths
from curator_desktop.services.exchange.import_source import incoming_of
from curator_desktop.services.exchange.merge import batch as merge_batch
from curator_desktop.services.exchange.merge.batch import CACHE_KIB, BatchMerger
from curator_desktop.services.exchange.package.reader import open_package
from curator_desktop.services.exchange.service import ExchangeService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChangeLog, Receipt, School, SyncState, Visit


class Curator:
    """A store in its own data folder, its exchange service and the schools it holds."""

    def __init__(self, root: Path, template: Path, device_id: str) -> None:
        self.paths = AppPaths(data_dir=root, config_dir=root / "config", log_dir=root / "logs")
        self.paths.ensure()
        shutil.copy2(template, self.paths.store_file)
        self.database = Database(self.paths.store_file, device_id=device_id)
        self.service = ExchangeService.for_paths(self.database, self.paths)

    def fill(self, name: str) -> None:
        with self.database.session() as session:
            schools = [School(full_name=f"МБОУ СОШ № {n} ({name})") for n in (1, 2)]
            session.add_all(schools)
            session.flush()
            session.add(Visit(school_id=schools[0].id, purpose=f"Посещение ({name})"))

    def export(self, folder: Path, name: str) -> Path:
        folder.mkdir(exist_ok=True)
        return self.service.export(folder / f"{name}.curator").path


def curator_stores(tmp_path: Path, template: Path) -> Iterator[Callable[..., Curator]]:
    """Make curators' stores (filled unless ``filled=False``); all closed afterwards."""
    made: list[Curator] = []

    def make(name: str, *, filled: bool = True) -> Curator:
        curator = Curator(tmp_path / name, template, f"dev-{name}")
        if filled:
            curator.fill(name)
        made.append(curator)
        return curator

    yield make
    for curator in made:
        curator.database.close()


@pytest.fixture
def curators(tmp_path: Path, migrated_store_template: Path) -> Iterator[Callable[..., Curator]]:
    yield from curator_stores(tmp_path, migrated_store_template)


def count(database: Database, statement: Any) -> int:
    with database.session() as session:
        return int(session.exec(statement).one())


def schools_of(database: Database) -> set[str]:
    with database.session() as session:
        return set(session.exec(select(School.full_name)))


def test_a_package_failing_while_it_writes_leaves_nothing_and_the_others_land(
    curators: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["a", "b", "c", "d"]
    packages = [curators(n).export(tmp_path / "packages", n) for n in names]
    with open_package(packages[2]) as package:
        failing_history = {row["id"] for row in package.history()}
        failing_ids = {row["id"] for row in package.records("school")}
    coordinator = curators("coordinator", filled=False)
    monkeypatch.setattr(merge_batch, "GROUP_SECONDS", 1e9)  # one group, whatever the machine
    real_write = merge_batch.write_merge

    def write_then_fail(session: Any, prepared: Any, *args: Any, **kwargs: Any) -> None:
        real_write(session, prepared, *args, **kwargs)  # the package's rows are written...
        written = [str(a.incoming.get("full_name", "")) for a in prepared.reconciliation.actions]
        if any(name.endswith("(c)") for name in written):
            raise ValidationError("refused after writing")  # ...then it fails

    monkeypatch.setattr(merge_batch, "write_merge", write_then_fail)
    commits: list[int] = []
    real_commit = BatchMerger.commit

    def counted(self: BatchMerger) -> None:
        real_commit(self)
        commits.append(self.commits)

    monkeypatch.setattr(BatchMerger, "commit", counted)
    items = coordinator.service.import_many(packages)

    assert [item.imported for item in items] == [True, True, False, True]
    assert str(items[2].error) == "refused after writing"
    assert max(commits) == 1  # the three others were committed together, once
    db = coordinator.database
    assert schools_of(db) == {f"МБОУ СОШ № {n} ({x})" for x in "abd" for n in (1, 2)}
    with db.session() as session:
        assert not failing_history & set(session.exec(select(ChangeLog.id)))
        assert not failing_ids & set(session.exec(select(Receipt.entity_id)))
    assert count(db, select(func.count()).select_from(SyncState)) == 3


def test_a_failure_that_is_no_refusal_keeps_the_packages_before_it(
    curators: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packages = [curators(n).export(tmp_path / "packages", n) for n in "abc"]
    coordinator = curators("coordinator", filled=False)
    monkeypatch.setattr(merge_batch, "GROUP_SECONDS", 1e9)
    real_write = merge_batch.write_merge
    calls: list[int] = []

    def write_then_break(*args: Any, **kwargs: Any) -> None:
        real_write(*args, **kwargs)
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk gone")

    monkeypatch.setattr(merge_batch, "write_merge", write_then_break)
    with pytest.raises(OSError, match="disk gone"):
        coordinator.service.import_many(packages)
    expected = {f"МБОУ СОШ № {n} ({x})" for x in "ab" for n in (1, 2)}
    reopened = Database(coordinator.paths.store_file, device_id="another")
    try:
        assert schools_of(reopened) == expected
    finally:
        reopened.close()


def test_a_batch_commits_in_groups_and_all_is_committed_when_it_returns(
    curators: Any, tmp_path: Path
) -> None:
    packages = [curators(n).export(tmp_path / "packages", n) for n in "abc"]
    coordinator = curators("coordinator", filled=False)
    service = coordinator.service
    with BatchMerger(
        coordinator.database,
        attachments_dir=service.attachments_dir,
        reports_dir=service.reports_dir,
        group_rows=1,
    ) as merger:
        for path in packages:
            with open_package(path) as package:
                outcome = merger.merge(incoming_of(package, include_profile=False), backup_dir=None)
            assert outcome.written
        assert merger.commits == 3  # every package filled a group of one row
    wal = Path(f"{coordinator.paths.store_file}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
    with sqlite3.connect(coordinator.paths.store_file) as other:  # another connection sees it
        assert other.execute("SELECT COUNT(*) FROM school").fetchone() == (6,)


def test_the_batch_settings_hold_during_the_batch_and_are_restored_after(
    curators: Any,
) -> None:
    coordinator = curators("coordinator", filled=False)
    database = coordinator.database
    before = (database.pragma("cache_size"), database.pragma("wal_autocheckpoint"))
    paths = coordinator.paths
    with BatchMerger(
        database, attachments_dir=paths.attachments_dir, reports_dir=paths.reports_dir
    ) as merger:
        raw = merge_batch._driver(merger._connection)  # type: ignore[arg-type]
        assert raw.execute("PRAGMA cache_size").fetchone() == (-CACHE_KIB,)
        assert raw.execute("PRAGMA temp_store").fetchone() == (2,)
        assert raw.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL, as always
    assert database.engine.pool.checkedout() == 0
    with database.engine.connect() as connection:  # the pool's one connection: the batch's
        raw = connection.connection.driver_connection
        assert (
            raw.execute("PRAGMA cache_size").fetchone()[0],
            raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0],
        ) == before
        assert raw.execute("PRAGMA temp_store").fetchone() == (0,)


def test_the_backup_is_taken_before_the_first_package_writes(curators: Any, tmp_path: Path) -> None:
    packages = [curators(n).export(tmp_path / "packages", n) for n in "ab"]
    coordinator = curators("coordinator", filled=False)
    items = coordinator.service.import_many(packages)
    backup = items[0].result.backup
    assert backup is not None and items[1].result.backup is None
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT COUNT(*) FROM school").fetchone() == (0,)
    assert len(schools_of(coordinator.database)) == 4


def test_each_item_keeps_its_counts_not_its_records(curators: Any, tmp_path: Path) -> None:
    package = curators("a").export(tmp_path / "packages", "a")
    coordinator = curators("coordinator", filled=False)
    (item,) = coordinator.service.import_many([package])
    assert item.result.written and item.result.reconciliation.actions == ()
    assert item.result.reconciliation.counts["school"].new == 2
    assert item.result.reconciliation.total("new") >= 3
