"""Rounds, decisions, comparison and the programme per year, through the service and a real
store."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.selfdiag import Decision, Level
from curator_desktop.services.selfdiag import SelfdiagService
from curator_desktop.store.database import Database
from tests.services.selfdiag.helpers import MAY, NOVEMBER, TODAY, add_school, draft


class FixedService(SelfdiagService):
    def today(self) -> dt.date:
        return TODAY


@pytest.fixture
def service(database: Database) -> FixedService:
    return FixedService(database)


def test_a_round_is_stored_whole_and_read_back(service: FixedService) -> None:
    school = add_school(service.database)
    stored = service.save_round(draft(school, NOVEMBER, knowledge=8, health=25, upbringing=15))
    assert [r.direction for r in stored.results] == ["knowledge", "health", "upbringing"]
    assert stored.total_points == 48
    assert stored.result("knowledge").level is Level.BELOW_BASE
    assert stored.below_base() == ("knowledge",)
    assert [d.critical for d in stored.deficits] == [False, False]
    assert service.rounds(school) == [stored]
    assert stored.catalog_key == "minpros-selfdiag"


def test_saving_the_same_date_again_replaces_results_and_keeps_decisions(
    service: FixedService,
) -> None:
    school = add_school(service.database)
    first = service.save_round(draft(school, NOVEMBER, knowledge=8, health=15))
    deficit = first.result("knowledge").deficits[0]
    decision = service.save_decision(
        Decision(
            "",
            school,
            first.id,
            "",
            "Внутренняя оценка по графику",
            deficit_id=deficit.id,
            responsible="Завуч",
            deadline=dt.date(2026, 2, 1),
        )
    )
    assert decision.direction == "knowledge"
    again = service.save_round(draft(school, NOVEMBER, knowledge=12))
    assert again.id == first.id
    assert [r.direction for r in again.results] == ["knowledge"]
    assert len(service.rounds(school)) == 1
    assert [d.what for d in service.decisions(school)] == ["Внутренняя оценка по графику"]


def test_points_above_the_maximum_and_unknown_directions_are_refused(service: FixedService) -> None:
    school = add_school(service.database)
    with pytest.raises(ValidationError, match="more than the maximum 30"):
        service.save_round(draft(school, NOVEMBER, knowledge=31))
    with pytest.raises(ValidationError, match="“astronomy” is not a direction"):
        service.save_round(draft(school, NOVEMBER, astronomy=3))
    with pytest.raises(ValidationError, match="in the future"):
        service.save_round(draft(school, TODAY + dt.timedelta(days=1), knowledge=3))
    assert service.rounds(school) == []


def test_two_rounds_compared(service: FixedService) -> None:
    school = add_school(service.database)
    assert service.comparison(school) is None
    service.save_round(draft(school, MAY, knowledge=22, health=12, creativity=4))
    service.save_round(draft(school, NOVEMBER, knowledge=8, health=15, upbringing=25))
    comparison = service.comparison(school)
    assert comparison is not None
    assert comparison.before.round_date == NOVEMBER
    rows = {c.direction: c for c in comparison.directions}
    assert list(rows) == ["knowledge", "upbringing", "health", "creativity"]  # catalog order
    knowledge = rows["knowledge"]
    assert (knowledge.level_before, knowledge.level_after) == (Level.BELOW_BASE, Level.MEDIUM)
    assert (knowledge.points_delta, knowledge.level_delta) == (14, 2)
    assert rows["upbringing"].points_after is None
    assert rows["creativity"].points_before is None
    assert [d.direction for d in comparison.closed] == ["knowledge"]
    assert [d.direction for d in comparison.new] == ["creativity"]
    assert [d.direction for d in comparison.kept] == ["health"]


def test_decisions_done_and_not_done(service: FixedService) -> None:
    school = add_school(service.database)
    stored = service.save_round(draft(school, NOVEMBER, knowledge=8))
    decision = service.save_decision(
        Decision(
            "",
            school,
            stored.id,
            "knowledge",
            "Семинар по объективности",
            responsible="Директор",
            deadline=dt.date(2026, 1, 15),
        )
    )
    assert decision.overdue(TODAY)
    done = service.set_decision_done(decision.id, True, dt.date(2026, 1, 10))
    assert (done.done, done.done_on) == (True, dt.date(2026, 1, 10))
    assert not done.overdue(TODAY)
    undone = service.set_decision_done(decision.id, False)
    assert (undone.done, undone.done_on) == (False, None)
    with pytest.raises(ValidationError):
        service.save_decision(replace(decision, what="  "))
    service.delete_decision(decision.id)
    assert service.decisions(school) == []


def test_deleting_a_round_deletes_its_decisions(service: FixedService) -> None:
    school = add_school(service.database)
    stored = service.save_round(draft(school, NOVEMBER, knowledge=8))
    service.save_decision(Decision("", school, stored.id, "knowledge", "План"))
    service.delete_round(stored.id)
    assert service.rounds(school) == [] and service.decisions(school) == []
    with pytest.raises(NotFoundError):
        service.round(stored.id)


def test_a_school_in_both_programmes_in_different_years(service: FixedService) -> None:
    school = add_school(service.database, programme="500plus")
    assert service.programme_for(school, 2025) == "500plus"
    service.set_programme(school, 2026, "minpros_school")
    assert service.programme_for(school, 2026) == "minpros_school"
    assert service.programme_for(school, 2025) == "500plus"
    with pytest.raises(ValidationError):
        service.set_programme(school, 2026, "olympiad")


def test_the_card_decides_by_the_programme_year_so_january_belongs_to_the_year_before(
    service: FixedService,
) -> None:
    """A school of «500+» in 2026 that is in «Школа Минпросвещения» now: in January 2027 the
    programme year is still 2026, so its card shows the risk profile only; from February both."""
    from curator_desktop.services.selfdiag.card_sections import RISK, SELFDIAG, card_sections

    school = add_school(service.database, programme="minpros_school")
    service.set_programme(school, 2026, "500plus")
    database = service.database
    assert card_sections(database, school, on=dt.date(2027, 1, 20)) == {RISK}
    assert card_sections(database, school, on=dt.date(2027, 2, 10)) == {RISK, SELFDIAG}
    assert card_sections(database, school, on=dt.date(2026, 6, 1)) == {RISK}
