"""The curator's interim / final report on the demo store and real PDFs: every school and section,
totals that match counts taken straight from the tables, a selection of schools, archived schools,
recommendations' state «as of» the report's day, quotes of what the visits noted, page numbers,
in Russian and in English."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import col, select

from curator_desktop.domain.enums import RecommendationStatus, VisitType
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.i18n import _, set_language
from curator_desktop.services.reports.period import report as period_report
from curator_desktop.services.reports.period.parts import quote
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChecklistAnswer,
    Recommendation,
    RiskAssessment,
    School,
    Visit,
)
from curator_desktop.store.types import utc_now
from tests.services.reports.period_helpers import RUN_DAY
from tests.services.reports.report_helpers import (
    Rendered,
    check_page_numbers,
    curator_profile,
    flat,
    render_pdf,
)

YEAR_START, JUNE_END, YEAR_END = dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 12, 31)
HELD = {"completed", "report_generated", "uploaded"}


def render(
    db: Database,
    folder: Path,
    date_from: dt.date,
    date_to: dt.date,
    *,
    kind: str = "final",
    school_ids: list[str] | None = None,
) -> Rendered:
    data = period_report.collect(
        db, date_from, date_to, kind=kind, school_ids=school_ids, today=RUN_DAY
    )
    return render_pdf(
        period_report, data, folder, folder / "cache", kind=kind, document_number="ОК-2026-0001"
    )


def schools(db: Database, *, archived: bool = False) -> list[School]:
    with db.session() as session:
        query = select(School).where(col(School.deleted).is_(False))
        if not archived:
            query = query.where(col(School.archived_at).is_(None))
        rows = list(session.exec(query))
        for row in rows:
            session.expunge(row)
    return rows


# --- counts straight from the tables ----------------------------------------------------------


@dataclass
class Expected:
    visits: Counter[str]
    visits_by_school: Counter[str]
    recommendations: Counter[str]
    directions: dict[str, set[str]]


def expected(db: Database, date_from: dt.date, date_to: dt.date, ids: list[str]) -> Expected:
    """What the report must count, computed from the rows without the report's code: the state
    as of the report's day (not after the period's end), the recommendations of held visits."""
    as_of = min(date_to, RUN_DAY)
    with db.session() as session:
        visits = [
            v
            for v in session.exec(select(Visit).where(col(Visit.deleted).is_(False)))
            if v.school_id in ids
            and v.status in HELD
            and date_from <= (v.actual_date or v.planned_date) <= date_to
        ]
        every = list(session.exec(select(Visit)))
        dates = {v.id: v.actual_date or v.planned_date for v in every}
        unheld = {v.id for v in every if v.status not in HELD or v.deleted}
        states: Counter[str] = Counter()
        for rec in session.exec(select(Recommendation)):
            given = dates.get(rec.visit_id) or rec.created_at.date()
            if rec.deleted or rec.school_id not in ids or not date_from <= given <= date_to:
                continue
            if rec.visit_id in unheld:
                continue
            closed = rec.closed_on is None or rec.closed_on <= as_of
            if rec.status == RecommendationStatus.DONE and closed:
                states["done"] += 1
            elif rec.status == RecommendationStatus.CANCELLED and closed:
                states["cancelled"] += 1
            elif rec.deadline and rec.deadline < as_of:
                states["overdue"] += 1
            else:
                states["open"] += 1
        rows = list(
            session.exec(select(RiskAssessment).where(col(RiskAssessment.deleted).is_(False)))
        )
        names = {s.id: s.short_name for s in session.exec(select(School))}
        directions: dict[str, set[str]] = defaultdict(set)
        for row in rows:  # this cycle year's profiles only
            if row.activated and row.school_id in ids and row.year == date_to.year:
                directions[row.factor_code].add(names[row.school_id])
    return Expected(
        visits=Counter(v.visit_type for v in visits),
        visits_by_school=Counter(v.school_id for v in visits),
        recommendations=states,
        directions=dict(directions),
    )


def check_report(report: Rendered, db: Database, chosen: list[School], period: tuple) -> None:
    """What every curator's report shows, in the current language."""
    text = report.text
    data = report.data
    check_page_numbers(report)
    assert period_report.describe(data)[0] in report.texts[0]
    titles = period_report.school_section_titles(data.kind)
    for title in [*titles, *period_report.totals_titles(len(chosen) + 1, data.kind)]:
        assert flat(title) in text, title
    profile = curator_profile(db)
    assert flat(profile.full_name) in text and flat(profile.region) in text
    for number, school in enumerate(sorted(chosen, key=lambda s: s.name_key), start=1):
        assert flat(f"{number}. {school.short_name}") in text, school.short_name
        assert flat(school.full_name) in text
    assert [s.school.id for s in data.schools] == [
        s.id for s in sorted(chosen, key=lambda s: (s.name_key, s.id))
    ]
    want = expected(db, *period, [s.id for s in chosen])
    totals = data.totals
    assert totals.schools == len(chosen)
    assert {t: n for t, _label, n in totals.visits} == dict(want.visits)
    for section in data.schools:
        assert section.visit_total == want.visits_by_school[section.school.id]
    assert totals.recommendations_done == want.recommendations["done"]
    assert totals.recommendations_overdue == want.recommendations["overdue"]
    assert totals.recommendations_open == want.recommendations["open"]
    assert totals.recommendations_cancelled == want.recommendations["cancelled"]
    assert totals.recommendations_given == sum(want.recommendations.values())
    assert {d.code: set(d.schools) for d in totals.directions} == {
        code: {n.replace("№ ", "№\u00a0") for n in names} for code, names in want.directions.items()
    }
    total_row = [_("Total"), sum(want.visits.values()), sum(want.recommendations.values())]
    total_row += [want.recommendations["done"], want.recommendations["overdue"]]
    assert " ".join(map(str, total_row)) in text
    for visit_type, count in want.visits.items():
        assert f"{VisitType.label_for(visit_type)} {count}" in text


def answers(db: Database, key: str) -> list[tuple[dt.date, str]]:
    """(visit date, answer) of every held visit's answer to ``key``."""
    with db.session() as session:
        rows = session.exec(
            select(Visit, ChecklistAnswer.value)
            .join(ChecklistAnswer, col(ChecklistAnswer.visit_id) == col(Visit.id))
            .where(col(ChecklistAnswer.item_key) == key)
            .where(col(ChecklistAnswer.lesson_id).is_(None))
        ).all()
    return [(v.actual_date or v.planned_date, value) for v, value in rows if v.status in HELD]


# --- tests ------------------------------------------------------------------------------------


def test_russian_final_report_covers_every_school(
    demo: Database, tmp_path: Path, russian: None
) -> None:
    chosen = schools(demo)
    report = render(demo, tmp_path, YEAR_START, YEAR_END)
    check_report(report, demo, chosen, (YEAR_START, YEAR_END))
    text = report.text
    assert "Итоговый отчёт куратора" in report.texts[0]
    assert "Первичное" in text and "Плановое" in text and "Регион" in text
    notes = answers(demo, "summary.positive_changes") + answers(demo, "summary.problems")
    assert notes
    for _day, value in notes:
        assert flat(quote(value)) in text


def test_english_interim_report_keeps_to_the_period(demo: Database, tmp_path: Path) -> None:
    chosen = schools(demo)
    report = render(demo, tmp_path, YEAR_START, JUNE_END, kind="interim")
    check_report(report, demo, chosen, (YEAR_START, JUNE_END))
    text = report.text
    assert "Interim curator report" in report.texts[0]
    assert "Visits held" in text and "Recommendations given" in text
    positive = answers(demo, "summary.positive_changes")
    inside = [v for day, v in positive if day <= JUNE_END]
    later = [v for day, v in positive if day > JUNE_END and v not in inside]
    assert inside and later
    for value in inside:
        assert flat(quote(value)) in text
    for value in later:
        assert flat(quote(value)) not in text
    set_language("ru")
    try:
        russian = render(demo, tmp_path, YEAR_START, JUNE_END, kind="interim")
    finally:
        set_language("en")
    assert "Промежуточный отчёт куратора" in russian.texts[0]
    assert figures(russian.data) == figures(report.data)  # the same figures in either language


def figures(data: period_report.PeriodReportData) -> tuple:
    """The report's numbers and codes, without labels."""
    totals = data.totals
    return (
        [(t, n) for t, _label, n in totals.visits],
        [(d.code, d.schools) for d in totals.directions],
        totals.recommendations_given,
        totals.recommendations_done,
        totals.recommendations_overdue,
        totals.documents_accepted,
        [len(s.recommendations) for s in data.schools],
    )


def test_a_selection_of_schools_limits_the_report(demo: Database, tmp_path: Path) -> None:
    everyone = schools(demo)
    chosen = [s for s in everyone if "Каменнобродская" in s.short_name or "№ 5" in s.short_name]
    assert len(chosen) == 2
    second_half = (dt.date(2026, 7, 1), YEAR_END)
    report = render(demo, tmp_path, *second_half, school_ids=[s.id for s in chosen])
    check_report(report, demo, chosen, second_half)
    assert (
        0
        < report.data.totals.visit_total
        < expected(demo, YEAR_START, YEAR_END, [s.id for s in chosen]).visits.total()
    )
    for other in everyone:
        if other not in chosen:
            assert flat(other.full_name) not in report.text


def test_archived_schools_are_left_out_unless_chosen(demo: Database, tmp_path: Path) -> None:
    with demo.session() as session:
        school = session.exec(
            select(School).where(col(School.short_name).contains("Никольская"))
        ).one()
        school.archived_at = utc_now()
        archived_id, archived_name = school.id, school.full_name
    report = render(demo, tmp_path, YEAR_START, YEAR_END)
    assert archived_id not in {s.school.id for s in report.data.schools}
    assert flat(archived_name) not in report.text
    check_report(report, demo, schools(demo), (YEAR_START, YEAR_END))
    chosen = render(demo, tmp_path, YEAR_START, YEAR_END, school_ids=[archived_id])
    assert [s.school.id for s in chosen.data.schools] == [archived_id]
    assert flat(archived_name) in chosen.text


def test_recommendations_are_counted_as_they_stood_at_the_period_end(
    demo: Database, tmp_path: Path
) -> None:
    """Done in July, due in May: overdue in the report to June 30, done in the year's report."""
    with demo.session() as session:
        rec = session.exec(
            select(Recommendation)
            .join(Visit, col(Visit.id) == col(Recommendation.visit_id))
            .where(col(Visit.actual_date) <= dt.date(2026, 4, 30))
        ).first()
        assert rec is not None
        rec.status = RecommendationStatus.DONE.value
        rec.deadline = dt.date(2026, 5, 29)
        rec.closed_on = dt.date(2026, 7, 10)
        rec.text = text = "Провести педсовет по итогам ВПР (проверка срока)"
        rec_id = rec.id
    interim = period_report.collect(demo, YEAR_START, JUNE_END, kind="interim", today=RUN_DAY)
    final = period_report.collect(demo, YEAR_START, YEAR_END, today=RUN_DAY)

    def state(data: period_report.PeriodReportData) -> str:
        lines = [r for s in data.schools for r in s.recommendations if r.text == text]
        assert len(lines) == 1, rec_id
        return lines[0].state

    assert state(interim) == "overdue"
    assert state(final) == "done"


def test_bad_arguments_fail_clearly(demo: Database) -> None:
    with pytest.raises(ValidationError):
        period_report.collect(demo, YEAR_START, YEAR_END, kind="weekly")
    with pytest.raises(ValidationError):
        period_report.collect(demo, YEAR_END, YEAR_START)
    with pytest.raises(NotFoundError):
        period_report.collect(demo, YEAR_START, YEAR_END, school_ids=[str(uuid.uuid4())])


def test_an_empty_period_still_gives_a_report(demo: Database, tmp_path: Path) -> None:
    report = render(demo, tmp_path, dt.date(2025, 1, 1), dt.date(2025, 1, 31), kind="interim")
    assert report.data.totals.visit_total == 0
    assert report.data.totals.recommendations_given == 0
    assert _("No visits were held in the period.") in report.text
    assert report.pages >= 1
