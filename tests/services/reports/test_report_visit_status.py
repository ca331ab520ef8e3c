"""A visit's report changes the visit's status and nothing else: the visit is read for it without
its checklist snapshot, which stays as it was; a deleted visit gets no report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import col, select

from curator_desktop.domain.enums import VisitStatus
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.reports.service import ReportService
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChangeLog, School, Visit

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def visit(database: Database, tmp_path: Path) -> str:
    install_builtin_catalogs(database)
    with database.session() as session:
        school = School(full_name="МБОУ «Тестовая СОШ»", short_name="Тестовая СОШ")
        session.add(school)
    visits = VisitService(database, attachments_dir=tmp_path / "attachments")
    visit_id = visits.create_visit(school.id, "planned", TODAY, template_key="planned-visit")
    visits.set_answer(visit_id, "general.roadmap_followed", "yes")
    with database.session() as session:  # completed without the required answers (not the point)
        row = session.get(Visit, visit_id)
        assert row is not None
        row.status = VisitStatus.COMPLETED.value
    return visit_id


def service(database: Database, tmp_path: Path) -> ReportService:
    return ReportService(
        database,
        reports_dir=tmp_path / "reports",
        cache_dir=tmp_path / "cache",
        attachments_dir=tmp_path / "attachments",
    )


def snapshot_and_logs(db: Database, visit_id: str) -> tuple[object, list[tuple[str, str | None]]]:
    with db.session() as session:
        row = session.get(Visit, visit_id)
        assert row is not None
        logs = session.exec(
            select(ChangeLog.action, ChangeLog.field)
            .where(col(ChangeLog.entity_id) == visit_id)
            .order_by(col(ChangeLog.at))
        ).all()
        return row.template_snapshot, [tuple(log) for log in logs]


def test_the_report_changes_only_the_status(database: Database, tmp_path: Path, visit: str) -> None:
    snapshot, logs = snapshot_and_logs(database, visit)
    assert snapshot and snapshot["id"] == "planned-visit"
    record = service(database, tmp_path).generate_visit(visit)
    assert record.subject == "Тестовая СОШ, 20 November 2026"
    after, logs_after = snapshot_and_logs(database, visit)
    assert after == snapshot
    assert logs_after == [*logs, ("update", "status")]
    with database.session() as session:
        row = session.get(Visit, visit)
        assert row is not None and row.status == VisitStatus.REPORT_GENERATED.value
    service(database, tmp_path).generate_visit(visit)  # a second version changes nothing
    assert snapshot_and_logs(database, visit) == (snapshot, logs_after)


def test_a_deleted_visit_gets_no_report(database: Database, tmp_path: Path, visit: str) -> None:
    with database.session() as session:
        row = session.get(Visit, visit)
        assert row is not None
        row.deleted = True
    with pytest.raises(NotFoundError, match=f"visit {visit} was not found"):
        service(database, tmp_path).generate_visit(visit)
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())
