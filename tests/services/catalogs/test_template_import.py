"""Importing a coordinator's checklist template: new versions, repeats, conflicts, backups."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.paths import resource_dir
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.catalogs.template_import import (
    ADDED,
    UNCHANGED,
    import_template,
    installed_templates,
)
from curator_desktop.store.backups import list_backups
from curator_desktop.store.database import Database

PRIMARY = resource_dir() / "checklists" / "primary-visit.json"


def _builtin() -> dict[str, Any]:
    return json.loads(PRIMARY.read_text(encoding="utf-8"))


def _write(path: Path, content: dict[str, Any]) -> Path:
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _counts(db: Database) -> tuple[int, int]:
    with sqlite3.connect(db.path) as connection:
        templates = connection.execute("SELECT COUNT(*) FROM checklist_template").fetchone()[0]
        changes = connection.execute("SELECT COUNT(*) FROM change_log").fetchone()[0]
    return templates, changes


@pytest.fixture
def db(database: Database) -> Database:
    install_builtin_catalogs(database)
    return database


def test_a_new_version_is_added_after_a_backup(db: Database, tmp_path: Path) -> None:
    content = _builtin()
    builtin_version = content["version"]
    content["version"] = builtin_version + 1
    content["title"]["en"] = "Primary visit (region 2027)"
    content["sections"][0]["items"][0]["text"]["en"] = "Met the director"
    backups = tmp_path / "backups"
    result = import_template(db, _write(tmp_path / "primary.json", content), backup_dir=backups)
    assert (result.status, result.dry_run, result.is_newest) == (ADDED, False, True)
    assert result.version == builtin_version + 1 and result.template_id
    assert "Primary visit (region 2027)" in result.message()
    assert [b.reason for b in list_backups(backups)] == ["pre-import"]
    rows = [r for r in installed_templates(db) if r.template_key == "primary-visit"]
    assert [(r.version, r.source, r.newest) for r in rows] == [
        (builtin_version + 1, "imported", True),
        (builtin_version, "builtin", False),
    ]
    with db.session() as session:
        from curator_desktop.store.tables import ChecklistTemplate

        row = session.get(ChecklistTemplate, result.template_id)
        assert row is not None and row.content == content and row.device_id == "test-device"


def test_the_same_file_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    content = {**_builtin(), "id": "district-check", "version": 1}
    path = _write(tmp_path / "district.json", content)
    first = import_template(db, path)
    before = _counts(db)
    again = import_template(db, path, backup_dir=tmp_path / "backups")
    assert again.status == UNCHANGED and again.template_id == first.template_id
    assert "already installed" in again.message()
    assert _counts(db) == before
    assert not (tmp_path / "backups").exists()
    shipped = import_template(db, PRIMARY)  # the built-in file is installed already
    assert shipped.status == UNCHANGED


def test_same_version_with_other_content_is_refused(db: Database, tmp_path: Path) -> None:
    content = _builtin()
    content["sections"][0]["items"][0]["text"]["ru"] = "Встреча с директором"
    path = _write(tmp_path / "primary-edited.json", content)
    before = _counts(db)
    with pytest.raises(ValidationError) as caught:
        import_template(db, path, backup_dir=tmp_path / "backups")
    message = caught.value.user_message
    assert message.startswith("primary-edited.json, line 4, version: ")
    version = content["version"]
    expected = f"version {version} of “primary-visit” is already installed with different content"
    assert expected in message and "raise the version" in message
    assert caught.value.field == "version"
    assert _counts(db) == before
    assert not (tmp_path / "backups").exists()


def test_a_lower_version_is_installed_but_not_the_newest(db: Database, tmp_path: Path) -> None:
    content = {**_builtin(), "id": "district-check", "version": 3}
    import_template(db, _write(tmp_path / "v3.json", content))
    older = import_template(db, _write(tmp_path / "v2.json", {**content, "version": 2}))
    assert older.status == ADDED and not older.is_newest and older.newest_version == 3
    assert "Version 3 is newer" in older.message()
    rows = [r for r in installed_templates(db) if r.template_key == "district-check"]
    assert [(r.version, r.newest) for r in rows] == [(3, True), (2, False)]


def test_a_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    content = {**_builtin(), "id": "district-check"}
    before = _counts(db)
    result = import_template(
        db, _write(tmp_path / "d.json", content), dry_run=True, backup_dir=tmp_path / "backups"
    )
    assert (result.status, result.dry_run, result.template_id) == (ADDED, True, None)
    assert "can be installed" in result.message()
    assert result.to_json()["status"] == "added" and result.to_json()["dry_run"] is True
    assert _counts(db) == before
    assert not (tmp_path / "backups").exists()


def test_links_are_checked_against_the_catalog_in_force(db: Database, tmp_path: Path) -> None:
    content = {**_builtin(), "id": "district-check"}
    content["sections"][0]["items"][2]["risk_factors"] = ["R42"]
    path = _write(tmp_path / "district.json", content)
    before = _counts(db)
    with pytest.raises(ValidationError) as caught:
        import_template(db, path)
    message = caught.value.user_message
    line = path.read_text(encoding="utf-8").splitlines().index('            "R42"') + 1
    assert message.startswith(f"district.json, line {line}, sections[0].items[2].risk_factors[0]")
    assert "unknown risk factor “R42”" in message
    assert _counts(db) == before


def test_a_broken_file_names_the_line_and_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    lines = PRIMARY.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rstrip(",")  # "id": "primary-visit" without its comma
    path.write_text("\n".join(lines), encoding="utf-8")
    before = _counts(db)
    with pytest.raises(ValidationError, match=r"^broken\.json, line 4, column 3: invalid JSON"):
        import_template(db, path)
    with pytest.raises(ValidationError, match=r"missing\.json"):
        import_template(db, tmp_path / "missing.json")
    assert _counts(db) == before


def test_installed_templates_list_the_builtin_set(db: Database) -> None:
    rows = installed_templates(db)
    assert {r.template_key for r in rows} == {
        "primary-visit",
        "planned-visit",
        "documents-review",
        "lesson-observation",
        "monitoring",
        "management-interview",
    }
    assert all(r.newest and r.source == "builtin" and r.item_count >= 12 for r in rows)
    assert rows[0].to_json().keys() >= {"key", "version", "title", "source", "newest"}
