"""The answer widgets: keyboard choice, clearing, typed values and their limits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from curator_desktop.domain.checklists.answers import localized
from curator_desktop.ui.visits.editor.answer_inputs import (
    ChoiceInput,
    DateInput,
    MultiChoiceInput,
    NumberInput,
    SegmentedChoice,
    make_input,
)

YES_NO = {"key": "a", "type": "yes_no_partly", "text": {"ru": "Вопрос", "en": "Question"}}
SCALE = {
    "key": "s",
    "type": "scale",
    "text": {"ru": "Шкала", "en": "Scale"},
    "scale": {"min": 0, "max": 2, "labels": {"0": {"ru": "нет", "en": "no"}}},
}
OPTIONS = [
    {"value": "x", "label": {"ru": "Икс", "en": "Ex"}},
    {"value": "y", "label": {"ru": "Игрек", "en": "Why"}},
]


def _edits(widget) -> list:
    seen: list = []
    widget.edited.connect(seen.append)
    return seen


def test_yes_no_partly_is_answered_from_the_keyboard(qtbot) -> None:
    widget = make_input(YES_NO)
    qtbot.addWidget(widget)
    assert isinstance(widget, SegmentedChoice)
    widget.show()
    widget.setFocus()
    seen = _edits(widget)
    for key, expected in (
        (Qt.Key.Key_1, "yes"),
        (Qt.Key.Key_2, "no"),
        (Qt.Key.Key_3, "partly"),
        (Qt.Key.Key_4, "na"),
        (Qt.Key.Key_Y, "yes"),
    ):
        qtbot.keyClick(widget, key)
        assert widget.value() == expected
    assert seen == ["yes", "no", "partly", "na", "yes"]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    assert widget.value() is None
    assert seen[-1] is None
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert widget.value() == "yes"
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert widget.value() == "no"
    assert [b.isChecked() for b in widget.buttons] == [False, True, False, False]


def test_clicking_the_chosen_answer_again_clears_it(qtbot) -> None:
    widget = make_input(YES_NO)
    qtbot.addWidget(widget)
    widget.set_value("partly")
    seen = _edits(widget)
    qtbot.mouseClick(widget.buttons[2], Qt.MouseButton.LeftButton)
    assert widget.value() is None and seen == [None]


def test_read_only_choice_ignores_keys(qtbot) -> None:
    widget = make_input(YES_NO)
    qtbot.addWidget(widget)
    widget.set_value("yes")
    widget.set_read_only(True)
    widget.show()
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_2)
    assert widget.value() == "yes"


def test_scale_digits_choose_values_and_labels_show(qtbot) -> None:
    widget = make_input(SCALE)
    qtbot.addWidget(widget)
    assert [b.text() for b in widget.buttons] == ["0 — no", "1", "2"]
    widget.show()
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_2)
    assert widget.value() == 2
    qtbot.keyClick(widget, Qt.Key.Key_0)
    assert widget.value() == 0


def test_number_input_emits_only_numbers_within_limits(qtbot) -> None:
    widget = make_input({"key": "n", "type": "number", "text": "n", "min": 1, "max": 30})
    qtbot.addWidget(widget)
    assert isinstance(widget, NumberInput)
    seen = _edits(widget)
    for text in ("12", "3,5", "abc", "31"):
        widget.line.setText(text)
        widget.line.textEdited.emit(text)
    assert seen == [12, 3.5]  # «abc» and 31 (above 30) are not saved: the last number stays
    assert widget.is_acceptable() is False
    assert "#b3261e" in widget.line.styleSheet()
    assert widget.line.toolTip().startswith("Not saved")
    widget.line.setText("")
    widget.line.textEdited.emit("")
    assert seen == [12, 3.5, None] and widget.line.styleSheet() == ""
    widget.set_value(7)
    assert widget.line.text() == "7"


def test_choice_and_multi_choice_values(qtbot) -> None:
    choice = ChoiceInput([("x", "Ex"), ("y", "Why")])
    multi = MultiChoiceInput([("x", "Ex"), ("y", "Why")])
    qtbot.addWidget(choice)
    qtbot.addWidget(multi)
    seen_choice, seen_multi = _edits(choice), _edits(multi)
    choice.combo.setCurrentIndex(2)
    assert seen_choice == ["y"]
    choice.set_value(None)
    assert choice.combo.currentIndex() == 0 and len(seen_choice) == 1
    multi.boxes["y"].setChecked(True)
    multi.boxes["x"].setChecked(True)
    assert seen_multi == [["y"], ["x", "y"]]
    multi.set_value(["y"])
    assert multi.value() == ["y"] and len(seen_multi) == 2


def test_date_input_stores_iso_text(qtbot) -> None:
    widget = DateInput()
    qtbot.addWidget(widget)
    seen = _edits(widget)
    widget.set_value("2026-03-12")
    assert widget.value() == "2026-03-12" and seen == []
    widget.field.clear()
    assert seen == [None]


def test_localized_picks_the_current_language() -> None:
    from curator_desktop.i18n import set_language

    text = {"ru": "Да", "en": "Yes"}
    assert localized(text) == "Yes"
    set_language("ru")
    try:
        assert localized(text) == "Да"
    finally:
        set_language("en")
    assert localized({"ru": "Только"}) == "Только"
    assert localized(None) == ""
