"""The visit editor on a real store: keyboard-only filling, autosave, completion, reopening."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from curator_desktop.ui.visits.editor.completion_dialog import MissingItemsDialog
from curator_desktop.ui.visits.editor.editor import VisitEditor
from tests.services.visits.visit_fields import fill_visit_fields
from tests.ui.conftest import set_text, wait_for

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
    """Factory: a window on the demo store and an editor on a new visit with TEMPLATE, its
    purpose, a participant and a finding given."""

    def factory(lang: str = "en") -> tuple[Any, VisitEditor]:
        window = open_window(demo=True, lang=lang)
        context = window.context
        _install_template(context)
        school_id = context.schools.choices()[0][0]
        visit_id = context.visit_service.create_visit(
            school_id, "unplanned", dt.date(2026, 11, 20), template_key=TEMPLATE["id"]
        )
        fill_visit_fields(context.visit_service, visit_id)  # the checklist is what is tested
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


def _photo(path, colour: str = "red") -> Any:
    from PIL import Image

    Image.new("RGB", (64, 48), colour).save(path, "JPEG")
    return path


def test_photos_are_stored_once_and_shown_on_the_item_and_the_visit(
    editor_for, tmp_path, qtbot
) -> None:
    _window, editor = editor_for()
    photo = _photo(tmp_path / "stand.jpg")
    folder = editor.context.paths.attachments_dir
    before = {p.name for p in folder.rglob("*") if p.is_file()}  # the demo's own photos
    editor.files.files_added.emit([photo])
    editor.files.files_added.emit([photo])  # the same file again: nothing new
    assert editor.files.count() == 1
    editor.form.files_added.emit("one.met", [photo])  # the same file, now on an item
    state = editor.service.load(editor.visit_id)
    assert sorted(a.owner_type for a in state.attachments) == ["answer", "visit"]
    stored = {a.sha256 for a in state.attachments}
    assert len(stored) == 1
    sha = stored.pop()
    files = [p.name for p in folder.rglob("*") if p.is_file() and p.name not in before]
    assert files == [sha]
    assert editor.service.attachment_path(sha).read_bytes() == photo.read_bytes()
    assert editor.files.count() == 2
    assert "(2)" in editor.tabs.tabText(editor.tabs.indexOf(editor.files))


def test_lessons_are_added_described_and_answered(editor_for, qtbot) -> None:
    _window, editor = editor_for()
    editor.tabs.setCurrentWidget(editor.lessons)
    assert not editor.lessons.empty.isHidden()
    qtbot.mouseClick(editor.lessons.add_button, Qt.MouseButton.LeftButton)
    lesson = editor.lessons.current_lesson()
    assert lesson is not None and editor.lessons.form is not None
    set_text(editor.lessons.header["subject"], "Математика")
    set_text(editor.lessons.header["class_name"], "7 А")
    key = next(  # the first item answered by a choice of buttons
        item["key"]
        for section in editor.lessons.form.content["sections"]
        for item in section["items"]
        if item["type"] in ("scale", "yes_no_partly")
    )
    editor.lessons.form.row(key).input.set_value(None)
    row = editor.lessons.form.row(key)
    value = 1 if row.item["type"] == "scale" else "yes"
    row.input.choose(value)
    assert editor.save_now()
    state = editor.service.load(editor.visit_id)
    assert [(x.subject, x.class_name) for x in state.lessons] == [("Математика", "7 А")]
    assert state.lesson_answers[lesson.id][key].value == value
    assert editor.lessons.list.item(0).text() == "Математика, 7 А"


def test_recommendations_stay_editable_in_status_after_completion(editor_for, monkeypatch) -> None:
    _window, editor = editor_for()
    _answer_yes(monkeypatch)
    tab = editor.recommendations
    editor.tabs.setCurrentWidget(tab)
    tab.add_button.click()
    set_text(tab.responsible, "Заместитель директора по УВР")
    tab.text.setPlainText("Провести педсовет по итогам ВПР")
    tab.deadline.set_value(dt.date(2026, 12, 20))
    assert editor.save_now()
    own = [r for r in editor.service.load(editor.visit_id).recommendations if r.visit_id]
    mine = [r for r in own if r.visit_id == editor.visit_id]
    assert [(r.text, r.responsible, r.deadline) for r in mine] == [
        ("Провести педсовет по итогам ВПР", "Заместитель директора по УВР", dt.date(2026, 12, 20))
    ]
    form = editor.form
    form.row("one.met").input.choose("yes")
    set_text(form.row("one.count").input.line, "5")
    form.row("two.level").input.choose(2)
    assert editor.complete()
    assert tab.text.isReadOnly() and not tab.add_button.isVisibleTo(editor)
    tab.table.selectRow(next(i for i, r in enumerate(tab._records) if r.id == mine[0].id))
    tab.status.setCurrentIndex(tab.status.findData("done"))
    record = next(
        r for r in editor.service.load(editor.visit_id).recommendations if r.id == mine[0].id
    )
    assert record.status == "done" and record.closed_on is not None


def test_compare_shows_what_changed_since_the_previous_visit(editor_for, monkeypatch) -> None:
    window, editor = editor_for()
    service = editor.service
    first = editor.visit_id
    service.set_answer(first, "one.met", "no")
    service.set_answer(first, "one.count", 4)
    school_id = service.load(first).visit.school_id
    second = service.create_visit(
        school_id, "unplanned", dt.date(2026, 11, 27), template_key=TEMPLATE["id"]
    )
    service.set_answer(second, "one.met", "yes")
    service.set_answer(second, "one.count", 4)
    editor.reject()
    later = window.visit_windows.open(second)
    from curator_desktop.ui.visits.editor.compare_dialog import CompareDialog

    shown: list[CompareDialog] = []
    monkeypatch.setattr(CompareDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    later.compare_with_previous()
    table = shown[0].table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(4)] == [
        "First section",
        "The meeting took place",
        "No",
        "Yes",
    ]


def test_generating_the_report_marks_the_visit_and_lists_the_version(
    editor_for, monkeypatch, qtbot
) -> None:
    _window, editor = editor_for()
    _answer_yes(monkeypatch)
    form = editor.form
    form.row("one.met").input.choose("yes")
    set_text(form.row("one.count").input.line, "5")
    form.row("two.level").input.choose(2)
    assert editor.complete()
    job = editor.generate_report()
    (preview,) = wait_for(qtbot, job.preview_opened)
    assert editor.service.load(editor.visit_id).visit.status == "report_generated"
    assert editor.reports.model.rowCount() == 1
    assert "No. СП-" in preview.windowTitle()
    assert editor.read_only  # a reported visit stays read-only
    preview.close()


def test_a_mistyped_number_keeps_the_stored_answer(editor_for) -> None:
    _window, editor = editor_for()
    line = editor.form.row("one.count").input.line
    set_text(line, "12")
    assert editor.save_now()
    set_text(line, "12a")  # a slip of the finger
    set_text(line, "45")  # above the item's maximum of 30
    assert editor.save_now()
    assert _answers(editor)["one.count"] == 12
    assert line.toolTip().startswith("Not saved")
