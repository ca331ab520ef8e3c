"""The Plan page on the demo store with the three real roadmaps, on a fixed «today» (15 March
2021): lists, the item's panel, the timeline, marks, links, items added by hand, the empty state
and an import through the page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from curator_desktop.domain.changes import Change
from curator_desktop.domain.plan.schedule import PlanBucket
from curator_desktop.services.plan.relations import RelationFilter
from curator_desktop.ui.common.models.row_table_model import ATTENTION, HIGHLIGHT_ROLE
from curator_desktop.ui.plan.item_dialog import PlanItemDialog
from curator_desktop.ui.plan.link_dialog import PlanLinkDialog
from curator_desktop.ui.plan.page import PlanPage
from curator_desktop.ui.plan.roadmap_import_dialog import RoadmapImportDialog
from curator_desktop.ui.plan.table_model import STATUS_COLOURS, PlanColumn
from tests.conftest import ROADMAPS
from tests.ui.conftest import set_text, wait_for

MID_MARCH = dt.date(2021, 3, 15)
SMOLENSK = ROADMAPS / "smolensk-oblast-2021.txt"


@pytest.fixture
def plan_window(open_window):
    """The demo store with the three roadmaps imported; the Plan page shown on 15 March 2021,
    every item («All»: what the rules judge mine is tested in test_plan_relations)."""
    window = open_window(demo=True)
    service = window.context.plan_service
    for path in sorted(ROADMAPS.glob("*.txt")):
        service.import_(service.preview(path))
    page = window.pages["plan"]
    page.clock = lambda: MID_MARCH
    window.show_page("plan")
    window.data_changed.emit(frozenset({Change.ROADMAPS}))
    page.filters.set_relation_filter(RelationFilter.ALL)
    return window


def expected_tabs(plan) -> list[str]:
    """The tabs' texts for ``plan`` (its lists counted, then all, then the timeline)."""
    counts = [len(plan.bucket(bucket)) for bucket in PlanBucket]
    names = ("Overdue", "This month", "Upcoming", "No date", "Done")
    return [
        *(f"{name} ({n})" for name, n in zip(names, counts, strict=True)),
        f"All ({len(plan.entries)})",
        "Timeline",
    ]


def page_of(window) -> PlanPage:
    page = window.pages["plan"]
    assert isinstance(page, PlanPage)
    return page


def tab_texts(page: PlanPage) -> list[str]:
    return [page.views.view_tabs.tabText(i) for i in range(page.views.view_tabs.count())]


def click_row(qtbot, page: PlanPage, row: int) -> None:
    index = page.views.model.index(row, PlanColumn.TITLE)
    rect = page.views.table.view.visualRect(index)
    qtbot.mouseClick(page.views.table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def entry_by(page: PlanPage, number: str, document: str = "реализации Проекта"):
    assert page.views.plan is not None
    return next(
        e for e in page.views.plan.entries if e.number == number and document in e.document_title
    )


def choose_smolensk(page: PlanPage) -> None:
    """Filter by the Smolensk roadmap (its title alone says «Проекта» with a capital letter)."""
    combo = page.filters.document_filter
    combo.setCurrentIndex(next(i for i in range(combo.count()) if "Проекта" in combo.itemText(i)))


def select(qtbot, page: PlanPage, item_id: str) -> None:
    """Click the item in the «All» list."""
    page.views.set_view("all")
    click_row(qtbot, page, page.views.model.row_of(item_id))
    assert page.selected_entry().item_id == item_id


# --- empty state and import -----------------------------------------------------------------


def test_empty_state_then_a_roadmap_imported_through_the_page(
    open_window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(demo=True)
    page = page_of(window)
    page.clock = lambda: MID_MARCH
    window.show_page("plan")
    assert page.content.currentWidget() is page.no_roadmap
    assert page.no_roadmap.import_button.isVisible()
    assert "coordinator" in page.no_roadmap.message.hint_label.text()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(SMOLENSK), ""))
    )

    def run(dialog: RoadmapImportDialog) -> int:
        dialog.show()
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        wait_for(qtbot, dialog.preview_ready)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        wait_for(qtbot, dialog.roadmap_imported)
        return dialog.result()

    monkeypatch.setattr(RoadmapImportDialog, "exec", run)
    qtbot.mouseClick(page.no_roadmap.import_button, Qt.MouseButton.LeftButton)

    assert page.content.currentWidget() is not page.no_roadmap
    assert page.filters.relation_filter() == RelationFilter.MINE  # «Mine» by default
    mine = window.context.plan_service.plan(MID_MARCH)
    assert tab_texts(page) == expected_tabs(mine)
    assert len(mine.entries) < 38
    if mine.bucket(PlanBucket.OVERDUE):
        assert page.views.view_tabs.tabTextColor(0) == QColor("#b3261e")
    assert "imported: 38 items" in page.message_label.text()
    assert any(window.context.paths.backup_dir.glob("*pre-import*"))
    assert page.filters.document_filter.count() == 2  # all roadmaps, and this one
    menu_action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if "roadmap" in a.text()
    )
    assert menu_action.isEnabled()


# --- lists and the item's panel ---------------------------------------------------------------


def test_lists_and_the_items_panel(plan_window, qtbot) -> None:
    page = page_of(plan_window)
    everything = plan_window.context.plan_service.plan(MID_MARCH, relations=None)
    assert page.count_label.text() == "156 items"
    assert tab_texts(page) == expected_tabs(everything)
    page.views.set_view("overdue")
    overdue = page.views.table.visible_rows()
    assert len(overdue) == len(everything.bucket(PlanBucket.OVERDUE)) > 1
    dues = [e.standing.due for e in overdue]
    assert dues == sorted(dues) and all(d < MID_MARCH for d in dues)
    due_cell = page.views.model.index(0, PlanColumn.DUE)
    assert due_cell.data().endswith(f"overdue by {overdue[0].standing.days_overdue} days")
    assert due_cell.data(HIGHLIGHT_ROLE) == ATTENTION

    click_row(qtbot, page, 1)
    entry = overdue[1]
    assert page.selected_entry() == entry
    assert entry.title in page.views.panel.title_label.text()
    assert page.views.panel.fields["status"].text() == "Overdue"
    relation = page.views.panel.relation_combo
    assert relation.currentData() == entry.relation.value
    assert page.views.panel.fields["relation"].text().startswith(relation.currentText())
    assert not page.views.panel.done_check.isChecked()
    assert page.done_button.isEnabled() and page.link_button.isEnabled()

    page.views.set_view("this_month")
    assert all(e.standing.bucket.value == "this_month" for e in page.views.table.visible_rows())
    assert page.selected_entry() is None  # the overdue item is not in this list
    assert page.views.panel.stack.currentIndex() == 0

    spb = entry_by(page, "1.1", "Василеостровском")
    page.views.set_view("all")
    row = page.views.model.row_of(spb.item_id)
    tip = page.views.model.index(row, PlanColumn.RESPONSIBLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "АР — администрация района" in tip
    deadline_tip = page.views.model.index(row, PlanColumn.DEADLINE).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert deadline_tip.startswith("Understood as")

    set_text(page.search, "посещ")
    shown = page.views.table.visible_rows()
    assert 0 < len(shown) < 156
    assert page.count_label.text() == f"{len(shown)} of 156 items"
    set_text(page.search, "")

    choose_smolensk(page)
    assert tab_texts(page)[5] == "All (38)"
    assert tab_texts(page)[3] == "No date (1)"


def test_an_unparsed_deadline_is_marked(plan_window, qtbot) -> None:
    page = page_of(plan_window)
    service = plan_window.context.plan_service
    item = service.add_item("Созвониться с директором", "когда получится", year=2021)
    plan_window.data_changed.emit(frozenset({Change.ROADMAPS}))
    page.views.set_view("no_date")
    row = page.views.model.row_of(item)
    assert page.views.table.visible_rows()[row].item_id == item
    cell = page.views.model.index(row, PlanColumn.DEADLINE)
    assert cell.data() == "когда получится"
    assert cell.data(Qt.ItemDataRole.FontRole).italic()
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("Not understood")
    assert page.views.model.index(row, PlanColumn.DUE).data() == ""


# --- timeline -----------------------------------------------------------------------------------


def test_timeline_click_selects_the_item(plan_window, qtbot) -> None:
    page = page_of(plan_window)
    page.views.set_view("timeline")
    timeline = page.views.timeline
    assert page.views.stack.currentWidget() is timeline and timeline.year == 2021
    assert len(timeline.entries) == 156
    planned = entry_by(page, "16")  # «Июнь, декабрь»
    late = entry_by(page, "1")  # «Февраль»: overdue
    point = timeline.bar_point(planned.item_id)
    assert point is not None
    image = timeline.canvas.grab().toImage()
    ratio = image.devicePixelRatio()
    assert image.pixelColor(point * ratio) == STATUS_COLOURS[planned.standing.status]
    late_point = timeline.bar_point(late.item_id)
    assert image.pixelColor(late_point * ratio) == QColor("#b3261e")

    timeline.scroll.ensureVisible(point.x(), point.y())
    qtbot.mouseClick(timeline.canvas, Qt.MouseButton.LeftButton, pos=point)

    assert page.selected_entry().item_id == planned.item_id
    assert timeline.selected_id == planned.item_id
    assert planned.title in page.views.panel.title_label.text()
    tip = timeline.tooltip(timeline.entries.index(planned))
    assert "Due: 30/06/2021" in tip and "Status: Planned" in tip
    page.views.set_view("all")
    assert page.views.table.selected_row().item_id == planned.item_id  # the same selection
    click_row(qtbot, page, page.views.model.row_of(late.item_id))
    page.views.set_view("timeline")
    assert timeline.selected_id == late.item_id


# --- marks --------------------------------------------------------------------------------------


def test_marking_done_moves_the_item_to_done_and_back(plan_window, qtbot) -> None:
    page = page_of(plan_window)
    choose_smolensk(page)
    entry = entry_by(page, "1")
    select(qtbot, page, entry.item_id)
    assert page.done_button.text() == "Mark done"

    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)

    assert tab_texts(page)[0] == "Overdue (3)" and tab_texts(page)[4] == "Done (1)"
    page.views.set_view("done")
    assert [e.item_id for e in page.views.table.visible_rows()] == [entry.item_id]
    status = page.views.model.index(0, PlanColumn.STATUS)
    assert status.data() == "Done"
    assert status.data(Qt.ItemDataRole.ToolTipRole) == "Marked done on 15/03/2021"
    assert page.views.panel.fields["status"].text() == "Done on 15/03/2021"
    assert page.views.panel.done_check.isChecked() and page.done_button.text() == "Mark not done"
    stored = plan_window.context.plan_service.plan(MID_MARCH, relations=None)
    assert next(e for e in stored.entries if e.item_id == entry.item_id).marked_done

    page.views.panel.done_check.click()
    assert tab_texts(page)[0] == "Overdue (4)" and tab_texts(page)[4] == "Done (0)"
    assert page.views.table.visible_rows() == []


# --- items added by hand ------------------------------------------------------------------------


def test_add_item_dialog_checks_the_title_and_reads_the_deadline(plan_window, qtbot) -> None:
    service = plan_window.context.plan_service
    dialog = PlanItemDialog(service, year=2021, parent=plan_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.title_problem.isVisibleTo(dialog)
    assert dialog.title_problem.text() == "Enter what has to be done."

    set_text(dialog.deadline_edit, "когда получится")
    assert dialog.understood.text().startswith("Not understood — will be kept as text")
    set_text(dialog.deadline_edit, "до 20.03")
    assert dialog.understood.text() == "Understood: 20 March 2021"
    set_text(dialog.title_edit, "Подготовить справку по итогам выезда")
    assert not dialog.title_problem.isVisibleTo(dialog)
    set_text(dialog.responsible_edit, "куратор")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.item_id
    [entry] = [e for e in service.plan(MID_MARCH).entries if e.item_id == dialog.item_id]
    assert entry.manual and entry.standing.due == dt.date(2021, 3, 20)
    assert entry.responsible == "куратор"


def test_an_item_added_on_the_page_is_shown_and_can_be_deleted(
    plan_window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(plan_window)
    combo = page.filters.document_filter
    choose_smolensk(page)
    set_text(page.search, "посещ")

    def fill(dialog: PlanItemDialog) -> int:
        assert dialog.year == 2021  # the chosen roadmap's year
        set_text(dialog.title_edit, "Согласовать график выездов")
        set_text(dialog.deadline_edit, "до 25 марта")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PlanItemDialog, "exec", fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    entry = page.selected_entry()
    assert entry is not None and entry.title == "Согласовать график выездов"
    assert combo.currentIndex() == 0 and page.search.text() == ""  # filters that hid it
    assert page.views.current_view().value == "this_month"
    assert page.views.table.selected_row().item_id == entry.item_id
    assert page.views.panel.delete_button.isVisibleTo(page.views.panel)

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    qtbot.mouseClick(page.views.panel.delete_button, Qt.MouseButton.LeftButton)
    assert page.selected_entry() is None
    assert entry.item_id not in {e.item_id for e in page.views.plan.entries}

    select(qtbot, page, entry_by(page, "5").item_id)
    assert not page.views.panel.delete_button.isVisibleTo(
        page.views.panel
    )  # the roadmap's own item


# --- links --------------------------------------------------------------------------------------


def test_link_dialog_lists_what_can_fulfil_an_item(plan_window, qtbot) -> None:
    service = plan_window.context.plan_service
    dialog = PlanLinkDialog(service, plan_window)
    qtbot.addWidget(dialog)
    dialog.show()
    visits = service.candidates("visit")
    assert dialog.table.proxy.rowCount() == len(visits) > 0
    assert not dialog.ok_button.isEnabled()
    set_text(dialog.search, visits[0].school)
    assert 0 < dialog.table.proxy.rowCount() < len(visits)
    dialog.search.clear()
    dialog.set_target_type("risk_assessment")
    assert dialog.table.proxy.rowCount() == len(service.candidates("risk_assessment")) > 0
    dialog.set_target_type("report")
    assert dialog.table.currentWidget() is dialog.table.empty
    assert dialog.table.empty.title_label.text() == "No reports yet"


def test_linking_a_completed_demo_visit_makes_the_item_done(
    plan_window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(plan_window)
    service = plan_window.context.plan_service
    visit = next(t for t in service.candidates("visit") if t.fulfilled)
    entry = entry_by(page, "4")  # overdue on 15 March
    select(qtbot, page, entry.item_id)

    def choose(dialog: PlanLinkDialog) -> int:
        assert dialog.target_type() == "visit"
        assert dialog.select_target(visit.target_id)
        assert dialog.ok_button.isEnabled()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PlanLinkDialog, "exec", choose)
    qtbot.mouseClick(page.link_button, Qt.MouseButton.LeftButton)

    linked = page.selected_entry()
    assert linked.standing.status.value == "done" and not linked.marked_done
    assert page.views.panel.links.count() == 1
    assert visit.school in page.views.panel.links.item(0).text()
    assert page.views.panel.fields["status"].text() == "Done"
    page.views.set_view("done")
    row = page.views.model.row_of(entry.item_id)
    assert visit.school in page.views.model.index(row, PlanColumn.LINKS).data()

    page.views.panel.links.setCurrentRow(0)
    assert page.views.panel.open_button.isEnabled()
    qtbot.mouseClick(page.views.panel.open_button, Qt.MouseButton.LeftButton)
    assert visit.target_id in plan_window.visit_windows.editors
    assert plan_window.visit_windows.close_all()

    page.views.panel.links.setCurrentRow(0)
    qtbot.mouseClick(page.views.panel.unlink_button, Qt.MouseButton.LeftButton)
    assert page.views.panel.links.count() == 0
    assert page.selected_entry().standing.status.value == "overdue"


def test_timeline_point_helpers_follow_the_year(plan_window) -> None:
    page = page_of(plan_window)
    page.views.set_view("timeline")
    entry = entry_by(page, "16")
    page.views.timeline.year_spin.setValue(2022)
    assert page.views.timeline.year == 2022 and page.views.timeline.bar_point(entry.item_id) is None
    plan_window.data_changed.emit(frozenset({Change.ROADMAPS}))
    assert page.views.timeline.year == 2022  # the user's choice stays
    assert isinstance(page.views.timeline.row_rect(entry.item_id).center(), QPoint)
