"""Making a report from anywhere (visit editor, school card) and listing a subject's versions."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.ui.reports import actions as report_actions
from curator_desktop.ui.reports.actions import generate_and_preview
from curator_desktop.ui.reports.versions import ReportVersionsWidget
from tests.ui.conftest import wait_for

WIDE = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@pytest.fixture
def window(open_window):
    return open_window(demo=True)


def test_visit_report_is_stored_announced_previewed_and_versioned(
    qtbot, window, monkeypatch
) -> None:
    from curator_desktop.ui.reports.preview import ReportPreviewDialog

    context = window.context
    visit_id = context.report_service.completed_visits(*WIDE)[0]
    versions = ReportVersionsWidget(context, visit_id=visit_id, kind="visit")
    qtbot.addWidget(versions)
    assert versions.reports() == [] and not versions.open_button.isEnabled()

    announced = []
    monkeypatch.setattr(report_actions, "BUSY_DELAY_MS", 0)
    job = generate_and_preview(
        window, context, "visit", visit_id=visit_id, on_generated=announced.append
    )
    with qtbot.waitSignal(job.preview_opened, timeout=60_000) as opened:
        qtbot.waitUntil(lambda: job.busy is not None and job.busy.isVisible())
    assert [r.id for r in announced] == [job.record.id]
    assert announced[0].changes == {Change.REPORTS, Change.VISITS}  # the visit's status too
    assert isinstance(opened.args[0], ReportPreviewDialog)
    assert opened.args[0].document.pageCount() >= 1
    assert job.busy is None
    (summary,) = context.visits.summaries_for([visit_id])
    assert summary.status == "report_generated"

    job = generate_and_preview(window, context, "visit", visit_id=visit_id, preview=False)
    wait_for(qtbot, job.generated)
    assert job.preview is None
    versions.refresh()
    assert [r.version for r in versions.reports()] == [2, 1]
    versions.table.view.selectRow(1)
    assert versions.open_button.isEnabled()
    with qtbot.waitSignal(versions.report_opened) as opened:
        versions.open_button.click()
    assert opened.args[0].pdf_path.name == versions.reports()[1].file_name


def test_protocol_versions_of_a_school_and_year(qtbot, window) -> None:
    context = window.context
    school_id, _name = context.schools.choices()[0]
    job = generate_and_preview(
        window, context, "protocol", school_id=school_id, year=2026, preview=False
    )
    wait_for(qtbot, job.generated)
    assert job.record.kind == "protocol" and job.record.document_number.startswith("ПВ-")
    this_year = ReportVersionsWidget(context, school_id=school_id, kind="protocol", year=2026)
    other_year = ReportVersionsWidget(context, school_id=school_id, kind="protocol", year=2025)
    qtbot.addWidget(this_year)
    qtbot.addWidget(other_year)
    assert [r.id for r in this_year.reports()] == [job.record.id]
    assert other_year.reports() == []
    other_year.set_subject(school_id=school_id, kind="protocol")
    assert len(other_year.reports()) == 1


def test_interim_is_a_period_report(qtbot, window) -> None:
    job = generate_and_preview(
        window,
        window.context,
        "interim",
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 6, 30),
        preview=False,
    )
    wait_for(qtbot, job.generated)
    assert (job.record.kind, job.record.period_to) == ("interim", dt.date(2026, 6, 30))


def test_a_failure_is_shown_and_nothing_opens(qtbot, window, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    announced = []
    job = generate_and_preview(
        window, window.context, "visit", visit_id="no-such-visit", on_generated=announced.append
    )
    wait_for(qtbot, job.failed)
    assert shown and "no-such-visit" in shown[0]
    assert announced == [] and job.preview is None and job.busy is None
    assert window.context.report_service.reports() == []


def test_unknown_kind_is_a_programming_error(window) -> None:
    with pytest.raises(ValueError, match="kind"):
        generate_and_preview(window, window.context, "memo")
