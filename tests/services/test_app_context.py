"""The app context owns the services (each built once per opened store), and the writes the
window makes through them say what they changed (``Changes``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator_desktop.domain.changes import NO_CHANGES, Change
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.domain.schools.rules import SchoolFields
from curator_desktop.paths import AppPaths, resource_dir
from curator_desktop.services.context import AppContext
from curator_desktop.services.store_opening import open_store
from curator_desktop.settings import Settings
from tests.services.catalogs.test_risk_catalog_import import _catalog
from tests.services.visits.test_visit_service import fill_required

SERVICES = (
    "exchange_service",
    "school_service",
    "risk_service",
    "visit_service",
    "report_service",
    "catalog_service",
    "plan_service",
)
ROADMAP = Path(__file__).parents[1] / "fixtures" / "roadmaps" / "smolensk-oblast-2021.txt"


def _context(folder: Path) -> AppContext:
    paths = AppPaths.resolve(folder)
    settings = Settings()
    opened = open_store(paths, device_id=settings.device_id)
    return AppContext(paths=paths, settings=settings, log_file=folder / "log", store=opened)


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    ctx = _context(tmp_path / "store")
    yield ctx
    if ctx.store is not None:
        ctx.store.close()


def _school(context: AppContext, name: str = "МБОУ «Контекстная СОШ»") -> str:
    return context.school_service.create(SchoolFields(full_name=name)).id


def test_every_service_is_built_once_per_opened_store(context: AppContext, tmp_path: Path) -> None:
    first = {name: getattr(context, name) for name in SERVICES}
    assert all(getattr(context, name) is first[name] for name in SERVICES)
    assert context.school_service.database is context.database
    assert context.catalog_service.database is context.database
    assert context.plan_service.backup_dir == context.paths.backup_dir

    assert context.store is not None
    context.store.close()
    other = _context(tmp_path / "other")
    context.store = other.store  # another store is open now: every service follows it
    again = {name: getattr(context, name) for name in SERVICES}
    assert all(again[name] is not first[name] for name in SERVICES)
    assert context.school_service.database is context.database


def test_no_service_before_the_store_is_open(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "store")
    context = AppContext(paths=paths, settings=Settings(), log_file=tmp_path / "log")
    for name in SERVICES:
        with pytest.raises(RuntimeError):
            getattr(context, name)


def test_school_writes_and_the_list_import_say_what_changed(
    context: AppContext, tmp_path: Path
) -> None:
    service = context.school_service
    assert {Change.SCHOOLS} == service.WRITES
    _school(context)
    inn = make_inn("344401234")
    path = tmp_path / "schools.csv"
    path.write_text(f"ИНН;Полное наименование\n{inn};МБОУ «Новая СОШ»\n", encoding="utf-8")
    preview = service.preview_list(path)
    assert len(preview.diff.to_add) == 1
    assert len(service.diff_list(preview.table.rows, preview.mapping).to_add) == 1
    result = service.import_list(preview.diff)
    assert result.changes == {Change.SCHOOLS, Change.BACKUPS}
    assert context.schools.count() == 2


def test_a_risk_save_changes_the_risks_only_when_something_was_stored(
    context: AppContext,
) -> None:
    school_id = _school(context)
    service = context.risk_service
    [row, *_rest] = service.start_year(school_id, 2026)
    saved = service.save_factor(school_id, 2026, row.code, {"questionnaire_level": "medium"})
    assert saved.changes == {Change.RISKS} == service.WRITES
    again = service.save_factor(school_id, 2026, row.code, {"questionnaire_level": "medium"})
    assert again.changes == NO_CHANGES


def test_plan_edits_and_a_roadmap_import_change_the_roadmaps(context: AppContext) -> None:
    service = context.plan_service
    result = service.import_(service.preview(ROADMAP))
    assert result.changes == {Change.ROADMAPS, Change.BACKUPS}
    item = service.add_item("Созвониться с директором", "март", year=2021)
    assert service.set_done(item, True, dt.date(2021, 3, 15)) == {Change.ROADMAPS}
    assert service.set_relation(item, "attend") == {Change.ROADMAPS}
    school_id = _school(context)
    visit_id = context.visit_service.create_visit(school_id, "primary", dt.date(2021, 3, 1))
    link = service.link(item, "visit", visit_id)
    assert service.unlink(link) == service.WRITES == {Change.ROADMAPS}
    assert service.delete_item(item) == {Change.ROADMAPS}


def test_completing_a_visit_and_its_report_change_visits_schools_and_reports(
    context: AppContext,
) -> None:
    school_id = _school(context)
    service = context.visit_service
    visit_id = service.create_visit(school_id, "primary", dt.date(2026, 11, 2))
    assert {Change.VISITS, Change.SCHOOLS} == service.CREATED
    fill_required(service, visit_id, service.load(visit_id).visit.template)
    assert service.complete(visit_id) == {Change.VISITS, Change.SCHOOLS}
    record = context.report_service.generate_visit(visit_id, language="en")
    assert record.changes == {Change.REPORTS, Change.VISITS}
    assert service.reopen(visit_id, "исправить дату") == {Change.VISITS}
    context.risk_service.start_year(school_id, 2026)
    protocol = context.report_service.generate_protocol(school_id, 2026, language="en")
    assert protocol.changes == {Change.REPORTS}


def test_catalog_imports_say_what_changed(context: AppContext, tmp_path: Path) -> None:
    service = context.catalog_service
    builtin = resource_dir() / "checklists" / "primary-visit.json"
    assert service.import_template(builtin).changes == NO_CHANGES  # installed already
    content = json.loads(builtin.read_text(encoding="utf-8"))
    content["version"] += 1
    newer = tmp_path / "primary.json"
    newer.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    assert service.import_template(newer).changes == {Change.CATALOGS, Change.BACKUPS}
    assert any(t.version == content["version"] for t in service.templates())

    before = service.risk_catalog()
    assert before is not None and service.factor_count() > 0
    catalog_file = tmp_path / "catalog.json"
    catalog_file.write_text(json.dumps(_catalog(), ensure_ascii=False), encoding="utf-8")
    installed = service.import_risk_catalog(catalog_file)
    assert installed.changes == {Change.CATALOGS, Change.RISKS, Change.BACKUPS}
    assert service.risk_catalog().id == installed.catalog_id  # type: ignore[union-attr]


def test_an_exchange_import_changes_what_it_wrote(context: AppContext, tmp_path: Path) -> None:
    other = _context(tmp_path / "other")
    try:
        _school(other, "МБОУ «Школа с другого компьютера»")
        package = other.exchange_service.export(tmp_path / "other.curator")
    finally:
        assert other.store is not None
        other.store.close()
    assert package.changes == {Change.EXCHANGE}
    result = context.exchange_service.import_(package.path)
    assert Change.SCHOOLS in result.changes
    assert {Change.EXCHANGE, Change.BACKUPS} <= result.changes
    assert not result.changes & {Change.VISITS, Change.REPORTS, Change.ROADMAPS}
    again = context.exchange_service.import_(package.path)
    assert not again.written and again.changes == NO_CHANGES
