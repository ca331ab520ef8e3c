"""Migrations: creating, recognising versions, refusing newer stores, rebuilding parents safely."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.domain.errors import StoreError, StoreTooNewError
from curator_desktop.store import schema
from curator_desktop.store.database import Database, make_engine
from curator_desktop.store.tables import School, Visit
from tests.conftest import insert_raw

REBUILD_SCHOOL = """
import sqlalchemy as sa
from alembic import op

revision = "9001_test_rebuild_school"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("school", recreate="always") as batch:
        batch.add_column(sa.Column("test_extra", sa.String(), nullable=False, server_default="x"))


def downgrade():
    raise NotImplementedError("test migration")
"""

ORPHAN_VISITS = """
from alembic import op

revision = "9002_test_orphans"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE visit SET school_id = 'nowhere'")


def downgrade():
    raise NotImplementedError("test migration")
"""


def _write_migration(directory: Path, template: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    head = schema.shipped_revisions().head
    (directory / "test_migration.py").write_text(template.format(head=head), encoding="utf-8")
    return directory


def _seed(path: Path) -> tuple[str, str]:
    """A school with a visit and a recommendation, written in whatever schema the file has."""
    school_id, visit_id = "school-1", "visit-1"
    insert_raw(
        path,
        "school",
        id=school_id,
        full_name="МОУ «СОШ № 1»",
        short_name="СОШ № 1",
        municipality="Лужский район",
    )
    insert_raw(path, "visit", id=visit_id, school_id=school_id, purpose="Первичное посещение")
    insert_raw(
        path,
        "recommendation",
        id="rec-1",
        school_id=school_id,
        visit_id=visit_id,
        text="Составить график",
    )
    return school_id, visit_id


def _rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_empty_store_is_created_at_head(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    assert schema.schema_state(path) is schema.SchemaState.MISSING
    schema.upgrade(path)
    assert schema.store_revision(path) == schema.shipped_revisions().head
    assert schema.schema_state(path) is schema.SchemaState.CURRENT
    with sqlite3.connect(path) as connection:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    for expected in (
        "school",
        "visit",
        "risk_assessment",
        "checklist_answer",
        "change_log",
        "sync_state",
    ):
        assert expected in tables


def test_shipped_revisions_match_alembic(tmp_path: Path) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert heads == [schema.shipped_revisions().head]


def test_wal_and_foreign_keys_are_on(store_file: Path) -> None:
    db = Database(store_file)
    assert db.pragma("journal_mode") == "wal"
    assert db.pragma("foreign_keys") == 1
    assert db.pragma("synchronous") == 2  # FULL
    with pytest.raises(Exception, match="FOREIGN KEY"), db.session() as session:
        session.add(Visit(school_id="no-such-school"))
    db.close()


def test_store_from_a_newer_version_is_refused_untouched(store_file: Path) -> None:
    with sqlite3.connect(store_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = store_file.read_bytes()
    assert schema.schema_state(store_file) is schema.SchemaState.TOO_NEW
    with pytest.raises(StoreTooNewError, match="newer version"):
        schema.refuse_if_too_new(store_file)
    assert store_file.read_bytes() == before


def test_a_text_file_is_reported_as_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("this is not a database " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a Curator Desktop store"):
        schema.schema_state(path)


def test_child_rows_survive_a_parent_table_rebuild(store_file: Path, tmp_path: Path) -> None:
    school_id, _visit_id = _seed(store_file)
    extra = _write_migration(tmp_path / "extra", REBUILD_SCHOOL)
    schema.upgrade(store_file, target="9001_test_rebuild_school", extra_version_dirs=(extra,))
    assert _rows(store_file, "visit") == 1
    assert _rows(store_file, "recommendation") == 1
    with sqlite3.connect(store_file) as connection:
        assert connection.execute("SELECT test_extra FROM school").fetchone() == ("x",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT school_id FROM visit").fetchone() == (school_id,)


def test_the_same_rebuild_with_foreign_keys_on_breaks_children(
    store_file: Path, tmp_path: Path
) -> None:
    """The trap the runner avoids: proves the survival test above can fail."""
    from alembic import command
    from alembic.config import Config

    _seed(store_file)
    extra = _write_migration(tmp_path / "extra", REBUILD_SCHOOL)
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", f"{schema.MIGRATIONS_DIR / 'versions'}:{extra}")
    engine = make_engine(store_file, foreign_keys=True)
    failed = False
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "9001_test_rebuild_school")
    except Exception:
        failed = True
    finally:
        engine.dispose()
    assert failed or _rows(store_file, "visit") == 0


def test_a_migration_leaving_orphans_rolls_back(store_file: Path, tmp_path: Path) -> None:
    school_id, _ = _seed(store_file)
    extra = _write_migration(tmp_path / "extra", ORPHAN_VISITS)
    with pytest.raises(StoreError, match="could not be upgraded"):
        schema.upgrade(store_file, target="9002_test_orphans", extra_version_dirs=(extra,))
    assert schema.store_revision(store_file) == schema.shipped_revisions().head
    db = Database(store_file)
    with db.session() as session:
        assert [v.school_id for v in session.exec(select(Visit))] == [school_id]
    db.close()


def test_store_built_at_first_revision_with_data_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    first = schema.shipped_revisions().chain[0]
    schema.upgrade(path, target=first)
    school_id, visit_id = _seed(path)
    extra = _write_migration(tmp_path / "extra", REBUILD_SCHOOL)
    schema.upgrade(path, target="9001_test_rebuild_school", extra_version_dirs=(extra,))
    db = Database(path)
    with db.session() as session:
        assert session.get(School, school_id).full_name == "МОУ «СОШ № 1»"
        assert session.get(Visit, visit_id).purpose == "Первичное посещение"
    db.close()


def test_migrations_match_the_models(store_file: Path) -> None:
    """Every table, column and index of the models is created by the migrations, nothing more."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = make_engine(store_file)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection), SQLModel.metadata
            )
    finally:
        engine.dispose()
    assert differences == []


def test_sort_keys_are_backfilled_by_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    schema.upgrade(path, target="0002_roadmaps")
    insert_raw(path, "school", id="s1", full_name="МОУ «СОШ № 10»", municipality="Ёлкинский район")
    schema.upgrade(path)
    with sqlite3.connect(path) as connection:
        row = connection.execute("SELECT name_key, municipality_key FROM school").fetchone()
    assert row == ("моу «сош № 0000000010»", "елкинский район")


def test_history_lookups_by_revision_are_answered_from_the_index(tmp_path: Path) -> None:
    """0007: «is this revision in the record's history» reads the index alone (a coordinator's
    imports ask it for records every package brings), and upgrading twice changes nothing."""
    path = tmp_path / "store.sqlite3"
    schema.upgrade(path, target="0006_builtin_ids")
    schema.upgrade(path)
    schema.upgrade(path)
    with sqlite3.connect(path) as connection:
        indexes = {row[1] for row in connection.execute("PRAGMA index_list(change_log)")}
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT 1 FROM change_log "
            "WHERE entity = ? AND entity_id = ? AND revision = ?",
            ("school", "x", "r"),
        ).fetchall()
    assert "ix_change_log_entity_revision" in indexes
    assert "ix_change_log_entity" not in indexes
    assert "COVERING INDEX ix_change_log_entity_revision" in plan[0][3]
