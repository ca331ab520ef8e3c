"""Twins' differing fields as conflicts the conflict dialog shows, and the user's choices back.

Each twin is one conflict against the record that survives: ``local`` is the survivor's values,
``incoming`` the twin's, ``fields`` those that differ (the archive date is decided by its own
rule, not asked). The dialog's «theirs» for a field means: the survivor keeps that twin's value
(the first twin chosen wins when several are).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from curator_desktop.services.exchange.merge.reconcile import Conflict
from curator_desktop.services.schools.twins import Choose, TwinGroup, fill_empty

TABLE = "school"
MINE, THEIRS = "mine", "theirs"
ASKED_FIELDS_EXCLUDED = frozenset({"archived_at"})


def _values(group: TwinGroup, record_id: str) -> dict[str, Any]:
    values = {d.field: dict(d.values)[record_id] for d in group.differences}
    values["short_name"] = values.get("short_name") or next(
        r.name for r in (group.survivor, *group.twins) if r.id == record_id
    )
    return values


def twin_conflicts(groups: Sequence[TwinGroup]) -> list[Conflict]:
    """One conflict per twin that differs from its survivor in a field the user decides."""
    conflicts = []
    for group in groups:
        mine = _values(group, group.survivor.id)
        for twin in group.twins:
            theirs = _values(group, twin.id)
            fields = tuple(
                d.field
                for d in group.differences
                if d.field not in ASKED_FIELDS_EXCLUDED and mine[d.field] != theirs[d.field]
            )
            if fields:
                conflicts.append(Conflict(TABLE, twin.id, mine, theirs, fields))
    return conflicts


def proposed_choices(groups: Sequence[TwinGroup]) -> dict[tuple[str, str], dict[str, str]]:
    """What the dialog proposes: the survivor's values, a twin's where the survivor has none
    (:func:`~curator_desktop.services.schools.twins.fill_empty`)."""
    proposed: dict[tuple[str, str], dict[str, str]] = {}
    for group in groups:
        for field, source in fill_empty(group).items():
            if source != group.survivor.id and field not in ASKED_FIELDS_EXCLUDED:
                proposed.setdefault((TABLE, source), {})[field] = THEIRS
    return proposed


def choose_from(resolutions: Mapping[tuple[str, str], Any]) -> Choose:
    """The repair's choice from the dialog's resolutions (``mine``/``theirs`` per twin, or per
    field); the archive date follows :func:`fill_empty`."""

    def choose(group: TwinGroup) -> dict[str, str]:
        chosen = {k: v for k, v in fill_empty(group).items() if k in ASKED_FIELDS_EXCLUDED}
        for twin in group.twins:
            given = resolutions.get((TABLE, twin.id), MINE)
            for difference in group.differences:
                field = difference.field
                if field in ASKED_FIELDS_EXCLUDED or field in chosen:
                    continue
                choice = given if isinstance(given, str) else given.get(field, MINE)
                if choice == THEIRS:
                    chosen[field] = twin.id
        return chosen

    return choose
