"""Catalogs and templates get the same id in every store, so exchanging never duplicates them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from curator_desktop.domain.catalogs import builtin_ids
from curator_desktop.paths import resource_dir
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.catalogs.risk_catalog_import import import_risk_catalog
from curator_desktop.services.catalogs.template_import import import_template, installed_templates
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChecklistTemplate,
    LessonObservation,
    RiskCatalog,
    RiskFactor,
    School,
    Visit,
)
from tests.services.exchange.exchange_helpers import Store, folder_paths

BUILTIN_TABLES = ("risk_catalog", "risk_factor", "checklist_template")
CHECKLISTS = resource_dir() / "checklists"
CATALOG = json.loads((resource_dir() / "catalogs" / "risk_factors.json").read_text("utf-8"))


def _open(root: Path, device_id: str) -> Store:
    """A store created by the app on its own computer (built-ins installed on opening)."""
    from curator_desktop.services.store_opening import open_store

    opened = open_store(folder_paths(root), device_id=device_id, daily_backup=False)
    opened.lock.release()
    return Store(opened.paths, opened.database)


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Store]:
    store = _open(tmp_path / "laptop", "dev-laptop")
    yield store
    store.close()


@pytest.fixture
def coordinator(tmp_path: Path) -> Iterator[Store]:
    store = _open(tmp_path / "coordinator", "dev-coordinator")
    yield store
    store.close()


def _usb(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir(exist_ok=True)
    return folder / name


def _ids(db: Database, model: Any) -> dict[tuple[Any, ...], str]:
    """Row ids by identity: (key, version) or, for factors, (catalog id, code)."""
    with db.session() as session:
        rows = list(session.exec(select(model)))
    if model is RiskCatalog:
        return {(r.catalog_key, r.version): r.id for r in rows}
    if model is RiskFactor:
        return {(r.catalog_id, r.code): r.id for r in rows}
    return {(r.template_key, r.version): r.id for r in rows}


def _rows(db: Database, model: Any) -> list[Any]:
    with db.session() as session:
        return list(session.exec(select(model).where(col(model.deleted).is_(False))))


def _visit_with_lesson(store: Store) -> tuple[str, str]:
    """A school with a primary visit (its checklist) and an observed lesson; their ids."""
    with store.database.session() as session:
        school = School(full_name="МБОУ «СОШ № 7»", short_name="СОШ № 7", municipality="Г-ский")
        session.add(school)
    service = VisitService(store.database, attachments_dir=store.paths.attachments_dir)
    visit_id = service.create_visit(school.id, "primary", dt.date(2026, 11, 20))
    lesson_id = service.add_lesson(visit_id, teacher="Петрова А. А.", subject="Математика")
    return visit_id, lesson_id


def test_the_derived_ids_never_change() -> None:
    """Pinned values: every store and every exchanged package relies on them."""
    assert builtin_ids.catalog_id("fioco-risk-factors", "2021.1") == (
        "122dbfbf-9796-547c-9fd3-c8d0250f4039"
    )
    assert builtin_ids.template_id("primary-visit", 2) == builtin_ids.template_id(
        "primary-visit", "2"
    )
    assert builtin_ids.template_id("a:b", "c") != builtin_ids.template_id("a", "b:c")
    assert (
        len(
            {
                builtin_ids.catalog_id("k", "1"),
                builtin_ids.template_id("k", "1"),
                builtin_ids.factor_id("k", "1", "R01"),
            }
        )
        == 3
    )


def test_independent_stores_give_builtins_the_same_derived_ids(
    laptop: Store, coordinator: Store
) -> None:
    for model in (RiskCatalog, RiskFactor, ChecklistTemplate):
        mine, theirs = _ids(laptop.database, model), _ids(coordinator.database, model)
        assert mine == theirs and mine
    key, version = CATALOG["catalog_key"], CATALOG["version"]
    derived = builtin_ids.catalog_id(key, version)
    assert _ids(laptop.database, RiskCatalog) == {(key, version): derived}
    factors = _ids(laptop.database, RiskFactor)
    assert factors == {
        (derived, f["code"]): builtin_ids.factor_id(key, version, f["code"])
        for f in CATALOG["factors"]
    }
    templates = _ids(laptop.database, ChecklistTemplate)
    assert len(templates) == len(list(CHECKLISTS.glob("*.json")))
    assert all(
        ident == builtin_ids.template_id(*ident_key) for ident_key, ident in templates.items()
    )
    # The revisions differ: the stores really were made apart.
    with laptop.database.session() as a, coordinator.database.session() as b:
        assert a.get(RiskCatalog, derived).revision != b.get(RiskCatalog, derived).revision


def test_a_coordinators_package_brings_no_second_catalog_or_template(
    laptop: Store, coordinator: Store, tmp_path: Path
) -> None:
    visit_id, lesson_id = _visit_with_lesson(coordinator)
    package = coordinator.service.export(_usb(tmp_path, "from-coordinator.curator")).path
    before = {m: _ids(laptop.database, m) for m in (RiskCatalog, RiskFactor, ChecklistTemplate)}

    preview = laptop.service.preview(package)
    assert preview.conflicts == ()
    for table in BUILTIN_TABLES:
        counts = preview.counts[table]
        assert (counts.new, counts.changed, counts.conflicts) == (0, 0, 0), table
        assert counts.unchanged == len(before[_model(table)]) > 0, table
    assert preview.counts["visit"].new == 1

    result = laptop.service.import_(package)
    assert result.written
    for model, ids in before.items():
        assert _ids(laptop.database, model) == ids
        assert len(_rows(laptop.database, model)) == len(ids)
    keys = [(t.template_key, t.version) for t in installed_templates(laptop.database)]
    assert len(keys) == len(set(keys)) == len(before[ChecklistTemplate])
    with laptop.database.session() as session:
        visit = session.get(Visit, visit_id)
        lesson = session.get(LessonObservation, lesson_id)
        assert visit.template_id == builtin_ids.template_id("primary-visit", 2)
        assert session.get(ChecklistTemplate, visit.template_id).template_key == "primary-visit"
        assert session.get(ChecklistTemplate, lesson.template_id).purpose == "lesson"

    # And back: the coordinator gets the curator's package without conflicts either.
    back = laptop.service.export(_usb(tmp_path, "from-laptop.curator")).path
    returned = coordinator.service.preview(back)
    assert returned.conflicts == ()
    assert all(returned.counts[t].new == 0 for t in BUILTIN_TABLES)
    coordinator.service.import_(back)
    assert len(_rows(coordinator.database, RiskCatalog)) == 1
    assert laptop.service.preview(package).has_changes is False


def _model(table: str) -> Any:
    return {"risk_catalog": RiskCatalog, "risk_factor": RiskFactor}.get(table, ChecklistTemplate)


def test_a_coordinators_template_file_gets_the_same_id_as_the_builtin(database: Database) -> None:
    """The id follows the key and version, not where the template came from."""
    result = import_template(database, CHECKLISTS / "primary-visit.json")
    assert result.template_id == builtin_ids.template_id("primary-visit", 2)
    outcome = install_builtin_catalogs(database)
    assert outcome.templates_kept == 1
    rows = [r for r in _rows(database, ChecklistTemplate) if r.template_key == "primary-visit"]
    assert [(r.id, r.source) for r in rows] == [(result.template_id, "imported")]


def _regional_catalog(tmp_path: Path) -> Path:
    data = {
        "format": 1,
        "catalog_key": "region-risk-factors",
        "version": "2027.1",
        "title": {"ru": "Перечень факторов риска региона", "en": "Regional risk factor list"},
        "factors": [
            {"code": "R01", "name": {"ru": "Низкий уровень оснащения", "en": "Low equipment"}},
            {"code": "K01", "name": {"ru": "Дефицит цифровых компетенций", "en": "Digital"}},
        ],
    }
    path = tmp_path / "region.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_same_coordinator_catalog_in_two_stores_merges_into_one(
    laptop: Store, coordinator: Store, tmp_path: Path
) -> None:
    catalog_file = _regional_catalog(tmp_path)
    for store in (laptop, coordinator):
        installed = import_risk_catalog(catalog_file, store.database)
        assert installed.catalog_id == builtin_ids.catalog_id("region-risk-factors", "2027.1")
    package = coordinator.service.export(_usb(tmp_path, "catalog.curator")).path
    preview = laptop.service.preview(package)
    assert preview.conflicts == ()
    assert preview.counts["risk_catalog"].new == preview.counts["risk_factor"].new == 0
    laptop.service.import_(package)
    assert len(_rows(laptop.database, RiskCatalog)) == 2
    factor_ids = {r.id for r in _rows(laptop.database, RiskFactor)}
    assert builtin_ids.factor_id("region-risk-factors", "2027.1", "K01") in factor_ids


def test_a_deleted_template_imported_again_comes_back_under_its_id(database: Database) -> None:
    first = import_template(database, CHECKLISTS / "monitoring.json")
    with database.session() as session:
        row = session.get(ChecklistTemplate, first.template_id)
        row.deleted = True
        session.add(row)
    again = import_template(database, CHECKLISTS / "monitoring.json")
    assert again.status == "added" and again.template_id == first.template_id
    with database.session() as session:
        rows = session.exec(select(ChecklistTemplate)).all()
    assert [(r.id, r.deleted) for r in rows] == [(first.template_id, False)]


def test_a_deleted_catalog_imported_again_comes_back_under_its_id(
    database: Database, tmp_path: Path
) -> None:
    catalog_file = _regional_catalog(tmp_path)
    first = import_risk_catalog(catalog_file, database)
    with database.session() as session:
        catalog = session.get(RiskCatalog, first.catalog_id)
        catalog.deleted = True
        session.add(catalog)
        for factor in session.exec(select(RiskFactor)):
            factor.deleted = factor.code == "K01"
            session.add(factor)
    again = import_risk_catalog(catalog_file, database)
    assert again.catalog_id == first.catalog_id
    with database.session() as session:
        catalogs = session.exec(select(RiskCatalog)).all()
        factors = session.exec(select(RiskFactor)).all()
    assert [(c.id, c.deleted) for c in catalogs] == [(first.catalog_id, False)]
    assert sorted((f.code, f.deleted) for f in factors) == [("K01", False), ("R01", False)]
