"""Hostile edits of a store file, as an attacker or a careless tool would make them (issue #18)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

TAMPERINGS: dict[str, tuple[list[str], str]] = {
    "trigger": (
        ["CREATE TRIGGER t AFTER INSERT ON change_log BEGIN DELETE FROM visit_finding; END"],
        "trigger t",
    ),
    "view hiding school": (
        [
            "ALTER TABLE school RENAME TO school_real",
            "CREATE VIEW school AS SELECT * FROM school_real WHERE 0",
        ],
        "school",
    ),
    "dropped table": (["DROP TABLE visit_finding"], "table visit_finding"),
    "extra table": (["CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"], "table notes"),
    "extra index": (["CREATE INDEX ix_spy ON school (inn, full_name)"], "index ix_spy"),
    "dropped index": (["DROP INDEX ix_school_inn"], "index ix_school_inn"),
    "extra column": (["ALTER TABLE school ADD COLUMN spy TEXT"], "spy"),
    "changed column": (
        [
            "CREATE TABLE tmp (entity VARCHAR(64) NOT NULL, entity_id INTEGER NOT NULL, "
            "at DATETIME NOT NULL, PRIMARY KEY (entity, entity_id))",
            "DROP TABLE receipt",
            "ALTER TABLE tmp RENAME TO receipt",
            "CREATE INDEX ix_receipt_at ON receipt (at)",
        ],
        "entity_id",
    ),
    "replace on conflict": (
        [
            "CREATE TABLE tmp (key VARCHAR(64) NOT NULL, value VARCHAR NOT NULL, "
            "PRIMARY KEY (key) ON CONFLICT REPLACE)",
            "INSERT INTO tmp SELECT * FROM store_meta",
            "DROP TABLE store_meta",
            "ALTER TABLE tmp RENAME TO store_meta",
        ],
        "store_meta",
    ),
    "check constraint": (
        [
            "CREATE TABLE tmp (key VARCHAR(64) NOT NULL, value VARCHAR NOT NULL CHECK (0), "
            "PRIMARY KEY (key))",
            "DROP TABLE store_meta",
            "ALTER TABLE tmp RENAME TO store_meta",
        ],
        "store_meta",
    ),
    "two schema versions": (
        ["INSERT INTO alembic_version VALUES ('0001_initial')"],
        "alembic_version",
    ),
}


def tamper(path: Path, statements: list[str]) -> None:
    """Run ``statements`` on the file as a hostile editor would (foreign keys off)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()
