"""Reconciling an import: which incoming records are new, changed, unchanged, deleted or in
conflict.  Pure: records go in as JSON objects (:func:`records.to_json` form), a reconciliation
comes out; reading the store is :mod:`merge_state`'s job. Records are matched by id and compared by
revision. A record's *history* is its ``parent_revision``, its ``revision`` and the revision of
every change-log row about it (``entity`` = table, ``entity_id`` = id). For a record on both sides:

- the same revision → unchanged;
- the incoming revision is in the local history → unchanged (ours is newer);
- the local revision is in the incoming history → theirs is taken (a tombstone: deleted);
- otherwise both changed since their common revision → a :class:`Conflict`, unless both ended
  with the same content: then the histories are joined (the greater revision is kept on both
  sides, so two stores converge without asking anyone).

Nothing is overwritten silently: a conflict waits for a :data:`Resolution` (mine, theirs or
per field).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from curator_desktop.services.exchange.records import MODELS, TABLE_ORDER

if TYPE_CHECKING:
    from curator_desktop.services.exchange.merge.identity import Identity

BOOKKEEPING = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "revision",
        "parent_revision",
        "device_id",
        "deleted_at",
        "search_text",
        "name_key",
        "municipality_key",
    }
)
"""Columns that are not the record's content (``deleted_at`` follows ``deleted``)."""

Choice = Literal["mine", "theirs"]
Resolution = Choice | Mapping[str, Choice]
"""How one conflict ends: all mine, all theirs, or per differing field (unnamed fields: mine)."""
RecordKey = tuple[str, str]
"""(table, record id)."""
History = Mapping[RecordKey, Collection[str]]
ActionKind = Literal["insert", "replace", "keep"]


@dataclass(frozen=True)
class TableCounts:
    """What an import would do to one table."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged + self.deleted + self.conflicts


@dataclass(frozen=True)
class Action:
    """One write: ``insert`` a new record, ``replace`` ours by theirs, or ``keep`` ours.

    ``absorbs`` is a revision the record's history must gain (histories joined when both sides
    ended with the same content); ``local_revision`` is what the store held when planned.
    """

    kind: ActionKind
    table: str
    record_id: str
    incoming: Mapping[str, Any]
    local_revision: str | None = None
    absorbs: str | None = None


@dataclass(frozen=True)
class Conflict:
    """A record changed on both sides since their common revision."""

    table: str
    record_id: str
    local: Mapping[str, Any]
    incoming: Mapping[str, Any]
    fields: tuple[str, ...]

    @property
    def key(self) -> RecordKey:
        return (self.table, self.record_id)


@dataclass(frozen=True)
class Reconciliation:
    """Counts per table (in ``TABLE_ORDER``), the writes, and the conflicts to resolve."""

    counts: Mapping[str, TableCounts]
    actions: tuple[Action, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    identity: Identity | None = None
    """The package's records mapped onto local ones first, and the schools proposed by name
    (:mod:`merge.identity`); ids above are the local ones."""

    @property
    def has_changes(self) -> bool:
        return bool(self.actions or self.conflicts)

    def total(self, kind: str) -> int:
        """The sum of one count (``new``, ``changed``…) over every table."""
        return sum(getattr(counts, kind) for counts in self.counts.values())


@dataclass(frozen=True)
class MissingReference:
    """An incoming record pointing at a record neither the store nor the package holds."""

    table: str
    record_id: str
    column: str
    target_table: str
    target_id: str


@dataclass
class _Tally:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0
    actions: list[Action] = field(default_factory=list)


def history_index(rows: Iterable[Mapping[str, Any]]) -> dict[RecordKey, set[str]]:
    """Change-log rows (``entity``, ``entity_id``, ``revision``) as revisions per record."""
    index: dict[RecordKey, set[str]] = {}
    for row in rows:
        revision = row.get("revision")
        if revision:
            index.setdefault((str(row["entity"]), str(row["entity_id"])), set()).add(revision)
    return index


def record_history(table: str, record: Mapping[str, Any], index: History) -> set[str]:
    """Every revision the record descends from or absorbed, its own included."""
    revisions = set(index.get((table, str(record["id"])), ()))
    revisions.update(r for r in (record.get("parent_revision"), record.get("revision")) if r)
    return revisions


SOFT_FIELDS: dict[str, frozenset[str]] = {
    "*": frozenset({"author_id"}),
    "school_assignment": frozenset(
        {"author_id", "curator_name", "curator_store_id", "assigned_from"}
    ),
}
"""Per table (``*``: any other), the fields in which two independent edits of one record may
differ and still be the same edit: no conflict, the greater revision is kept."""


def content(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without its bookkeeping columns."""
    return {name: value for name, value in record.items() if name not in BOOKKEEPING}


def differing_fields(local: Mapping[str, Any], incoming: Mapping[str, Any]) -> tuple[str, ...]:
    """Content fields whose values differ, in the local record's column order."""
    names = [n for n in local if n not in BOOKKEEPING]
    names += [n for n in incoming if n not in BOOKKEEPING and n not in local]
    return tuple(n for n in names if local.get(n) != incoming.get(n))


def _classify(
    table: str,
    local: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    local_history: History,
    incoming_history: History,
    tally: _Tally,
) -> Conflict | None:
    record_id = str(incoming["id"])
    if local is None:
        tally.new += 1
        tally.actions.append(Action("insert", table, record_id, incoming))
        return None
    mine, theirs = local["revision"], incoming["revision"]
    if mine == theirs or theirs in record_history(table, local, local_history):
        tally.unchanged += 1
        return None
    if mine in record_history(table, incoming, incoming_history):
        if incoming.get("deleted") and not local.get("deleted"):
            tally.deleted += 1
        else:
            tally.changed += 1
        tally.actions.append(Action("replace", table, record_id, incoming, mine))
        return None
    fields = differing_fields(local, incoming)
    if set(fields) <= SOFT_FIELDS.get(table, SOFT_FIELDS["*"]):
        # Both sides made the same edit (who made it and how a name is spelled aside: two
        # curators giving one verdict, an assignment from the list and from the curator's own
        # store): keep the greater revision, join the histories.
        tally.unchanged += 1
        if theirs > mine:
            tally.actions.append(Action("replace", table, record_id, incoming, mine, mine))
        else:
            tally.actions.append(Action("keep", table, record_id, incoming, mine, theirs))
        return None
    tally.conflicts += 1
    return Conflict(table, record_id, local, incoming, fields)


def reconcile(
    local: Mapping[str, Mapping[str, Mapping[str, Any]]],
    local_history: History,
    incoming: Mapping[str, Sequence[Mapping[str, Any]]],
    incoming_history: History,
) -> Reconciliation:
    """The reconciliation for merging ``incoming`` (records per table) into ``local`` (by table and
    id).  ``local`` needs only the records whose ids are in ``incoming``; the histories are
    :func:`history_index` results. Tables are planned in ``TABLE_ORDER`` (parents first).
    """
    counts: dict[str, TableCounts] = {}
    actions: list[Action] = []
    conflicts: list[Conflict] = []
    for table in TABLE_ORDER:
        records = incoming.get(table, ())
        if not records:
            continue
        tally = _Tally()
        mine = local.get(table, {})
        for record in records:
            conflict = _classify(
                table, mine.get(str(record["id"])), record, local_history, incoming_history, tally
            )
            if conflict is not None:
                conflicts.append(conflict)
        counts[table] = TableCounts(
            tally.new, tally.changed, tally.unchanged, tally.deleted, tally.conflicts
        )
        actions.extend(tally.actions)
    return Reconciliation(counts, tuple(actions), tuple(conflicts))


def resolve(conflict: Conflict, resolution: Resolution) -> dict[str, Any]:
    """The content a resolved conflict ends with (``deleted_at`` goes with ``deleted``).

    ``ValueError`` for a choice other than mine/theirs or a field that is not in conflict.
    """
    if isinstance(resolution, str):
        choices = dict.fromkeys(conflict.fields, resolution)
    else:
        unknown = set(resolution) - set(conflict.fields)
        if unknown:
            raise ValueError(f"not in conflict: {', '.join(sorted(unknown))}")
        choices = {name: resolution.get(name, "mine") for name in conflict.fields}
    merged = content(conflict.local)
    for name, choice in choices.items():
        if choice not in ("mine", "theirs"):
            raise ValueError(f"unknown choice {choice!r}")
        if choice == "theirs":
            merged[name] = conflict.incoming.get(name)
    source = conflict.incoming if choices.get("deleted") == "theirs" else conflict.local
    merged["deleted_at"] = source.get("deleted_at")
    return merged


def foreign_keys(table: str) -> dict[str, str]:
    """The table's foreign-key columns and the tables they point to."""
    columns = MODELS[table].__table__.columns  # type: ignore[attr-defined]
    return {
        column.name: next(iter(column.foreign_keys)).column.table.name
        for column in columns
        if column.foreign_keys
    }


def referenced_ids(incoming: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, set[str]]:
    """Every id the incoming records point to, by target table."""
    targets: dict[str, set[str]] = {}
    for table, records in incoming.items():
        for column, target in foreign_keys(table).items():
            for record in records:
                if record.get(column):
                    targets.setdefault(target, set()).add(str(record[column]))
    return targets


def missing_references(
    incoming: Mapping[str, Sequence[Mapping[str, Any]]],
    existing: Mapping[str, Collection[str]],
) -> list[MissingReference]:
    """References to records in neither ``existing`` (ids per table in the store) nor the
    package, in table order."""
    held = {table: {str(r["id"]) for r in records} for table, records in incoming.items()}
    missing: list[MissingReference] = []
    for table in TABLE_ORDER:
        keys = foreign_keys(table)
        for record in incoming.get(table, ()):
            for column, target in keys.items():
                value = record.get(column)
                if not value:
                    continue
                if value in held.get(target, ()) or value in existing.get(target, ()):
                    continue
                missing.append(MissingReference(table, str(record["id"]), column, target, value))
    return missing
