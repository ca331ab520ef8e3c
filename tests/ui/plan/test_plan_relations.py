"""The curator's relations on the Plan page, by keyboard: «Mine» by default (ведёт + посещает),
«I take part» and «All» one arrow key away; each item's relation and why, in the list and the
panel; a correction in the panel's combo, marked as the curator's, kept by a new edition; an
item due twice shows both days. What the rules judge comes from the service, so these tests
hold whatever the rules are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QRadioButton

from curator_desktop.domain.changes import Change
from curator_desktop.domain.roadmap.relation import MINE, Relation
from curator_desktop.services.plan.relations import RelationFilter, relation_label
from curator_desktop.ui.plan.page import PlanPage
from curator_desktop.ui.plan.table_model import PlanColumn
from tests.conftest import ROADMAPS
from tests.ui.keyboard_script import Key, Mod, focused, press, tab_to

MID_MARCH = dt.date(2021, 3, 15)
SMOLENSK = ROADMAPS / "smolensk-oblast-2021.txt"


@pytest.fixture
def page(open_window) -> PlanPage:
    """The demo store with Smolensk's roadmap; the Plan page shown on 15 March 2021."""
    window = open_window(demo=True)
    service = window.context.plan_service
    service.import_(service.preview(SMOLENSK))
    page = window.pages["plan"]
    page.clock = lambda: MID_MARCH
    window.show_page("plan")
    window.activateWindow()
    window.data_changed.emit(frozenset({Change.ROADMAPS}))
    return page


def shown_ids(page: PlanPage) -> set[str]:
    assert page.views.plan is not None
    return {entry.item_id for entry in page.views.plan.entries}


def service_ids(page: PlanPage, relations: frozenset[Relation] | None) -> set[str]:
    return {e.item_id for e in page.service.entries(MID_MARCH, relations=relations)}


def test_the_filter_by_keyboard(page: PlanPage, qtbot) -> None:
    filters = page.filters
    assert filters.relation_filter() == RelationFilter.MINE
    assert shown_ids(page) == service_ids(page, MINE)
    everything = service_ids(page, None)
    assert shown_ids(page) < everything  # «Mine» is not the whole roadmap

    filters.document_filter.setFocus()
    radio = tab_to(lambda w: isinstance(w, QRadioButton))
    assert radio is filters.relation_buttons[RelationFilter.MINE]  # Tab reaches the chosen one
    press(Key.Key_Right)
    assert filters.relation_filter() == RelationFilter.SHARE
    assert shown_ids(page) == service_ids(page, frozenset({Relation.SHARE}))
    press(Key.Key_Right)
    assert filters.relation_filter() == RelationFilter.ALL
    assert shown_ids(page) == everything
    assert page.count_label.text() == "38 items"
    press(Key.Key_Left, times=2)
    assert filters.relation_filter() == RelationFilter.MINE
    assert shown_ids(page) == service_ids(page, MINE)


def choose_item(page: PlanPage, number: str) -> None:
    """Put the keyboard in the «All» list and move down to item ``number``."""
    page.views.set_view("all")
    view = page.views.table.view
    view.setFocus()
    press(Key.Key_Home, Mod.ControlModifier)
    for _row in range(page.views.model.rowCount()):
        entry = page.selected_entry()
        if entry is not None and entry.number == number:
            return
        press(Key.Key_Down)
    raise AssertionError(f"item {number} not reached")


def test_a_correction_by_keyboard_is_marked_and_survives_a_new_edition(
    page: PlanPage, qtbot, tmp_path: Path
) -> None:
    page.filters.set_relation_filter(RelationFilter.ALL)
    choose_item(page, "9")
    entry = page.selected_entry()
    panel = page.views.panel
    row = page.views.model.row_of(entry.item_id)
    cell = page.views.model.index(row, PlanColumn.RELATION)
    assert cell.data() == relation_label(entry.relation)
    assert panel.fields["relation"].text().startswith(relation_label(entry.relation))
    if entry.relation != Relation.NONE:
        assert " — " in panel.fields["relation"].text()  # and why

    press(Key.Key_R, Mod.AltModifier)  # «Co&rrect:»
    assert isinstance(focused(), QComboBox)
    start = panel.relation_combo.currentIndex()
    press(Key.Key_Down if start < panel.relation_combo.count() - 1 else Key.Key_Up)

    corrected = Relation(panel.relation_combo.currentData())
    assert corrected != entry.relation
    after = page.selected_entry()
    assert (after.relation, after.relation_set_by_user) == (corrected, True)
    assert panel.fields["relation"].text() == f"{relation_label(corrected)} — changed by you"
    assert page.views.model.index(row, PlanColumn.RELATION).data() == (
        f"{relation_label(corrected)} (you)"
    )

    edited = tmp_path / "smolensk-2021-new.txt"
    lines = SMOLENSK.read_text(encoding="utf-8").split("\n")
    edited.write_text("\n".join(line.replace("\tИюнь\t", "\tСентябрь\t") for line in lines))
    result = page.service.import_(page.service.preview(edited))
    assert result.edition == 2 and result.changed > 0
    page.data_changed.emit(result.changes)
    page.refresh()
    kept = next(e for e in page.views.plan.entries if e.item_id == entry.item_id)
    assert (kept.relation, kept.relation_set_by_user) == (corrected, True)
    assert kept.deadline.text == "Сентябрь"


def test_an_item_due_twice_shows_both_days(page: PlanPage) -> None:
    page.filters.set_relation_filter(RelationFilter.ALL)
    page.views.set_view("all")
    entry = next(e for e in page.views.plan.entries if e.number == "16")  # «Июнь, декабрь»
    assert len(entry.deadline.ranges) == 2
    row = page.views.model.row_of(entry.item_id)
    assert page.views.model.index(row, PlanColumn.DUE).data() == "30/06/2021; 31/12/2021"
