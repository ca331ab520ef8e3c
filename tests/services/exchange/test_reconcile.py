"""Merge reconciling, pure: records and histories in, counts, actions and conflicts out."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator_desktop.services.exchange.merge import reconcile as mp


def school(rev: str, parent: str | None = None, **fields: Any) -> dict[str, Any]:
    record = {
        "id": "s1",
        "revision": rev,
        "parent_revision": parent,
        "updated_at": "2026-01-01T00:00:00Z",
        "device_id": "d",
        "deleted": False,
        "deleted_at": None,
        "full_name": "МБОУ СОШ № 1",
        "notes": "",
        "search_text": "",
    }
    record.update(fields)
    return record


def reconcile_one(
    local: dict[str, Any] | None,
    incoming: dict[str, Any],
    local_log: tuple[str, ...] = (),
    incoming_log: tuple[str, ...] = (),
) -> mp.Reconciliation:
    mine = {"school": {local["id"]: local}} if local else {}
    return mp.reconcile(
        mine,
        {("school", "s1"): set(local_log)},
        {"school": [incoming]},
        {("school", "s1"): set(incoming_log)},
    )


def test_a_record_the_store_lacks_is_new() -> None:
    reconciliation = reconcile_one(None, school("r1"))
    assert reconciliation.counts["school"] == mp.TableCounts(new=1)
    assert [(a.kind, a.record_id) for a in reconciliation.actions] == [("insert", "s1")]


def test_the_same_revision_is_unchanged() -> None:
    reconciliation = reconcile_one(school("r1"), school("r1", notes="whatever"))
    assert reconciliation.counts["school"] == mp.TableCounts(unchanged=1)
    assert not reconciliation.has_changes


def test_an_older_incoming_revision_is_unchanged_ours_is_newer() -> None:
    reconciliation = reconcile_one(
        school("r3", "r2", notes="new"), school("r1"), local_log=("r1", "r2", "r3")
    )
    assert reconciliation.counts["school"] == mp.TableCounts(unchanged=1)
    assert reconciliation.actions == ()


def test_theirs_is_taken_when_it_descends_from_ours() -> None:
    reconciliation = reconcile_one(
        school("r1"), school("r3", "r2", notes="theirs"), incoming_log=("r1", "r2")
    )
    assert reconciliation.counts["school"] == mp.TableCounts(changed=1)
    (action,) = reconciliation.actions
    assert (action.kind, action.local_revision, action.incoming["notes"]) == (
        "replace",
        "r1",
        "theirs",
    )


def test_a_tombstone_descending_from_ours_counts_as_deleted() -> None:
    reconciliation = reconcile_one(school("r1"), school("r2", "r1", deleted=True))
    assert reconciliation.counts["school"] == mp.TableCounts(deleted=1)
    assert reconciliation.actions[0].kind == "replace"


def test_both_sides_changed_is_a_conflict_with_the_differing_fields() -> None:
    local = school("a2", "r1", notes="mine")
    incoming = school("b2", "r1", notes="theirs", full_name="МБОУ СОШ № 2")
    reconciliation = reconcile_one(local, incoming, ("r1", "a2"), ("r1", "b2"))
    assert reconciliation.counts["school"] == mp.TableCounts(conflicts=1)
    assert reconciliation.actions == ()
    (conflict,) = reconciliation.conflicts
    assert conflict.key == ("school", "s1")
    assert conflict.fields == ("full_name", "notes")
    assert conflict.local["notes"] == "mine" and conflict.incoming["notes"] == "theirs"


def test_the_same_edit_on_both_sides_converges_to_one_revision_without_a_conflict() -> None:
    a = school("aa", "r1", notes="same", device_id="A")
    b = school("bb", "r1", notes="same", device_id="B")
    on_a = reconcile_one(a, b, ("r1", "aa"), ("r1", "bb"))
    on_b = reconcile_one(b, a, ("r1", "bb"), ("r1", "aa"))
    assert on_a.conflicts == () and on_b.conflicts == ()
    assert on_a.counts["school"] == mp.TableCounts(unchanged=1)
    (a_action,), (b_action,) = on_a.actions, on_b.actions
    # "bb" > "aa": A takes B's record and B keeps its own; both end at "bb", history has "aa".
    assert (a_action.kind, a_action.absorbs) == ("replace", "aa")
    assert (b_action.kind, b_action.absorbs) == ("keep", "aa")


def test_resolve_mine_theirs_and_per_field() -> None:
    local = school("a2", "r1", notes="mine", full_name="A")
    incoming = school("b2", "r1", notes="theirs", full_name="B")
    (conflict,) = reconcile_one(local, incoming, ("r1",), ("r1",)).conflicts
    assert mp.resolve(conflict, "mine")["notes"] == "mine"
    assert mp.resolve(conflict, "theirs")["full_name"] == "B"
    merged = mp.resolve(conflict, {"notes": "theirs"})
    assert (merged["notes"], merged["full_name"]) == ("theirs", "A")
    assert "revision" not in merged
    with pytest.raises(ValueError):
        mp.resolve(conflict, {"inn": "theirs"})
    with pytest.raises(ValueError):
        mp.resolve(conflict, "both")  # type: ignore[arg-type]


def test_deleted_at_follows_the_chosen_deleted_flag() -> None:
    local = school("a2", "r1", notes="edited")
    incoming = school("b2", "r1", deleted=True, deleted_at="2026-02-01T00:00:00Z")
    (conflict,) = reconcile_one(local, incoming).conflicts
    assert conflict.fields == ("deleted", "notes")
    gone = mp.resolve(conflict, {"deleted": "theirs"})
    assert gone["deleted"] is True and gone["deleted_at"] == "2026-02-01T00:00:00Z"
    assert gone["notes"] == "edited"
    assert mp.resolve(conflict, "mine")["deleted_at"] is None


def test_history_index_and_record_history() -> None:
    rows = [
        {"entity": "school", "entity_id": "s1", "revision": "r1"},
        {"entity": "school", "entity_id": "s1", "revision": "r2"},
        {"entity": "visit", "entity_id": "s1", "revision": "v1"},
        {"entity": "school", "entity_id": "s1", "revision": ""},
    ]
    index = mp.history_index(rows)
    assert index[("school", "s1")] == {"r1", "r2"}
    assert mp.record_history("school", school("r4", "r3"), index) == {"r1", "r2", "r3", "r4"}


def test_missing_references_name_the_record_and_the_target() -> None:
    incoming = {
        "visit": [{"id": "v1", "school_id": "s1", "template_id": None}],
        "checklist_answer": [
            {"id": "a1", "visit_id": "v1", "lesson_id": None},
            {"id": "a2", "visit_id": "v9", "lesson_id": "l9"},
        ],
    }
    missing = mp.missing_references(incoming, {"school": {"s1"}})
    assert [(m.record_id, m.column, m.target_table, m.target_id) for m in missing] == [
        ("a2", "visit_id", "visit", "v9"),
        ("a2", "lesson_id", "lesson_observation", "l9"),
    ]
    assert mp.missing_references(incoming, {"school": set()})[0].target_id == "s1"
    assert mp.referenced_ids(incoming) == {
        "school": {"s1"},
        "visit": {"v1", "v9"},
        "lesson_observation": {"l9"},
    }


@settings(max_examples=60, deadline=None)
@given(
    base=st.integers(0, 4),
    mine=st.integers(0, 3),
    theirs=st.integers(0, 3),
    same_edit=st.booleans(),
)
def test_revisions_on_a_fork_decide_the_outcome(
    base: int, mine: int, theirs: int, same_edit: bool
) -> None:
    """A chain r0…r<base>, then ``mine`` local and ``theirs`` incoming revisions on top."""
    common = [f"r{i}" for i in range(base + 1)]
    ours = common + [f"a{i}" for i in range(mine)]
    their = common + [f"b{i}" for i in range(theirs)]
    note = "same" if same_edit else None
    local = school(ours[-1], ours[-2] if len(ours) > 1 else None, notes=note or "mine")
    incoming = school(their[-1], their[-2] if len(their) > 1 else None, notes=note or "theirs")
    if not mine:
        local["notes"] = "base"
    if not theirs:
        incoming["notes"] = "base"
    reconciliation = reconcile_one(local, incoming, tuple(ours), tuple(their))
    counts = reconciliation.counts["school"]
    if mine and theirs:
        assert counts.conflicts == (0 if same_edit else 1)
        assert counts.unchanged == (1 if same_edit else 0)
    elif theirs:
        assert counts.changed == 1 and reconciliation.actions[0].kind == "replace"
    else:
        assert counts.unchanged == 1 and reconciliation.actions == ()
    assert counts.total == 1


def test_the_same_content_by_another_author_joins_without_a_conflict() -> None:
    """Two curators give one verdict: not a conflict; a different verdict still is."""
    same = reconcile_one(school("r1", author_id="p-a"), school("r2", author_id="p-b"))
    assert not same.conflicts and same.counts["school"] == mp.TableCounts(unchanged=1)
    other = reconcile_one(
        school("r1", author_id="p-a"), school("r2", author_id="p-b", notes="иначе")
    )
    assert [c.fields for c in other.conflicts] == [("notes", "author_id")]
