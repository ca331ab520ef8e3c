"""Shared store fixtures: one migrated store built per session, copied into each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator_desktop.store.schema import upgrade


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly migrated, empty store file (never written to by tests)."""
    path = tmp_path_factory.mktemp("template") / "curator.sqlite3"
    upgrade(path)
    assert not path.with_name(path.name + "-wal").exists(), "WAL left behind after migration"
    return path


@pytest.fixture
def store_file(migrated_template: Path, tmp_path: Path) -> Path:
    """A private copy of the migrated store, at ``tmp_path/data/curator.sqlite3``."""
    target = tmp_path / "data" / "curator.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(migrated_template, target)
    return target


@pytest.fixture
def backup_dir(tmp_path: Path) -> Path:
    """An empty backup directory."""
    path = tmp_path / "data" / "backups"
    path.mkdir(parents=True)
    return path
