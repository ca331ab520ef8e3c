"""How a coordinator's batch writes: no savepoint per package (a package that fails while
writing is taken out by rolling its group back and writing the packages before it again), the
batch settings while it runs, and every query a package's merge runs answered from an index."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import func, select
from test_coordinator_batch import Curator, count, curator_stores, schools_of

from curator_desktop.domain.errors import ValidationError
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.exchange.merge import batch as merge_batch
from curator_desktop.services.exchange.merge.batch import (
    CACHE_KIB,
    WAL_CHECKPOINT_PAGES,
    BatchMerger,
    GroupLostError,
)
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChangeLog, Receipt, SyncState


@pytest.fixture
def curators(tmp_path: Path, migrated_store_template: Path) -> Iterator[Callable[..., Curator]]:
    yield from curator_stores(tmp_path, migrated_store_template)


@pytest.fixture
def one_group(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every package of a batch in one group, whatever the machine's speed."""
    monkeypatch.setattr(merge_batch, "GROUP_SECONDS", 1e9)


@pytest.fixture
def mergers(monkeypatch: pytest.MonkeyPatch) -> list[BatchMerger]:
    """Every BatchMerger entered meanwhile (to read its counters)."""
    entered: list[BatchMerger] = []
    real_enter = BatchMerger.__enter__

    def enter(self: BatchMerger) -> BatchMerger:
        entered.append(self)
        return real_enter(self)

    monkeypatch.setattr(BatchMerger, "__enter__", enter)
    return entered


@contextmanager
def statements_of(database: Database) -> Iterator[list[tuple[str, Any]]]:
    """The statements (with their first parameters) run on ``database`` meanwhile."""
    seen: list[tuple[str, Any]] = []

    def record(
        _conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any, many: bool
    ) -> None:
        seen.append((statement, params[0] if many and params else params))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", record)


def failing_write(monkeypatch: pytest.MonkeyPatch, fails: Callable[[int, Any], bool]) -> list[str]:
    """``write_merge`` that writes, then raises when ``fails(call, prepared)``; the names of the
    schools each call wrote."""
    real_write = merge_batch.write_merge
    calls: list[str] = []

    def write(session: Any, prepared: Any, *args: Any, **kwargs: Any) -> None:
        real_write(session, prepared, *args, **kwargs)
        names = sorted(
            str(a.incoming.get("full_name", "")) for a in prepared.reconciliation.actions
        )
        calls.append(next((n[-2] for n in names if n.endswith(")")), "?"))
        if fails(len(calls), prepared):
            raise ValidationError("refused after writing")

    monkeypatch.setattr(merge_batch, "write_merge", write)
    return calls


def test_a_batch_writes_no_savepoint_per_package(curators: Any, tmp_path: Path) -> None:
    packages = [curators(n).export(tmp_path / "packages", n) for n in "abc"]
    coordinator = curators("coordinator", filled=False)
    with statements_of(coordinator.database) as statements:
        items = coordinator.service.import_many(packages)
    assert all(item.imported for item in items)
    assert statements and not [s for s, _p in statements if "SAVEPOINT" in s.upper()]
    assert len(schools_of(coordinator.database)) == 6


def test_a_failing_package_is_taken_out_by_writing_its_group_again(
    curators: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    one_group: None,
    mergers: list[BatchMerger],
) -> None:
    packages = [curators(n).export(tmp_path / "packages", n) for n in "abcd"]
    coordinator = curators("coordinator", filled=False)
    calls = failing_write(monkeypatch, lambda call, _prepared: call == 3)  # c, once
    items = coordinator.service.import_many(packages)

    assert [item.imported for item in items] == [True, True, False, True]
    assert calls == ["a", "b", "c", "a", "b", "d"]  # a and b written again, once, in order
    (merger,) = mergers
    assert (merger.replays, merger.commits) == (1, 1)
    db = coordinator.database
    assert schools_of(db) == {f"МБОУ СОШ № {n} ({x})" for x in "abd" for n in (1, 2)}
    assert count(db, select(func.count()).select_from(SyncState)) == 3  # none twice
    with db.session() as session:
        ids = list(session.exec(select(ChangeLog.id)))
        assert len(ids) == len(set(ids))
        receipts = list(session.exec(select(Receipt.entity, Receipt.entity_id)))
        assert len(receipts) == len(set(receipts))


def test_when_the_packages_before_cannot_be_written_again_the_group_is_dropped(
    curators: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_group: None
) -> None:
    packages = [curators(n).export(tmp_path / "packages", n) for n in "abc"]
    coordinator = curators("coordinator", filled=False)
    failing_write(monkeypatch, lambda call, _prepared: call >= 3)  # c, then a's replay

    with pytest.raises(GroupLostError) as raised:  # not a refusal of c: the batch stops
        coordinator.service.import_many(packages)
    assert isinstance(raised.value.__cause__, ValidationError)
    assert raised.value.user_message.startswith("The import stopped: the store could not be")
    assert "2 packages imported just before" in raised.value.user_message  # a and b

    reopened = Database(coordinator.paths.store_file, device_id="another")
    try:
        assert schools_of(reopened) == set()  # nothing was reported: nothing of the group stays
        assert count(reopened, select(func.count()).select_from(SyncState)) == 0
    finally:
        reopened.close()
    assert not list(coordinator.paths.attachments_dir.rglob(".import-*"))


def test_a_package_refused_before_it_writes_needs_no_replay(
    curators: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    one_group: None,
    mergers: list[BatchMerger],
) -> None:
    packages = [curators(n).export(tmp_path / "packages", n) for n in "abc"]
    coordinator = curators("coordinator", filled=False)
    calls = failing_write(monkeypatch, lambda _call, _prepared: False)
    real_prepare = merge_batch.prepare_in

    def refuse_b(session: Any, incoming: Any) -> Any:
        prepared = real_prepare(session, incoming)
        if any(
            n.endswith("(b)")
            for n in (a.incoming.get("full_name", "") for a in prepared.reconciliation.actions)
        ):
            raise ValidationError("refused while reconciling")
        return prepared

    monkeypatch.setattr(merge_batch, "prepare_in", refuse_b)
    items = coordinator.service.import_many(packages)
    assert [item.imported for item in items] == [True, False, True]
    assert calls == ["a", "c"]  # a was not written again
    assert (mergers[0].replays, mergers[0].commits) == (0, 1)
    assert schools_of(coordinator.database) == {
        f"МБОУ СОШ № {n} ({x})" for x in "ac" for n in (1, 2)
    }


def test_the_batch_checkpoints_less_often_and_gives_its_settings_back(curators: Any) -> None:
    coordinator = curators("coordinator", filled=False)
    database = coordinator.database
    before = database.pragma("wal_autocheckpoint")
    paths = coordinator.paths
    with BatchMerger(
        database, attachments_dir=paths.attachments_dir, reports_dir=paths.reports_dir
    ) as merger:
        raw = merge_batch._driver(merger._connection)  # type: ignore[arg-type]
        assert raw.execute("PRAGMA wal_autocheckpoint").fetchone() == (WAL_CHECKPOINT_PAGES,)
        assert raw.execute("PRAGMA cache_size").fetchone() == (-CACHE_KIB,)
        assert before < WAL_CHECKPOINT_PAGES
    assert database.pragma("wal_autocheckpoint") == before


def _scans_or_sorts(plan: list[tuple[Any, ...]]) -> list[str]:
    """The steps of a query plan that read a whole table or index, or sort into a temp B-tree
    (a row of constants, the VALUES of a query, is no table)."""
    details = [str(row[-1]) for row in plan]
    return [
        d
        for d in details
        if "TEMP B-TREE" in d or (re.match(r"SCAN ", d) and not re.search(r"CONSTANT ROW|asked", d))
    ]


def test_every_query_of_a_package_merge_is_answered_from_an_index(
    curators: Any, tmp_path: Path
) -> None:
    curator = curators("a")
    install_builtin_catalogs(curator.database)  # the same catalogs at other revisions: asked
    package = curator.export(tmp_path / "packages", "a")
    coordinator = curators("coordinator", filled=False)
    install_builtin_catalogs(coordinator.database)
    with statements_of(coordinator.database) as statements:
        (item,) = coordinator.service.import_many([package])
    assert item.imported
    queries = {s: p for s, p in statements if re.match(r"\s*(SELECT|WITH)", s, re.IGNORECASE)}
    assert any("WITH asked" in s for s in queries)  # the history look-up is among them
    with sqlite3.connect(coordinator.paths.store_file) as raw:
        for statement, params in queries.items():
            plan = raw.execute(f"EXPLAIN QUERY PLAN {statement}", params or ()).fetchall()
            assert _scans_or_sorts(plan) == [], statement
