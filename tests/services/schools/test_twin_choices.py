"""Twins' differing fields as the conflict dialog shows them, and the choice back."""

from __future__ import annotations

import datetime as dt

from curator_desktop.services.schools.twin_choices import (
    choose_from,
    proposed_choices,
    twin_conflicts,
)
from curator_desktop.services.schools.twins import FieldDifference, TwinGroup, TwinRecord

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _group() -> TwinGroup:
    records = [TwinRecord(rid, "СОШ № 1", AT, False, 0) for rid in ("old", "t1", "t2")]
    return TwinGroup(
        "3444013012",
        records[0],
        tuple(records[1:]),
        (
            FieldDifference("notes", (("old", "A"), ("t1", "B"), ("t2", "A"))),
            FieldDifference("director_phone", (("old", ""), ("t1", ""), ("t2", "+7 900"))),
            FieldDifference("archived_at", (("old", AT), ("t1", None), ("t2", AT))),
        ),
    )


def test_each_twin_is_a_conflict_on_the_fields_it_differs_in() -> None:
    first, second = twin_conflicts([_group()])
    assert (first.record_id, first.fields) == ("t1", ("notes",))
    assert (second.record_id, second.fields) == ("t2", ("director_phone",))
    assert first.local["notes"] == "A" and first.incoming["notes"] == "B"


def test_the_proposal_fills_what_the_kept_record_lacks() -> None:
    assert proposed_choices([_group()]) == {("school", "t2"): {"director_phone": "theirs"}}


def test_the_choice_takes_the_chosen_twins_value_and_keeps_the_archive_rule() -> None:
    choose = choose_from({("school", "t1"): {"notes": "theirs"}, ("school", "t2"): "mine"})
    # The kept record was archived, a twin is not: the merged school stays in the list.
    assert choose(_group()) == {"archived_at": "t1", "notes": "t1"}
    assert choose_from({})(_group()) == {"archived_at": "t1"}
