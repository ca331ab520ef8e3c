"""The period reports tell the state of things as it stood, never in the future: the state «as
of» the earlier of the period's end and the day the report is made, every factor the
verification kept or lowered, schools counted by their status in the programme, and only held
visits' recommendations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import col, select

from curator_desktop.domain.enums import RiskLevel, SchoolStatus
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.store.database import Database
from curator_desktop.store.tables import DocumentReview, Recommendation, Visit
from tests.services.reports.period_helpers import (
    JUNE_END,
    RUN_DAY,
    YEAR_START,
    render_period,
    school_named,
)
from tests.services.reports.report_helpers import Rendered, flat


def section_text(report: Rendered, short_name: str) -> str:
    """The flat text of one school's part: from its heading to the next school's (or the
    totals')."""
    names = [s.school.short_name for s in report.data.schools]
    number = names.index(flat(short_name).replace("№ ", "№\u00a0")) + 1
    text = report.text
    start = text.index(flat(f"{number}. {short_name}"))
    following = (
        flat(f"{number + 1}. {names[number]}")
        if number < len(names)
        else _("{n}. Totals across the schools").format(n=number + 1)
    )
    end = text.find(following, start + 1)
    return text[start : end if end > 0 else None]


def test_a_report_made_before_the_period_ends_tells_the_state_as_of_that_day(
    demo: Database, tmp_path: Path
) -> None:
    """Made on 7 December for the year: the state is as of 7 December; a deadline later in
    December is not overdue yet, a deadline passed is."""
    second = school_named(demo, "№ 2")
    with demo.session() as session:
        opened = session.exec(
            select(Recommendation)
            .join(Visit, col(Visit.id) == col(Recommendation.visit_id))
            .where(col(Recommendation.status) == "open", col(Visit.status) == "completed")
            .order_by(col(Recommendation.deadline))
        ).all()
        late = next(r for r in opened if r.deadline < RUN_DAY.replace(day=1))  # passed: overdue
        rec = opened[-1]  # one given lately: its deadline moved to later in December
        rec.deadline = RUN_DAY.replace(day=20)
        later, school_id, overdue, late_school = rec.text, rec.school_id, late.text, late.school_id
        review = session.exec(
            select(DocumentReview)
            .where(col(DocumentReview.school_id) == second.id)
            .where(col(DocumentReview.revision_deadline).is_not(None))
        ).one()
        review.revision_deadline = RUN_DAY.replace(day=15)
    report = render_period(demo, tmp_path)
    data, text = report.data, report.text
    assert data.as_of == RUN_DAY
    assert _("State on {date}").format(date=format_date(RUN_DAY, "short")) in text
    assert flat(format_date(RUN_DAY)) in text
    assert _("State on {date}").format(date=format_date(data.date_to, "short")) not in text
    states = {(s.school.id, r.text): r.state for s in data.schools for r in s.recommendations}
    assert states[(school_id, later)] == "open"
    assert states[(late_school, overdue)] == "overdue"
    documents = [d for s in data.schools for d in s.documents if d.revision_deadline]
    assert documents and not any(d.revision_overdue for d in documents)
    assert _("overdue") not in text

    interim = render_period(demo, tmp_path, YEAR_START, JUNE_END, kind="interim")
    assert interim.data.as_of == JUNE_END
    assert _("State on {date}").format(date=format_date(JUNE_END, "short")) in interim.text


def test_factors_the_verification_lowered_to_no_risk_are_shown(
    demo: Database, tmp_path: Path
) -> None:
    """«Низкий» adjusted to «риск не выявлен», and a rejected risk, stay in the table."""
    report = render_period(demo, tmp_path)
    by_school = {s.school.short_name: s for s in report.data.schools}
    lowered = {
        "Каменнобродская": "R08",  # low → adjusted to no risk
        "Луговская": "R05",  # low → not confirmed
        "Никольская": "R11",  # medium → not confirmed
    }
    none = RiskLevel.label_for("none")
    for part, code in lowered.items():
        school = school_named(demo, part)
        section = next(s for name, s in by_school.items() if part in name)
        line = next((r for r in section.risks.lines if r.code == code), None)
        assert line is not None, (part, code)
        assert line.level == "none"
        text = section_text(report, school.short_name)
        assert f"{code} " in text and none in text, (part, code)


def test_a_school_that_finished_the_programme_is_not_counted_as_taking_part(
    demo: Database, tmp_path: Path
) -> None:
    """Ракитинская ООШ completed the programme in 2025: listed with its status, not counted
    among the schools taking part, its 2025 directions not among this year's."""
    finished = school_named(demo, "Ракитинская")
    assert finished.status == SchoolStatus.COMPLETED
    report = render_period(demo, tmp_path)
    data = report.data
    totals = data.totals
    assert totals.schools == len(data.schools) == 8
    assert totals.taking_part == 7
    assert dict((s, n) for s, _label, n in totals.statuses) == {"active": 7, "completed": 1}
    for direction in totals.directions:
        assert all("Ракитинская" not in name for name in direction.schools), direction.code
    section = next(s for s in data.schools if s.school.id == finished.id)
    assert section.status == "completed" and not section.risks.current
    completed = SchoolStatus.label_for("completed")
    assert completed in section_text(report, finished.short_name)
    schools = ngettext(
        "{n} school, of them taking part in the programme: {active}",
        "{n} schools, of them taking part in the programme: {active}",
        8,
    )
    assert schools.format(n=8, active=7) in report.text


def test_recommendations_of_visits_not_finished_are_left_out(
    demo: Database, tmp_path: Path
) -> None:
    """Никольская СОШ's visit of 20 November is still in progress: neither it nor the
    recommendations written at it are counted."""
    school = school_named(demo, "Никольская")
    with demo.session() as session:
        visits = session.exec(select(Visit).where(col(Visit.school_id) == school.id)).all()
        ongoing = next(v for v in visits if v.status == "in_progress")
        written = session.exec(
            select(Recommendation.text).where(col(Recommendation.visit_id) == ongoing.id)
        ).all()
    assert ongoing.actual_date == dt.date(2026, 11, 20) and written
    held = [v for v in visits if v.status == "completed"]
    report = render_period(demo, tmp_path)
    section = next(s for s in report.data.schools if "Никольская" in s.school.short_name)
    texts = [r.text for r in section.recommendations]
    assert not set(written) & set(texts)
    assert section.visit_total == len(held)
    for text in written:
        assert flat(text) not in section_text(report, school.short_name)
