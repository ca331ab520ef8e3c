"""The risk profile service on real stores: rules enforced, history kept, years, evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func
from sqlmodel import select

from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.risk.verification import RiskRuleError
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChangeLog,
    DocumentReview,
    RiskAssessment,
    RiskEvidence,
    School,
    Visit,
)

TODAY = dt.date(2026, 3, 20)
YEAR = 2026
JUSTIFICATION = "На уроках не подтвердилось: обучающиеся мотивированы, посещаемость высокая."


@pytest.fixture
def school_id(database: Database) -> str:
    install_builtin_catalogs(database)
    with database.session() as session:
        school = School(full_name="МОУ «Тестовая СОШ»", short_name="Тестовая СОШ")
        session.add(school)
    return school.id


@pytest.fixture
def service(database: Database) -> RiskProfileService:
    return RiskProfileService(database, today=TODAY)


def _counts(db: Database) -> tuple[int, int, int]:
    with db.session() as session:
        return tuple(  # type: ignore[return-value]
            session.exec(select(func.count()).select_from(table)).one()
            for table in (RiskAssessment, RiskEvidence, ChangeLog)
        )


def _row(service: RiskProfileService, school_id: str, code: str, year: int = YEAR):
    return next(r for r in service.profile(school_id, year) if r.code == code)


def _confirm(service: RiskProfileService, school_id: str, code: str, level: str = "high") -> None:
    service.save_factor(
        school_id, YEAR, code, {"questionnaire_level": level, "verdict": "confirmed"}
    )


def test_profile_has_one_row_per_factor_of_the_catalog(service, school_id) -> None:
    rows = service.profile(school_id, YEAR)
    assert [r.code for r in rows] == [f"R{n:02d}" for n in range(1, 12)]
    assert rows[0].name_ru == "Низкий уровень оснащения школы"
    assert all(r.verdict is None and r.assessment_id is None for r in rows)
    assert service.years(school_id) == []


def test_rejecting_without_justification_is_refused_and_writes_nothing(
    service, database, school_id
) -> None:
    before = _counts(database)
    with pytest.raises(RiskRuleError) as caught:
        service.save_factor(school_id, YEAR, "R10", {"verdict": "rejected", "justification": " "})
    assert isinstance(caught.value, ValidationError)
    assert [p.field for p in caught.value.problems] == ["justification"]
    assert "justification" in caught.value.user_message
    assert _counts(database) == before
    result = service.save_factor(
        school_id, YEAR, "R10", {"verdict": "rejected", "justification": JUSTIFICATION}
    )
    assert result.changed and result.warnings == ()
    row = _row(service, school_id, "R10")
    assert (row.verdict, row.justification, row.effective_level) == (
        "rejected",
        JUSTIFICATION,
        "none",
    )
    assert row.verified_on == TODAY  # the first verdict dates the verification
    assert service.years(school_id) == [YEAR]


def test_adjusting_needs_a_different_level_and_switching_back_clears_it(service, school_id) -> None:
    service.save_factor(school_id, YEAR, "R03", {"questionnaire_level": "medium"})
    with pytest.raises(RiskRuleError) as caught:
        service.save_factor(
            school_id,
            YEAR,
            "R03",
            {"verdict": "adjusted", "adjusted_level": "medium", "justification": JUSTIFICATION},
        )
    assert caught.value.field == "adjusted_level"
    assert _row(service, school_id, "R03").verdict is None
    service.save_factor(
        school_id,
        YEAR,
        "R03",
        {"verdict": "adjusted", "adjusted_level": "high", "justification": JUSTIFICATION},
    )
    assert _row(service, school_id, "R03").effective_level == "high"
    service.save_factor(school_id, YEAR, "R03", {"verdict": "confirmed"})
    row = _row(service, school_id, "R03")
    assert (row.adjusted_level, row.effective_level) == (None, "medium")


def test_only_confirmed_or_adjusted_factors_can_be_activated(service, school_id) -> None:
    with pytest.raises(RiskRuleError) as caught:
        service.save_factor(
            school_id, YEAR, "R01", {"questionnaire_level": "high", "activated": True}
        )
    assert caught.value.field == "activated"
    service.save_factor(
        school_id, YEAR, "R02", {"verdict": "rejected", "justification": JUSTIFICATION}
    )
    with pytest.raises(RiskRuleError):
        service.save_factor(school_id, YEAR, "R02", {"activated": True})
    assert not any(r.activated for r in service.profile(school_id, YEAR))
    _confirm(service, school_id, "R01")
    service.save_factor(school_id, YEAR, "R01", {"activated": True})
    assert _row(service, school_id, "R01").activated


def test_more_directions_than_recommended_warn_but_are_stored(service, school_id) -> None:
    assert service.max_active_directions() == 3
    for code in ("R01", "R02", "R03", "R04"):
        _confirm(service, school_id, code)
    results = [
        service.save_factor(school_id, YEAR, code, {"activated": True})
        for code in ("R01", "R02", "R03", "R04")
    ]
    assert [bool(r.warnings) for r in results] == [False, False, False, True]
    assert "No more than 3 directions" in results[-1].warnings[0]
    assert sum(r.activated for r in service.profile(school_id, YEAR)) == 4


def test_medk_and_verified_dates(service, school_id) -> None:
    _confirm(service, school_id, "R05")
    with pytest.raises(RiskRuleError) as caught:
        service.save_factor(school_id, YEAR, "R05", {"medk_entered_on": TODAY})
    assert caught.value.field == "medk_entered_on"
    with pytest.raises(RiskRuleError) as caught:
        service.save_factor(school_id, YEAR, "R05", {"verified_on": TODAY + dt.timedelta(days=3)})
    assert caught.value.field == "verified_on"
    service.save_factor(school_id, YEAR, "R05", {"medk_entered": True})
    row = _row(service, school_id, "R05")
    assert (row.medk_entered, row.medk_entered_on) == (True, TODAY)
    service.save_factor(school_id, YEAR, "R05", {"medk_entered": False})
    row = _row(service, school_id, "R05")
    assert (row.medk_entered, row.medk_entered_on) == (False, None)


def test_unknown_factor_or_school_is_refused(service, school_id) -> None:
    with pytest.raises(NotFoundError):
        service.save_factor(school_id, YEAR, "R99", {"verdict": "confirmed"})
    with pytest.raises(NotFoundError):
        service.save_factor("no-such-school", YEAR, "R01", {"verdict": "confirmed"})
    with pytest.raises(ValueError, match="not editable"):
        service.save_factor(school_id, YEAR, "R01", {"school_id": "x"})


def test_history_records_each_change_old_to_new_newest_first(service, school_id) -> None:
    _confirm(service, school_id, "R07", level="medium")
    service.save_factor(
        school_id, YEAR, "R07", {"verdict": "rejected", "justification": JUSTIFICATION}
    )
    history = service.history(school_id, YEAR)
    assert all(e.factor_code == "R07" and e.device_id == "test-device" for e in history)
    assert history == sorted(history, key=lambda e: e.at, reverse=True)
    verdicts = [(e.old_value, e.new_value) for e in history if e.field == "verdict"]
    assert verdicts == [("confirmed", "rejected"), (None, "confirmed")]
    justification = next(e for e in history if e.field == "justification")
    assert (justification.old_value, justification.new_value) == ("", JUSTIFICATION)
    assert history[-1].action == "create" and history[-1].field is None
    assert service.history(school_id, YEAR - 1) == []


def test_start_year_copies_the_previous_profile_as_a_draft(service, school_id) -> None:
    last = YEAR - 1
    service.save_factor(
        school_id,
        last,
        "R01",
        {
            "questionnaire_level": "high",
            "verdict": "confirmed",
            "justification": "Нет интерактивного оборудования в кабинетах.",
            "activated": True,
            "medk_entered": True,
        },
    )
    service.save_factor(school_id, last, "R02", {"questionnaire_level": "low"})
    rows = service.start_year(school_id, YEAR)
    assert len(rows) == 11 and all(r.assessment_id for r in rows)
    first = rows[0]
    assert first.questionnaire_level == "high"
    assert first.justification == "Нет интерактивного оборудования в кабинетах."
    assert (first.verdict, first.activated, first.medk_entered) == (None, False, False)
    assert (first.verified_on, first.medk_entered_on) == (None, None)
    assert rows[1].questionnaire_level == "low"
    assert rows[2].questionnaire_level == "none"
    assert service.years(school_id) == [YEAR, last]
    assert _row(service, school_id, "R01", last).activated  # the old year is untouched
    with pytest.raises(ValidationError):
        service.start_year(school_id, YEAR)
    assert service.suggested_new_year(school_id) == YEAR + 1


def test_start_year_without_a_previous_profile_is_empty(service, school_id) -> None:
    rows = service.start_year(school_id, YEAR)
    assert {r.questionnaire_level for r in rows} == {"none"}
    assert service.suggested_new_year("no-profile-school") == TODAY.year


# --- evidence on the demo store ---------------------------------------------------------------


@pytest.fixture
def demo(database: Database) -> tuple[RiskProfileService, str, str, int]:
    """The demo store; a «500+» school with visits and document reviews, another school."""
    create_demo_store(database, today=dt.date(2026, 11, 22))
    with database.session() as session:
        reviewed = {d.school_id for d in session.exec(select(DocumentReview))}
        schools = session.exec(select(School).where(School.programme == "500plus")).all()
        school = next(s for s in schools if s.id in reviewed and s.status == "active")
        other = next(s for s in schools if s.id != school.id)
    service = RiskProfileService(database, today=dt.date(2026, 11, 22))
    return service, school.id, other.id, service.years(school.id)[0]


def test_evidence_choices_are_the_schools_own_records(demo, database) -> None:
    service, school_id, other_id, _year = demo
    choices = service.evidence_choices(school_id)
    with database.session() as session:
        visits = {v.id for v in session.exec(select(Visit).where(Visit.school_id == school_id))}
        foreign = {v.id for v in session.exec(select(Visit).where(Visit.school_id == other_id))}
    assert {c.target_id for c in choices if c.kind == "visit"} == visits
    assert not foreign & {c.target_id for c in choices}
    assert any(c.kind == "document" for c in choices)
    assert all(c.label for c in choices)


def test_evidence_links_and_unlinks_with_history(demo, database) -> None:
    service, school_id, other_id, year = demo
    choices = service.evidence_choices(school_id)
    visit = next(c for c in choices if c.kind == "visit")
    document = next(c for c in choices if c.kind == "document")
    code = "R04"
    before = len(_row(service, school_id, code, year).evidence)
    added = service.add_evidence(school_id, year, code, kind="visit", target_id=visit.target_id)
    service.add_evidence(
        school_id, year, code, kind="document", target_id=document.target_id, note="с. 4"
    )
    service.add_evidence(school_id, year, code, kind="note", note="Беседа с завучем")
    row = _row(service, school_id, code, year)
    assert len(row.evidence) == before + 3
    labels = [e.label for e in row.evidence]
    assert visit.label in labels
    assert f"{document.label} — с. 4" in labels
    assert any("Беседа с завучем" in label for label in labels)
    with pytest.raises(ValidationError):  # the same visit twice
        service.add_evidence(school_id, year, code, kind="visit", target_id=visit.target_id)
    with pytest.raises(ValidationError):  # a note needs its text
        service.add_evidence(school_id, year, code, kind="note", note="  ")
    foreign_visit = next(c for c in service.evidence_choices(other_id) if c.kind == "visit")
    with pytest.raises(ValidationError):  # another school's visit
        service.add_evidence(school_id, year, code, kind="visit", target_id=foreign_visit.target_id)
    service.remove_evidence(added.id)
    row = _row(service, school_id, code, year)
    assert added.id not in [e.id for e in row.evidence]
    with pytest.raises(NotFoundError):
        service.remove_evidence(added.id)
    changes = [
        (e.old_value, e.new_value)
        for e in service.history(school_id, year)
        if e.field == "evidence" and e.factor_code == code
    ]
    assert (visit.label, None) in changes
    assert (None, visit.label) in changes
