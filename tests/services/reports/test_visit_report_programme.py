"""The visit справка follows the school's programme in the visit's year: a school of «Школа
Минпросвещения России» has no risk profile, so its справка has no risk verification section and
the sections after it move up; the participants' roles read alike. Real stores, real PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import col, select

from curator_desktop.domain.enums import Programme, VisitStatus, VisitType
from curator_desktop.i18n import _
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.services.selfdiag.programme import set_programme
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, Visit
from tests.services.reports.report_helpers import Rendered, flat, render_pdf
from tests.services.reports.school_year import school_year

OCTOBER = dt.date(2026, 10, 15)


def render(db: Database, visit_id: str, folder: Path) -> Rendered:
    data = visit_report.collect(db, visit_id, attachments_dir=folder / "attachments")
    return render_pdf(
        visit_report,
        data,
        folder / "report",
        folder / "print-copies",
        kind="visit",
        document_number="СП-2026-0001",
        draft=not data.completed,
    )


def check_no_risk_section(report: Rendered) -> None:
    """No risk verification heading or text, no empty «findings by risk factor» (there are no
    risk factors to write them on); the numbering runs on without a gap."""
    text = report.text
    assert _("Risk profile verification") not in text
    assert _("The school has no risk profile for this year.") not in text
    assert _("Findings by risk factor") not in text
    assert _("No findings recorded.") not in text
    titles = [
        _("General information"),
        _("Participants"),
        _("Purpose and agenda"),
        _("Checklist results"),
        _("Lessons observed"),
        _("Recommendations"),
        _("Photos"),
    ]
    for number, title in enumerate(titles, start=1):
        assert f"{number}. {title}" in text, title
    assert visit_report.section_titles(report.data) == [
        f"{n}. {t}" for n, t in enumerate(titles, start=1)
    ]


def test_a_minpros_school_in_the_visits_year_has_no_risk_section(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, russian: None
) -> None:
    """The school's own field says «500+»; its record for 2026 says «Школа Минпросвещения
    России»: the year of the visit decides."""
    story = school_year(database, tmp_path, monkeypatch)
    set_programme(database, story.school_id, 2026, Programme.MINPROS_SCHOOL.value)
    visit_id = story.visit(VisitType.CONSULTATION.value, OCTOBER, checklist=False)
    story.complete(visit_id, OCTOBER)
    report = render(database, visit_id, tmp_path)
    check_no_risk_section(report)
    assert Programme.MINPROS_SCHOOL.label in report.text  # the header's programme of that year


def test_a_500_plus_school_keeps_its_risk_section(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, russian: None
) -> None:
    story = school_year(database, tmp_path, monkeypatch)
    set_programme(database, story.school_id, 2025, Programme.MINPROS_SCHOOL.value)  # not 2026
    visit_id = story.visit(VisitType.PLANNED.value, OCTOBER, checklist=False)
    story.complete(visit_id, OCTOBER)
    text = render(database, visit_id, tmp_path).text
    assert f"7. {_('Risk profile verification')}" in text
    assert f"8. {_('Recommendations')}" in text


def test_the_demo_interview_reads_alike_and_has_no_risk_section(
    demo: Database, tmp_path: Path, russian: None
) -> None:
    with demo.session() as session:
        visit_id = session.exec(
            select(Visit.id)
            .join(School, col(School.id) == col(Visit.school_id))
            .where(col(School.programme) == Programme.MINPROS_SCHOOL.value)
            .where(col(Visit.visit_type) == VisitType.INTERVIEW.value)
            .where(col(Visit.status) != VisitStatus.PLANNED.value)  # not the next one, planned
        ).one()
    report = render(demo, visit_id, tmp_path)
    check_no_risk_section(report)
    roles = {row.role for row in report.data.participants}
    assert roles == {"управленческая команда"}
    capital = report.text.split("Управленческая команда")[1:]  # only a checklist item starts so
    assert all(after.startswith(" знает") for after in capital)
    for role in roles:
        assert flat(role) in report.text
