"""The «Документы» tab of a school's card, driven as a curator does: receive an antirisk
programme, return it for revision, receive version 2, accept it, mark it uploaded to ИС МЭДК,
attach two confirmation documents; the worklist page follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.services.documents import DocumentService
from curator_desktop.ui.documents import actions
from curator_desktop.ui.documents.confirmation_dialog import ConfirmationDialog
from curator_desktop.ui.documents.date_dialog import UploadDateDialog
from curator_desktop.ui.documents.review_dialog import ReviewDialog
from curator_desktop.ui.documents.school_tab import SchoolDocumentsWidget
from curator_desktop.ui.documents.version_dialog import ReceiveVersionDialog
from curator_desktop.ui.documents.worklist_page import DocumentsPage
from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog
from tests.services.documents.document_fixtures import YEAR, add_school, docx_file, pdf_file
from tests.services.reports.report_helpers import page_texts
from tests.ui.conftest import set_text

D = dt.date
ANTIRISK_R1 = 2
"""The row of the antirisk programme of direction R1 (concept, medium-term, R1, R4)."""


@pytest.fixture
def tab(open_window, qtbot, monkeypatch: pytest.MonkeyPatch):
    """The tab of a new school with two activated directions (the profile dialog: «Later»)."""
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window = open_window(demo=False)
    school = add_school(window.context.database)
    widget = SchoolDocumentsWidget(window.context, school)
    widget.clock = lambda: D(YEAR, 3, 20)
    widget.year.setValue(YEAR)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.window_ = window
    return widget


def _receive(tab: SchoolDocumentsWidget, monkeypatch, path: Path, sender: str) -> None:
    def fill(dialog: ReceiveVersionDialog) -> int:
        set_text(dialog.file.edit, str(path))
        set_text(dialog.sender, sender)
        assert not dialog.ok_button.isDefault() and not dialog.ok_button.autoDefault()
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(ReceiveVersionDialog, "exec", fill)
    tab.receive_button.click()


def _rate(dialog: ReviewDialog, results: dict[int, str]) -> None:
    for index, combo in enumerate(dialog.ratings.values()):
        combo.setCurrentIndex(combo.findData(results.get(index, "meets")))


def _status(tab: SchoolDocumentsWidget) -> DocumentStatus:
    return tab.current_document().status


def test_a_school_through_march_to_june(tab, monkeypatch, qtbot, tmp_path: Path) -> None:
    service: DocumentService = tab.service
    rows = tab.document_model.rows()
    assert [r.status for r in rows] == [DocumentStatus.MISSING] * 4
    assert "0 of 4" in tab.summary.text()
    tab.document_table.view.selectRow(ANTIRISK_R1)
    assert not tab.review_button.isEnabled()

    _receive(tab, monkeypatch, docx_file(tmp_path, "arp_r1_v1.docx"), "Петрова А. В.")
    assert _status(tab) == DocumentStatus.RECEIVED
    assert tab.version_model.row_count() == 1

    seen: list[str] = []

    def return_for_revision(dialog: ReviewDialog) -> int:
        assert dialog.indicators.isVisibleTo(dialog)  # an antirisk programme
        _rate(dialog, {2: "not_meets"})
        dialog.comments[list(dialog.ratings)[2]].setText("Нет базовых значений.")
        dialog.conclusion.setCurrentIndex(dialog.conclusion.findData("accept"))
        assert dialog.reason.isVisibleTo(dialog)  # «принять» with «не соответствует»
        dialog.ok_button.click()  # refused: the reason is not written
        seen.append(dialog.status.text())
        assert dialog.result() == 0  # still open, nothing concluded
        row = dialog.indicators.add_row()
        set_text(row.name, "Доля обучающихся с рисками учебной неуспешности")
        set_text(row.baseline, "18 %")
        set_text(row.target, "10 %")
        set_text(row.deadline.edit, "25.12.2026")
        row.deadline.edit.editingFinished.emit()
        dialog.remarks.setPlainText("Добавить базовые значения показателей.")
        dialog.conclusion.setCurrentIndex(dialog.conclusion.findData("revise"))
        assert dialog.deadline.isVisibleTo(dialog)
        dialog.deadline.set_value(D(YEAR, 4, 10))
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(ReviewDialog, "exec", return_for_revision)
    tab.review_button.click()
    assert seen and seen[0]  # the rule's message, shown in the dialog
    assert _status(tab) == DocumentStatus.REVISION
    assert "10/04/2026" in tab.document_model.data(tab.document_model.index(ANTIRISK_R1, 1))
    review = tab.current_document().latest_review
    assert review.conclusion == "revise" and review.revision_deadline == D(YEAR, 4, 10)
    assert review.indicators[0].target == "10 %"
    assert review.indicators[0].deadline == D(YEAR, 12, 25)

    page = DocumentsPage()
    qtbot.addWidget(page)
    page.clock = lambda: D(YEAR, 4, 15)
    page.attach(tab.window_.context)
    assert [e.group for e in page.model.rows()] == ["overdue"]
    page.show()
    page.table.view.setFocus()
    page.table.view.selectRow(0)
    with qtbot.waitSignal(page.school_activated) as opened:
        qtbot.keyClick(page.table.view, Qt.Key.Key_Return)
    assert opened.args == [tab.school_id]

    tab.clock = lambda: D(YEAR, 4, 8)
    _receive(tab, monkeypatch, pdf_file(tmp_path, "arp_r1_v2.pdf"), "Петрова А. В.")
    assert tab.version_model.row_count() == 2
    assert tab.current_version().number == 2

    def accept(dialog: ReviewDialog) -> int:
        _rate(dialog, {})
        dialog.conclusion.setCurrentIndex(dialog.conclusion.findData("accept"))
        assert not dialog.deadline.isVisibleTo(dialog)
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(ReviewDialog, "exec", accept)
    tab.review_button.click()
    assert _status(tab) == DocumentStatus.ACCEPTED
    assert tab.upload_button.isEnabled()

    def uploaded(dialog: UploadDateDialog) -> int:
        set_text(dialog.date.edit, "15.04.2026")
        dialog.date.edit.editingFinished.emit()
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(UploadDateDialog, "exec", uploaded)
    tab.upload_button.click()
    assert _status(tab) == DocumentStatus.UPLOADED
    assert tab.current_document().medk_uploaded_on == D(YEAR, 4, 15)

    for number in (1, 2):

        def confirm(dialog: ConfirmationDialog, number: int = number) -> int:
            assert dialog.programme_id() == tab.current_document().id
            set_text(dialog.measure_edit, f"Мероприятие 1.{number}")
            dialog.stage_edit.setCurrentIndex(1)
            set_text(dialog.file.edit, str(pdf_file(tmp_path, f"c{number}.pdf")))
            dialog.ok_button.click()
            assert dialog.status.text() == ""
            return dialog.result()

        monkeypatch.setattr(ConfirmationDialog, "exec", confirm)
        tab.add_confirmation_button.click()
    assert tab.confirmation_model.row_count() == 2
    stored = service.confirmations(tab.school_id, YEAR)
    assert sorted(c.measure for c in stored) == ["Мероприятие 1.1", "Мероприятие 1.2"]
    document = service.documents(tab.school_id, YEAR)[ANTIRISK_R1]
    assert [e.status for e in document.history] == [
        DocumentStatus.RECEIVED,
        DocumentStatus.UNDER_REVIEW,
        DocumentStatus.REVISION,
        DocumentStatus.RECEIVED,
        DocumentStatus.UNDER_REVIEW,
        DocumentStatus.ACCEPTED,
        DocumentStatus.UPLOADED,
    ]
    assert tab.history.count() == 7

    shown: list[Path] = []
    monkeypatch.setattr(actions, "show_pdf", lambda parent, path, title: shown.append(path))
    tab.report_button.click()
    assert shown and "Expert opinion" in " ".join(page_texts(shown[0]))

    page.clock = lambda: D(YEAR, 4, 20)
    page.refresh()
    assert page.model.row_count() == 0


def test_keyboard_and_defaults(tab) -> None:
    buttons = tab.findChildren(QPushButton)
    assert buttons and not any(b.isDefault() or b.autoDefault() for b in buttons)
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons)
    assert tab.document_table.view.accessibleName()
    assert not tab.document_table.view.tabKeyNavigation()


def test_enter_in_the_tab_never_closes_the_card(tab, qtbot, monkeypatch) -> None:
    """Enter on a document opens its review; the card's default button (Save) stays put."""
    from curator_desktop.ui.schools.card import SchoolCardDialog

    card = SchoolCardDialog(tab.window_.context, tab.school_id, tab.window_)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    widget = card.documents_widget
    card.tabs.setCurrentWidget(widget)
    opened: list[str] = []
    monkeypatch.setattr(SchoolDocumentsWidget, "review", lambda self: opened.append("review"))
    view = widget.document_table.view
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == ["review"]
    assert card.isVisible() and card.result() == 0
