"""Derived columns refreshed before each write, per table: a school's search text and sort keys
come from its names on every write, whoever writes it (the app, an import, a merge)."""

from __future__ import annotations

from typing import Any

from sqlmodel import SQLModel

from curator_desktop.store.tables import School


def _refresh_school_keys(school: School) -> None:
    """Search text and sort keys, derived from the names on every write."""
    from curator_desktop.domain.text import sort_key

    school.search_text = _school_search_text(school)
    school.name_key = sort_key(school.short_name or school.full_name)
    school.municipality_key = sort_key(school.municipality)


def _school_search_text(school: School) -> str:
    from curator_desktop.domain.text import normalize_search

    parts = (
        school.full_name,
        school.short_name,
        school.municipality,
        school.director_name,
        school.inn,
    )
    return normalize_search(" ".join(p for p in parts if p))


WRITE_HOOKS: dict[type[SQLModel], Any] = {
    School: _refresh_school_keys,
}
"""Derived columns refreshed before each write, per table."""
