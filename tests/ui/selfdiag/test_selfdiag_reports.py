"""The «School of the Ministry of Education» reports from the Reports page and a school's card:
the dialog's default periods follow the kind, a bad period cannot be generated, and the
analytical справка and the consultation schedule are made, listed and previewed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from curator_desktop.domain.changes import Change
from curator_desktop.ui.reports.page import ReportsPage
from curator_desktop.ui.schools.card import SchoolCardDialog
from curator_desktop.ui.selfdiag.report_dialog import SelfdiagReportDialog
from curator_desktop.ui.selfdiag.section import SelfdiagSection

TODAY = dt.date(2026, 12, 7)


def test_the_dialogs_default_period_follows_the_kind(qtbot) -> None:
    dialog = SelfdiagReportDialog([("s1", "School 1")], today=lambda: TODAY)
    qtbot.addWidget(dialog)
    assert dialog.kind() == "selfdiag"
    # the справка: from the previous school year's start (its November and May) to today
    assert (dialog.date_from.value(), dialog.date_to.value()) == (dt.date(2025, 9, 1), TODAY)
    assert dialog.request().school_id is None and not dialog.school_combo.isHidden()
    dialog.school_combo.setCurrentIndex(1)
    assert dialog.request().arguments()["school_id"] == "s1"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("consultations"))
    assert (dialog.date_from.value(), dialog.date_to.value()) == (
        dt.date(2026, 9, 1),
        dt.date(2027, 8, 31),
    )
    assert dialog.school_combo.isHidden()
    assert "school_id" not in dialog.request().arguments()
    dialog.date_to.set_value(dt.date(2026, 1, 1))
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_label.text() == "The period must not end before it begins."


@pytest.fixture
def page(open_window) -> ReportsPage:
    window = open_window(demo=True)
    window.show_page("reports")
    page = window.pages["reports"]
    assert isinstance(page, ReportsPage)
    return page


@pytest.mark.parametrize(
    ("kind", "short", "prefix"),
    [
        ("selfdiag", "Self-diagnosis report", "АС-"),
        ("consultations", "Consultation schedule", "ГК-"),
    ],
)
def test_the_reports_page_makes_and_lists_them(
    qtbot, page, monkeypatch: pytest.MonkeyPatch, kind: str, short: str, prefix: str
) -> None:
    def choose(dialog: SelfdiagReportDialog) -> int:
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
        dialog.date_from.set_value(dt.date(2025, 9, 1))
        dialog.date_to.set_value(dt.date(2026, 8, 31))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SelfdiagReportDialog, "exec", choose)
    assert page.selfdiag_button.isEnabled()
    with qtbot.waitSignal(page.data_changed, timeout=60_000) as changed:
        job = page.request_selfdiag_report()
    assert changed.args == [frozenset({Change.REPORTS})]
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    (record,) = page.reports()
    assert record.kind == kind and record.document_number.startswith(prefix)
    assert page.model.index(0, 1).data() == short
    assert "01/09/2025" in record.subject
    assert job.preview.document.pageCount() >= 1


def test_a_schools_card_makes_its_analytical_report(qtbot, open_window) -> None:
    window = open_window(demo=True)
    school_id = next(
        s.id for s in window.context.schools.summaries() if s.programme == "minpros_school"
    )
    card = SchoolCardDialog(window.context, school_id, window)
    qtbot.addWidget(card)
    section = card.selfdiag_widget
    assert isinstance(section, SelfdiagSection)
    rounds = section.rounds()
    assert len(rounds) >= 2, "the demo's ШМР school has two rounds"
    assert section.report_period() == (rounds[-2].round_date, rounds[-1].round_date)
    with qtbot.waitSignal(section.data_changed, timeout=60_000):
        job = section.generate_report()
    qtbot.waitUntil(lambda: job.preview is not None, timeout=30_000)
    record = job.record
    assert record.kind == "selfdiag" and record.school_id == school_id
    job.preview.close()
