"""The self-diagnosis catalog: the built-in one cites its sources and invents no numbers; a
coordinator's file (JSON or XLSX) replaces it, and a broken file is refused naming the place."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.selfdiag import TOTAL, DirectionKind, Level
from curator_desktop.paths import resource_dir
from curator_desktop.services.selfdiag import (
    builtin_catalog,
    catalog_in_force,
    install_catalog,
    read_catalog_file,
)
from curator_desktop.store.database import Database
from tests.services.selfdiag.helpers import coordinator_catalog, write_json


def test_the_builtin_catalog_holds_only_what_sources_establish() -> None:
    catalog = builtin_catalog()
    names = [d.name_ru for d in catalog.directions]
    assert names == [
        "Знание: качество и объективность",
        "Воспитание",
        "Здоровье",
        "Творчество",
        "Профориентация",
        "Учитель. Школьная команда",
        "Школьный климат",
        "Образовательная среда",
    ]
    assert [d.kind for d in catalog.directions].count(DirectionKind.KEY_CONDITION) == 3
    assert all(d.sources for d in catalog.directions)
    assert {s.key for s in catalog.sources} >= {"iro23", "briop_2024", "support_plan"}
    # Not publicly established: no indicator, threshold or maximum is made up.
    assert catalog.indicators is None and catalog.thresholds is None
    assert catalog.maximum_for("knowledge") is None
    assert catalog.level_for(TOTAL, 150) is None
    for key in ("indicators", "thresholds", "school_types", "critical_level"):
        assert "не установлен" in catalog.notes[key]
    raw = json.loads(resource_dir().joinpath("catalogs", "selfdiag.json").read_text("utf-8"))
    assert raw["levels"] == [level.value for level in Level]


def test_the_builtin_catalogs_facts_rest_on_public_sources() -> None:
    """Every direction and the levels cite a public text (an address), not only our own notes;
    what no public text found establishes is said to be so."""
    catalog = builtin_catalog()
    public = {s.key for s in catalog.sources if s.url.startswith(("https://", "http://"))}
    assert len(public) >= 4
    for direction in catalog.directions:
        assert public & set(direction.sources), direction.code
    for key in ("directions", "levels", "rounds"):
        cited = {k for k in public if f"«{k}»" in catalog.notes[key]}
        assert cited, key
    # The levels no public text found names are said to come from the domain reference.
    assert "высокий" in catalog.notes["levels"]
    assert "не найден" in catalog.notes["levels"]
    for source in catalog.sources:
        assert "shared/domain" not in source.url


def test_a_coordinators_json_catalog_replaces_the_builtin(
    database: Database, tmp_path: Path
) -> None:
    installed = install_catalog(write_json(tmp_path / "c.json", coordinator_catalog()), database)
    assert (installed.previous_version, installed.version) == ("2023.1", "2025.1")
    catalog = catalog_in_force(database)
    assert catalog.source == "coordinator"
    assert [i.code for i in catalog.indicators_for("knowledge", 2025)] == ["K1", "K2"]
    assert catalog.level_for("knowledge", 21, 2025) is Level.MEDIUM
    assert catalog.level_for("knowledge", 21, 2025, critical_unmet=True) is Level.BASE
    assert catalog.level_for("knowledge", 21, 2026) is None  # another school year
    with pytest.raises(ValidationError, match="not newer"):
        install_catalog(write_json(tmp_path / "old.json", coordinator_catalog("2024.9")), database)


def test_a_broken_json_catalog_names_the_field(database: Database, tmp_path: Path) -> None:
    data = coordinator_catalog()
    data["thresholds"][0]["levels"]["medium"] = 5
    with pytest.raises(ValidationError, match=r"thresholds\[0\]\.levels\.medium"):
        install_catalog(write_json(tmp_path / "bad.json", data), database)
    data = coordinator_catalog()
    data["indicators"] = None
    with pytest.raises(ValidationError, match=r"notes\.indicators"):
        install_catalog(write_json(tmp_path / "nonote.json", data), database)
    assert catalog_in_force(database).version == "2023.1"


def _workbook(path: Path, *, threshold_row: list[object] | None = None) -> Path:
    book = openpyxl.Workbook()
    head = book.active
    head.title = "Каталог"
    for row in (
        ["ключ", "значение"],
        ["catalog_key", "minpros-selfdiag"],
        ["version", "2025.2"],
        ["title_ru", "Каталог координатора"],
        ["title_en", "Coordinator's catalog"],
        ["critical_level", "base"],
    ):
        head.append(row)
    indicators = book.create_sheet("Показатели")
    indicators.append(["Направление", "Код", "Название", "Баллы", "Критический"])
    indicators.append(["knowledge", "K1", "Объективность оценивания", 10, "да"])
    indicators.append(["knowledge", "K2", "Углублённое изучение", 20, "нет"])
    thresholds = book.create_sheet("Пороги")
    thresholds.append(
        ["Направление", "С года", "По год", "Максимум", "Базовый", "Средний", "Высокий"]
    )
    thresholds.append(threshold_row or ["knowledge", 2025, 2025, 30, 10, 20, 27])
    book.save(path)
    return path


def test_a_coordinators_xlsx_catalog_replaces_the_builtin(
    database: Database, tmp_path: Path
) -> None:
    install_catalog(_workbook(tmp_path / "c.xlsx"), database)
    catalog = catalog_in_force(database)
    assert catalog.version == "2025.2"
    assert len(catalog.directions) == 8  # kept from the built-in catalog
    assert [(i.code, i.critical) for i in catalog.indicators or ()] == [("K1", True), ("K2", False)]
    assert catalog.maximum_for("knowledge", 2025) == 30
    assert catalog.critical_level is Level.BASE
    assert "thresholds" not in catalog.notes and "school_types" in catalog.notes


def test_a_broken_xlsx_catalog_names_sheet_row_and_column(tmp_path: Path) -> None:
    bad = _workbook(tmp_path / "bad.xlsx", threshold_row=["knowledge", 2025, 2025, 30, 10, 5, 27])
    with pytest.raises(ValidationError, match="sheet «Пороги», row 2, column «medium»"):
        read_catalog_file(bad)
    unknown = _workbook(
        tmp_path / "u.xlsx", threshold_row=["astronomy", 2025, 2025, 30, 10, 20, 27]
    )
    with pytest.raises(ValidationError, match=r"row 2, column «direction».*astronomy"):
        read_catalog_file(unknown)
    words = _workbook(
        tmp_path / "w.xlsx", threshold_row=["knowledge", 2025, 2025, "тридцать", 1, 2, 3]
    )
    with pytest.raises(ValidationError, match="row 2, column «maximum»"):
        read_catalog_file(words)
