"""The read-only store check on healthy, damaged, missing and foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator_desktop.store.database import Database
from curator_desktop.store.integrity import check_store, format_check
from curator_desktop.store.schema import SchemaState, shipped_revisions
from curator_desktop.store.tables import School


def add_schools(path: Path, count: int) -> None:
    db = Database(path, device_id="t")
    try:
        with db.session() as session:
            for i in range(count):
                session.add(School(full_name=f"School {i:03}", notes="x" * 200))
    finally:
        db.close()


def test_healthy_store_reports_ok_and_counts(store_file: Path) -> None:
    add_schools(store_file, 3)
    before = store_file.read_bytes()

    check = check_store(store_file)

    head = shipped_revisions().head
    assert check.ok, check.problems
    assert check.problems == []
    assert check.integrity == "ok"
    assert check.schema_revision == head
    assert check.schema_state is SchemaState.CURRENT
    counts = dict(check.table_counts)
    assert counts["school"] == 3
    assert counts["alembic_version"] == 1
    assert [name for name, _ in check.table_counts] == sorted(counts)
    assert not any(name.startswith("sqlite_") for name in counts)
    assert store_file.read_bytes() == before  # read-only

    lines = format_check(check)
    assert lines[0] == "integrity: ok"
    assert lines[1] == f"schema {head} (current)"
    assert "school: 3" in lines[2:]
    assert len(lines) == 2 + len(check.table_counts)


def test_corrupted_page_is_reported(store_file: Path) -> None:
    add_schools(store_file, 400)
    data = bytearray(store_file.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    # Garble the header and cell pointers of the b-tree page holding one school's row.
    offset = data.index(b"School 200")
    page_start = offset // page * page
    assert page_start > 0
    data[page_start : page_start + 24] = b"\xde\xad\xbe\xef" * 6
    store_file.write_bytes(bytes(data))

    check = check_store(store_file)

    assert not check.ok
    assert check.integrity != "ok"
    assert check.problems
    assert format_check(check)[0] != "integrity: ok"


def test_damaged_header_is_reported(store_file: Path) -> None:
    add_schools(store_file, 3)
    data = bytearray(store_file.read_bytes())
    data[:100] = b"\x00" * 100
    store_file.write_bytes(bytes(data))

    check = check_store(store_file)

    assert not check.ok
    assert "not a Curator Desktop store or is damaged" in check.problems[0]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nope.sqlite3"
    check = check_store(missing)
    assert not check.ok
    assert check.schema_state is SchemaState.MISSING
    assert "does not exist" in check.problems[0]
    assert not missing.exists()
    assert format_check(check)[0] == "integrity: not checked"


def test_text_file_is_reported(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("Школа №1; ИНН 7801234567\n" * 100, encoding="utf-8")
    check = check_store(text)
    assert not check.ok
    assert check.problems
    assert check.table_counts == []


def test_foreign_sqlite_file_without_schema_is_not_ok(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    check = check_store(other)
    assert check.integrity == "ok"
    assert not check.ok
    assert check.table_counts == [("things", 0)]
    assert "no schema version" in check.problems[0]


def test_orphan_rows_are_reported(store_file: Path) -> None:
    connection = sqlite3.connect(store_file)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute(
        "INSERT INTO risk_assessment (id, created_at, updated_at, revision, device_id, deleted,"
        " school_id, year, factor_code, questionnaire_level, justification, activated,"
        " medk_entered) VALUES ('r1', '2026-01-01', '2026-01-01', 'x', 't', 0, 'no-such-school',"
        " 2026, 'F1', 'none', '', 0, 0)"
    )
    connection.commit()
    connection.close()

    check = check_store(store_file)

    assert check.integrity == "ok"
    assert not check.ok
    assert any("risk_assessment" in p and "school" in p for p in check.problems)


def test_too_new_store_is_flagged(store_file: Path) -> None:
    connection = sqlite3.connect(store_file)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    check = check_store(store_file)
    assert check.schema_state is SchemaState.TOO_NEW
    assert not check.ok
    assert format_check(check)[1] == "schema 9999_future (newer than this application)"


@pytest.mark.parametrize("kind", ["trigger", "view hiding school", "dropped table", "extra index"])
def test_a_tampered_schema_is_not_ok_and_named(store_file: Path, kind: str) -> None:
    from tests.store.tampering import TAMPERINGS, tamper

    statements, named = TAMPERINGS[kind]
    tamper(store_file, statements)

    check = check_store(store_file)

    assert check.integrity == "ok"
    assert not check.ok
    assert any(named in problem and "schema" in problem for problem in check.problems), (
        check.problems
    )


def test_an_outdated_store_is_checked_against_its_own_revision(tmp_path: Path) -> None:
    from curator_desktop.store import schema

    old = tmp_path / "old.sqlite3"
    schema.upgrade(old, target="0005_roadmap_deadlines")

    check = check_store(old)

    assert check.ok, check.problems
    assert check.schema_state is SchemaState.OUTDATED
