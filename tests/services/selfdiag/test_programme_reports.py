"""A school's programme decides what the reports say of it: the period report tells a ШМР
school's self-diagnosis (no risk profile missing), the protocol explains itself, interviews get
their checklist and consultations make the schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curator_desktop.domain.enums import VisitType
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.selfdiag import Decision, Level
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.reports.protocol import data as protocol_data
from curator_desktop.services.selfdiag import SelfdiagService, consultation_schedule
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import Visit
from tests.services.reports.period_helpers import render_period
from tests.services.selfdiag.helpers import MAY, NOVEMBER, add_school, draft


@pytest.fixture
def service(database: Database) -> SelfdiagService:
    return SelfdiagService(database)


def test_the_period_report_tells_a_shmr_schools_self_diagnosis(
    service: SelfdiagService, tmp_path: Path
) -> None:
    school = add_school(service.database)
    first = service.save_round(draft(school, NOVEMBER, knowledge=8, health=15))
    service.save_round(draft(school, MAY, knowledge=22, health=12))
    service.save_decision(
        Decision("", school, first.id, "knowledge", "План", deadline=dt.date(2026, 1, 10))
    )
    for kind in ("interim", "final"):
        text = render_period(service.database, tmp_path / kind, kind=kind).text
        assert "has no risk profile" not in text
        assert "Monitoring of positive changes 1." not in text
        assert "Self-diagnosis results" in text
        assert "Below base, 8 / 30" in text and "Medium, 22 / 30" in text
        assert "Deficits closed since the previous round: 1; new: 0; kept: 1." in text
        assert "Management decisions: 1, of them carried out: 0, past their deadline: 1." in text


def test_a_school_in_both_programmes_is_reported_by_the_years_programme(
    service: SelfdiagService, tmp_path: Path
) -> None:
    school = add_school(service.database, programme="500plus")
    service.set_programme(school, 2026, "minpros_school")
    text = render_period(service.database, tmp_path / "a").text
    assert "Self-diagnosis results" in text
    assert "No self-diagnosis results are recorded by the end of the period." in text
    with pytest.raises(ValidationError, match="has no risk profile to verify"):
        protocol_data.collect(service.database, school, 2026)
    with pytest.raises(NotFoundError, match="has no risk profile for 2025"):
        protocol_data.collect(service.database, school, 2025)  # «500+» that year


def test_an_interview_gets_its_checklist_and_consultations_make_the_schedule(
    service: SelfdiagService, tmp_path: Path
) -> None:
    database = service.database
    install_builtin_catalogs(database)
    school = add_school(database)
    service.save_round(draft(school, NOVEMBER, knowledge=8, health=25))
    visits = VisitService(database, attachments_dir=tmp_path / "files")
    interview = visits.create_visit(school, VisitType.INTERVIEW.value, dt.date(2025, 12, 10))
    with database.session() as session:
        snapshot = session.get(Visit, interview).template_snapshot  # type: ignore[union-attr]
    assert snapshot is not None and snapshot["id"] == "management-interview"
    keys = [item["key"] for section in snapshot["sections"] for item in section["items"]]
    assert {"selfdiag.below_base", "knowledge.decisions_taken", "decisions.agreed"} <= set(keys)
    later = visits.create_visit(school, VisitType.CONSULTATION.value, dt.date(2026, 2, 5))
    earlier = visits.create_visit(school, VisitType.CONSULTATION.value, dt.date(2026, 1, 15))
    visits.create_visit(school, VisitType.CONSULTATION.value, dt.date(2026, 4, 1))  # not in it
    visits.update_visit(earlier, purpose="Объективность оценивания")
    schedule = consultation_schedule(
        database, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31)
    )
    assert [e.visit_id for e in schedule] == [earlier, later]
    assert schedule[0].topic == "Объективность оценивания"
    assert schedule[0].below_base == ("knowledge",)
    assert schedule[0].level is None  # the round's total has no level without thresholds
    assert service.rounds(school)[0].result("health").level is Level.MEDIUM
