"""The Reports page on the demo store: listing, opening, curator's reports, batch with Cancel."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from curator_desktop.domain.changes import Change
from curator_desktop.ui.reports.page import ReportsPage
from curator_desktop.ui.reports.period_dialog import PeriodReportDialog

WIDE = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@pytest.fixture
def page(open_window) -> ReportsPage:
    """The Reports page, shown, on the demo store."""
    window = open_window(demo=True)
    window.show_page("reports")
    page = window.pages["reports"]
    assert isinstance(page, ReportsPage)
    return page


def service(page: ReportsPage):
    return page.context.report_service


def completed_dates(page: ReportsPage) -> list[dt.date]:
    """The dates of the demo store's completed visits without a report, oldest first."""
    ids = service(page).completed_visits(*WIDE)
    return sorted(v.date for v in page.context.visits.summaries_for(ids))


def test_empty_state_then_a_curators_report_is_listed_and_previewed(qtbot, page) -> None:
    from curator_desktop.ui.reports.period_dialog import PeriodReportRequest
    from curator_desktop.ui.reports.preview import ReportPreviewDialog

    assert page.table.currentWidget() is page.table.empty
    assert page.table.empty.title_label.text() == "No reports generated yet"
    assert page.count_label.text() == ""
    assert not page.open_button.isEnabled()

    request = PeriodReportRequest("interim", dt.date(2026, 1, 1), dt.date(2026, 6, 30), None, "en")
    with qtbot.waitSignal(page.data_changed, timeout=60_000) as changed:
        job = page.generate_period_report(request)
    assert changed.args == [frozenset({Change.REPORTS})]  # a curator's report changes no visit
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)

    (record,) = page.reports()
    assert record.kind == "interim" and record.version == 1
    assert record.document_number.startswith("ОК-")
    assert page.table.currentWidget() is page.table.view
    assert page.count_label.text() == "1 report"
    assert page.selected_report() == record and page.open_button.isEnabled()
    assert isinstance(job.preview, ReportPreviewDialog)
    assert job.preview.document.pageCount() >= 1
    assert job.preview.pdf_path == service(page).path_of(record)
    assert record.document_number in job.preview.windowTitle()
    texts = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert texts[1:5] == ["Interim report", record.document_number, "1", "EN"]
    assert texts[5] == record.subject and "2026" in record.subject


def test_period_dialog_defaults_follow_the_kind(qtbot) -> None:
    schools = [("s1", "School 1"), ("s2", "School 2")]
    dialog = PeriodReportDialog(schools, today=lambda: dt.date(2026, 3, 15))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.kind() == "interim"
    assert (dialog.date_from.value(), dialog.date_to.value()) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 6, 30),
    )
    dialog.set_kind("final")
    assert (dialog.date_from.value(), dialog.date_to.value()) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert ok.isEnabled()
    assert dialog.request().school_ids is None

    dialog.some_schools.setChecked(True)
    assert not ok.isEnabled() and dialog.problem_label.text()
    dialog.school_list.item(1).setCheckState(Qt.CheckState.Checked)
    assert ok.isEnabled()
    dialog.date_to.set_value(dt.date(2025, 12, 31))
    assert not ok.isEnabled()
    dialog.date_to.set_value(dt.date(2026, 10, 31))
    dialog.set_kind("interim")  # dates of the curator's own stay
    request = dialog.request()
    assert (request.kind, request.date_from, request.date_to) == (
        "interim",
        dt.date(2026, 1, 1),
        dt.date(2026, 10, 31),
    )
    assert request.school_ids == ["s2"] and request.language == "en"


def test_final_report_in_february_is_last_years(qtbot) -> None:
    dialog = PeriodReportDialog([], today=lambda: dt.date(2027, 2, 10))
    qtbot.addWidget(dialog)
    dialog.set_kind("final")
    assert (dialog.date_from.value(), dialog.date_to.value()) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )


def test_period_button_asks_then_generates(qtbot, page, monkeypatch) -> None:
    asked: list[int] = []

    def accept(dialog: PeriodReportDialog) -> int:
        asked.append(dialog.school_list.count())
        dialog.set_kind("final")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PeriodReportDialog, "exec", accept)
    page.clock = lambda: dt.date(2026, 11, 20)
    with qtbot.waitSignal(page.report_opened, timeout=60_000):
        page.period_button.click()
    assert asked == [len(page.context.schools.choices())]
    (record,) = page.reports()
    assert (record.kind, record.period_from, record.period_to) == (
        "final",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )


def test_batch_generates_with_progress_to_the_end(qtbot, page) -> None:
    dates = completed_dates(page)
    assert len(dates) >= 3
    dialog = page.batch_dialog()
    qtbot.addWidget(dialog)
    dialog.date_from.set_value(dates[0])
    dialog.date_to.set_value(dates[2])
    expected = service(page).completed_visits(dates[0], dates[2])
    assert (
        dialog.count_label.text()
        == f"{len(expected)} of {len(expected)} completed visits in the period have no report yet."
    )
    assert dialog.generate_button.text() == f"Generate {len(expected)} reports"

    progress: list[tuple[int, int]] = []
    with qtbot.waitSignal(dialog.reports_generated, timeout=120_000) as done:
        run = dialog.start()
        run.progressed.connect(lambda d, t: progress.append((d, t)))
        assert dialog.progress is not None
        assert dialog.progress.labelText() == f"Generating {len(expected)} reports…"
    assert progress[-1] == (len(expected), len(expected))
    assert len(done.args[0]) == len(expected)
    assert dialog.progress is None and dialog.result_label.text() == (
        f"{len(expected)} reports generated."
    )
    assert {r.visit_id for r in page.reports()} == set(expected)
    assert service(page).completed_visits(dates[0], dates[2]) == []
    assert not dialog.generate_button.isEnabled()
    dialog.include_reported.setChecked(True)  # new versions are possible
    assert dialog.generate_button.isEnabled()


def test_batch_cancel_stops_between_reports(qtbot, page) -> None:
    dates = completed_dates(page)
    dialog = page.batch_dialog()
    qtbot.addWidget(dialog)
    dialog.date_from.set_value(dates[0])
    dialog.date_to.set_value(dates[-1])
    total = len(dialog.visit_ids())
    assert total >= 3

    def cancel_after_the_first(run) -> None:
        # a direct connection: the worker cancels itself right after its first report
        run.progressed.connect(
            lambda d, t: run.cancel() if d == 1 else None, Qt.ConnectionType.DirectConnection
        )

    dialog.batch_started.connect(cancel_after_the_first)
    with qtbot.waitSignal(dialog.reports_generated, timeout=120_000) as done:
        dialog.start()
    assert len(done.args[0]) == 1
    assert len(page.reports()) == 1
    assert dialog.result_label.text() == f"Stopped: 1 of {total} reports generated."
    assert len(service(page).completed_visits(dates[0], dates[-1])) == total - 1


def test_progress_dialog_cancel_stops_the_batch(qtbot, page) -> None:
    dates = completed_dates(page)
    dialog = page.batch_dialog()
    qtbot.addWidget(dialog)
    dialog.date_from.set_value(dates[0])
    dialog.date_to.set_value(dates[-1])
    total = len(dialog.visit_ids())
    with qtbot.waitSignal(dialog.reports_generated, timeout=120_000) as done:
        run = dialog.start()
        dialog.progress.findChild(QPushButton).click()
        assert run.cancelled()
        assert dialog.progress.labelText() == "Stopping after the report being made now…"
    assert len(done.args[0]) < total
    assert dialog.result_label.text().startswith("Stopped:")


def test_enter_opens_and_show_in_folder(qtbot, page, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    ids = service(page).completed_visits(*WIDE)
    service(page).generate_visit(ids[0])
    page.refresh()
    (record,) = page.reports()
    page.table.view.setFocus()
    page.table.view.setCurrentIndex(page.table.proxy.index(0, 0))
    with qtbot.waitSignal(page.report_opened) as opened:
        qtbot.keyClick(page.table.view, Qt.Key.Key_Return)
    assert opened.args[0].pdf_path.name == record.file_name
    opened.args[0].close()

    folders: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: folders.append(url.toLocalFile()))
    page.folder_button.click()
    assert folders == [str(service(page).reports_dir)]

    service(page).path_of(record).unlink()  # made elsewhere, or deleted: said so, not crashed
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    page.open_button.click()
    assert told and record.document_number in told[0]


def test_search_narrows_the_list(qtbot, page) -> None:
    ids = service(page).completed_visits(*WIDE)
    service(page).generate_visit(ids[0])
    service(page).generate_period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    page.refresh()
    assert len(page.reports()) == 2
    from tests.ui.conftest import set_text

    set_text(page.search, "interim")
    assert [r.kind for r in page.reports()] == ["interim"]
    set_text(page.search, "no such report")
    assert page.table.currentWidget() is page.table.empty


def test_batch_can_annex_the_lesson_cards_one_lesson_a_page(qtbot, page) -> None:
    from pypdf import PdfReader
    from sqlmodel import col, select

    from curator_desktop.store.tables import LessonObservation, Visit

    reports = service(page)
    with reports.database.session() as session:
        found = session.exec(
            select(Visit.id, Visit.actual_date)
            .join(LessonObservation, col(LessonObservation.visit_id) == col(Visit.id))
            .where(Visit.status == "completed")
        ).first()
    assert found is not None
    visit_id, day = found
    dialog = page.batch_dialog()
    qtbot.addWidget(dialog)
    assert not dialog.lesson_annex.isChecked()  # the default справка is unchanged
    dialog.date_from.set_value(day)
    dialog.date_to.set_value(day)
    dialog.lesson_annex.setChecked(True)
    with qtbot.waitSignal(dialog.reports_generated, timeout=120_000) as done:
        dialog.start()
    (record,) = (r for r in done.args[0] if r.visit_id == visit_id)
    pages = [p.extract_text() for p in PdfReader(reports.path_of(record)).pages]
    annex = [text for text in pages if "Annex 1 to the visit report" in text]
    assert len(annex) == 1 and "Lesson 1:" in annex[0]
