"""The curator's report for a period may carry a «Согласовано» line for the coordinator: asked
for in the dialog, printed in the report."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from curator_desktop.ui.reports.period_dialog import PeriodReportDialog, PeriodReportRequest
from tests.ui.conftest import set_text

COORDINATOR = "Петрова И. С., муниципальный координатор"


def test_the_dialog_asks_for_an_optional_approval_line(qtbot) -> None:
    dialog = PeriodReportDialog([("s1", "School 1")], today=lambda: dt.date(2026, 12, 7))
    qtbot.addWidget(dialog)
    assert dialog.request().approved_by is None
    assert not dialog.approver_edit.isEnabled()
    dialog.approval_check.setChecked(True)
    assert dialog.approver_edit.isEnabled()
    assert dialog.request().approved_by == ""  # a blank line to sign by hand
    set_text(dialog.approver_edit, f"  {COORDINATOR} ")
    assert dialog.request().approved_by == COORDINATOR
    dialog.approval_check.setChecked(False)
    assert dialog.request().approved_by is None


def test_the_report_made_from_the_window_prints_the_approval(qtbot, open_window) -> None:
    window = open_window(demo=True)
    window.show_page("reports")
    page = window.pages["reports"]
    request = PeriodReportRequest(
        "final", dt.date(2026, 1, 1), dt.date(2026, 12, 31), None, "en", approved_by=COORDINATOR
    )
    with qtbot.waitSignal(page.data_changed, timeout=60_000):
        page.generate_period_report(request)
    (record,) = page.reports()
    path = page.context.report_service.path_of(record)
    last = " ".join(PdfReader(path).pages[-1].extract_text().split())
    assert "Approved" in last and COORDINATOR in last
