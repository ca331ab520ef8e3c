"""The curator's core loop, driven by key events only, in Russian, ending in an exported package.

From «Сегодня», where the window opens, Ctrl+2 to the schools → find a school with the search
box → open its card → «Новое посещение…» → fill the checklist's required items → add a
recommendation → «Завершить посещение…»: the check lists what the visit
still lacks (purpose, participants, findings), «Перейти к пункту» puts the cursor there, and
only a complete visit is confirmed → «Сформировать справку» and its preview → close everything
→ «Файл › Экспорт пакета…» into a file. No click and no call does a user's step: the test reads
the screen (which widget has the focus, what a label says) and presses keys.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from curator_desktop.domain.checklists.items import is_answered
from curator_desktop.i18n import _
from curator_desktop.ui.exchange.export_dialog import ExportDialog
from curator_desktop.ui.reports.preview import ReportPreviewDialog
from curator_desktop.ui.schools.card import SchoolCardDialog
from curator_desktop.ui.shell.main_window import MainWindow
from curator_desktop.ui.visits.editor.completion_dialog import MissingItemsDialog
from curator_desktop.ui.visits.editor.editor import VisitEditor
from curator_desktop.ui.visits.editor.item_row import ItemRow
from curator_desktop.ui.visits.new_visit_dialog import NewVisitDialog
from tests.ui.keyboard_script import (
    Key,
    KeyboardScript,
    Mod,
    Script,
    Then,
    focused,
    press,
    tab_to,
    type_text,
    window_of,
)

SCHOOL = "Луговская"
"""A demo school of «500+» with a risk profile: its visits need findings."""
PURPOSE = "Проверка реализации антирисковых программ"
PARTICIPANT = "Матвеева Валентина Петровна"
FINDING = "Рабочая группа собирается раз в месяц, протоколы ведутся"
ADVICE = "Провести педагогический совет по итогам ВПР"
RESPONSIBLE = "Заместитель директора по УВР"


def mnemonic(text: str) -> Qt.Key:
    """The key of a label's Alt+letter («Сформирова&ть справку» → Т), as shown on screen."""
    index = text.replace("&&", "").index("&")
    return Qt.Key(ord(text.replace("&&", "")[index + 1].upper()))


def alt(text: str) -> Any:
    return press(mnemonic(text), Mod.AltModifier)


def _inside(widget: QWidget | None, kind: type) -> Any:
    while widget is not None and not isinstance(widget, kind):
        widget = widget.parentWidget()
    return widget


def _answer_here(row: ItemRow) -> None:
    """Answer the item whose input has the focus, by its type, from the keyboard."""
    item = row.item
    kind = item["type"]
    if kind in ("yes_no_partly", "yes_no"):
        press(Key.Key_1)
    elif kind == "scale":
        press(Qt.Key(Key.Key_0 + int(item["scale"]["max"])))
    elif kind == "number":
        type_text(str(item.get("min") or 1))
    elif kind == "date":
        type_text("25.11.2026")
    elif kind == "choice":
        press(Key.Key_Down)
    elif kind == "multi_choice":
        tab_to(lambda w: isinstance(w, QCheckBox))
        press(Key.Key_Space)
    else:
        type_text("Отмечено на месте")


def _needs_answer(widget: QWidget, editor: VisitEditor) -> ItemRow | None:
    """The row whose answer ``widget`` is, when its item is required and still unanswered."""
    row = _inside(widget, ItemRow)
    if row is None or editor.form is None or not row.item.get("required"):
        return None
    if widget is not row.input and not row.input.isAncestorOf(widget):
        return None  # its comment or its «Прикрепить…»
    return None if is_answered(editor.form.values().get(row.item["key"])) else row


def fill_checklist(editor: VisitEditor) -> int:
    """Walk the checklist with Tab, answering every required item on the way («Следующий раздел
    ›» leads on); the number of items answered."""
    form = editor.form
    assert form is not None
    alt(editor.tabs.tabText(editor.tabs.indexOf(editor.checklist_holder)))
    tab_to(lambda w: _inside(w, ItemRow) is not None)
    answered = 0
    for _step in range(1000):
        widget = focused()
        if not form.isAncestorOf(widget):
            return answered  # Tab left the last section
        row = _needs_answer(widget, editor)
        if row is not None:
            _answer_here(row)
            answered += 1
        if isinstance(widget, QAbstractButton) and widget.text().endswith("›"):
            press(Key.Key_Space)  # the next section, the cursor on its first item
        else:
            press(Key.Key_Tab)
    raise AssertionError("Tab never left the checklist")


def _menu_letter(text: str) -> str:
    """The letter that chooses a menu item («&Экспорт пакета…» → «э»)."""
    return chr(mnemonic(text)).lower()


def core_loop(window: MainWindow, qtbot: Any, tmp_path: Path, seen: dict[str, Any]) -> Script:
    """The loop as a script for :class:`KeyboardScript`; what it saw goes into ``seen``."""
    today = window.page("today")
    assert focused() is today.view  # the window opens on «Сегодня», in its list
    page = window.page("schools")
    schools_key = Qt.Key(Key.Key_1 + window.visible_page_keys().index("schools"))
    assert press(schools_key, Mod.ControlModifier) is page.search  # Ctrl+2: the schools
    type_text(SCHOOL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert press(Key.Key_Down) is page.table.view
    card = yield Then(Key.Key_Return, window_of(SchoolCardDialog))
    while card.tabs.currentWidget() is not card.visits_widget:
        press(Key.Key_Tab, Mod.ControlModifier)
    tab_to(lambda w: w is card.visits_widget.new_button)
    dialog = yield Then(Key.Key_Space, window_of(NewVisitDialog))
    assert SCHOOL in dialog.school.currentText()  # the school chosen in the list
    editor = yield Then(Key.Key_Return, window_of(VisitEditor))  # «Создать и открыть»
    seen["visit_id"] = editor.visit_id

    seen["answered"] = fill_checklist(editor)

    recommendations = editor.recommendations
    alt(editor.tabs.tabText(editor.tabs.indexOf(recommendations)))
    alt(recommendations.add_button.text())
    tab_to(lambda w: w is recommendations.text)
    type_text(ADVICE)
    tab_to(lambda w: w is recommendations.responsible)
    type_text(RESPONSIBLE)
    tab_to(lambda w: w is recommendations.deadline.edit)
    type_text("25.12.2026")
    press(Key.Key_Tab)

    # «Завершить посещение…»: the check first; each missing entry is reached from its list
    complete = mnemonic(editor.action_bar.complete_button.text())
    listed: list[list[str]] = []
    for _attempt in range(8):
        found = yield Then(complete, window_of((MissingItemsDialog, QMessageBox)), Mod.AltModifier)
        if isinstance(found, QMessageBox):
            break
        listed.append([m.item_key for m in found.missing])
        yield Then(Key.Key_Return, window_of(VisitEditor))  # «Перейти к пункту»
        _fill_the_field_shown(editor)
    else:
        raise AssertionError(f"the visit never passed the check: {listed}")
    seen["listed"] = listed
    yield Then(Key.Key_Return, window_of(VisitEditor))  # «Да»: complete it
    seen["completed"] = editor.read_only

    report = mnemonic(editor.action_bar.report_button.text())
    preview = yield Then(report, window_of(ReportPreviewDialog), Mod.AltModifier)
    seen["preview"] = preview.windowTitle()
    yield Then(Key.Key_Escape, window_of(VisitEditor))
    yield Then(Key.Key_Escape, window_of(SchoolCardDialog))
    yield Then(Key.Key_Escape, window_of(MainWindow))

    # «Файл › Экспорт пакета…»: the whole store, into a file of the test's folder
    alt(window.menuBar().actions()[0].text())
    assert QApplication.activePopupWidget() is not None, "Alt+Ф opened no menu"
    export = yield Then(None, window_of(ExportDialog), text=_menu_letter(_("&Export a package…")))
    assert export.full_radio.isChecked()
    files = yield Then(Key.Key_Return, window_of(QFileDialog))  # «Выбрать файл…»
    name = tab_to(lambda w: w.objectName() == "fileNameEdit")
    press(Key.Key_A, Mod.ControlModifier)
    target = tmp_path / "для координатора.curator"
    type_text(str(target))
    assert name.text() == str(target) and files.isVisible()
    if QApplication.activePopupWidget() is not None:  # the completer's list: Enter is for it
        press(Key.Key_Escape)
    told = yield Then(Key.Key_Return, window_of(QMessageBox))  # written in the background
    seen["told"] = told.text()
    seen["target"] = target
    yield Then(Key.Key_Return, window_of(MainWindow))


def _fill_the_field_shown(editor: VisitEditor) -> None:
    """Fill what «Перейти к пункту» put the cursor on: the purpose, a participant's name (after
    «Добавить участника»), a finding, or a checklist item."""
    widget = focused()
    details = editor.details
    if widget is details.purpose:
        type_text(PURPOSE)
    elif widget is details.add_participant:
        press(Key.Key_Space)  # a new row, its name being edited
        type_text(PARTICIPANT)
        press(Key.Key_Return)
    elif widget in editor.findings.edits.values():
        type_text(FINDING)
    elif _inside(widget, ItemRow) is not None:
        _answer_here(_inside(widget, ItemRow))
    else:
        raise AssertionError(f"the jump left the cursor on {widget!r}")
    press(Key.Key_Tab)


def test_the_core_loop_by_keyboard_ends_in_an_exported_package(
    open_window, qtbot, tmp_path: Path
) -> None:
    window = open_window(demo=True, lang="ru")
    window.activateWindow()
    qtbot.waitActive(window)
    seen: dict[str, Any] = {}
    KeyboardScript(core_loop(window, qtbot, tmp_path, seen), timeout_ms=40_000).run(qtbot)

    visit_id = seen["visit_id"]
    state = window.context.visit_service.load(visit_id)
    assert seen["answered"] > 0 and seen["completed"]
    # the checklist was done first; the check then led to each field of the visit in turn
    assert seen["listed"] == [
        ["purpose", "participants", "findings"],
        ["participants", "findings"],
        ["findings"],
    ]
    assert state.visit.purpose == PURPOSE and FINDING in state.findings.values()
    assert [p.full_name for p in state.participants] == [PARTICIPANT]
    own = [r for r in state.recommendations if r.visit_id == visit_id]
    assert [(r.text, r.responsible, r.deadline) for r in own] == [
        (ADVICE, RESPONSIBLE, dt.date(2026, 12, 25))
    ]
    assert state.visit.status == "report_generated" and "СП-" in seen["preview"]

    target: Path = seen["target"]
    assert target.is_file() and str(target) in seen["told"]
    with zipfile.ZipFile(target) as package:
        records = {
            name.removeprefix("data/").removesuffix(".json"): json.loads(package.read(name))
            for name in package.namelist()
            if name.startswith("data/") and name.endswith(".json")
        }
    (visit,) = [row for row in records["visit"] if row["id"] == visit_id]
    assert (visit["status"], visit["purpose"]) == ("report_generated", PURPOSE)
    assert PARTICIPANT in [
        r["full_name"] for r in records["visit_participant"] if r["visit_id"] == visit_id
    ]
    assert ADVICE in [r["text"] for r in records["recommendation"] if r["visit_id"] == visit_id]
    assert [r["visit_id"] for r in records["generated_report"]].count(visit_id) == 1
