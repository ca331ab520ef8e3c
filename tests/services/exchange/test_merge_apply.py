"""Applying merges to real stores: revisions kept, history joined, conflicts resolved, nothing
written when a check fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import (
    Store,
    content,
    copy_store,
    dump,
    edit,
    files_of,
    fill_small,
    history_ids,
    incoming_from,
)
from sqlmodel import select

from curator_desktop.domain.errors import ValidationError
from curator_desktop.services.exchange.merge import apply as ma
from curator_desktop.services.exchange.merge.apply import Incoming, apply_merge, prepare
from curator_desktop.store.tables import ChangeLog, Recommendation, School, Visit


@pytest.fixture
def pair(tmp_path: Path, migrated_store_template: Path) -> Any:
    """Store ``a`` with small content, store ``b`` holding the same after one import."""
    a = copy_store(migrated_store_template, tmp_path / "a", "dev-a")
    b = copy_store(migrated_store_template, tmp_path / "b", "dev-b")
    ids = fill_small(a.database)
    merge(b, incoming_from(a.database))
    yield a, b, ids
    a.close()
    b.close()


def merge(store: Store, incoming: Incoming, **options: Any) -> ma.MergeOutcome:
    return apply_merge(
        store.database,
        incoming,
        attachments_dir=store.paths.attachments_dir,
        reports_dir=store.paths.reports_dir,
        backup_dir=store.paths.backup_dir,
        **options,
    )


def backups(store: Store) -> list[Path]:
    return sorted(store.paths.backup_dir.glob("*-pre-import*.sqlite3"))


def test_new_records_arrive_with_their_revisions_and_history(pair: Any) -> None:
    a, b, _ids = pair
    assert content(b.database) == content(a.database)
    assert history_ids(b.database) == history_ids(a.database)
    assert len(backups(b)) == 1


def test_importing_the_same_content_again_writes_nothing(pair: Any) -> None:
    a, b, _ids = pair
    before = dump(b.database)
    outcome = merge(b, incoming_from(a.database))
    assert not outcome.written
    assert (
        outcome.reconciliation.total("unchanged") == 12
    )  # profile, 3 schools, visit, 4 answers, 3 recs
    assert not outcome.reconciliation.has_changes
    assert dump(b.database) == before
    assert len(backups(b)) == 1


def test_a_change_on_one_side_is_taken_and_a_tombstone_deletes(pair: Any) -> None:
    a, b, ids = pair
    revision = edit(a.database, School, ids["school"][0], notes="Новый директор с 1 сентября")
    edit(a.database, Recommendation, ids["recommendation"][1], deleted=True)
    reconciliation = prepare(b.database, incoming_from(a.database)).reconciliation
    assert (
        reconciliation.counts["school"].changed,
        reconciliation.counts["recommendation"].deleted,
    ) == (1, 1)
    merge(b, incoming_from(a.database))
    assert content(b.database) == content(a.database)
    with b.database.session() as session:
        assert session.get(School, ids["school"][0]).revision == revision
        assert session.get(Recommendation, ids["recommendation"][1]).deleted


def test_an_older_package_does_not_undo_a_newer_local_edit(pair: Any) -> None:
    a, b, ids = pair
    old = incoming_from(a.database)
    edit(b.database, School, ids["school"][1], notes="Свежая правка")
    merge(b, old)
    with b.database.session() as session:
        assert session.get(School, ids["school"][1]).notes == "Свежая правка"


def test_unresolved_conflicts_refuse_the_import_and_write_nothing(pair: Any) -> None:
    a, b, ids = pair
    edit(a.database, School, ids["school"][0], notes="с ноутбука")
    edit(b.database, School, ids["school"][0], notes="с рабочего компьютера", inn="3400000018")
    before = dump(b.database)
    with pytest.raises(ma.ConflictsPendingError) as caught:
        merge(b, incoming_from(a.database))
    assert caught.value.exit_code == 3
    (conflict,) = caught.value.conflicts
    assert conflict.key == ("school", ids["school"][0])
    assert conflict.fields == ("inn", "notes")
    assert dump(b.database) == before
    assert len(backups(b)) == 1


@pytest.mark.parametrize(
    ("resolution", "notes", "inn"),
    [
        ("mine", "с рабочего компьютера", "3400000018"),
        ("theirs", "с ноутбука", ""),
        ({"notes": "theirs"}, "с ноутбука", "3400000018"),
    ],
)
def test_a_resolved_conflict_gets_a_new_revision_both_sides_then_agree(
    pair: Any, resolution: Any, notes: str, inn: str
) -> None:
    a, b, ids = pair
    key = ("school", ids["school"][0])
    theirs = edit(a.database, School, key[1], notes="с ноутбука")
    mine = edit(b.database, School, key[1], notes="с рабочего компьютера", inn="3400000018")
    package = incoming_from(a.database)
    outcome = merge(b, package, resolutions={key: resolution})
    assert outcome.resolved == 1
    with b.database.session() as session:
        school = session.get(School, key[1])
        logs = session.exec(select(ChangeLog).where(ChangeLog.entity_id == key[1])).all()
    assert (school.notes, school.inn) == (notes, inn)
    assert school.revision not in (mine, theirs) and school.parent_revision == mine
    assert school.device_id == "dev-b"
    merged_in = [log for log in logs if log.action == "merge"]
    assert [(m.revision, m.new_value) for m in merged_in] == [(theirs, school.revision)]
    # The same package again: unchanged. The other side importing ours: takes ours.
    again = prepare(b.database, package).reconciliation
    assert again.counts["school"].unchanged == 3 and not again.conflicts
    back = prepare(a.database, incoming_from(b.database)).reconciliation
    assert back.counts["school"].changed == 1 and not back.conflicts
    merge(a, incoming_from(b.database))
    assert content(a.database) == content(b.database)


def test_a_bad_resolution_is_refused(pair: Any) -> None:
    a, b, ids = pair
    edit(a.database, School, ids["school"][0], notes="A")
    edit(b.database, School, ids["school"][0], notes="B")
    before = dump(b.database)
    with pytest.raises(ValidationError):
        merge(
            b,
            incoming_from(a.database),
            resolutions={("school", ids["school"][0]): {"address": "theirs"}},
        )
    assert dump(b.database) == before


def test_the_same_edit_on_both_sides_converges_without_a_conflict(pair: Any) -> None:
    a, b, ids = pair
    edit(a.database, Recommendation, ids["recommendation"][0], status="done")
    edit(b.database, Recommendation, ids["recommendation"][0], status="done")
    from_a, from_b = incoming_from(a.database), incoming_from(b.database)
    merge(b, from_a)
    merge(a, from_b)
    assert content(a.database) == content(b.database)
    assert not prepare(a.database, incoming_from(b.database)).reconciliation.has_changes


def test_a_reference_to_a_record_that_exists_nowhere_is_rejected(pair: Any) -> None:
    a, b, ids = pair
    visit = content(a.database)["visit"][ids["visit"][0]]
    orphan = {**visit, "id": "9d5b7c1e-0000-4000-8000-000000000001", "school_id": "nowhere"}
    before = dump(b.database)
    with pytest.raises(ma.MissingReferencesError) as caught:
        merge(b, Incoming(records={"visit": [orphan]}, history=[]))
    assert "school nowhere" in caught.value.user_message
    assert "visit 9d5b7c1e-0000-4000-8000-000000000001: school_id" in caught.value.details
    assert dump(b.database) == before
    # The parent in the package itself is fine.
    school = content(a.database)["school"][ids["school"][0]]
    merge(
        b,
        Incoming(records={"school": [{**school, "id": "nowhere"}], "visit": [orphan]}, history=[]),
    )
    with b.database.session() as session:
        assert session.get(Visit, orphan["id"]).school_id == "nowhere"


def test_a_malformed_record_or_a_duplicate_is_rejected(pair: Any) -> None:
    a, b, ids = pair
    school = content(a.database)["school"][ids["school"][0]]
    before = dump(b.database)
    with pytest.raises(ValidationError):
        merge(b, Incoming(records={"school": [{**school, "updated_at": "yesterday"}]}, history=[]))
    with pytest.raises(ValidationError):
        merge(b, Incoming(records={"school": [school, school]}, history=[]))
    assert dump(b.database) == before


def test_a_failure_inside_the_transaction_leaves_store_and_files_as_they_were(
    pair: Any, tmp_path: Path
) -> None:
    a, b, ids = pair
    edit(a.database, School, ids["school"][2], notes="правка")
    before, files_before = dump(b.database), files_of(b.paths.data_dir / "attachments")

    def fail(session: Any, reconciliation: Any) -> None:
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        merge(b, incoming_from(a.database), also=fail)
    assert dump(b.database) == before
    assert files_of(b.paths.data_dir / "attachments") == files_before


def test_history_rows_of_records_the_package_does_not_carry_are_not_added(pair: Any) -> None:
    a, b, ids = pair
    edit(a.database, School, ids["school"][0], notes="A1")
    edit(a.database, School, ids["school"][1], notes="A2")
    incoming = incoming_from(a.database)
    only_first = Incoming(
        records={"school": [r for r in incoming.records["school"] if r["id"] == ids["school"][0]]},
        history=incoming.history,
    )
    merge(b, only_first)
    with b.database.session() as session:
        second = session.exec(select(ChangeLog).where(ChangeLog.entity_id == ids["school"][1]))
        assert all(log.new_value != "A2" for log in second)
    # Had the row been added, the later full import would think the edit already here.
    merge(b, incoming)
    with b.database.session() as session:
        assert session.get(School, ids["school"][1]).notes == "A2"


def test_a_store_changed_after_planning_refuses_the_import(
    pair: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, ids = pair
    edit(a.database, School, ids["school"][0], notes="из пакета")
    original = ma.stage_files

    def edit_meanwhile(wanted: Any) -> Any:
        edit(b.database, School, ids["school"][0], notes="правка во время импорта")
        return original(wanted)

    monkeypatch.setattr(ma, "stage_files", edit_meanwhile)
    with pytest.raises(ma.StaleStoreError):
        merge(b, incoming_from(a.database))
    with b.database.session() as session:
        assert session.get(School, ids["school"][0]).notes == "правка во время импорта"
