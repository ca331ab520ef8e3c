"""Interim and final curator reports differ in what they say, not only in their title: the
interim (June) tells the progress and the first monitoring stage; the final (December) compares
the start and the end — risk levels at verification and now, the antirisk programmes, both
monitoring stages, recommendations fulfilled, best practices, conclusions and proposals for the
next year — and both are signed by the store's owner, with an optional «Согласовано» line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import update
from sqlmodel import col, select

from curator_desktop.domain.enums import ReviewConclusion, RiskLevel
from curator_desktop.i18n import _, format_date
from curator_desktop.services.reports.period import report as period_report
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import ChangeLog, ChecklistAnswer, RiskAssessment, Visit
from tests.services.reports.period_helpers import (
    JUNE_END,
    NUMBER,
    YEAR_START,
    render_period,
    school_named,
)
from tests.services.reports.report_helpers import curator_profile, flat

VERIFIED_AT = dt.datetime(2026, 4, 13, 9, 0, tzinfo=dt.UTC)
LOWERED_AT = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def final_titles() -> list[str]:
    return [
        _("Risk levels: at verification and now"),
        _("Antirisk programmes and target indicators"),
        _("Best practices"),
        _("Conclusions and proposals for the next year"),
    ]


def stage_labels() -> tuple[str, str]:
    return "stage 1 (June)", "stage 2 (October–November)"  # the monitoring template's options


def test_the_interim_report_tells_the_progress_and_the_first_monitoring_stage(
    demo: Database, tmp_path: Path
) -> None:
    report = render_period(demo, tmp_path, YEAR_START, JUNE_END, kind="interim")
    text = report.text
    first, second = stage_labels()
    assert _("Monitoring of positive changes") in text
    assert first in text and second not in text
    # a school's first stage (June): the share of failing students as the curator entered it
    section = next(s for s in report.data.schools if s.monitoring.held)
    stage = section.monitoring.stages[0]
    assert stage.held_on is not None and stage.held_on.month == 6
    entered = answer_at(demo, section.school.id, stage.held_on, "results.failing_share")
    rows = {row.text: row.values for row in section.monitoring.rows}
    assert rows["Share of students with unsatisfactory results for the period, %"] == (entered,)
    assert "Share of students with unsatisfactory results for the period, %" in text
    for title in final_titles():
        assert title not in text, title


def answer_at(db: Database, school_id: str, day: dt.date, item_key: str) -> str:
    """The answer the school's visit of ``day`` gave to ``item_key``, as text."""
    with db.session() as session:
        value = session.exec(
            select(ChecklistAnswer.value)
            .join(Visit, col(Visit.id) == col(ChecklistAnswer.visit_id))
            .where(col(Visit.school_id) == school_id, col(Visit.actual_date) == day)
            .where(col(ChecklistAnswer.item_key) == item_key)
            .where(col(ChecklistAnswer.lesson_id).is_(None))
        ).one()
    return str(value)


def lower_a_risk_in_november(db: Database) -> str:
    """Озерецкая СОШ's R08 (high, confirmed at verification in April) lowered to no risk in
    November; the change log dated accordingly. Returns the school's id."""
    school = school_named(db, "Озерецкая")
    with db.session() as session:
        session.exec(  # type: ignore[call-overload]
            update(ChangeLog)
            .where(col(ChangeLog.entity) == RiskAssessment.__tablename__)
            .values(at=VERIFIED_AT)
        )
    RiskProfileService(db, today=LOWERED_AT.date()).save_factor(
        school.id,
        2026,
        "R08",
        {
            "verdict": "adjusted",
            "adjusted_level": "none",
            "justification": "Служба медиации работает; по повторному опросу климат улучшился.",
        },
    )
    with db.session() as session:
        session.exec(  # type: ignore[call-overload]
            update(ChangeLog)
            .where(col(ChangeLog.entity) == RiskAssessment.__tablename__)
            .where(col(ChangeLog.at) > VERIFIED_AT)
            .values(at=LOWERED_AT)
        )
    return school.id


def test_the_final_report_compares_the_start_and_the_end(demo: Database, tmp_path: Path) -> None:
    school_id = lower_a_risk_in_november(demo)
    report = render_period(demo, tmp_path, conclusions="Продолжить работу с ШНОР в 2027 году.")
    text = report.text
    for title in final_titles():
        assert title in text, title
    section = next(s for s in report.data.schools if s.school.id == school_id)
    r08 = next(line for line in section.risks.lines if line.code == "R08")
    assert (r08.verified_level, r08.level) == ("high", "none")
    assert r08.change == "lower"
    assert RiskLevel.label_for("high") in text and RiskLevel.label_for("none") in text
    # the antirisk programme of each activated direction: R01 accepted in its second version
    # (the first was returned for revision), R10 accepted at once
    programmes = {p.code: p for p in section.programmes}
    assert set(programmes) == {"R01", "R10"}
    assert programmes["R01"].conclusion == "accept" and programmes["R01"].version == "2"
    assert programmes["R10"].conclusion == "accept" and programmes["R10"].version == "1"
    assert ReviewConclusion.label_for("accept") in text
    # both monitoring stages: June and October–November
    first, second = stage_labels()
    assert first in text and second in text
    june, autumn = (s.held_on for s in section.monitoring.stages)
    assert june is not None and june.month == 6
    assert autumn is not None and autumn.month in (10, 11)
    # the curator's conclusions printed; best practices left to be written by hand
    assert "Продолжить работу с ШНОР в 2027 году." in text
    assert _("To be filled in by the curator.") in text
    # the interim report tells the level in force on 30 June, before it was lowered
    interim = period_report.collect(
        demo, YEAR_START, JUNE_END, kind="interim", today=LOWERED_AT.date()
    )
    early = next(s for s in interim.schools if s.school.id == school_id)
    assert next(line for line in early.risks.lines if line.code == "R08").level == "high"


def test_the_interim_and_final_reports_say_different_things(demo: Database, tmp_path: Path) -> None:
    interim = render_period(demo, tmp_path, kind="interim")
    final = render_period(demo, tmp_path, kind="final")
    only_final = [t for t in final_titles() if t in final.text and t not in interim.text]
    assert only_final == final_titles()
    assert interim.texts[0] != final.texts[0]


def test_the_report_is_signed_by_the_stores_owner_and_may_be_approved(
    demo: Database, tmp_path: Path
) -> None:
    profile = curator_profile(demo)
    plain = render_period(demo, tmp_path)
    coordinator = "Петрова Ирина Сергеевна, главный специалист МКУ «Управление образования»"
    approved = render_period(demo, tmp_path, approved_by=coordinator)
    blank = render_period(demo, tmp_path, approved_by="")
    for report in (plain, approved, blank):
        last = report.texts[-1]
        assert _("Report prepared by") in last
        for value in (profile.full_name, profile.position, profile.organisation):
            assert flat(value) in last, value
    assert _("Approved") not in plain.texts[-1]
    assert _("Approved") in approved.texts[-1] and flat(coordinator) in approved.texts[-1]
    assert _("Approved") in blank.texts[-1]


def test_the_pdf_is_titled_with_name_and_number_and_authored_by_the_curator(
    demo: Database, tmp_path: Path
) -> None:
    report = render_period(demo, tmp_path)
    info = PdfReader(report.path).metadata
    title = period_report.describe(report.data)[0]
    assert info.title == _("{title} No. {number}").format(title=title, number=NUMBER)
    assert info.author == curator_profile(demo).full_name
    assert format_date(report.data.as_of) in " ".join(report.texts[:1])
