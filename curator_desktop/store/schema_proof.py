"""Proof that a store file holds exactly the schema its Alembic revision defines.

A store's *shape* is read from ``sqlite_master`` and pragmas: each table's columns (type, not
null, default, primary key, hidden), indexes (unique, origin, partial, key columns with order and
collation) and foreign keys, the clauses no pragma shows (CHECK, COLLATE, ON CONFLICT,
AUTOINCREMENT, GENERATED, STRICT, WITHOUT ROWID, VIRTUAL), and every view and trigger. It is
compared with the reference shape of the same revision: the head's is shipped in
``resources/store/schema.json`` (used only when built from today's migration scripts), any other
is built by running the migrations on a temporary file, once per revision and process. Column
order is not compared. ``python -m curator_desktop.store.schema_proof`` writes the shipped file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from curator_desktop.i18n import NP_, _, ngettext, pgettext
from curator_desktop.store.schema import MIGRATIONS_DIR, shipped_revisions

log = logging.getLogger(__name__)

Shape = dict[str, Any]

REFERENCE_FILE = ("store", "schema.json")
CLAUSES = (
    "AUTOINCREMENT",
    "CHECK",
    "COLLATE",
    "CONFLICT",
    "GENERATED",
    "STRICT",
    "VIRTUAL",
    "WITHOUT",
)
SHOWN_PROBLEMS = 8
SHOWN_NAME = 60
SHOWN_SQL = 200
KIND_NAMES: dict[str, tuple[str, str]] = {
    "table": NP_("database object", "table"),
    "index": NP_("database object", "index"),
    "view": NP_("database object", "view"),
    "trigger": NP_("database object", "trigger"),
}
_SKIPPED = re.compile(r"^sqlite_(autoindex_|stat\d)")
"""Read per table (automatic indexes) or not part of any schema (ANALYZE's statistics)."""
_NOT_WORDS = re.compile(
    r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|\[[^\]]*\]|--[^\n]*|/\*.*?(?:\*/|$)", re.S
)
_CLAUSE = re.compile(r"\b(?:" + "|".join(CLAUSES) + r")\b", re.I)
_INNER_LIST = re.compile(r"\[[^\[\]{}]*\]")


# --- reading a shape ----------------------------------------------------------------------------


_ONE_OR_ALL = "WHERE m.type = 'table' AND (?1 IS NULL OR m.name = ?1)"
_COLUMNS = (
    'SELECT m.name, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden '
    f"FROM sqlite_master AS m, pragma_table_xinfo(m.name) AS c {_ONE_OR_ALL}"
)
_INDEXES = (
    'SELECT m.name, i.name, i."unique", i.origin, i.partial, x.name, x.desc, x.coll, x.key '
    "FROM sqlite_master AS m, pragma_index_list(m.name) AS i, pragma_index_xinfo(i.name) AS x "
    f"{_ONE_OR_ALL} ORDER BY m.name, i.name, x.seqno"
)
_KEYS = (
    'SELECT m.name, f.id, f."table", f."from", f."to", f.on_update, f.on_delete, f."match" '
    f"FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f {_ONE_OR_ALL} "
    "ORDER BY m.name, f.id, f.seq"
)


def read_shape(connection: sqlite3.Connection) -> Shape:
    """The shape of the schema ``connection`` holds (plain lists and dicts, as JSON keeps it).

    Raises :class:`sqlite3.DatabaseError` when the file cannot be read.
    """
    sql_of: dict[str, str] = {}
    others: dict[str, list[str]] = {}
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        name = str(name)
        if _SKIPPED.match(name):
            continue
        if kind == "table":
            sql_of[name] = str(sql or "")
        elif kind != "index":  # indexes are read with their table
            others[name] = [str(kind), str(table), " ".join(str(sql or "").split())]
    try:  # every table at once: a few ms for the whole store
        read = _read_tables(connection, None)
    except sqlite3.DatabaseError:  # one table cannot be read (a virtual table's module…)
        read = {}
        for name in sql_of:
            try:
                read |= _read_tables(connection, name)
            except sqlite3.DatabaseError as exc:
                read[name] = {"unreadable": str(exc)}
    tables: dict[str, Shape] = {}
    for name, sql in sql_of.items():
        shape = read.get(name) or {"columns": {}, "indexes": {}, "foreign_keys": {}}
        if "unreadable" not in shape:
            words = [word.upper() for word in _CLAUSE.findall(_NOT_WORDS.sub(" ", sql))]
            shape["foreign_keys"] = sorted(shape["foreign_keys"].values(), key=json.dumps)
            shape["clauses"] = {word: words.count(word) for word in sorted(set(words))}
        tables[name] = shape
    return {"tables": tables, "others": others}


def _read_tables(connection: sqlite3.Connection, only: str | None) -> dict[str, Shape]:
    """Columns, indexes and foreign keys of every table (or of the table ``only``)."""
    shapes: dict[str, Shape] = {}

    def shape(table: str) -> Shape:
        if table not in shapes:
            shapes[table] = {"columns": {}, "indexes": {}, "foreign_keys": {}}
        return shapes[table]

    for table, name, kind, notnull, default, pk, hidden in connection.execute(_COLUMNS, (only,)):
        kind = " ".join(str(kind).upper().split())
        shape(table)["columns"][name] = [kind, notnull, default, pk, hidden]
    for table, index, unique, origin, partial, *key in connection.execute(_INDEXES, (only,)):
        entry = shape(table)["indexes"].setdefault(index, [unique, origin, partial, []])
        column, desc, coll, is_key = key
        if is_key:
            entry[3].append([column, desc, coll])
    for table, fk_id, parent, column, target, on_update, on_delete, match in connection.execute(
        _KEYS, (only,)
    ):
        foreign_key = shape(table)["foreign_keys"].setdefault(
            fk_id, [parent, [], on_update, on_delete, match]
        )
        foreign_key[1].append([column, target])
    return shapes


# --- the reference ------------------------------------------------------------------------------


def scripts_digest(versions_dir: Path = MIGRATIONS_DIR / "versions") -> str:
    """A digest of the migration scripts (their text, whatever the line endings)."""
    digest = hashlib.sha256()
    for script in sorted(versions_dir.glob("*.py")):
        text = script.read_text(encoding="utf-8").replace("\r\n", "\n")
        digest.update(f"{script.name}\n{len(text)}\n{text}".encode())
    return digest.hexdigest()


def build_reference(revision: str) -> Shape:
    """The shape the migrations build up to ``revision`` (on a temporary file; ≈1 s)."""
    import tempfile

    from curator_desktop.store.schema import upgrade

    with tempfile.TemporaryDirectory(prefix="curator-schema-") as folder:
        path = Path(folder) / "reference.sqlite3"
        upgrade(path, target=revision)
        connection = sqlite3.connect(path)
        try:
            return read_shape(connection)
        finally:
            connection.close()


def _reference_path() -> Path:
    from curator_desktop.paths import resource

    return resource(*REFERENCE_FILE)


def shipped_reference() -> Shape | None:
    """The head's shape from the shipped file, or None when it is missing or was built from
    other migration scripts than today's."""
    try:
        data = json.loads(_reference_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("revision") != shipped_revisions().head:
        return None
    return data.get("shape") if data.get("scripts") == scripts_digest() else None


@cache
def reference_shape(revision: str) -> Shape:
    """The shape ``revision`` defines: shipped for the head when current, else built."""
    if revision == shipped_revisions().head:
        shipped = shipped_reference()
        if shipped is not None:
            return shipped
        log.warning("The shipped store schema is stale; building the reference from migrations")
    return build_reference(revision)


def write_reference(target: Path | None = None) -> Path:
    """Write the head's shape (with the scripts' digest) to ``resources/store/schema.json``."""
    path = target or _reference_path()
    head = shipped_revisions().head
    data = {"revision": head, "scripts": scripts_digest(), "shape": build_reference(head)}
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for _depth in range(3):  # lists on one line each: a column, an index, a foreign key
        text = _INNER_LIST.sub(_one_line, text)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _one_line(match: re.Match[str]) -> str:
    try:
        return json.dumps(json.loads(match.group()), ensure_ascii=False)
    except ValueError:  # brackets inside a string: leave the text as it is
        return match.group()


# --- the proof ----------------------------------------------------------------------------------


def schema_problems(connection: sqlite3.Connection, revision: str) -> list[str]:
    """What makes the schema in ``connection`` differ from ``revision``'s; empty when exact."""
    found = read_shape(connection)
    problems = compare_shapes(found, reference_shape(revision))
    if "alembic_version" in found["tables"] and not problems:
        (rows,) = connection.execute("SELECT count(*) FROM alembic_version").fetchone()
        if rows != 1:
            problems.append(_("table alembic_version must hold exactly one row"))
    return problems


def store_problems(connection: sqlite3.Connection, revision: str) -> tuple[list[str], list[str]]:
    """``(schema differences, rows pointing at missing rows)``; the foreign keys are checked
    only on a schema proven exact. Raises :class:`sqlite3.DatabaseError` on an unreadable file."""
    problems = schema_problems(connection, revision)
    return problems, [] if problems else foreign_key_problems(connection)


def foreign_key_problems(connection: sqlite3.Connection) -> list[str]:
    """One message per (table, parent) pair with rows whose foreign key points nowhere."""
    orphans: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fkid in connection.execute("PRAGMA foreign_key_check"):
        orphans[(table, parent)] = orphans.get((table, parent), 0) + 1
    return [
        ngettext(
            "{count} row in {table} refers to a missing row in {parent}.",
            "{count} rows in {table} refer to missing rows in {parent}.",
            count,
        ).format(count=count, table=table, parent=parent)
        for (table, parent), count in sorted(orphans.items())
    ]


def summary(problems: list[str]) -> str:
    """The first problems on one line, then how many more there are."""
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    rest = len(problems) - SHOWN_PROBLEMS
    if rest > 0:
        more = ngettext("and {count} more difference", "and {count} more differences", rest)
        shown += "; " + more.format(count=rest)
    return shown


def compare_shapes(found: Shape, expected: Shape) -> list[str]:
    """Every difference between two shapes, named for the user (missing objects first)."""
    problems: list[str] = []
    tables, others = found["tables"], found["others"]
    want_tables, want_others = expected["tables"], expected["others"]
    objects = {("table", name) for name in tables} | {(o[0], n) for n, o in others.items()}
    wanted = {("table", n) for n in want_tables} | {(o[0], n) for n, o in want_others.items()}
    problems.extend(_missing(kind, name) for kind, name in sorted(wanted - objects))
    problems.extend(_extra(kind, name) for kind, name in sorted(objects - wanted))
    for name in sorted(tables.keys() & want_tables.keys()):
        problems.extend(_table_problems(name, tables[name], want_tables[name]))
    for name in sorted(others.keys() & want_others.keys()):
        kind = others[name][0]
        if kind == want_others[name][0] and others[name] != want_others[name]:
            problems.append(_differs(kind, name))
    return problems


def _table_problems(table: str, found: Shape, expected: Shape) -> list[str]:
    if "unreadable" in found:
        return [_differs("table", table)]
    problems: list[str] = []
    columns, want = found["columns"], expected["columns"]
    for column in sorted(want.keys() - columns.keys()):
        problems.append(
            _("table {table}: column {column} is missing").format(
                table=_shown(table), column=_shown(column)
            )
        )
    for column in sorted(columns.keys() - want.keys()):
        problems.append(
            _("table {table}: column {column} is not part of the schema").format(
                table=_shown(table), column=_shown(column)
            )
        )
    for column in sorted(columns.keys() & want.keys()):
        if columns[column] != want[column]:
            problems.append(
                _("table {table}: column {column} is {found} instead of {expected}").format(
                    table=_shown(table),
                    column=_shown(column),
                    found=_shown(_column_sql(columns[column]), SHOWN_SQL),
                    expected=_shown(_column_sql(want[column]), SHOWN_SQL),
                )
            )
    indexes, want = found["indexes"], expected["indexes"]
    problems.extend(_missing("index", name) for name in sorted(want.keys() - indexes.keys()))
    problems.extend(_extra("index", name) for name in sorted(indexes.keys() - want.keys()))
    for name in sorted(indexes.keys() & want.keys()):
        if indexes[name] != want[name]:
            problems.append(
                _("index {name} is {found} instead of {expected}").format(
                    name=_shown(name),
                    found=_shown(_index_sql(indexes[name]), SHOWN_SQL),
                    expected=_shown(_index_sql(want[name]), SHOWN_SQL),
                )
            )
    if found["foreign_keys"] != expected["foreign_keys"]:
        problems.append(
            _("table {table}: its foreign keys differ from the schema").format(table=_shown(table))
        )
    if found["clauses"] != expected["clauses"]:
        clauses = sorted(set(found["clauses"].items()) ^ set(expected["clauses"].items()))
        problems.append(
            _("table {table}: its definition differs from the schema ({clauses})").format(
                table=_shown(table), clauses=", ".join(sorted({word for word, _count in clauses}))
            )
        )
    return problems


def _kind(kind: str) -> str:
    return pgettext(*KIND_NAMES[kind]) if kind in KIND_NAMES else _shown(kind)


def _shown(name: object, limit: int = SHOWN_NAME) -> str:
    """Text from the file as a message quotes it: printable, at most ``limit`` characters."""
    text = str(name)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _missing(kind: str, name: str) -> str:
    return _("{kind} {name} is missing").format(kind=_kind(kind), name=_shown(name))


def _extra(kind: str, name: str) -> str:
    return _("{kind} {name} is not part of the schema").format(kind=_kind(kind), name=_shown(name))


def _differs(kind: str, name: str) -> str:
    return _("{kind} {name} differs from the schema").format(kind=_kind(kind), name=_shown(name))


def _column_sql(column: list[Any]) -> str:
    kind, notnull, default, pk, hidden = column
    parts = [kind or "ANY"]
    parts += ["NOT NULL"] if notnull else []
    parts += [f"DEFAULT {default}"] if default is not None else []
    parts += ["PRIMARY KEY"] if pk else []
    parts += ["HIDDEN"] if hidden else []
    return " ".join(parts)


def _index_sql(index: list[Any]) -> str:
    unique, _origin, partial, keys = index
    columns = ", ".join(
        " ".join(
            [str(name or "(…)")]
            + (["DESC"] if desc else [])
            + ([f"COLLATE {coll}"] if coll != "BINARY" else [])
        )
        for name, desc, coll in keys
    )
    return ("UNIQUE " if unique else "") + f"({columns})" + (" WHERE …" if partial else "")


if __name__ == "__main__":  # pragma: no cover - a maintainer's command after a new migration
    print(write_reference())
