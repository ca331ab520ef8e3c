"""The school card on the demo store: edit, validate beside the field, never lose edits, archive."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from curator_desktop.domain.changes import Change
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.services.schools.service import SchoolService
from curator_desktop.store.tables import School, Visit
from curator_desktop.ui.common.models.row_table_model import ATTENTION, CAUTION, HIGHLIGHT_ROLE
from curator_desktop.ui.schools.card import SchoolCardDialog
from tests.ui.conftest import set_text

Button = QMessageBox.StandardButton


class Answers:
    """Stands in for ``QMessageBox.question``: records each question, replies from a queue."""

    def __init__(self) -> None:
        self.queue: list[QMessageBox.StandardButton] = []
        self.asked: list[str] = []

    def __call__(self, parent, title, text, *args, **kwargs) -> QMessageBox.StandardButton:
        self.asked.append(text)
        return self.queue.pop(0) if self.queue else Button.Cancel


@pytest.fixture
def answers(monkeypatch) -> Answers:
    """Every question box of the test is answered here (Cancel unless told otherwise)."""
    replies = Answers()
    monkeypatch.setattr(QMessageBox, "question", replies)
    return replies


@pytest.fixture
def card(open_window, qtbot, answers):
    """Factory: the card of demo school ``index`` (or a new school), shown over the window."""
    window = open_window(demo=True)

    def make(index: int | None = 0) -> SchoolCardDialog:
        school_id = None
        if index is not None:
            school_id = window.context.schools.summaries()[index].id
        dialog = SchoolCardDialog(window.context, school_id, parent=window)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    make.window = window
    return make


def _stored(dialog: SchoolCardDialog) -> School:
    return SchoolService(dialog.parent().context.database).get(dialog.school_id)


def test_card_shows_the_school(card) -> None:
    dialog = card(0)
    school = _stored(dialog)
    assert dialog.windowTitle() == school.short_name
    assert dialog.form.editors["full_name"].text() == school.full_name
    assert dialog.form.editors["inn"].text() == school.inn
    assert dialog.form.editors["students_count"].text() == str(school.students_count)
    assert dialog.form.editors["settlement_type"].currentData() == school.settlement_type
    assert dialog.form.level_boxes["noo"].isChecked()
    assert dialog.tabs.tabText(0) == "Card"
    assert not dialog.form.is_modified()
    assert dialog.archive_button.text() == "Move to archive"


def test_edit_and_save_stores_the_field(card, qtbot, answers) -> None:
    dialog = card(0)
    set_text(dialog.form.editors["short_name"], "Ёршовская школа")
    set_text(dialog.form.editors["teachers_count"], "44")
    dialog.form.level_boxes["soo"].setChecked(False)
    assert dialog.form.is_modified()
    with (
        qtbot.waitSignal(dialog.school_saved) as saved,
        qtbot.waitSignal(dialog.data_changed) as changed,
    ):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [dialog.school_id]
    assert changed.args == [frozenset({Change.SCHOOLS})]
    school = _stored(dialog)
    assert (school.short_name, school.teachers_count) == ("Ёршовская школа", 44)
    assert "soo" not in school.levels and "СОО" not in school.levels
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert answers.asked == []
    names = [s.short_name for s in card.window.context.schools.summaries()]
    assert "Ёршовская школа" in names


def test_ctrl_s_saves_and_keeps_the_card_open(card, qtbot) -> None:
    dialog = card(1)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    set_text(dialog.form.editors["address"], "д. Ёршово, ул. Школьная, 1")
    with qtbot.waitSignal(dialog.school_saved):
        qtbot.keyClick(
            dialog.form.editors["address"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    assert _stored(dialog).address == "д. Ёршово, ул. Школьная, 1"
    assert dialog.isVisible() and not dialog.form.is_modified()
    assert dialog.status_label.text() == "Saved."


def test_invalid_inn_shows_its_message_beside_the_field_and_stores_nothing(card, qtbot) -> None:
    dialog = card(0)
    before = _stored(dialog)
    inn = dialog.form.editors["inn"]
    set_text(inn, "1234567890")
    set_text(dialog.form.editors["short_name"], "Не сохранится")
    set_text(dialog.form.editors["students_ovz_count"], str((before.students_count or 0) + 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.form.error_labels["inn"]
    assert error.isVisible() and "typo" in error.text()
    assert error.parentWidget() is inn.parentWidget()  # right under the field
    assert inn.property("invalid") is True
    assert dialog.form.error_labels["students_ovz_count"].isVisible()
    assert not dialog.form.error_labels["short_name"].isVisible()
    assert dialog.isVisible() and "2 highlighted fields" in dialog.status_label.text()
    after = _stored(dialog)
    assert (after.revision, after.inn, after.short_name) == (
        before.revision,
        before.inn,
        before.short_name,
    )

    set_text(inn, "12345")
    assert error.text() == "The INN must be exactly 10 digits."
    set_text(inn, before.inn)
    assert not error.isVisible() and not inn.property("invalid")
    assert dialog.form.error_labels["students_ovz_count"].isVisible()


def test_duplicate_inn_is_refused_beside_the_field(card, qtbot) -> None:
    dialog = card(0)
    other = card.window.context.schools.summaries()[1]
    set_text(dialog.form.editors["inn"], other.inn)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    message = dialog.form.error_labels["inn"].text()
    assert "already in the store" in message and other.short_name in message
    set_text(dialog.form.editors["address"], "ул. Новая")
    assert dialog.form.error_labels["inn"].isVisible()  # stays until the INN itself is edited
    assert _stored(dialog).inn != other.inn


def test_close_with_unsaved_changes_asks_and_discard_keeps_the_store(card, answers) -> None:
    dialog = card(0)
    before = _stored(dialog)
    set_text(dialog.form.editors["short_name"], "Несохранённое имя")
    answers.queue = [Button.Cancel]
    dialog.close()
    assert answers.asked == ["Save changes?"]
    assert dialog.isVisible()
    assert dialog.form.editors["short_name"].text() == "Несохранённое имя"
    answers.queue = [Button.Discard]
    dialog.close()
    assert len(answers.asked) == 2 and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert _stored(dialog).revision == before.revision


def test_cancel_button_and_escape_ask_too(card, qtbot, answers) -> None:
    dialog = card(0)
    set_text(dialog.form.editors["region"], "Другая область")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked == ["Save changes?", "Save changes?"] and dialog.isVisible()
    answers.queue = [Button.Save]
    with qtbot.waitSignal(dialog.school_saved):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert _stored(dialog).region == "Другая область"
    assert not dialog.isVisible()


def test_closing_an_unchanged_card_asks_nothing(card, answers) -> None:
    dialog = card(2)
    set_text(dialog.form.editors["short_name"], "Временно")
    set_text(dialog.form.editors["short_name"], _stored(dialog).short_name)
    dialog.close()
    assert answers.asked == [] and not dialog.isVisible()


def test_new_school_is_created(card, qtbot) -> None:
    dialog = card(None)
    context = card.window.context
    count = context.schools.count()
    assert dialog.windowTitle() == "New school" and dialog.school_id is None
    assert dialog.archive_button.isHidden()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.form.error_labels["full_name"].isVisible()
    assert context.schools.count() == count
    set_text(dialog.form.editors["full_name"], "МБОУ «Новосёловская ООШ»")
    assert not dialog.form.error_labels["full_name"].isVisible()
    set_text(dialog.form.editors["short_name"], "Новосёловская ООШ")
    set_text(dialog.form.editors["inn"], make_inn("471099999"))
    set_text(dialog.form.editors["director_email"], "novoselovo@example.ru")
    dialog.form.editors["settlement_type"].setCurrentIndex(
        dialog.form.editors["settlement_type"].findData("village")
    )
    dialog.form.level_boxes["ooo"].setChecked(True)
    with qtbot.waitSignal(dialog.school_saved) as saved:
        dialog.save()
    assert context.schools.count() == count + 1
    school = SchoolService(context.database).get(saved.args[0])
    assert (school.short_name, school.settlement_type, school.levels) == (
        "Новосёловская ООШ",
        "village",
        ["ooo"],
    )
    assert dialog.school_id == school.id and dialog.windowTitle() == "Новосёловская ООШ"
    assert dialog.archive_button.isVisible()


def test_archive_and_restore(card, qtbot, answers) -> None:
    dialog = card(0)
    context = card.window.context
    school_id = dialog.school_id
    answers.queue = [Button.No]
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert _stored(dialog).archived_at is None and "archive" in answers.asked[0]
    answers.queue = [Button.Yes]
    with qtbot.waitSignal(dialog.school_archived_changed) as changed:
        qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert changed.args == [school_id]
    assert _stored(dialog).archived_at is not None
    assert school_id not in [s.id for s in context.schools.summaries()]
    assert dialog.archived_banner.isVisible()
    assert dialog.archive_button.text() == "Restore from archive"
    answers.queue = [Button.Yes]
    with qtbot.waitSignal(dialog.school_archived_changed):
        qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert _stored(dialog).archived_at is None
    assert school_id in [s.id for s in context.schools.summaries()]
    assert not dialog.archived_banner.isVisible()
    assert not _stored(dialog).deleted


def test_extra_tabs_and_small_screens(card) -> None:
    dialog = card(0)
    assert dialog.tabs.tabText(1) == "Risk profile"
    assert dialog.tabs.widget(1) is dialog.profile_widget
    assert dialog.tabs.tabText(2) == "Visits"
    assert dialog.tabs.widget(2) is dialog.visits_widget
    assert dialog.tabs.tabText(3) == "Documents"
    assert dialog.tabs.widget(3) is dialog.documents_widget
    index = dialog.add_tab(QLabel("notes"), "Notes")
    assert index == 4 and dialog.tabs.tabText(4) == "Notes"
    assert isinstance(dialog.tabs.widget(0), QScrollArea)
    assert dialog.tabs.widget(0).widget() is dialog.form
    available = dialog.screen().availableGeometry()
    assert dialog.width() <= available.width() and dialog.height() <= available.height()
    # 1366×768 at 150 % leaves about 910×470 logical pixels for a dialog
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 910 and hint.height() <= 470, hint


def _school_with_overdue_recommendation(context) -> str:
    late = [r for r in context.recommendations.open() if r.overdue()]
    return late[0].school_id


def test_visits_tab_lists_the_school_history(card, qtbot) -> None:
    context = card.window.context
    school_id = _school_with_overdue_recommendation(context)
    dialog = SchoolCardDialog(context, school_id, parent=card.window)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.visits_widget)
    visits = dialog.visits_widget
    expected = context.visits.summaries(school_id=school_id)
    assert expected and [row.id for row in visits.visit_table.visible_rows()] == [
        row.id for row in expected
    ]
    model = visits.visit_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Date", "Visit type", "Status", "Purpose"]

    records = context.recommendations.of_school(school_id)
    shown = visits.recommendation_table.visible_rows()
    assert sorted(r.id for r in shown) == sorted(r.id for r in records)
    statuses = [r.status for r in shown]
    assert statuses == sorted(statuses, key=lambda s: s != "open")  # open ones first
    still_open = [r for r in shown if r.status == "open"]
    assert [r.deadline for r in still_open] == sorted(r.deadline for r in still_open)
    for row, record in enumerate(shown):
        mark = visits.recommendation_model.index(row, 0).data(HIGHLIGHT_ROLE)
        if record.overdue():
            assert mark == ATTENTION
        elif record.status != "open":
            assert mark is None  # closed ones are never marked, however late they were
        else:
            assert mark in (None, CAUTION)
    assert any(record.overdue() for record in shown)
    assert f"{len(records)} recommendation" in visits.recommendations_label.text()


def test_visits_tab_asks_to_open_and_to_plan_visits(card, qtbot) -> None:
    dialog = card(0)
    visits = dialog.visits_widget
    dialog.tabs.setCurrentWidget(visits)
    view = visits.visit_table.view
    first = visits.visit_table.visible_rows()[0]
    view.setCurrentIndex(visits.visit_model.index(0, 0))
    with qtbot.waitSignal(dialog.visit_open_requested) as requested:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert requested.args == [first.id]
    rect = view.visualRect(visits.visit_model.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dialog.visit_open_requested) as requested:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert requested.args == [first.id]

    record = visits.recommendation_table.visible_rows()[0]
    visits.recommendation_table.view.setCurrentIndex(visits.recommendation_model.index(0, 0))
    with qtbot.waitSignal(dialog.visit_open_requested) as requested:
        qtbot.keyClick(visits.recommendation_table.view, Qt.Key.Key_Return)
    assert requested.args == [record.visit_id]

    with qtbot.waitSignal(dialog.new_visit_requested) as requested:
        qtbot.mouseClick(visits.new_button, Qt.MouseButton.LeftButton)
    assert requested.args == [dialog.school_id]


def test_visits_tab_follows_new_visits_and_new_schools(card, qtbot) -> None:
    dialog = card(1)
    before = dialog.visits_widget.visit_model.rowCount()
    with card.window.context.database.session() as session:
        session.add(Visit(school_id=dialog.school_id, purpose="Внеплановый выезд"))
    dialog.refresh_visits()
    rows = dialog.visits_widget.visit_table.visible_rows()
    assert len(rows) == before + 1 and rows[0].purpose == "Внеплановый выезд"  # undated: on top

    new = card(None)
    assert new.visits_widget is None and new.tabs.count() == 1
    set_text(new.form.editors["full_name"], "МБОУ «Заречная ООШ»")
    set_text(new.form.editors["inn"], make_inn("471088888"))
    with qtbot.waitSignal(new.school_saved):
        new.save()
    assert new.tabs.tabText(2) == "Visits" and new.visits_widget is not None
    empty = new.visits_widget.visit_table
    assert (
        empty.currentWidget() is empty.empty and empty.empty.title_label.text() == "No visits yet"
    )


def test_the_card_names_the_schools_curator_and_a_new_school_names_none(card) -> None:
    dialog = card(0)
    owner = dialog.parent().context.profile_service.current().full_name
    assert dialog.curators_label.isVisible()
    assert dialog.curators_label.text() == f"Curator: {owner}"
    dialog.reject()
    assert not card(None).curators_label.isVisible()


def _show(view: QAbstractItemView, dialog: SchoolCardDialog) -> None:
    """Bring ``view`` forward: every tab page and stack page around it made current."""
    child: QWidget = view
    parent = child.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            elif parent.currentWidget() is not child:
                return  # a table showing its empty state: nothing to press Enter on
        child, parent = parent, parent.parentWidget()


def test_enter_on_any_table_of_the_card_activates_its_row_and_never_saves(
    card, qtbot, answers, monkeypatch
) -> None:
    """Enter on a row of every table in the card (visits, recommendations, risk profile,
    protocols, documents, self-diagnosis) does that row's action; the card's default button
    («Save») never fires: the card stays open and an unsaved edit stays unsaved."""
    from curator_desktop.services.selfdiag.card_sections import card_sections

    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    context = card.window.context
    today = dt.date.today()
    sections = {
        summary.id: card_sections(context.database, summary.id, on=today)
        for summary in context.schools.summaries()
    }
    wanted = [next(i for i, s in sections.items() if "risk" in s)]
    wanted += [i for i, s in sections.items() if "selfdiag" in s][:1]
    pressed = 0
    for school_id in wanted:
        dialog = SchoolCardDialog(context, school_id, parent=card.window)
        dialog.show()
        qtbot.waitExposed(dialog)
        before = _stored(dialog).short_name
        set_text(dialog.form.editors["short_name"], "Не сохранять")
        saved: list[str] = []
        dialog.school_saved.connect(saved.append)
        opened: list[str] = []
        dialog.visit_open_requested.connect(opened.append)
        views = [
            v
            for v in dialog.findChildren(QAbstractItemView)
            if v.window() is dialog and not isinstance(v, QHeaderView)
        ]
        assert len(views) >= 6
        for view in views:
            _show(view, dialog)
            if not view.isVisible() or view.model().rowCount() == 0:
                continue
            view.setFocus()
            view.setCurrentIndex(view.model().index(0, 0))
            activated: list[object] = []
            view.activated.connect(activated.append)
            opened.clear()
            qtbot.keyClick(view, Qt.Key.Key_Return)
            name = view.accessibleName() or type(view).__name__
            assert dialog.isVisible() and dialog.result() == 0, name
            assert not saved and _stored(dialog).short_name == before, name
            assert len(activated) == 1, name
            if view is dialog.visits_widget.visit_table.view:
                assert opened == [dialog.visits_widget.visit_table.visible_rows()[0].id]
            pressed += 1
        dialog.done(0)
    assert pressed >= 5
