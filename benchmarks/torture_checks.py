"""What the torture harness reads from a data folder after a kill (``sqlite3`` only, no app code).

* :func:`integrity` — ``PRAGMA integrity_check`` of the store file.
* :func:`picture` — every table's columns and rows, to compare a folder with the state before the
  operation and with the result of a clean run. :func:`volatile_columns` learns from two clean runs
  which columns differ from run to run (times, revisions, random ids), and :func:`digest` leaves
  them out, so two pictures compare equal when they hold the same records.
* :func:`unlogged_rows` — tracked rows whose revision is not in ``change_log``: a record written
  without its history (the write and its log go in one transaction).
* :func:`missing_attachments` — attachment rows whose file is absent or does not match its SHA-256.
* :func:`leftovers` — temporary files a killed writer left (``*.part*``, ``*.tmp``).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

STORE_NAME = "curator.sqlite3"
ALWAYS_VOLATILE = frozenset({"created_at", "updated_at", "revision", "parent_revision", "at"})
"""Columns that differ between two runs of the same operation whatever the data: when a row was
written, and its revision (a fresh random id per write)."""


@dataclass
class Picture:
    """The tables of one store file: ``{table: (columns, rows)}``, or ``error`` when the file
    could not be read as a database."""

    tables: dict[str, tuple[tuple[str, ...], list[tuple]]] = field(default_factory=dict)
    error: str = ""


def _connect(store: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(store, timeout=30, isolation_level=None)
    connection.text_factory = lambda raw: raw.decode("utf-8", "backslashreplace")
    return connection


def integrity(store: Path) -> str:
    """``ok``, or what ``PRAGMA integrity_check`` (or opening the file) reported."""
    try:
        with closing(_connect(store)) as connection:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as exc:
        return f"{type(exc).__name__}: {exc}"
    text = "; ".join(str(row[0]) for row in rows)
    return text or "no answer"


def revision(store: Path) -> str | None:
    """The schema revision in ``alembic_version`` (None: no store, or none recorded)."""
    if not store.is_file():
        return None
    try:
        with closing(_connect(store)) as connection:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def picture(store: Path) -> Picture | None:
    """Every table of ``store`` (``sqlite_*`` aside), or None when there is no store file."""
    if not store.is_file():
        return None
    result = Picture()
    try:
        with closing(_connect(store)) as connection:
            names = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            for name in names:
                quoted = '"' + name.replace('"', '""') + '"'
                cursor = connection.execute(f"SELECT * FROM {quoted}")
                columns = tuple(column[0] for column in cursor.description)
                result.tables[name] = (columns, cursor.fetchall())
    except sqlite3.Error as exc:
        result.error = f"{type(exc).__name__}: {exc}"
    return result


def _column(rows: list[tuple], index: int) -> list[str]:
    return sorted(repr(row[index]) for row in rows)


def volatile_columns(first: Picture, second: Picture) -> dict[str, frozenset[str]]:
    """Per table, the columns whose values differ between two clean runs of one operation (and
    those that always do): these are left out when pictures are compared."""
    volatile: dict[str, frozenset[str]] = {}
    for table in first.tables.keys() | second.tables.keys():
        columns_a, rows_a = first.tables.get(table, ((), []))
        columns_b, rows_b = second.tables.get(table, ((), []))
        if columns_a != columns_b:  # not the same table in both: compare row counts only
            volatile[table] = frozenset(columns_a) | frozenset(columns_b)
            continue
        differing = {
            name
            for index, name in enumerate(columns_a)
            if name in ALWAYS_VOLATILE or _column(rows_a, index) != _column(rows_b, index)
        }
        volatile[table] = frozenset(differing)
    return volatile


def digest(
    shot: Picture | None,
    volatile: Mapping[str, frozenset[str]],
    *,
    skip: Iterable[str] = (),
) -> dict[str, tuple[int, str]] | None:
    """Per table: its row count and a hash of its rows without the volatile columns (tables in
    ``skip`` left out); None for no store; ``{"!error": …}`` for a file that is no database."""
    if shot is None:
        return None
    if shot.error:
        return {"!error": (0, shot.error)}
    skipped = set(skip)
    result: dict[str, tuple[int, str]] = {}
    for table, (columns, rows) in shot.tables.items():
        if table in skipped:
            continue
        drop = volatile.get(table, frozenset(ALWAYS_VOLATILE))
        keep = [index for index, name in enumerate(columns) if name not in drop]
        projected = sorted(repr(tuple(row[i] for i in keep)) for row in rows)
        names = ",".join(columns[i] for i in keep)
        hashed = hashlib.sha256("\n".join([names, *projected]).encode("utf-8", "replace"))
        result[table] = (len(rows), hashed.hexdigest()[:16])
    return result


def differences(
    found: dict[str, tuple[int, str]] | None, expected: dict[str, tuple[int, str]] | None
) -> list[str]:
    """Which tables differ (with their row counts), for a report line."""
    if found is None or expected is None:
        return [] if found == expected else [f"store {'missing' if found is None else 'present'}"]
    names = sorted(found.keys() | expected.keys())
    return [
        f"{name} {found.get(name, ('-',))[0]}≠{expected.get(name, ('-',))[0]}"
        for name in names
        if found.get(name) != expected.get(name)
    ]


def unlogged_rows(store: Path) -> int:
    """Rows of tracked tables whose current revision has no ``change_log`` row (-1: unreadable)."""
    if not store.is_file():
        return 0
    try:
        with closing(_connect(store)) as connection:
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'change_log'"
                )
            ]
            logged = {row[1] for row in connection.execute("PRAGMA table_info(change_log)")}
            if not {"entity", "entity_id", "revision"} <= logged:
                return 0
            total = 0
            for table in tables:
                columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
                if not {"id", "revision"} <= columns:
                    continue
                total += connection.execute(
                    f'SELECT count(*) FROM "{table}" AS t WHERE NOT EXISTS (SELECT 1 FROM '
                    "change_log AS c WHERE c.entity = ? AND c.entity_id = t.id "
                    "AND c.revision = t.revision)",
                    (table,),
                ).fetchone()[0]
            return total
    except sqlite3.Error:
        return -1


def missing_attachments(data_dir: Path) -> list[str]:
    """The SHA-256 of every live attachment whose file is missing or damaged."""
    store = data_dir / STORE_NAME
    if not store.is_file():
        return []
    try:
        with closing(_connect(store)) as connection:
            has_table = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachment'"
            ).fetchone()
            if not has_table:
                return []
            wanted = {row[0] for row in connection.execute(
                "SELECT sha256 FROM attachment WHERE deleted = 0"
            )}  # fmt: skip
    except sqlite3.Error:
        return ["(store unreadable)"]
    missing = []
    for sha in sorted(wanted):
        path = data_dir / "attachments" / sha[:2] / sha
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            missing.append(sha)
    return missing


def leftovers(data_dir: Path) -> list[str]:
    """Temporary files in the data folder: ``*.part``, ``*.part-*`` and ``*.tmp``."""
    if not data_dir.is_dir():
        return []
    return sorted(
        str(path.relative_to(data_dir))
        for path in data_dir.rglob("*")
        if path.is_file() and (".part" in path.name or path.name.endswith(".tmp"))
    )


def answers_of(store: Path, visit_id: str) -> dict[str, tuple[object, str]]:
    """The visit's checklist answers (the visit's own, not lessons'): key → (value, comment)."""
    with closing(_connect(store)) as connection:
        rows = connection.execute(
            "SELECT item_key, value, comment FROM checklist_answer "
            "WHERE visit_id = ? AND lesson_id IS NULL AND deleted = 0",
            (visit_id,),
        ).fetchall()
    return {key: (_json(value), comment or "") for key, value, comment in rows}


def _json(value: object) -> object:
    """A JSON column's value (SQLite keeps a JSON number as a number: NUMERIC affinity)."""
    import json

    return json.loads(value) if isinstance(value, str | bytes) else value


def visit_status(store: Path, visit_id: str) -> str:
    with closing(_connect(store)) as connection:
        row = connection.execute("SELECT status FROM visit WHERE id = ?", (visit_id,)).fetchone()
    return row[0] if row else ""
