"""The «Self-diagnosis» section of a «Школа Минпросвещения России» school's card: the programme
decides the section; a methodist records the November and May rounds by hand (refused, with the
reason and nothing stored, while a rule is broken), sees the two compared, records a management
decision and marks it done — all stored, and announced."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog

from curator_desktop.domain.changes import Change
from curator_desktop.domain.schools.rules import SchoolFields
from curator_desktop.domain.selfdiag import Level
from curator_desktop.ui.schools.card import SchoolCardDialog
from curator_desktop.ui.selfdiag.decision_dialog import DecisionDialog
from curator_desktop.ui.selfdiag.round_dialog import RoundDialog
from curator_desktop.ui.selfdiag.section import SelfdiagSection
from tests.ui.conftest import set_text

NOVEMBER = dt.date(2025, 11, 20)
MAY = dt.date(2026, 5, 15)
KEPT = "Профориентационные пробы не организованы"
CLOSED = "Нет системы объективного оценивания"
NEW = "Нет наставничества для молодых педагогов"


def _school(window, programme: str, inn: str) -> str:
    fields = SchoolFields(
        full_name=f"МОУ «Школа {inn}»", short_name=f"МОУ «Школа {inn[-2:]}»", programme=programme
    )
    return window.context.school_service.create(fields).id


def _card(qtbot, window, school_id: str) -> SchoolCardDialog:
    card = SchoolCardDialog(window.context, school_id, window)
    qtbot.addWidget(card)
    card.show()
    return card


def _tab_titles(card: SchoolCardDialog) -> list[str]:
    return [card.tabs.tabText(n) for n in range(card.tabs.count())]


def _fill(
    dialog: RoundDialog,
    day: dt.date,
    label: str,
    points: list[int],
    levels: list[Level],
    deficits: list[tuple[int, str, bool]],
) -> None:
    dialog.date_field.edit.setFocus()
    set_text(dialog.date_field.edit, day.strftime("%d.%m.%Y"))
    set_text(dialog.label_edit, label)
    for row, value, level in zip(dialog.rows, points, levels, strict=True):
        row.maximum.setValue(20)
        row.points.setValue(value)
        row.level.setCurrentIndex(row.level.findData(level.value))
    for number, text, critical in deficits:
        added = dialog.add_deficit(dialog.rows[number].code, "", critical)
        dialog.deficit_table.item(added, 1).setText(text)
    dialog.overall_combo.setCurrentIndex(dialog.overall_combo.findData(Level.BASE.value))


def _record_round(monkeypatch, section: SelfdiagSection, fill) -> None:
    """«New round…»: the dialog is filled and saved as a methodist would."""

    def exec_(dialog: RoundDialog) -> int:
        fill(dialog)
        return QDialog.DialogCode.Accepted if dialog.save() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(RoundDialog, "exec", exec_)
    section.new_button.click()


@pytest.fixture
def window(open_window):
    return open_window(demo=True, lang="en")


def test_the_programme_decides_the_section(qtbot, window) -> None:
    minpros = _card(qtbot, window, _school(window, "minpros_school", "4710000011"))
    assert "Self-diagnosis" in _tab_titles(minpros)
    assert "Risk profile" not in _tab_titles(minpros)
    assert minpros.profile_widget is None and minpros.selfdiag_widget is not None
    shnor = _card(qtbot, window, _school(window, "500plus", "4710000022"))
    assert "Risk profile" in _tab_titles(shnor)
    assert "Self-diagnosis" not in _tab_titles(shnor)
    assert shnor.save()  # saving a card keeps its tabs (no second set)
    assert _tab_titles(shnor).count("Risk profile") == 1


def test_record_both_rounds_compare_them_and_record_a_decision(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    school_id = _school(window, "minpros_school", "4710000033")
    card = _card(qtbot, window, school_id)
    section = card.selfdiag_widget
    assert isinstance(section, SelfdiagSection)
    card.tabs.setCurrentWidget(section)
    assert section.count_label.text() == "0 rounds"
    assert (
        not section.edit_button.isEnabled()
        and not section.decisions.add_decision_button.isEnabled()
    )
    below, base, medium = Level.BELOW_BASE, Level.BASE, Level.MEDIUM
    announced: list[frozenset] = []
    section.data_changed.connect(announced.append)

    _record_round(
        monkeypatch,
        section,
        lambda d: _fill(
            d, NOVEMBER, "November 2025", [8, 12, 15, 10, 6, 9, 14, 11],
            [below, base, medium, base, below, base, medium, base],
            [(0, CLOSED, True), (4, KEPT, False)],
        ),
    )  # fmt: skip
    _record_round(
        monkeypatch,
        section,
        lambda d: _fill(
            d, MAY, "May 2026", [12, 13, 15, 12, 9, 9, 16, 12],
            [base, base, medium, base, below, base, medium, base],
            [(4, KEPT, False), (5, NEW, True)],
        ),
    )  # fmt: skip
    assert section.count_label.text() == "2 rounds"
    assert Change.SELFDIAG in announced[-1]
    stored = window.context.selfdiag_service.rounds(school_id)
    assert [r.round_date for r in stored] == [NOVEMBER, MAY]
    assert stored[1].total_points == 98 and len(stored[1].deficits) == 2
    assert [r.round_date for r in section.round_table.visible_rows()] == [MAY, NOVEMBER]

    # the comparison: per direction then → now, deficits closed and new
    section.tabs.setCurrentWidget(section.comparison)
    rows = section.comparison.comparison_table.visible_rows()
    first = rows[0]
    assert first.change.points_before == 8 and first.change.points_after == 12
    model = section.comparison.comparison_model
    assert model.index(0, 1).data() == "8 of 20, Below base"
    assert model.index(0, 2).data() == "12 of 20, Base"
    assert model.index(0, 3).data() == "+4, level up"
    assert rows[-1].name == "Total"
    assert (
        CLOSED in section.comparison.closed_label.text()
        and NEW in section.comparison.new_label.text()
    )
    assert KEPT not in section.comparison.closed_label.text() + section.comparison.new_label.text()
    section.tabs.setCurrentWidget(section.chart)
    assert section.chart.renderer().isValid()

    # a management decision on the kept deficit
    def decide(dialog: DecisionDialog) -> int:
        combo = dialog.deficit_combo
        combo.setCurrentIndex(next(n for n in range(combo.count()) if KEPT in combo.itemText(n)))
        dialog.what_edit.setPlainText("Организовать пробы с колледжем")
        set_text(dialog.responsible_edit, "Педагог-навигатор")
        dialog.deadline_field.set_value(dt.date(2026, 9, 1))
        return QDialog.DialogCode.Accepted if dialog.save() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(DecisionDialog, "exec", decide)
    section.tabs.setCurrentWidget(section.decisions)
    section.decisions.add_decision_button.click()
    decisions = window.context.selfdiag_service.decisions(school_id)
    assert [(d.what, d.responsible, d.done) for d in decisions] == [
        ("Организовать пробы с колледжем", "Педагог-навигатор", False)
    ]
    assert decisions[0].round_id == stored[1].id
    assert section.decisions.decisions_label.text() == "1 decision, 0 done"
    section.decisions.decision_table.view.selectRow(0)
    assert section.decisions.done_button.text() == "Mark done"
    announced.clear()
    section.decisions.done_button.click()
    assert announced and Change.SELFDIAG in announced[-1]
    assert window.context.selfdiag_service.decisions(school_id)[0].done
    assert section.decisions.decisions_label.text() == "1 decision, 1 done"


def test_a_round_breaking_a_rule_is_refused_with_the_reason(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    school_id = _school(window, "minpros_school", "4710000044")
    section = SelfdiagSection(window.context, school_id)
    qtbot.addWidget(section)
    dialog = section.round_dialog()
    assert not dialog.save()  # no date yet
    assert dialog.status_label.text() == "Enter the date of the round."
    levels = [Level.BASE] * len(dialog.rows)
    _fill(dialog, NOVEMBER, "", [25, *([10] * (len(dialog.rows) - 1))], levels, [])
    assert not dialog.save()  # 25 points of a maximum of 20
    name = dialog.rows[0].name
    assert dialog.status_label.text().startswith(f"{name}: 25 points")
    assert dialog.rows[0].points.hasFocus() or dialog.rows[0].points.styleSheet()
    future = dt.date.today() + dt.timedelta(days=30)
    dialog.rows[0].points.setValue(10)
    dialog.date_field.set_value(future)
    assert not dialog.save()
    assert "future" in dialog.status_label.text()
    assert window.context.selfdiag_service.rounds(school_id) == []


def test_enter_in_the_round_dialog_never_adds_a_deficit(qtbot, window) -> None:
    school_id = _school(window, "minpros_school", "4710000055")
    section = SelfdiagSection(window.context, school_id)
    qtbot.addWidget(section)
    dialog = section.round_dialog()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.save_button.isDefault()
    for button in (dialog.add_deficit_button, dialog.remove_deficit_button):
        assert not button.isDefault() and not button.autoDefault()
    dialog.label_edit.setFocus()
    qtbot.keyClick(dialog.label_edit, Qt.Key.Key_Return)
    assert dialog.deficit_table.rowCount() == 0
    assert dialog.status_label.text() == "Enter the date of the round."  # Enter tried to save


def test_a_coordinators_indicators_are_picked_not_typed(qtbot, window, tmp_path) -> None:
    """With a coordinator's catalog that lists the indicators of «Знание», a deficit of that
    direction is picked from them (critical marked, its flag from the catalog); a direction
    without indicators keeps free text; the school type of an imported round is kept."""
    from tests.services.selfdiag.helpers import coordinator_catalog, write_json

    service = window.context.selfdiag_service
    service.install_catalog(write_json(tmp_path / "catalog.json", coordinator_catalog()))
    school_id = _school(window, "minpros_school", "4710000066")
    section = SelfdiagSection(window.context, school_id)
    qtbot.addWidget(section)
    dialog = section.round_dialog()
    levels = [Level.BASE] * len(dialog.rows)
    _fill(dialog, NOVEMBER, "November 2025", [12] * len(dialog.rows), levels, [])
    number = dialog.add_deficit("knowledge")
    picker = dialog.deficit_table.cellWidget(number, 1)
    assert isinstance(picker, QComboBox)
    labels = [picker.itemText(n) for n in range(picker.count())]
    assert labels == ["Объективность оценивания (critical)", "Углублённое изучение"]
    critical = dialog.deficit_table.cellWidget(number, 2)
    picker.setCurrentIndex(1)
    assert not critical.isChecked() and not critical.isEnabled()
    picker.setCurrentIndex(0)
    assert critical.isChecked()
    other = dialog.add_deficit("upbringing", "Нет школьного музея")
    assert dialog.deficit_table.cellWidget(other, 1) is None  # no indicators: free text
    assert critical.isChecked() and dialog.deficit_table.cellWidget(other, 2).isEnabled()
    # Another direction for the first row: its indicators go with it.
    direction = dialog.deficit_table.cellWidget(number, 0)
    direction.setCurrentIndex(direction.findData("upbringing"))
    assert dialog.deficit_table.cellWidget(number, 1) is None
    direction.setCurrentIndex(direction.findData("knowledge"))
    dialog.deficit_table.cellWidget(number, 1).setCurrentIndex(0)
    assert dialog.save(), dialog.status_label.text()
    [stored] = service.rounds(school_id)
    assert [(d.direction, d.indicator, d.text, d.critical) for d in stored.deficits] == [
        ("knowledge", "K1", "Объективность оценивания", True),
        ("upbringing", "", "Нет школьного музея", False),
    ]
    service.save_round(replace(stored, school_type="СОШ"))
    [stored] = service.rounds(school_id)
    again = section.round_dialog(stored)
    assert again.deficit_table.cellWidget(0, 1).currentData() == "K1"
    assert again.save(), again.status_label.text()
    [kept] = service.rounds(school_id)
    assert kept.school_type == "СОШ"
    assert [d.indicator for d in kept.deficits] == ["K1", ""]


def test_the_school_type_chooses_the_indicators(qtbot, window, tmp_path) -> None:
    """A catalog whose indicators differ by school type asks the round's type: the picker
    offers that type's indicators, and the type is stored with the round."""
    from tests.services.selfdiag.helpers import coordinator_catalog, write_json

    data = coordinator_catalog()
    data["school_types"] = ["СОШ", "ООШ"]
    data["indicators"][1]["school_types"] = ["СОШ"]  # «Углублённое изучение»: not in an ООШ
    data["notes"].pop("school_types")
    service = window.context.selfdiag_service
    service.install_catalog(write_json(tmp_path / "catalog.json", data))
    school_id = _school(window, "minpros_school", "4710000077")
    section = SelfdiagSection(window.context, school_id)
    qtbot.addWidget(section)
    dialog = section.round_dialog()
    combo = dialog.school_type_combo
    assert [combo.itemText(n) for n in range(combo.count())] == ["—", "СОШ", "ООШ"]
    levels = [Level.BASE] * len(dialog.rows)
    _fill(dialog, NOVEMBER, "", [12] * len(dialog.rows), levels, [])
    number = dialog.add_deficit("knowledge")

    def offered() -> list[str]:
        picker = dialog.deficit_table.cellWidget(number, 1)
        return [picker.itemData(n) for n in range(picker.count())]

    assert offered() == ["K1", "K2"]
    combo.setCurrentIndex(combo.findData("ООШ"))
    assert offered() == ["K1"]
    assert dialog.save(), dialog.status_label.text()
    [stored] = service.rounds(school_id)
    assert stored.school_type == "ООШ"
    assert [d.indicator for d in stored.deficits] == ["K1"]
