"""``db repair-twins [--dry-run]``: a store holding a school twice (as the previous version could
leave it) is listed without a change, then repaired after a backup; in English and Russian."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator_desktop.cli.parser import main
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, Visit, new_id


@pytest.fixture
def twin_store(tmp_path: Path) -> tuple[Path, str, str]:
    """The demo store with its first school held twice, a visit on the twin; (folder, ИНН,
    twin id)."""
    data = tmp_path / "store"
    assert main(["demo", "create", "--data-dir", str(data), "--lang", "en"]) == 0
    db = Database(data / "curator.sqlite3", device_id="dev-old")
    try:
        with db.session() as session:
            original = session.exec(School.__table__.select().limit(1)).first()  # type: ignore[attr-defined]
            skip = ("id", "revision", "parent_revision", "created_at", "updated_at")
            values = {k: v for k, v in original._mapping.items() if k not in skip}
            twin = School(**{**values, "id": new_id(), "notes": "Копия из второго списка"})
            session.add(twin)
            session.flush()
            session.add(Visit(school_id=twin.id, purpose="Посещение, записанное на копию"))
    finally:
        db.close()
    return data, twin.inn, twin.id


def _query(data: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        return connection.execute(sql).fetchall()


def _dump(data: Path) -> dict[str, list[tuple]]:
    tables = [r[0] for r in _query(data, "SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: sorted(_query(data, f"SELECT * FROM {t}"), key=repr) for t in tables}


def test_dry_run_lists_the_twins_and_changes_nothing(
    twin_store: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, inn, _twin = twin_store
    before = _dump(data)
    assert main(["db", "repair-twins", "--dry-run", "--data-dir", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"INN {inn}:" in out and "is kept" in out
    assert "1 record points at it" in out
    assert "Nothing was changed (--dry-run)." in out
    assert _dump(data) == before
    assert not list((data / "backups").glob("*-pre-repair.sqlite3"))


def test_repair_merges_the_twin_after_a_backup_in_russian(
    twin_store: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, inn, twin = twin_store
    assert main(["db", "repair-twins", "--data-dir", str(data), "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert f"ИНН {inn}:" in out
    assert "Резервная копия сохранена" in out
    assert len(list((data / "backups").glob("*-pre-repair.sqlite3"))) == 1
    live = _query(data, f"SELECT id FROM school WHERE inn = '{inn}' AND deleted = 0")
    assert len(live) == 1 and live[0][0] != twin
    assert _query(data, f"SELECT COUNT(*) FROM visit WHERE school_id = '{twin}'") == [(0,)]
    assert _query(data, f"SELECT local_id FROM record_alias WHERE alias_id = '{twin}'") == live

    assert main(["db", "repair-twins", "--data-dir", str(data), "--lang", "en"]) == 0
    assert "No school is held twice in this store." in capsys.readouterr().out
