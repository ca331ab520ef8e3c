"""A read-only health check of a store file: integrity, foreign keys, schema version, row counts.

The schema must be exactly the one its revision defines (:mod:`.schema_proof`): a trigger, a
view, a missing or extra table, column or index is a problem naming the object. Nothing here
writes to the store, and a missing, foreign or damaged file is reported as a problem in the
result rather than raised, so the CLI and the UI can always show an answer.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from curator_desktop.i18n import N_, _
from curator_desktop.store.schema import SchemaState, shipped_revisions
from curator_desktop.store.schema_proof import foreign_key_problems, store_problems, summary

log = logging.getLogger(__name__)

STATE_NAMES: dict[SchemaState, str] = {
    SchemaState.MISSING: N_("missing"),
    SchemaState.CURRENT: N_("current"),
    SchemaState.OUTDATED: N_("outdated, will be upgraded"),
    SchemaState.TOO_NEW: N_("newer than this application"),
}


@dataclass
class StoreCheck:
    """What :func:`check_store` found; ``ok`` is true only when ``problems`` is empty."""

    ok: bool
    integrity: str
    schema_revision: str | None
    schema_state: SchemaState
    head_revision: str
    table_counts: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _classify(revision: str | None) -> SchemaState:
    chain = shipped_revisions().chain
    if revision is None:
        return SchemaState.MISSING
    if revision == chain[-1]:
        return SchemaState.CURRENT
    return SchemaState.OUTDATED if revision in chain else SchemaState.TOO_NEW


def _read_revision(connection: sqlite3.Connection) -> str | None:
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def check_store(store_file: Path) -> StoreCheck:
    """Check ``store_file`` read-only and report what was found (never raises for bad files)."""
    check = StoreCheck(
        ok=False,
        integrity="",
        schema_revision=None,
        schema_state=SchemaState.MISSING,
        head_revision=shipped_revisions().head,
    )
    if not store_file.is_file():
        check.problems.append(_("The store file {path} does not exist.").format(path=store_file))
        return check
    try:
        connection = sqlite3.connect(f"{store_file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        check.problems.append(
            _("The store file {path} could not be opened: {error}").format(
                path=store_file, error=exc
            )
        )
        return check
    try:
        _inspect(connection, store_file, check)
    finally:
        connection.close()
    check.ok = not check.problems
    return check


def _inspect(connection: sqlite3.Connection, store_file: Path, check: StoreCheck) -> None:
    damaged = _("The file {path} is not a Curator Desktop store or is damaged.").format(
        path=store_file
    )
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        check.integrity = "\n".join(str(row[0]) for row in rows)
    except sqlite3.DatabaseError as exc:
        log.warning("Integrity check of %s failed: %s", store_file, exc)
        check.integrity = str(exc)
        check.problems.append(damaged)
        return
    if check.integrity != "ok":
        check.problems.append(
            _("The integrity check of {path} found damage.").format(path=store_file)
        )
    try:
        check.schema_revision = _read_revision(connection)
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            )
        ]
        for table in tables:
            (count,) = connection.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()
            check.table_counts.append((table, int(count)))
    except sqlite3.DatabaseError as exc:
        log.warning("Reading %s failed: %s", store_file, exc)
        if damaged not in check.problems:
            check.problems.append(damaged)
    check.schema_state = _classify(check.schema_revision)
    if check.schema_state is SchemaState.MISSING:
        check.problems.append(
            _("The file {path} has no schema version: it is not a Curator Desktop store.").format(
                path=store_file
            )
        )
    elif check.schema_state is SchemaState.TOO_NEW:
        check.problems.append(
            _("The store was written by a newer version of Curator Desktop ({revision}).").format(
                revision=check.schema_revision
            )
        )
    _prove(connection, store_file, check)


def _prove(connection: sqlite3.Connection, store_file: Path, check: StoreCheck) -> None:
    """The schema must be exactly its revision's, and no row may point at a missing one."""
    revision = check.schema_revision
    try:
        if revision and check.schema_state in (SchemaState.CURRENT, SchemaState.OUTDATED):
            differences, orphans = store_problems(connection, revision)
        else:
            differences, orphans = [], foreign_key_problems(connection)
    except sqlite3.DatabaseError as exc:
        log.warning("Proving the schema of %s failed: %s", store_file, exc)
        damaged = _("The file {path} is not a Curator Desktop store or is damaged.")
        if damaged.format(path=store_file) not in check.problems:
            check.problems.append(damaged.format(path=store_file))
        return
    if differences:
        check.problems.append(
            _("The store's schema differs from schema {revision}: {problems}").format(
                revision=revision, problems=summary(differences)
            )
        )
    check.problems.extend(orphans)


def format_check(check: StoreCheck) -> list[str]:
    """The lines the CLI prints: integrity, schema, then one ``table: rows`` line per table."""
    integrity = check.integrity.replace("\n", "; ") if check.integrity else _("not checked")
    lines = [_("integrity: {result}").format(result=integrity)]
    if check.schema_revision is None:
        lines.append(_("schema: none (head {head})").format(head=check.head_revision))
    else:
        lines.append(
            _("schema {revision} ({state})").format(
                revision=check.schema_revision, state=_(STATE_NAMES[check.schema_state])
            )
        )
    lines.extend(f"{table}: {count}" for table, count in check.table_counts)
    return lines
