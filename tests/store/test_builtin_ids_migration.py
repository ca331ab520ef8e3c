"""Migration 0006: catalogs, factors and templates of older stores take their derived ids, and
copies a store already imported from elsewhere are collapsed into one, references intact."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.domain.catalogs import builtin_ids
from curator_desktop.services.catalogs.builtin import (
    builtin_template_paths,
    install_builtin_catalogs,
)
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from curator_desktop.store.integrity import check_store
from curator_desktop.store.tables import (
    LessonObservation,
    RiskAssessment,
    RiskEvidence,
    School,
    Visit,
    VisitFinding,
    new_id,
)
from tests.conftest import add_later_columns

OLD = "0005_roadmap_deadlines"
BUILT_IN = ("risk_catalog", "risk_factor", "checklist_template")
TEMPLATES = len(builtin_template_paths())
"""The checklist templates shipped with the app."""


@contextmanager
def random_ids() -> Iterator[None]:
    """Install built-ins the way stores did before 0006: every id random."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("catalog_id", "factor_id", "template_id"):
            patch.setattr(builtin_ids, name, lambda *parts: new_id())
        yield


def old_store(path: Path, device: str) -> Path:
    """A store at revision 0005 with the built-ins installed under random ids."""
    path.parent.mkdir(parents=True, exist_ok=True)
    schema.upgrade(path, target=OLD)
    add_later_columns(path)
    db = Database(path, device_id=device)
    with random_ids():
        install_builtin_catalogs(db)
    db.close()
    return path


def query(path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


def ids_by_identity(path: Path) -> dict[str, dict[tuple, str]]:
    """Row id by (key, version[, code]) per built-in table."""
    return {
        "risk_catalog": {(k, v): i for i, k, v in query(path, _CATALOGS)},
        "risk_factor": {(k, v, c): i for i, k, v, c in query(path, _FACTORS)},
        "checklist_template": {(k, v): i for i, k, v in query(path, _TEMPLATES)},
    }


_CATALOGS = "SELECT id, catalog_key, version FROM risk_catalog"
_FACTORS = (
    "SELECT f.id, c.catalog_key, c.version, f.code FROM risk_factor f "
    "JOIN risk_catalog c ON c.id = f.catalog_id"
)
_TEMPLATES = "SELECT id, template_key, version FROM checklist_template"


@dataclass
class Legacy:
    """The laptop's store at 0005 and what the test needs to know about it."""

    path: Path
    visit_id: str
    lesson_id: str
    assessment_id: str
    old_ids: set[str]
    primary_kept: str
    """The revision of the primary-visit copy that must survive (the one the visit uses)."""
    monitoring_kept: str
    """The revision of the monitoring copy that must survive (the live one)."""
    history_rows: int


def _take_copies(laptop: Path, coordinator: Path) -> None:
    """What an import before 0006 did: the coordinator's built-ins arrive as new records, with
    their history and a receipt each."""
    with sqlite3.connect(laptop) as connection:
        connection.execute("ATTACH DATABASE ? AS b", (str(coordinator),))
        for table in BUILT_IN:
            connection.execute(f"INSERT INTO {table} SELECT * FROM b.{table}")
            connection.execute(
                "INSERT INTO receipt (entity, entity_id, at) "
                f"SELECT '{table}', id, '2026-11-21 09:00:00.000000' FROM b.{table}"
            )
        connection.execute(
            "INSERT INTO change_log SELECT * FROM b.change_log WHERE entity IN (?, ?, ?)", BUILT_IN
        )
        connection.commit()
        connection.execute("DETACH DATABASE b")


@pytest.fixture
def legacy(tmp_path: Path) -> Legacy:
    laptop = old_store(tmp_path / "laptop" / "curator.sqlite3", "dev-laptop")
    coordinator = old_store(tmp_path / "coordinator" / "curator.sqlite3", "dev-coordinator")
    mine = ids_by_identity(laptop)
    theirs = ids_by_identity(coordinator)
    _take_copies(laptop, coordinator)
    primary = theirs["checklist_template"][("primary-visit", 2)]
    lesson_template = mine["checklist_template"][("lesson-observation", 3)]
    # The laptop's own monitoring template was deleted, and is the older copy: the live
    # coordinator's copy must win all the same.
    monitoring_mine = mine["checklist_template"][("monitoring", 2)]
    monitoring_theirs = theirs["checklist_template"][("monitoring", 2)]
    with sqlite3.connect(laptop) as connection:
        connection.execute(
            "UPDATE checklist_template SET deleted = 1, created_at = '2020-01-01 00:00:00.000000' "
            "WHERE id = ?",
            (monitoring_mine,),
        )
    db = Database(laptop, device_id="dev-laptop")
    with db.session() as session:
        school = School(full_name="МКОУ «Озёрная ООШ»", short_name="Озёрная ООШ")
        session.add(school)
        session.flush()
        visit = Visit(school_id=school.id, visit_type="primary", template_id=primary)
        session.add(visit)
        session.flush()
        lesson = LessonObservation(visit_id=visit.id, template_id=lesson_template)
        assessment = RiskAssessment(school_id=school.id, year=2026, factor_code="R02")
        session.add_all([lesson, assessment, VisitFinding(visit_id=visit.id, factor_code="R02")])
        session.flush()
        session.add(RiskEvidence(assessment_id=assessment.id, kind="visit", visit_id=visit.id))
    db.close()
    old_ids = {
        i for table in (mine, theirs) for i in (v for t in table.values() for v in t.values())
    }
    revision = "SELECT revision FROM checklist_template WHERE id = ?"
    return Legacy(
        path=laptop,
        visit_id=visit.id,
        lesson_id=lesson.id,
        assessment_id=assessment.id,
        old_ids=old_ids,
        primary_kept=query(laptop, revision, primary)[0][0],
        monitoring_kept=query(laptop, revision, monitoring_theirs)[0][0],
        history_rows=query(laptop, "SELECT COUNT(*) FROM change_log")[0][0],
    )


def assert_sound(path: Path) -> None:
    assert query(path, "PRAGMA foreign_key_check") == []
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    check = check_store(path)
    assert check.ok, check.problems


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def test_the_legacy_store_really_has_duplicates(legacy: Legacy) -> None:
    """The starting point the other tests rely on."""
    assert query(legacy.path, "SELECT COUNT(*) FROM risk_catalog") == [(2,)]
    assert query(legacy.path, "SELECT COUNT(*) FROM checklist_template") == [(2 * TEMPLATES,)]
    assert schema.store_revision(legacy.path) == OLD


def test_upgrade_gives_derived_ids_and_collapses_the_copies(legacy: Legacy) -> None:
    schema.upgrade(legacy.path)
    assert schema.store_revision(legacy.path) == schema.shipped_revisions().head
    ids = ids_by_identity(legacy.path)
    ((key, version),) = ids["risk_catalog"]
    catalog = builtin_ids.catalog_id(key, version)
    assert ids["risk_catalog"] == {(key, version): catalog}
    assert query(legacy.path, "SELECT COUNT(*) FROM risk_catalog") == [(1,)]
    assert len(ids["risk_factor"]) == query(legacy.path, "SELECT COUNT(*) FROM risk_factor")[0][0]
    assert len(ids["risk_factor"]) == 11
    for (k, v, code), ident in ids["risk_factor"].items():
        assert ident == builtin_ids.factor_id(k, v, code)
    assert query(legacy.path, "SELECT DISTINCT catalog_id FROM risk_factor") == [(catalog,)]
    templates = ids["checklist_template"]
    assert (
        len(templates)
        == TEMPLATES
        == query(legacy.path, "SELECT COUNT(*) FROM checklist_template")[0][0]
    )
    for (k, v), ident in templates.items():
        assert ident == builtin_ids.template_id(k, v)
    assert_sound(legacy.path)


def test_the_used_and_the_live_copies_survive(legacy: Legacy) -> None:
    schema.upgrade(legacy.path)
    row = "SELECT revision, deleted FROM checklist_template WHERE id = ?"
    primary = builtin_ids.template_id("primary-visit", 2)
    monitoring = builtin_ids.template_id("monitoring", 2)
    assert query(legacy.path, row, primary) == [(legacy.primary_kept, 0)]
    assert query(legacy.path, row, monitoring) == [(legacy.monitoring_kept, 0)]


def test_visits_lessons_and_verifications_keep_their_references(legacy: Legacy) -> None:
    schema.upgrade(legacy.path)
    db = Database(legacy.path)
    try:
        with db.session() as session:
            visit = session.get(Visit, legacy.visit_id)
            lesson = session.get(LessonObservation, legacy.lesson_id)
            assert visit.template_id == builtin_ids.template_id("primary-visit", 2)
            assert lesson.template_id == builtin_ids.template_id("lesson-observation", 3)
            evidence = session.exec(select(RiskEvidence)).one()
            assert (evidence.assessment_id, evidence.visit_id) == (
                legacy.assessment_id,
                legacy.visit_id,
            )
            assert session.get(RiskAssessment, legacy.assessment_id).factor_code == "R02"
    finally:
        db.close()
    assert_sound(legacy.path)


def test_history_and_receipts_follow_the_new_ids(legacy: Legacy) -> None:
    schema.upgrade(legacy.path)
    assert query(legacy.path, "SELECT COUNT(*) FROM change_log")[0][0] == legacy.history_rows
    entities = query(
        legacy.path, "SELECT entity_id FROM change_log WHERE entity IN (?, ?, ?)", *BUILT_IN
    )
    assert entities and not {e for (e,) in entities} & legacy.old_ids
    catalog = builtin_ids.catalog_id("fioco-risk-factors", "2021.1")
    created = query(
        legacy.path,
        "SELECT entity_id FROM change_log WHERE entity = 'risk_catalog' AND action = 'create'",
    )
    assert created == [(catalog,), (catalog,)]  # both copies' histories joined
    receipts = query(legacy.path, "SELECT entity, entity_id FROM receipt")
    assert not {i for _e, i in receipts} & legacy.old_ids
    assert len(receipts) == len(set(receipts)) == 1 + 11 + TEMPLATES


def test_the_app_adds_no_copy_after_the_upgrade(legacy: Legacy) -> None:
    schema.upgrade(legacy.path)
    db = Database(legacy.path, device_id="dev-laptop")
    try:
        result = install_builtin_catalogs(db)
    finally:
        db.close()
    assert not (result.catalogs_added or result.factors_added or result.templates_added)
    assert query(legacy.path, "SELECT COUNT(*) FROM checklist_template") == [(TEMPLATES,)]


def test_running_it_again_changes_nothing(legacy: Legacy) -> None:
    schema.upgrade(legacy.path)
    before = dump(legacy.path)
    with sqlite3.connect(legacy.path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (OLD,))
    schema.upgrade(legacy.path)
    assert dump(legacy.path) == before


def test_an_empty_store_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    schema.upgrade(path, target=OLD)
    schema.upgrade(path)
    assert schema.store_revision(path) == schema.shipped_revisions().head
    for table in BUILT_IN:
        assert query(path, f"SELECT COUNT(*) FROM {table}") == [(0,)]
    assert_sound(path)


def test_the_demo_store_upgrades_with_every_visit_on_its_template(tmp_path: Path) -> None:
    from curator_desktop.services.demo.builder import create_demo_store

    path = tmp_path / "demo.sqlite3"
    schema.upgrade(path, target=OLD)
    add_later_columns(path)
    db = Database(path, device_id="dev-demo")
    with random_ids():
        create_demo_store(db, today=dt.date(2026, 11, 20))
    db.close()
    uses = (
        "SELECT t.template_key, t.version, COUNT(*) FROM {table} x "
        "JOIN checklist_template t ON t.id = x.template_id GROUP BY 1, 2 ORDER BY 1"
    )
    before = {
        table: query(path, uses.format(table=table)) for table in ("visit", "lesson_observation")
    }
    assert before["visit"] and before["lesson_observation"]
    factors = query(path, "SELECT code FROM risk_factor ORDER BY code")
    schema.upgrade(path)
    for table, counts in before.items():
        assert query(path, uses.format(table=table)) == counts
        for ident, key, version in query(
            path,
            f"SELECT x.template_id, t.template_key, t.version FROM {table} x "
            "JOIN checklist_template t ON t.id = x.template_id",
        ):
            assert ident == builtin_ids.template_id(key, version)
    assert query(path, "SELECT code FROM risk_factor ORDER BY code") == factors
    assert_sound(path)
    upgraded = dump(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (OLD,))
    schema.upgrade(path)
    assert dump(path) == upgraded


def test_two_upgraded_stores_exchange_without_copies_or_conflicts(
    legacy: Legacy, tmp_path: Path
) -> None:
    """The coordinator's store, also upgraded, sends a package: nothing of its built-ins is new
    and nothing conflicts, although each store chose its own copies."""
    from curator_desktop.services.exchange.service import ExchangeService

    coordinator = tmp_path / "coordinator" / "curator.sqlite3"
    schema.upgrade(coordinator)
    schema.upgrade(legacy.path)
    services = {}
    for name, path in (("coordinator", coordinator), ("laptop", legacy.path)):
        db = Database(path, device_id=f"dev-{name}")
        services[name] = ExchangeService(
            db,
            attachments_dir=path.parent / "attachments",
            reports_dir=path.parent / "reports",
            backup_dir=None,
        )
    try:
        package = services["coordinator"].export(tmp_path / "package.curator").path
        preview = services["laptop"].preview(package)
        assert preview.conflicts == ()
        for table in BUILT_IN:
            counts = preview.counts[table]
            assert counts.new == counts.conflicts == 0 and counts.unchanged > 0, table
        services["laptop"].import_(package)
    finally:
        for service in services.values():
            service.database.close()
    assert query(legacy.path, "SELECT COUNT(*) FROM checklist_template") == [(TEMPLATES,)]
    assert query(legacy.path, "SELECT COUNT(*) FROM risk_catalog") == [(1,)]
    assert_sound(legacy.path)
