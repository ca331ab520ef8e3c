"""The visit editor on a real store: keyboard-only filling, autosave, completion, reopening."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from curator_desktop.ui.visit_editor.completion_dialog import MissingItemsDialog
from curator_desktop.ui.visit_editor.editor import VisitEditor
from tests.ui.conftest import set_text

TEMPLATE: dict[str, Any] = {
    "format": 1,
    "id": "test-keyboard",
    "version": 1,
    "purpose": "visit",
    "title": {"ru": "Проверка клавиатуры", "en": "Keyboard check"},
    "visit_types": ["unplanned"],
    "sections": [
        {
            "key": "one",
            "title": {"ru": "Первый раздел", "en": "First section"},
            "items": [
                {
                    "key": "one.met",
                    "text": {"ru": "Встреча состоялась", "en": "The meeting took place"},
                    "type": "yes_no_partly",
                    "required": True,
                },
                {
                    "key": "one.why",
                    "text": {"ru": "Почему нет", "en": "Why not"},
                    "type": "text",
                    "required": True,
                    "condition": {"item": "one.met", "equals": "no"},
                },
                {
                    "key": "one.count",
                    "text": {"ru": "Число участников", "en": "Participants"},
                    "type": "number",
                    "required": True,
                    "min": 1,
                    "max": 30,
                },
            ],
        },
        {
            "key": "two",
            "title": {"ru": "Второй раздел", "en": "Second section"},
            "items": [
                {
                    "key": "two.level",
                    "text": {"ru": "Уровень", "en": "Level"},
                    "type": "scale",
                    "required": True,
                    "scale": {"min": 0, "max": 2},
                },
                {
                    "key": "two.note",
                    "text": {"ru": "Заметка", "en": "Note"},
                    "type": "long_text",
                    "required": False,
                },
            ],
        },
    ],
}


def _install_template(context) -> None:
    from curator_desktop.store.tables import ChecklistTemplate

    with context.database.session() as session:
        session.add(
            ChecklistTemplate(
                template_key=TEMPLATE["id"],
                version=1,
                title_ru=TEMPLATE["title"]["ru"],
                title_en=TEMPLATE["title"]["en"],
                purpose="visit",
                content=TEMPLATE,
                source="imported",
            )
        )


@pytest.fixture
def editor_for(open_window, qtbot):
    """Factory: a window on the demo store and an editor on a new visit with TEMPLATE."""

    def factory(lang: str = "en") -> tuple[Any, VisitEditor]:
        window = open_window(demo=True, lang=lang)
        context = window.context
        _install_template(context)
        school_id = context.schools.choices()[0][0]
        visit_id = context.visit_service.create_visit(
            school_id, "unplanned", dt.date(2026, 11, 20), template_key=TEMPLATE["id"]
        )
        editor = window.visit_windows.open(visit_id)
        assert editor is not None
        qtbot.waitExposed(editor)
        editor.tabs.setCurrentWidget(editor.checklist_holder)
        return window, editor

    return factory


def _answers(editor: VisitEditor) -> dict[str, Any]:
    state = editor.service.load(editor.visit_id)
    return {key: answer.value for key, answer in state.answers.items()}


def _focused() -> Any:
    return QApplication.focusWidget()


def test_a_whole_checklist_is_filled_from_the_keyboard(editor_for, qtbot) -> None:
    _window, editor = editor_for()
    form = editor.form
    assert form is not None
    form.focus_first_item()
    qtbot.waitUntil(lambda: _focused() is form.row("one.met").input)
    qtbot.keyClick(_focused(), Qt.Key.Key_2)  # no → the «why» item appears
    assert not form.row("one.why").isHidden()
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is form.row("one.why").input.line
    qtbot.keyClicks(_focused(), "Director ill")
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is form.row("one.count").input.line
    qtbot.keyClicks(_focused(), "7")
    qtbot.keyClick(_focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert form.current_section() == 1
    qtbot.waitUntil(lambda: _focused() is form.row("two.level").input)
    qtbot.keyClick(_focused(), Qt.Key.Key_2)
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is form.row("two.note").input.edit
    qtbot.keyClicks(_focused(), "Fine")
    qtbot.keyClick(_focused(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert form.current_section() == 0
    assert editor.save_now()
    assert _answers(editor) == {
        "one.met": "no",
        "one.why": "Director ill",
        "one.count": 7,
        "two.level": 2,
        "two.note": "Fine",
    }
    assert form.progress.value() == form.progress.maximum() == 4


def test_a_condition_hides_the_item_and_its_requirement(editor_for) -> None:
    _window, editor = editor_for()
    form = editor.form
    row = form.row("one.met")
    row.input.choose("yes")
    assert form.row("one.why").isHidden()
    assert form.progress.maximum() == 3
    row.input.choose("no")
    assert not form.row("one.why").isHidden()
    assert form.progress.maximum() == 4


def test_typed_text_survives_closing_without_saving(editor_for, qtbot) -> None:
    window, editor = editor_for()
    visit_id = editor.visit_id
    form = editor.form
    form.row("one.met").input.choose("no")
    set_text(form.row("one.why").input.line, "Директор на совещании")
    assert editor.autosaver.pending
    editor.reject()  # Esc / close button: no explicit save
    qtbot.waitUntil(lambda: visit_id not in window.visit_windows.editors)
    reopened = window.visit_windows.open(visit_id)
    assert reopened.form.row("one.why").input.value() == "Директор на совещании"
    assert reopened.form.row("one.met").input.value() == "no"


def test_typing_is_saved_after_the_pause(editor_for, qtbot) -> None:
    _window, editor = editor_for()
    editor.tabs.setCurrentWidget(editor.details)
    set_text(editor.details.purpose, "Проверка рабочей группы")
    qtbot.waitUntil(lambda: not editor.autosaver.pending, timeout=3000)
    assert editor.service.load(editor.visit_id).visit.purpose == "Проверка рабочей группы"
    assert "saved" in editor.save_state.text()


def test_an_invalid_field_is_reported_and_not_saved(editor_for) -> None:
    _window, editor = editor_for()
    editor.details.start_time.set_value(dt.time(14, 0))
    editor.details.end_time.set_value(dt.time(10, 0))
    assert not editor.problem.isHidden()
    visit = editor.service.load(editor.visit_id).visit
    assert visit.start_time == dt.time(14, 0) and visit.end_time is None


def _answer_yes(monkeypatch) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )


def test_completion_lists_the_missing_items_and_jumps_to_one(
    editor_for, monkeypatch, qtbot
) -> None:
    _window, editor = editor_for()
    _answer_yes(monkeypatch)
    editor.form.row("one.met").input.choose("yes")
    shown: list[list[str]] = []

    def fake_exec(dialog: MissingItemsDialog) -> int:
        shown.append([item.item_key for item in dialog.missing])
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(0))
        dialog._jump()
        return 1

    monkeypatch.setattr(MissingItemsDialog, "exec", fake_exec)
    assert editor.complete() is False
    assert shown == [["one.count", "two.level"]]
    assert editor.tabs.currentWidget() is editor.checklist_holder
    assert editor.form.current_section() == 0
    qtbot.waitUntil(lambda: _focused() is editor.form.row("one.count").input.line)
    assert "#b3261e" in editor.form.row("one.count").styleSheet()
    assert editor.service.load(editor.visit_id).visit.status != "completed"


def test_a_completed_visit_is_read_only_until_reopened(editor_for, monkeypatch) -> None:
    window, editor = editor_for()
    _answer_yes(monkeypatch)
    form = editor.form
    form.row("one.met").input.choose("yes")
    set_text(form.row("one.count").input.line, "5")
    form.row("two.level").input.choose(1)
    assert editor.complete() is True
    assert editor.read_only
    assert not editor.read_only_banner.isHidden()
    assert editor.reopen_button.isVisibleTo(editor)
    form.row("two.level").input.choose(2)  # ignored: read-only
    assert _answers(editor)["two.level"] == 1
    assert editor.details.purpose.isReadOnly()

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Ошибка в числе участников", True))
    )
    assert editor.reopen() is True
    assert not editor.read_only
    from sqlmodel import select

    from curator_desktop.store.tables import ChangeLog

    with window.context.database.session() as session:
        reopenings = session.exec(
            select(ChangeLog).where(
                ChangeLog.entity == "visit",
                ChangeLog.entity_id == editor.visit_id,
                ChangeLog.action == "reopen",
            )
        ).all()
    assert [row.new_value for row in reopenings] == ["Ошибка в числе участников"]
