"""The schema proof: a store holds exactly the schema its revision's migrations build, or the
difference is named (issue #18: triggers, views, dropped tables, extra objects)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator_desktop.store import schema, schema_proof
from tests.store.tampering import TAMPERINGS, tamper


def problems_of(path: Path, revision: str | None = None) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return schema_proof.schema_problems(connection, revision or schema.shipped_revisions().head)
    finally:
        connection.close()


def test_a_migrated_store_is_proven(store_file: Path) -> None:
    assert problems_of(store_file) == []


@pytest.mark.parametrize("kind", sorted(TAMPERINGS))
def test_each_tampering_is_named(store_file: Path, kind: str) -> None:
    statements, named = TAMPERINGS[kind]
    tamper(store_file, statements)

    problems = problems_of(store_file)

    assert problems, kind
    assert any(named in problem for problem in problems), problems


def test_an_older_revision_is_proven_against_its_own_schema(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    schema.upgrade(old, target="0005_roadmap_deadlines")

    assert problems_of(old, "0005_roadmap_deadlines") == []
    against_head = problems_of(old)
    assert any("table record_alias" in problem for problem in against_head), against_head


def test_the_shipped_reference_is_what_the_migrations_build() -> None:
    """When this fails, a migration changed: run ``python -m curator_desktop.store.schema_proof``
    to write the reference again (until then the proof builds it, slowly, at each run)."""
    head = schema.shipped_revisions().head
    shipped = schema_proof.shipped_reference()

    assert shipped is not None, "resources/store-schema.json is missing or stale"
    assert shipped == schema_proof.build_reference(head)


def test_foreign_key_problems_are_counted_per_table(store_file: Path) -> None:
    tamper(
        store_file,
        [
            "INSERT INTO visit_finding (id, created_at, updated_at, revision, device_id, deleted,"
            " visit_id, factor_code, text) VALUES ('f1', '2026-01-01', '2026-01-01', 'x', 't', 0,"
            " 'no-such-visit', 'F1', '')"
        ],
    )
    connection = sqlite3.connect(store_file)
    try:
        found = schema_proof.foreign_key_problems(connection)
    finally:
        connection.close()
    assert found == ["1 row in visit_finding refers to a missing row in visit."]


def test_names_from_the_file_are_quoted_printable_and_short(store_file: Path) -> None:
    long_name = "x" * 500
    tamper(
        store_file,
        [
            'CREATE TRIGGER "evil\nname" AFTER INSERT ON school BEGIN SELECT 1; END',
            f"CREATE TABLE {long_name} (id INTEGER)",
        ],
    )

    problems = problems_of(store_file)

    assert "trigger evil\\u000aname is not part of the schema" in problems
    assert all("\n" not in problem and len(problem) < 120 for problem in problems), problems


def test_a_long_list_of_differences_is_summarised() -> None:
    problems = [f"problem {i}" for i in range(12)]
    assert schema_proof.summary(problems[:2]) == "problem 0; problem 1"
    text = schema_proof.summary(problems)
    assert text.startswith("problem 0; ") and "problem 7; " in text and "problem 8" not in text
    assert text.endswith("and 4 more differences")
