"""Service fixtures: several fresh migrated stores in one test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from curator_desktop.store.database import Database


@pytest.fixture
def make_store(
    tmp_path: Path, migrated_store_template: Path
) -> Iterator[Callable[[str], Database]]:
    """Make a fresh migrated store named ``name`` under ``tmp_path`` (closed after the test)."""
    opened: list[Database] = []

    def make(name: str) -> Database:
        target = tmp_path / name / "curator.sqlite3"
        target.parent.mkdir(parents=True)
        shutil.copy2(migrated_store_template, target)
        db = Database(target, device_id=f"test-{name}")
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()
