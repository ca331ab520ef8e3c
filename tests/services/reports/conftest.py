"""Report test fixtures: the demo store and the Russian interface language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from curator_desktop.i18n import set_language
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.store.database import Database
from tests.services.reports.report_helpers import TODAY


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    yield
    set_language("en")


@pytest.fixture
def demo(database: Database) -> Database:
    create_demo_store(database, today=TODAY)
    return database
