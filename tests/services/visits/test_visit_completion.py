"""Completing a visit checks one rule set first: the checklist's required items and the visit's
own required fields (purpose, participants, findings on the school's risks), so a справка never
says «No participants recorded» or «Not stated» for a completed visit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curator_desktop.domain.errors import IncompleteVisitError
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RiskAssessment, School
from tests.services.visits.test_visit_service import FixedDayService, fill_required


@pytest.fixture
def service(database: Database, tmp_path: Path) -> VisitService:
    install_builtin_catalogs(database)
    return FixedDayService(database, attachments_dir=tmp_path / "attachments")


def _school(database: Database, *, risks: bool) -> str:
    with database.session() as session:
        school = School(full_name="МБОУ «Тестовая СОШ»", short_name="Тестовая СОШ")
        session.add(school)
        session.flush()
        if risks:
            for code, level in (("R04", "high"), ("R09", "medium")):
                session.add(
                    RiskAssessment(
                        school_id=school.id, year=2026, factor_code=code, questionnaire_level=level
                    )
                )
        return school.id


def _checklist_done(service: VisitService, visit_id: str) -> None:
    template = service.load(visit_id).visit.template
    if template:
        fill_required(service, visit_id, template, visit_fields=False)


def _missing_fields(service: VisitService, visit_id: str) -> list[str]:
    return [m.item_key for m in service.missing_required(visit_id) if m.reason == "field"]


def test_a_visit_with_its_checklist_done_but_no_purpose_participants_or_findings_stays_open(
    service: VisitService, database: Database
) -> None:
    visit_id = service.create_visit(_school(database, risks=True), "planned", dt.date(2026, 11, 2))
    _checklist_done(service, visit_id)
    with pytest.raises(IncompleteVisitError) as caught:
        service.complete(visit_id)
    missing = caught.value.missing
    assert [(m.item_key, m.reason) for m in missing] == [
        ("purpose", "field"),
        ("participants", "field"),
        ("findings", "field"),
    ]
    assert str(caught.value) == "3 required entries are missing."
    assert [m.section_title for m in missing] == [
        "Details of the visit",
        "Details of the visit",
        "Findings by risk factor",
    ]
    assert missing[0].item_text == "The purpose of the visit is not filled in"
    assert service.missing_required(visit_id) == missing
    assert service.load(visit_id).visit.status != "completed"

    service.update_visit(visit_id, purpose="Проверка реализации антирисковых программ")
    nameless = service.add_participant(visit_id)  # a row added and left empty does not count
    assert _missing_fields(service, visit_id) == ["participants", "findings"]
    service.update_participant(nameless, full_name="Матвеева Валентина Петровна")
    service.set_finding(visit_id, "R09", "Родители приходят на собрания редко")
    assert service.missing_required(visit_id) == []
    service.complete(visit_id)
    assert service.load(visit_id).visit.status == "completed"


def test_fields_come_before_the_checklist_and_findings_after_it(
    service: VisitService, database: Database
) -> None:
    visit_id = service.create_visit(_school(database, risks=True), "primary", dt.date(2026, 11, 2))
    missing = service.missing_required(visit_id)
    reasons = [m.reason for m in missing]
    assert reasons[:2] == ["field", "field"] and reasons[-1] == "field"
    assert set(reasons[2:-1]) == {"answer"}
    assert missing[-1].item_key == "findings"


def test_a_school_without_a_risk_profile_is_not_asked_for_findings(
    service: VisitService, database: Database
) -> None:
    visit_id = service.create_visit(_school(database, risks=False), "final", dt.date(2026, 11, 2))
    _checklist_done(service, visit_id)
    assert _missing_fields(service, visit_id) == ["purpose", "participants"]


def test_a_remote_consultation_needs_no_findings(service: VisitService, database: Database) -> None:
    visit_id = service.create_visit(
        _school(database, risks=True), "remote", dt.date(2026, 11, 2), with_checklist=False
    )
    assert _missing_fields(service, visit_id) == ["purpose", "participants"]
    service.update_visit(visit_id, purpose="Консультация по антирисковой программе")
    service.add_participant(visit_id, full_name="Матвеева Валентина Петровна")
    service.complete(visit_id)
    assert service.load(visit_id).visit.status == "completed"


def test_the_risk_profile_of_the_visit_year_decides(
    service: VisitService, database: Database
) -> None:
    school_id = _school(database, risks=True)  # risks recorded for 2026 only
    visit_id = service.create_visit(school_id, "planned", dt.date(2028, 3, 2))
    _checklist_done(service, visit_id)
    assert _missing_fields(service, visit_id) == ["purpose", "participants"]
