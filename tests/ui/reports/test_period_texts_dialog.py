"""The curator writes the period report's texts in its dialog: the conclusions (and proposals for
the next year), the final report's best practices; the dialog starts from the texts of the
report's previous version and never overwrites what the curator typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from curator_desktop.services.reports.service import ReportService
from curator_desktop.store.database import Database
from curator_desktop.ui.reports.period_dialog import PeriodReportDialog

TODAY = dt.date(2026, 12, 7)
PRACTICES = "Школьная служба медиации в МБОУ «Никольская СОШ»."


def _dialog(qtbot, service: ReportService | None = None) -> PeriodReportDialog:
    dialog = PeriodReportDialog(
        [("s1", "School 1")],
        today=lambda: TODAY,
        texts_for=service.period_texts if service is not None else None,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_texts_tab_follows_the_kind(qtbot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.kind() == "interim"
    assert dialog.practices_edit.isHidden()
    dialog.conclusions_edit.setPlainText("  Выводы за полугодие.  ")
    dialog.practices_edit.setPlainText("не для промежуточного отчёта")
    request = dialog.request()
    assert (request.conclusions, request.best_practices) == ("Выводы за полугодие.", "")
    dialog.set_kind("final")
    assert not dialog.practices_edit.isHidden()
    assert "next year" in dialog.conclusions_label.text()
    request = dialog.request()
    assert request.best_practices == "не для промежуточного отчёта"
    assert request.conclusions == "Выводы за полугодие."


def test_the_dialog_starts_from_the_previous_version(
    qtbot, database: Database, tmp_path: Path
) -> None:
    service = ReportService(database, reports_dir=tmp_path / "reports", cache_dir=tmp_path / "c")
    assert _dialog(qtbot, service).conclusions_edit.toPlainText() == ""  # nothing made yet
    service.generate_period(
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        kind="final",
        language="en",
        conclusions="Keep the mentoring going.",
        best_practices=PRACTICES,
        approved_by="Petrova I. S.",
    )
    dialog = _dialog(qtbot, service)
    assert dialog.conclusions_edit.toPlainText() == ""  # the interim report has none
    dialog.set_kind("final")
    assert dialog.conclusions_edit.toPlainText() == "Keep the mentoring going."
    assert dialog.practices_edit.toPlainText() == PRACTICES
    assert dialog.approval_check.isChecked() and dialog.approver_edit.text() == "Petrova I. S."
    assert dialog.texts_note.text()
    # the curator's edit stays when the period or the language changes
    dialog.conclusions_edit.setPlainText("Keep the mentoring going; open a second club.")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ru"))
    dialog.date_to.set_value(dt.date(2026, 11, 30))
    assert dialog.conclusions_edit.toPlainText() == "Keep the mentoring going; open a second club."
    request = dialog.request()
    record = service.generate_period(
        request.date_from,
        request.date_to,
        kind=request.kind,
        language=request.language,
        conclusions=request.conclusions,
        best_practices=request.best_practices,
        approved_by=request.approved_by,
    )
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(service.path_of(record)).pages
    )
    assert "open a second club" in text and PRACTICES in text
