"""The package keeps its shape: small modules, and a package wherever modules start to share a
name (docs/architecture.md, «Size and shape»)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "curator_desktop"
MAX_SHARING_A_PREFIX = 3
MAX_LINES = 500
GENERATED = PACKAGE / "store" / "migrations" / "versions"
"""Alembic revisions are written once and never edited: no size limit there."""


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _prefix(stem: str) -> str:
    """``card_visits`` → ``card``; a module without an underscore counts under its own name, so
    ``timeline.py`` and ``timeline_canvas.py`` share ``timeline``."""
    return stem.split("_", 1)[0]


def test_no_folder_has_more_than_three_modules_sharing_a_prefix() -> None:
    groups: dict[tuple[Path, str], list[str]] = defaultdict(list)
    for path in _modules():
        if path.stem == "__init__" or path.is_relative_to(GENERATED):
            continue
        groups[(path.parent, _prefix(path.stem))].append(path.name)
    crowded = {
        f"{folder.relative_to(PACKAGE.parent)}/{prefix}_*": sorted(names)
        for (folder, prefix), names in groups.items()
        if len(names) > MAX_SHARING_A_PREFIX
    }
    assert crowded == {}, "a package is missing (move these into one): " + repr(crowded)


def test_no_module_is_over_500_lines() -> None:
    too_long = {}
    for path in _modules():
        if path.is_relative_to(GENERATED):
            continue
        with path.open(encoding="utf-8") as lines:
            count = sum(1 for _ in lines)
        if count > MAX_LINES:
            too_long[str(path.relative_to(PACKAGE.parent))] = count
    assert too_long == {}, f"split these modules (over {MAX_LINES} lines): {too_long!r}"
