"""Shared fixtures: Qt offscreen, every directory in tmp_path, one migrated store per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
_SHARED_ROADMAPS = ROOT.parent / "shared" / "roadmaps"
ROADMAPS = (
    _SHARED_ROADMAPS if _SHARED_ROADMAPS.is_dir() else ROOT / "tests" / "fixtures" / "roadmaps"
)
"""The real regional roadmaps: ../shared/roadmaps beside the project, else the verbatim copy kept
in tests/fixtures/roadmaps for a checkout that stands alone."""


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point data, config and cache directories at the test's own folder; English messages."""
    from curator_desktop.i18n import set_language

    data = tmp_path / "data"
    monkeypatch.setenv("CURATOR_DATA_DIR", str(data))
    monkeypatch.setenv("CURATOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CURATOR_CACHE_DIR", str(tmp_path / "cache"))
    set_language("en")
    yield data
    set_language("en")


@pytest.fixture(scope="session")
def migrated_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store migrated to head, built once; tests copy it."""
    from curator_desktop.store import schema

    path = tmp_path_factory.mktemp("template") / "curator.sqlite3"
    schema.upgrade(path)
    return path


@pytest.fixture
def store_file(tmp_path: Path, migrated_store_template: Path) -> Path:
    """A fresh copy of the migrated store in the test's data directory."""
    target = tmp_path / "data" / "curator.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(migrated_store_template, target)
    return target


@pytest.fixture
def database(store_file: Path):
    """A Database on a fresh migrated store."""
    from curator_desktop.store.database import Database

    db = Database(store_file, device_id="test-device")
    yield db
    db.close()


def insert_raw(store: Path, table: str, **values: object) -> None:
    """Insert a row with plain SQL into whatever schema the file has (old revisions included).

    NOT NULL columns without a value get an empty value of their type, so a test can build a
    store at an old revision with data without the current models.
    """
    import sqlite3

    with sqlite3.connect(store) as connection:
        columns = connection.execute(f"PRAGMA table_info({table})").fetchall()
        row = dict(values)
        for _cid, name, kind, notnull, default, _pk in columns:
            if name in row or not notnull or default is not None:
                continue
            kind = kind.upper()
            if name in ("created_at", "updated_at"):
                row[name] = "2026-01-01 00:00:00.000000"
            elif "INT" in kind or "BOOL" in kind:
                row[name] = 0
            elif kind == "JSON":
                row[name] = "[]"
            else:
                row[name] = ""
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        connection.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def add_later_columns(store: Path) -> None:
    """Give a store at an old revision the columns later revisions add (nullable, no data) and
    their indexes, so that a test can fill it with today's models; the later migrations find
    them and skip them, leaving the schema those migrations build (``db check`` proves it).

    Only for tests whose subject is an older migration's data, not the columns themselves.
    """
    import sqlite3

    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import curator_desktop.store.tables  # noqa: F401 (the tables' metadata)

    engine = create_engine(f"sqlite:///{store}")
    try:  # later tables whole (with their indexes): the demo writes to them too
        SQLModel.metadata.create_all(engine, checkfirst=True)
    finally:
        engine.dispose()
    with sqlite3.connect(store) as connection:
        for table in SQLModel.metadata.sorted_tables:
            have = {row[1] for row in connection.execute(f"PRAGMA table_info({table.name})")}
            if not have:
                continue
            added = {column.name for column in table.columns} - have
            for column in table.columns:
                if column.name in added:
                    kind = column.type.compile(dialect=connection_dialect())
                    connection.execute(
                        f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind} "
                        + ("NOT NULL DEFAULT ''" if not column.nullable else "")
                    )
            for index in table.indexes:
                if added & {column.name for column in index.columns}:
                    columns = ", ".join(column.name for column in index.columns)
                    connection.execute(
                        f"CREATE INDEX IF NOT EXISTS {index.name} ON {table.name} ({columns})"
                    )


def connection_dialect() -> object:
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect()
