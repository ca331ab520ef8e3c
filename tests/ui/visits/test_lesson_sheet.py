"""The Lessons tab fills the lesson observation sheet of version 3: the purpose of the
observation, the lesson's kind, the textbook series, the students present and on the roll, the
minutes of each stage and the start and motivation stage, each saved under its lesson."""

from __future__ import annotations

import json
from pathlib import Path

from curator_desktop.domain.visits.records import LessonRecord
from curator_desktop.paths import resource
from curator_desktop.ui.visits.editor.lessons_tab import LessonsTab
from tests.ui.conftest import set_text


def _sheet() -> dict:
    return json.loads(resource("checklists", "lesson-observation.json").read_text("utf-8"))


def test_the_lessons_tab_fills_the_new_items_of_the_sheet(qtbot, tmp_path: Path) -> None:
    sheet = _sheet()
    assert sheet["version"] == 3
    tab = LessonsTab(lambda sha: tmp_path / sha)
    qtbot.addWidget(tab)
    lesson = LessonRecord("l1", "Гордеева А. И.", "Математика", "7 А", "", "", "", "", sheet)
    tab.show_lessons([lesson], {}, {})
    assert tab.form is not None
    edited: list[tuple[str, str, object]] = []
    tab.answer_edited.connect(
        lambda lesson_id, key, value, _d: edited.append((lesson_id, key, value))
    )

    purpose = tab.form.row("lesson.observation_purpose")
    assert purpose is not None and purpose.item["required"]
    purpose.input.combo.setCurrentIndex(purpose.input.combo.findData("methodical_help"))
    kind = tab.form.row("lesson.kind")
    kind.input.combo.setCurrentIndex(kind.input.combo.findData("workshop"))
    textbook = tab.form.row("lesson.textbook")
    set_text(textbook.input.line, "Макарычев Ю. Н. Алгебра. 7 класс")
    for key, number in (
        ("lesson.pupils_on_roll", "26"),
        ("lesson.pupils_present", "23"),
        ("structure.minutes_start", "4"),
        ("structure.minutes_new", "15"),
        ("structure.minutes_reflection", "3"),
    ):
        row = tab.form.row(key)
        assert row is not None, key
        set_text(row.input.line, number)
    start = tab.form.row("structure.start_motivation")
    start.input.choose(2)

    values = {key: value for lesson_id, key, value in edited if lesson_id == "l1"}
    assert values["lesson.observation_purpose"] == "methodical_help"
    assert values["lesson.kind"] == "workshop"
    assert values["lesson.textbook"] == "Макарычев Ю. Н. Алгебра. 7 класс"
    assert values["lesson.pupils_on_roll"] == 26 and values["lesson.pupils_present"] == 23
    assert values["structure.minutes_new"] == 15
    assert values["structure.start_motivation"] == 2
