"""The demo's ШМР school: two rounds (November of the previous year and May), decisions, an
interview whose checklist answers fit its template, one consultation held and one planned."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from curator_desktop.domain.checklists.items import (
    answer_problem,
    item_index,
    missing_required,
    visible_items,
)
from curator_desktop.domain.enums import VisitStatus, VisitType
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.demo.selfdiag import add_selfdiag_demo, round_days
from curator_desktop.services.selfdiag import SelfdiagService, consultation_schedule
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChecklistAnswer, Visit
from tests.services.selfdiag.helpers import add_school

TODAY = dt.date(2026, 12, 7)


def test_round_days() -> None:
    assert round_days(TODAY) == (dt.date(2025, 11, 20), dt.date(2026, 5, 15))
    assert round_days(dt.date(2026, 3, 1)) == (dt.date(2024, 11, 20), dt.date(2025, 5, 15))


def test_the_demo_school_gets_rounds_decisions_an_interview_and_consultations(
    database: Database,
) -> None:
    install_builtin_catalogs(database)
    school = add_school(database)
    with database.session() as session:
        counts = add_selfdiag_demo(session, today=TODAY)
    # The interview held, two consultations, and the next interview planned.
    assert counts == {"selfdiag_round": 2, "selfdiag_decision": 5, "visit": 4}
    service = SelfdiagService(database)
    november, may = service.rounds(school)
    assert (november.round_date, may.round_date) == round_days(TODAY)
    assert (november.total_points, may.total_points) == (126, 155)
    comparison = service.comparison(school)
    assert comparison is not None
    assert (len(comparison.closed), len(comparison.new), len(comparison.kept)) == (4, 1, 4)
    assert [d.critical for d in comparison.new] == [True]
    decisions = service.decisions(school)
    assert sum(d.done for d in decisions) == 3 and all(d.deficit_id for d in decisions)
    with database.session() as session:
        interviews = session.exec(
            select(Visit)
            .where(col(Visit.visit_type) == VisitType.INTERVIEW.value)
            .order_by(col(Visit.planned_date))
        ).all()
        assert [v.status for v in interviews] == [
            VisitStatus.COMPLETED.value,
            VisitStatus.PLANNED.value,
        ]
        interview = interviews[0]
        items = item_index(interview.template_snapshot)
        answers = session.exec(
            select(ChecklistAnswer).where(col(ChecklistAnswer.visit_id) == interview.id)
        ).all()
        assert len(answers) >= 10
        assert all(answer_problem(items, a.item_key, a.value) is None for a in answers)
        given = {a.item_key: a.value for a in answers}
        assert missing_required(interview.template_snapshot, given) == []
        # The school's first interview: nothing «agreed at the previous interview» to check.
        assert given["decisions.previous_interview"] == "none"
        shown = {item["key"] for item in visible_items(interview.template_snapshot, given)}
        assert "decisions.previous_done" not in shown and "decisions.previous_done" not in given
    schedule = consultation_schedule(database, date_from=november.round_date, date_to=None)
    assert [e.status for e in schedule] == ["completed", "planned"]
    assert schedule[1].below_base == ()  # May: no direction below base
    assert schedule[0].below_base == ("knowledge", "creativity")
