"""Helpers over table rows shared by repositories and services.

Reading rows for a list of ids in chunks, copying a row into a plain read record, setting only
the fields of a record that change (so an unchanged record keeps its revision), and the id a new
record with a natural identity takes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")

CHUNK = 500
"""Ids bound in one ``IN (…)`` (SQLite allows a few thousand parameters per statement)."""


def in_id_order(ids: Sequence[str], read: Callable[[list[str]], Mapping[str, T]]) -> list[T]:
    """The rows of ``ids`` in that order: ``read`` maps each chunk of ids to the rows it finds;
    ids it does not find (unknown, deleted) are left out."""
    found: dict[str, T] = {}
    for start in range(0, len(ids), CHUNK):
        found.update(read(list(ids[start : start + CHUNK])))
    return [found[row_id] for row_id in ids if row_id in found]


def record_from(record_type: type[T], row: Any, **values: Any) -> T:
    """A dataclass ``record_type`` filled from ``row``'s attributes of the same names, except
    the fields given in ``values``."""
    names = [f.name for f in fields(record_type) if f.init and f.name not in values]
    return record_type(**{name: getattr(row, name) for name in names}, **values)


def free_id(session: Any, model: Any, wanted: str | None) -> str:
    """``wanted`` (an id derived from the record's identity) when no row of ``model`` has it yet,
    tombstones included; else a random id (the identity's id went to a record whose ИНН was
    edited since, say: an import still matches the two by identity)."""
    from curator_desktop.store.tables import new_id

    if wanted and session.get(model, wanted) is None:
        return wanted
    return new_id()


def assign(record: Any, values: Mapping[str, Any]) -> bool:
    """Set only the fields that differ (no empty change-log rows); True when any did."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed
