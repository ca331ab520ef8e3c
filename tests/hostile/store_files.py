"""Hostile checklist templates and risk catalogs (JSON), and hostile backups (SQLite files).

Templates and catalogs start from the built-in ones in ``resources/`` under a new key (a
coordinator's file); the hostile ones nest 100,000 levels deep, are a gigabyte (sparse), hold
numbers of 41 digits or ``NaN``, or have every field of the wrong type. Backups start from a
real store (``init``) and are edited the way an attacker or a careless tool would: a trigger that
deletes findings on every import, a view hiding the schools, a dropped table, a record pointing
at a missing one, a newer schema revision, another page size, a cut-off or foreign file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from .office_files import noise, sparse

ROOT = Path(__file__).resolve().parents[2]
GB = 1024**3


def _template() -> dict[str, Any]:
    data = json.loads((ROOT / "resources" / "checklists" / "planned-visit.json").read_text("utf-8"))
    data["id"], data["version"] = "hostile-control", 1
    return data


def _catalog() -> dict[str, Any]:
    data = json.loads((ROOT / "resources" / "catalogs" / "risk_factors.json").read_text("utf-8"))
    data["catalog_key"], data["version"] = "hostile-control", "2026.1"
    data.pop("source", None)
    return data


def _write(target: Path, data: Any) -> Path:
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


def _deep(key: str) -> bytes:
    return ('{"' + key + '": ' + "[" * 100_000 + "]" * 100_000 + "}").encode()


def template_control(target: Path) -> Path:
    return _write(target, _template())


def template_deep(target: Path) -> Path:
    target.write_bytes(_deep("sections"))
    return target


def template_huge(target: Path) -> Path:
    return sparse(target, b'{"format": 1, "id": "', GB)


def template_noise(target: Path) -> Path:
    return noise(target)


def template_wrong_types(target: Path) -> Path:
    return _write(target, {"format": "один", "id": 7, "version": [], "title": 3, "sections": "нет"})


def template_big_number(target: Path) -> Path:
    data = _template()
    data["version"] = 10**40
    return _write(target, data)


def template_nan(target: Path) -> Path:
    target.write_text(
        json.dumps(_template(), ensure_ascii=False).replace('"version": 1', '"version": NaN')
    )
    return target


def catalog_control(target: Path) -> Path:
    return _write(target, _catalog())


def catalog_deep(target: Path) -> Path:
    target.write_bytes(_deep("factors"))
    return target


def catalog_huge(target: Path) -> Path:
    return sparse(target, b'{"format": 1, "catalog_key": "', GB)


def catalog_wrong_types(target: Path) -> Path:
    return _write(target, {"format": 1, "catalog_key": 5, "version": None, "factors": {"R01": 1}})


def catalog_big_number(target: Path) -> Path:
    data = _catalog()
    data["max_active_directions"] = 10**40
    data["factors"][0]["year_from"] = -(10**40)
    return _write(target, data)


def catalog_nan(target: Path) -> Path:
    data = _catalog()
    data["max_active_directions"] = "@@NAN@@"
    text = json.dumps(data, ensure_ascii=False).replace('"@@NAN@@"', "Infinity")
    target.write_text(text, encoding="utf-8")
    return target


# --- backups ------------------------------------------------------------------------------


def _backup(store: Path, target: Path, *statements: str) -> Path:
    """A copy of the (closed) store ``store`` with ``statements`` run on it, foreign keys off."""
    shutil.copy2(store, target)
    with closing(sqlite3.connect(target, isolation_level=None)) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    return target


def backup_control(store: Path, target: Path) -> Path:
    return _backup(store, target)


def backup_trigger(store: Path, target: Path) -> Path:
    return _backup(
        store,
        target,
        "CREATE TRIGGER wipe AFTER INSERT ON change_log BEGIN DELETE FROM visit_finding; END",
    )


def backup_view(store: Path, target: Path) -> Path:
    return _backup(
        store,
        target,
        "ALTER TABLE school RENAME TO school_real",
        "CREATE VIEW school AS SELECT * FROM school_real WHERE 0",
    )


def backup_dropped_table(store: Path, target: Path) -> Path:
    return _backup(store, target, "DROP TABLE visit_finding")


def backup_orphan(store: Path, target: Path) -> Path:
    """A visit of a school that is not there."""
    with closing(sqlite3.connect(store)) as connection:
        columns = connection.execute("PRAGMA table_info(visit)").fetchall()
    values: dict[str, Any] = {
        "id": "0b0e0a0d-0000-4000-8000-000000000001",
        "school_id": "нет-такой",
    }
    for _cid, name, kind, notnull, default, _pk in columns:
        if name in values or not notnull or default is not None:
            continue
        kind = (kind or "").upper()
        if name in ("created_at", "updated_at"):
            values[name] = "2026-01-15 09:00:00.000000"
        else:
            values[name] = (
                0 if ("INT" in kind or "BOOL" in kind) else ("{}" if kind == "JSON" else "x")
            )
    names = ", ".join(values)
    quoted = ", ".join("'" + str(value).replace("'", "''") + "'" for value in values.values())
    return _backup(store, target, f"INSERT INTO visit ({names}) VALUES ({quoted})")


def backup_newer(store: Path, target: Path) -> Path:
    return _backup(store, target, "UPDATE alembic_version SET version_num = '9999_from_the_future'")


def backup_page_size(store: Path, target: Path) -> Path:
    """The same store with 1 KiB pages instead of 4 KiB (a valid SQLite file)."""
    _backup(store, target)
    with closing(sqlite3.connect(target, isolation_level=None)) as connection:
        connection.execute("PRAGMA page_size = 1024")
        connection.execute("VACUUM")
        assert connection.execute("PRAGMA page_size").fetchone()[0] == 1024
    return target


def backup_truncated(store: Path, target: Path) -> Path:
    _backup(store, target)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def backup_noise(store: Path, target: Path) -> Path:
    return noise(target)
