"""The coordinator's log of packages received (#24): every import attempt is logged — a
package imported with its counts per kind, one already received, one refused with its reason
(and nothing else changed) — and the curators' reports received get a review state in bulk."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import Store, copy_store, dump, files_of, fill_small
from sqlmodel import select

from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.intake import Outcome, ReviewState
from curator_desktop.services.intake.service import IntakeService
from curator_desktop.store.tables import CuratorProfile, GeneratedReport, PackageIntake


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


def add_report(store: Store, title: str) -> str:
    """A справка with its PDF in the store's reports folder, authored by the store's curator."""
    body = f"%PDF-1.4\n% {title}\n".encode()
    with store.database.session() as session:
        author = session.exec(select(CuratorProfile)).first()
        report = GeneratedReport(
            kind="interim",
            title=title,
            author_id=author.id if author else None,
            period_from=dt.date(2026, 9, 1),
            period_to=dt.date(2026, 11, 30),
            file_sha256=hashlib.sha256(body).hexdigest(),
        )
        session.add(report)
        report_id = report.id
    store.paths.reports_dir.mkdir(parents=True, exist_ok=True)
    (store.paths.reports_dir / f"{report_id}.pdf").write_bytes(body)
    return report_id


def log_rows(store: Store) -> list[PackageIntake]:
    with store.database.session() as session:
        return list(session.exec(select(PackageIntake).order_by(PackageIntake.received_at)))


def without_log(store: Store) -> dict[str, Any]:
    """The store's content and files (its own database files aside): all but the log."""
    paths = store.paths
    folders = (paths.attachments_dir, paths.reports_dir, paths.backup_dir)
    return {**dump(store.database), "files": [files_of(folder) for folder in folders]}


def test_a_good_package_logs_its_sender_and_counts_and_again_as_already_received(
    stores: Any, tmp_path: Path
) -> None:
    curator = stores("curator")
    package = export(curator, tmp_path, "curator")
    coordinator = stores("coordinator", filled=False)

    coordinator.service.import_(package)
    coordinator.service.import_(package)

    first, again = IntakeService(coordinator.database).packages()[::-1]
    assert first.outcome is Outcome.IMPORTED
    assert first.file_name == "curator.curator"
    assert first.sender_name == "Иванова Мария Петровна"
    assert first.sender_store_id == curator.service.store_id()
    assert first.sender_device_id == "dev-curator"
    assert first.counts["school"] == {"new": 3}
    assert first.counts["recommendation"] == {"new": 3}
    assert first.total("new") >= 3 + 3 + 1
    assert first.warnings  # the sender's key was remembered for the first time
    assert again.outcome is Outcome.UNCHANGED
    assert again.total("new") == 0
    assert again.counts["school"] == {"unchanged": 3}


def test_a_corrupt_package_is_logged_with_its_reason_and_changes_nothing_else(
    stores: Any, tmp_path: Path
) -> None:
    curator = stores("curator")
    good = export(curator, tmp_path, "curator")
    broken = tmp_path / "packages" / "broken.curator"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    coordinator = stores("coordinator", filled=False)
    before = without_log(coordinator)

    with pytest.raises(CuratorError) as refused:
        coordinator.service.import_(broken)

    assert without_log(coordinator) == before
    (row,) = IntakeService(coordinator.database).packages()
    assert row.refused
    assert row.file_name == "broken.curator"
    assert row.reason == refused.value.user_message
    assert row.counts == {}
    assert row.sender_store_id == ""  # its manifest could not be read


def test_a_refusal_in_a_preview_is_logged_only_when_asked(stores: Any, tmp_path: Path) -> None:
    curator = stores("curator")
    own = export(curator, tmp_path, "own")  # this store's own package, on this computer

    with pytest.raises(CuratorError):
        curator.service.preview(own)
    assert log_rows(curator) == []
    with pytest.raises(CuratorError) as refused:
        curator.service.preview(own, log_refusal=True)

    (row,) = log_rows(curator)
    assert row.outcome == Outcome.REFUSED.value
    assert row.reason == refused.value.user_message
    assert row.sender_store_id == curator.service.store_id()  # the manifest was read


def test_a_batch_logs_every_package_in_order_refused_ones_too(stores: Any, tmp_path: Path) -> None:
    curators = [stores(f"curator-{n}") for n in range(2)]
    packages = [export(store, tmp_path, f"c{n}") for n, store in enumerate(curators)]
    broken = tmp_path / "packages" / "broken.curator"
    broken.write_bytes(b"not a zip at all")
    coordinator = stores("coordinator", filled=False)

    items = coordinator.service.import_many([packages[0], broken, packages[1], packages[0]])

    assert [item.imported for item in items] == [True, False, True, True]
    rows = IntakeService(coordinator.database).packages()[::-1]
    assert [row.outcome for row in rows] == [
        Outcome.IMPORTED,
        Outcome.REFUSED,
        Outcome.IMPORTED,
        Outcome.UNCHANGED,
    ]
    assert rows[1].reason == items[1].error.user_message  # type: ignore[union-attr]
    assert rows[2].sender_device_id == "dev-curator-1"


def test_reports_received_are_reviewed_in_bulk(stores: Any, tmp_path: Path) -> None:
    curator = stores("curator")
    first = add_report(curator, "Справка 1")
    second = add_report(curator, "Справка 2")
    coordinator = stores("coordinator", filled=False)
    own = add_report(coordinator, "Своя справка")  # made here: not a curator's
    coordinator.service.import_(export(curator, tmp_path, "curator"))
    intake = IntakeService(coordinator.database)

    rows = {row.id: row for row in intake.reports()}
    assert set(rows) == {first, second}
    assert own not in rows
    assert rows[first].curator == "Иванова Мария Петровна"
    assert rows[first].state is None

    assert intake.review([first, second], ReviewState.REVISE, "Нет выводов по школам") == 2
    assert intake.review([second], ReviewState.ACCEPTED) == 1
    rows = {row.id: row for row in intake.reports()}
    assert rows[first].state is ReviewState.REVISE
    assert rows[second].state is ReviewState.ACCEPTED
    assert rows[second].comment == "Нет выводов по школам"  # None keeps the comment
    assert rows[first].reviewed_at is not None
    assert not rows[first].changed_since_review
    with pytest.raises(CuratorError):
        intake.review([first, "no-such-report"], ReviewState.WATCH)
    assert {row.id: row.state for row in intake.reports()}[first] is ReviewState.REVISE


def test_a_newer_version_of_a_reviewed_report_shows_as_changed(stores: Any, tmp_path: Path) -> None:
    curator = stores("curator")
    report_id = add_report(curator, "Справка")
    coordinator = stores("coordinator", filled=False)
    coordinator.service.import_(export(curator, tmp_path, "first"))
    intake = IntakeService(coordinator.database)
    intake.review([report_id], ReviewState.ACCEPTED)
    with curator.database.session() as session:
        report = session.get(GeneratedReport, report_id)
        assert report is not None
        report.version = 2
        session.add(report)

    coordinator.service.import_(export(curator, tmp_path, "second"))

    (row,) = intake.reports()
    assert row.state is ReviewState.ACCEPTED
    assert row.changed_since_review
