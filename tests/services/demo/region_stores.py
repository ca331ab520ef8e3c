"""A demo region for tests: three seeded curators' stores and the coordinator's store their
packages were merged into (the real exchange path), built once per test session.

Use it from another conftest with ``from tests.services.demo.region_stores import
region_stores  # noqa: F401`` and a test argument ``region_stores: RegionStores``; the stores
are shared, so open them read-only (or copy them first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from curator_desktop.paths import AppPaths
from curator_desktop.services.demo.region import create_demo_region
from curator_desktop.store.database import Database

TODAY = dt.date(2026, 12, 7)
"""The day the region is built on (the demo's story is told as of it)."""
CURATORS = 3
SEED = 1


@dataclass(frozen=True)
class RegionStores:
    """The coordinator's store and each curator's own (full name → store file)."""

    coordinator: Path
    curators: dict[str, Path]
    today: dt.date = TODAY

    def open(self, store: Path) -> Database:
        """A database over ``store`` (close it after)."""
        return Database(store, device_id="test-reader")


def build_region(folder: Path, *, curators: int = CURATORS, seed: int = SEED) -> RegionStores:
    """Seeded curators' stores under ``folder`` and the coordinator's store merged from their
    packages (``folder / "coordinator"``)."""
    made = folder / "curators"
    made.mkdir(parents=True)
    paths = AppPaths.resolve(folder / "coordinator")
    region = create_demo_region(
        paths, device_id="coordinator", curators=curators, seed=seed, today=TODAY, keep_in=made
    )
    assert not region.refused, region.refused
    stores = {
        name: AppPaths.resolve(made / f"curator-{n}").store_file
        for n, name in enumerate(region.curators)
    }
    return RegionStores(coordinator=paths.store_file, curators=stores)


@pytest.fixture(scope="session")
def region_stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegionStores]:
    """Three seeded curators (seeds 1–3: 1 and 2 share a school, 2 and 3 another) merged."""
    yield build_region(tmp_path_factory.mktemp("region"))
