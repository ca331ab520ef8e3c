"""Shared helpers of the self-diagnosis tests: a ШМР school, rounds, a coordinator's catalog."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from curator_desktop.domain.selfdiag import Deficit, DirectionResult, Level, SelfdiagRound
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School

INN = "4704012345"
"""A valid legal-entity ИНН (checksum included) of the test school."""
NOVEMBER = dt.date(2025, 11, 20)
MAY = dt.date(2026, 5, 15)
TODAY = dt.date(2026, 6, 1)


def add_school(database: Database, *, inn: str = INN, programme: str = "minpros_school") -> str:
    with database.session() as session:
        school = School(
            full_name="МОУ «СОШ № 1» г. Краснолесье",
            short_name="СОШ № 1",
            inn=inn,
            municipality="Краснолесье",
            programme=programme,
        )
        session.add(school)
        session.flush()
        return school.id


def draft(school_id: str, day: dt.date, **points: int) -> SelfdiagRound:
    """A round of ``school_id`` on ``day``: direction → points (each out of 30)."""
    results = []
    for code, value in points.items():
        level = Level.BELOW_BASE if value < 10 else Level.BASE if value < 20 else Level.MEDIUM
        deficits = (
            (Deficit(code, "", f"Дефицит по направлению {code}", critical=value < 5),)
            if value < 20
            else ()
        )
        results.append(DirectionResult(code, value, 30, level, deficits))
    return SelfdiagRound(id="", school_id=school_id, round_date=day, results=tuple(results))


def coordinator_catalog(version: str = "2025.1") -> dict[str, Any]:
    """A coordinator's catalog file: the built-in directions, two indicators of «Знание»,
    thresholds of «Знание» and of the total for 2025/26."""
    from curator_desktop.domain.selfdiag.catalog_file import catalog_to_json
    from curator_desktop.services.selfdiag import builtin_catalog

    data = catalog_to_json(builtin_catalog())
    data.update(
        version=version,
        source="coordinator",
        indicators=[
            {
                "code": "K1",
                "direction": "knowledge",
                "name": {"ru": "Объективность оценивания"},
                "points": 10,
                "critical": True,
            },
            {
                "code": "K2",
                "direction": "knowledge",
                "name": {"ru": "Углублённое изучение"},
                "points": 20,
                "critical": False,
            },
        ],
        thresholds=[
            {
                "direction": "knowledge",
                "maximum": 30,
                "levels": {"base": 10, "medium": 20, "high": 27},
                "year_from": 2025,
                "year_to": 2025,
            },
            {
                "direction": "total",
                "maximum": 240,
                "levels": {"base": 80, "medium": 160, "high": 220},
                "year_from": 2025,
                "year_to": 2025,
            },
        ],
        critical_level="base",
    )
    for key in ("indicators", "thresholds", "critical_level"):
        data["notes"].pop(key)
    return data


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
