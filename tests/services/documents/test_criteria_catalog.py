"""A coordinator's criteria file replaces the built-in one when it is newer, kept in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator_desktop.domain.documents.criteria import builtin_criteria_path, load_criteria
from curator_desktop.domain.errors import ValidationError
from curator_desktop.services.documents.criteria_catalog import (
    criteria_in_force,
    install_criteria_file,
)
from curator_desktop.store.database import Database


def _coordinators_file(tmp_path: Path, version: str) -> Path:
    data = json.loads(builtin_criteria_path().read_text("utf-8"))
    data["version"] = version
    data["source"] = "coordinator"
    data["kinds"]["concept"]["criteria"].append(
        {"key": "published", "text": {"ru": "Документ размещён на сайте школы"}}
    )
    path = tmp_path / f"criteria-{version}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_a_newer_file_replaces_the_builtin(database: Database, tmp_path: Path) -> None:
    assert criteria_in_force(database).source == "builtin"
    installed = install_criteria_file(
        database, _coordinators_file(tmp_path, "2026.10"), backup_dir=tmp_path / "backups"
    )
    assert installed.version == "2026.10"
    in_force = criteria_in_force(database)
    assert in_force.source == "coordinator"
    assert load_criteria("concept", catalog=in_force).keys()[-1] == "published"
    assert list((tmp_path / "backups").iterdir())  # a backup before the change


def test_an_older_or_broken_file_is_refused(database: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"2025\.1"):
        install_criteria_file(database, _coordinators_file(tmp_path, "2025.1"))
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": 1,', "utf-8")
    with pytest.raises(ValidationError, match=r"broken\.json"):
        install_criteria_file(database, broken)
    assert criteria_in_force(database).source == "builtin"
