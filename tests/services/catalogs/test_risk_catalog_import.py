"""A coordinator's risk catalog file: installed as a new version, or refused, store unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from curator_desktop.domain.errors import ValidationError
from curator_desktop.services.catalogs.builtin import (
    active_risk_factors,
    current_risk_catalog,
    install_builtin_catalogs,
)
from curator_desktop.services.catalogs.risk_catalog_import import import_risk_catalog
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChangeLog, RiskCatalog, RiskFactor


@pytest.fixture
def store(database: Database) -> Database:
    install_builtin_catalogs(database)
    return database


def _factor(code: str, ru: str, en: str, **years: int | None) -> dict[str, Any]:
    return {"code": code, "name": {"ru": ru, "en": en}, **years}


def _catalog(version: str = "2027.1", factors: list[dict[str, Any]] | None = None) -> dict:
    return {
        "format": 1,
        "catalog_key": "region-risk-factors",
        "version": version,
        "title": {"ru": "Перечень факторов риска региона", "en": "Regional risk factor list"},
        "max_active_directions": 2,
        "factors": factors
        if factors is not None
        else [
            _factor("R01", "Низкий уровень оснащения школы", "Low level of school equipment"),
            _factor(
                "K01", "Дефицит цифровых компетенций", "Lack of digital skills", year_from=2027
            ),
        ],
    }


def _write(tmp_path: Path, data: Any, name: str = "catalog.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    return path


def _snapshot(db: Database) -> tuple[list[tuple[str, str, str]], int, int]:
    with db.session() as session:
        catalogs = sorted(
            (c.catalog_key, c.version, c.source) for c in session.exec(select(RiskCatalog))
        )
        factors = len(session.exec(select(RiskFactor)).all())
        logs = len(session.exec(select(ChangeLog)).all())
    return catalogs, factors, logs


def test_replace_installs_a_new_version_in_force(store: Database, tmp_path: Path) -> None:
    before = current_risk_catalog(store)
    result = import_risk_catalog(_write(tmp_path, _catalog()), store)
    current = current_risk_catalog(store)
    assert current is not None and current.id == result.catalog_id
    assert (current.version, current.source, current.max_active_directions) == (
        "2027.1",
        "coordinator",
        2,
    )
    assert result.previous_version == before.version
    assert result.added_codes == ("K01",)
    assert [f.code for f in active_risk_factors(store, 2027)] == ["R01", "K01"]
    assert [f.code for f in active_risk_factors(store, 2026)] == ["R01"]
    profile = RiskProfileService(store).profile("any-school", 2027)
    assert [(r.code, r.name_ru) for r in profile] == [
        ("R01", "Низкий уровень оснащения школы"),
        ("K01", "Дефицит цифровых компетенций"),
    ]
    assert RiskProfileService(store).max_active_directions() == 2
    install_builtin_catalogs(store)  # the next start-up keeps the coordinator's catalog in force
    assert current_risk_catalog(store).id == result.catalog_id


def test_extend_adds_only_new_factors_to_those_in_force(store: Database, tmp_path: Path) -> None:
    file = _catalog(
        factors=[
            _factor("R01", "Другое название", "Another name"),
            _factor("K01", "Дефицит цифровых компетенций", "Lack of digital skills"),
        ]
    )
    result = import_risk_catalog(_write(tmp_path, file), store, mode="extend")
    factors = active_risk_factors(store, 2027, catalog_id=result.catalog_id)
    assert [f.code for f in factors] == [f"R{n:02d}" for n in range(1, 12)] + ["K01"]
    assert factors[0].name_ru == "Низкий уровень оснащения школы"
    assert result.added_codes == ("K01",) and result.factor_count == 12
    assert current_risk_catalog(store).id == result.catalog_id


def test_backup_is_taken_before_writing(store: Database, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    import_risk_catalog(_write(tmp_path, _catalog()), store, backup_dir=backups)
    assert [p.name for p in backups.glob("*pre-import*.sqlite3")]


def _missing_en_name() -> dict:
    data = _catalog()
    data["factors"][1]["name"] = {"ru": "Дефицит цифровых компетенций"}
    return data


def _without_version() -> dict:
    data = _catalog()
    del data["version"]
    return data


@pytest.mark.parametrize(
    ("content", "mode", "expected", "field"),
    [
        ('{"format": 1, "catalog_key": ', "replace", "line 1", None),
        (_without_version(), "replace", "“version” is missing", None),
        (_missing_en_name(), "replace", "factor K01", "K01"),
        (_catalog(factors=[]), "replace", "no factors", None),
        (_catalog(version="2019.1"), "replace", "older than the catalog in force", "version"),
        (_catalog(factors=[_factor("R02", "Дефицит", "Shortage")]), "extend", "already", "factors"),
    ],
    ids=["broken-json", "no-version", "no-english-name", "no-factors", "older", "nothing-new"],
)
def test_broken_files_are_refused_naming_file_and_field(
    store: Database,
    tmp_path: Path,
    content: Any,
    mode: str,
    expected: str,
    field: str | None,
) -> None:
    path = _write(tmp_path, content, name="from-coordinator.json")
    before = _snapshot(store)
    backups = tmp_path / "backups"
    with pytest.raises(ValidationError) as caught:
        import_risk_catalog(path, store, mode=mode, backup_dir=backups)  # type: ignore[arg-type]
    message = caught.value.user_message
    assert "from-coordinator.json" in message
    assert expected in message
    assert caught.value.field == field
    assert _snapshot(store) == before


def test_the_same_version_twice_is_refused(store: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, _catalog())
    import_risk_catalog(path, store)
    before = _snapshot(store)
    with pytest.raises(ValidationError, match="already installed") as caught:
        import_risk_catalog(path, store, mode="extend")
    assert caught.value.field == "version"
    assert _snapshot(store) == before


def test_unknown_mode_is_a_programming_error(store: Database, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="mode"):
        import_risk_catalog(_write(tmp_path, _catalog()), store, mode="merge")  # type: ignore[arg-type]
