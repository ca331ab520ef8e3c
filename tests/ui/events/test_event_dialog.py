"""The event dialog driven by the keyboard alone: a webinar typed in field by field, refused with
a clear message while the topic is empty or an event in the future is marked attended, saved with
the analysis of a school's measures and its plan item; a series made from a recurring item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from curator_desktop.i18n import format_date
from curator_desktop.services.events import EventService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RoadmapItem, School
from curator_desktop.ui.events.event_dialog import EventDialog
from curator_desktop.ui.events.series_dialog import SeriesDialog
from tests.ui.keyboard_script import Key, Mod, focused, press, tab_to, type_text

TODAY = dt.date(2026, 9, 15)


@pytest.fixture
def service(database: Database, tmp_path: Path) -> EventService:
    return EventService(database, attachments_dir=tmp_path / "files")


def add_school(database: Database) -> str:
    with database.session() as session:
        school = School(full_name="МОУ «СОШ № 1»", short_name="СОШ № 1")
        session.add(school)
        session.flush()
        return school.id


def add_item(database: Database, recurrence: str = "") -> str:
    with database.session() as session:
        item = RoadmapItem(
            number="17",
            title="Установочный вебинар для кураторов",
            recurrence=recurrence,
            deadline_text="2 и 4 среда каждого месяца" if recurrence else "",
            deadline_start=dt.date(2026, 9, 1),
            deadline_end=dt.date(2026, 10, 31),
        )
        session.add(item)
        session.flush()
        return item.id


def choose(text: str) -> None:
    """In a focused combo, move with the arrows until ``text`` is current."""
    combo = focused()
    assert isinstance(combo, QComboBox)
    index = combo.findText(text)
    assert index >= 0, text
    press(Key.Key_Home)
    press(Key.Key_Down, times=index)
    assert combo.currentText() == text


def open_dialog(qtbot, service: EventService, database: Database, school: str) -> EventDialog:
    dialog = EventDialog(
        service,
        schools=[(school, "СОШ № 1")],
        plan=service.plan_choices(),
        today=lambda: TODAY,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.day_field.edit)
    return dialog


def test_an_event_entered_by_keyboard_is_checked_then_saved(
    qtbot, service: EventService, database: Database
) -> None:
    school = add_school(database)
    item = add_item(database)
    dialog = open_dialog(qtbot, service, database, school)
    assert focused() is dialog.day_field.edit
    press(Key.Key_A, Mod.ControlModifier)
    type_text("09.09.2026")
    tab_to(lambda w: w is dialog.start_field.edit)
    press(Key.Key_Up)  # from «—» to 00:00, then the hours
    type_text("15")
    tab_to(lambda w: w is dialog.kind_combo)
    choose("Webinar")
    tab_to(lambda w: w is dialog.topic_edit)
    press(Key.Key_Return)  # Save with no topic: refused, the topic named, the focus on it
    assert dialog.isVisible() and service.events() == []
    assert "Topic" in dialog.status_label.text() and focused() is dialog.topic_edit
    type_text("Работа с антирисковыми программами")
    tab_to(lambda w: w is dialog.organiser_edit)
    type_text("ЛОИРО")
    tab_to(lambda w: w is dialog.format_combo)
    choose("Remote")
    tab_to(lambda w: w is dialog.attendance_combo)
    choose("Attended")
    tab_to(lambda w: w is dialog.plan_combo)
    choose("17. Установочный вебинар для кураторов")
    tab_to(lambda w: isinstance(w, QPlainTextEdit))
    type_text("Записала задания к совещанию")
    press(Key.Key_Tab, Mod.ControlModifier)  # the next tab: the schools' measures
    tab_to(lambda w: w is dialog.analyses_editor.school_list)
    press(Key.Key_Tab)
    assert focused() is dialog.analyses_editor.text_edit
    type_text("Проведён педсовет по итогам ВПР")
    press(Key.Key_Return, Mod.ControlModifier)  # a line break, not a save
    tab_to(lambda w: w is dialog.save_button)
    press(Key.Key_Space)
    assert not dialog.isVisible()
    [stored] = service.events()
    assert (stored.day, stored.start_time, stored.kind) == (
        dt.date(2026, 9, 9),
        dt.time(15),
        "webinar",
    )
    assert (stored.topic, stored.organiser) == ("Работа с антирисковыми программами", "ЛОИРО")
    assert (stored.event_format, stored.attendance) == ("remote", "attended")
    assert stored.plan_item_id == item and stored.notes == "Записала задания к совещанию"
    assert [(a.school_id, a.text.strip()) for a in stored.analyses] == [
        (school, "Проведён педсовет по итогам ВПР")
    ]


def test_a_future_event_marked_attended_is_refused_with_the_reason(
    qtbot, service: EventService, database: Database
) -> None:
    dialog = open_dialog(qtbot, service, database, add_school(database))
    press(Key.Key_A, Mod.ControlModifier)
    type_text("01.10.2026")
    tab_to(lambda w: w is dialog.topic_edit)
    type_text("Методический совет")
    tab_to(lambda w: w is dialog.attendance_combo)
    choose("Attended")
    press(Key.Key_Return)
    assert dialog.isVisible() and service.events() == []
    assert "has not taken place yet" in dialog.status_label.text()
    assert focused() is dialog.attendance_combo
    press(Key.Key_Escape)
    assert not dialog.isVisible() and service.events() == []


def test_editing_keeps_the_fields_and_changes_the_attendance(
    qtbot, service: EventService, database: Database
) -> None:
    from curator_desktop.domain.events import Event

    stored = service.create(
        Event(id="", day=dt.date(2026, 9, 2), topic="Совещание", kind="meeting")
    )
    dialog = EventDialog(service, schools=[], existing=stored, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    assert dialog.topic_edit.text() == "Совещание" and dialog.kind_combo.currentData() == "meeting"
    dialog.attendance_combo.setCurrentIndex(dialog.attendance_combo.findData("missed"))
    assert dialog.save()
    assert service.event(stored.id).attendance == "missed"
    assert isinstance(dialog.organiser_edit, QLineEdit)


def test_a_series_from_a_recurring_plan_item(
    qtbot, service: EventService, database: Database
) -> None:
    item = add_item(database, recurrence="monthly:wed:2,4")
    add_item(database)  # does not repeat: not offered
    dialog = SeriesDialog(service, service.plan_choices(), today=lambda: dt.date(2026, 9, 1))
    qtbot.addWidget(dialog)
    assert dialog.item_combo.count() == 1 and dialog.chosen().item_id == item
    assert dialog.kind_combo.currentData() == "webinar"
    days = ", ".join(format_date(dt.date(2026, 9, d), "short") for d in (9, 23))
    assert dialog.preview_label.text().startswith(f"4 events: {days}")
    assert dialog.save()
    assert [e.day.day for e in service.events()] == [9, 23, 14, 28]
    assert {e.plan_item_id for e in service.events()} == {item}


def test_materials_chosen_for_a_new_event_are_attached_on_save(
    qtbot, service: EventService, database: Database, tmp_path: Path
) -> None:
    programme = tmp_path / "программа.pdf"
    programme.write_bytes(b"%PDF-1.4 programme")
    dialog = EventDialog(service, schools=[], today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.topic_edit.setText("Семинар по ВПР")
    dialog.materials.add_files([programme])
    assert dialog.materials.file_list.count() == 1
    assert dialog.save()
    [stored] = service.events()
    [file] = service.attachments(stored.id)
    assert file.file_name == "программа.pdf"
    assert stored.id and dialog.materials.file_list.count() == 1
    dialog.materials.file_list.setCurrentRow(0)
    dialog.materials.remove_selected()
    assert service.attachments(stored.id) == []
