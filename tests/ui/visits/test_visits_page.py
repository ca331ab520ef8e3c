"""The Visits page on the demo store: views, filters, periods, deadline marks, signals."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from curator_desktop.domain.changes import Change
from curator_desktop.domain.summaries import VisitSummary
from curator_desktop.domain.text import sort_key
from curator_desktop.store.tables import Visit
from curator_desktop.ui.common.models.row_table_model import ATTENTION, CAUTION, HIGHLIGHT_ROLE
from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog
from curator_desktop.ui.visits.filters import PeriodPreset, period_range
from curator_desktop.ui.visits.page import VisitsPage, VisitView
from curator_desktop.ui.visits.table_model import VisitColumn
from tests.ui.conftest import set_text

OPEN = ("planned", "in_progress")


@pytest.fixture
def page(open_window) -> VisitsPage:
    """The Visits page, shown, on the demo store."""
    window = open_window(demo=True)
    window.show_page("visits")
    page = window.pages["visits"]
    page.window_ = window
    return page


def every_visit(page: VisitsPage) -> list[VisitSummary]:
    return page.context.visits.summaries()


def demo_today(page: VisitsPage) -> dt.date:
    """The day the demo store was made for: its visit in progress is dated that day."""
    (visit,) = [v for v in every_visit(page) if v.status == "in_progress"]
    return visit.planned_date


def at(page: VisitsPage, today: dt.date) -> None:
    page.clock = lambda: today
    page.refresh()


def shown(page: VisitsPage) -> list[str]:
    return [row.id for row in page.table.visible_rows()]


def view_label(page: VisitsPage, view: VisitView) -> str:
    return page.view_tabs.tabText(list(VisitView).index(view)).replace("&", "")


def newest_first(rows: list[VisitSummary]) -> list[str]:
    """Newest first, undated first of all; visits of one day by id (the repository's rule)."""
    far = dt.date.max
    by_id = sorted(rows, key=lambda r: r.id)
    return [r.id for r in sorted(by_id, key=lambda r: r.date or far, reverse=True)]


def test_each_view_lists_what_its_rule_says(page) -> None:
    today = demo_today(page)
    at(page, today)
    visits = every_visit(page)
    assert shown(page) == newest_first(visits)
    assert page.count_label.text() == f"{len(visits)} visits"

    page.set_view(VisitView.UPCOMING)
    upcoming = [v for v in visits if v.status in OPEN and v.planned_date >= today]
    assert shown(page) == [v.id for v in sorted(upcoming, key=lambda v: (v.planned_date, v.id))]
    in_progress = next(v for v in visits if v.status == "in_progress")
    assert len(upcoming) >= 3 and shown(page)[0] == in_progress.id  # due today: upcoming

    page.set_view(VisitView.OVERDUE)
    overdue = [v for v in visits if v.status in OPEN and v.planned_date < today]
    assert overdue
    assert shown(page) == [v.id for v in sorted(overdue, key=lambda v: (v.planned_date, v.id))]
    assert view_label(page, VisitView.OVERDUE) == f"Overdue ({len(overdue)})"
    assert view_label(page, VisitView.UPCOMING) == f"Upcoming ({len(upcoming)})"

    at(page, today + dt.timedelta(days=1))  # the visit in progress is late from tomorrow on
    late = [v for v in visits if v.status in OPEN and v.planned_date <= today]
    assert {v.status for v in late} == {"planned", "in_progress"}
    assert sorted(shown(page)) == sorted(v.id for v in late)


def test_overdue_visits_are_marked(page) -> None:
    today = demo_today(page) + dt.timedelta(days=1)
    at(page, today)
    model = page.visit_model
    date, status = model.column_of(VisitColumn.DATE), model.column_of(VisitColumn.STATUS)
    marked = 0
    for row, visit in enumerate(page.table.visible_rows()):
        overdue = visit.status in OPEN and visit.planned_date < today
        for column in (date, status):
            expected = ATTENTION if overdue else None
            assert model.index(row, column).data(HIGHLIGHT_ROLE) == expected
        text = model.index(row, status).data()
        assert text.endswith("— overdue") == overdue
        if overdue:
            marked += 1
            brush = model.index(row, date).data(Qt.ItemDataRole.ForegroundRole)
            assert brush.color().name() == "#b3261e"
            tip = model.index(row, status).data(Qt.ItemDataRole.ToolTipRole)
            days = (today - visit.planned_date).days
            assert tip == f"Not completed: overdue by {days} day" + ("s" if days != 1 else "")
    assert marked == 2


def test_filters_combine_and_clear(page, qtbot) -> None:
    at(page, demo_today(page))
    visits = every_visit(page)
    school_id = max(
        {v.school_id for v in visits}, key=lambda s: sum(v.school_id == s for v in visits)
    )
    page.filters.select_school(school_id)
    mine = [v for v in visits if v.school_id == school_id]
    assert shown(page) == newest_first(mine)
    assert page.count_label.text() == f"{len(mine)} of {len(visits)} visits"
    page.filters.status_filter.setCurrentIndex(page.filters.status_filter.findData("completed"))
    done = [v for v in mine if v.status == "completed"]
    assert done and shown(page) == newest_first(done)
    kind = done[0].visit_type
    page.filters.type_filter.setCurrentIndex(page.filters.type_filter.findData(kind))
    assert shown(page) == newest_first([v for v in done if v.visit_type == kind])
    assert page.filters.clear_button.isEnabled()

    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "ЗАВЕРШЕНО no such words")
    assert shown(page) == [] and page.table.currentWidget() is page.table.empty
    assert "Nothing found" in page.table.empty.title_label.text()

    qtbot.mouseClick(page.filters.clear_button, Qt.MouseButton.LeftButton)
    assert shown(page) == newest_first(visits)
    assert page.search.text() == "" and page.filters.school_id() is None
    assert not page.filters.clear_button.isEnabled()


def test_search_reads_school_and_purpose_in_any_case(page, qtbot) -> None:
    at(page, demo_today(page))
    visits = every_visit(page)
    word = visits[0].school_name.split("«")[1].split()[0]  # «Озерецкая СОШ» → Озерецкая
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, word.upper().replace("Е", "Ё"))
    expected = [v for v in visits if word.lower() in (v.school_name + " " + v.purpose).lower()]
    assert expected and shown(page) == newest_first(expected)


def test_period_presets() -> None:
    today = dt.date(2026, 2, 14)
    assert period_range(PeriodPreset.THIS_MONTH, today) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
    )
    assert period_range(PeriodPreset.LAST_MONTH, dt.date(2026, 1, 9)) == (
        dt.date(2025, 12, 1),
        dt.date(2025, 12, 31),
    )
    assert period_range(PeriodPreset.THIS_QUARTER, today) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
    )
    assert period_range(PeriodPreset.THIS_QUARTER, dt.date(2026, 12, 31)) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    assert period_range(PeriodPreset.THIS_YEAR, today) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert period_range(PeriodPreset.LAST_YEAR, today) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    assert period_range(PeriodPreset.ANY, today) == (None, None)


def test_period_filter_on_the_page(page) -> None:
    today = demo_today(page)
    at(page, today)
    visits = every_visit(page)
    page.filters.set_period(PeriodPreset.THIS_YEAR)
    this_year = [v for v in visits if v.date and v.date.year == today.year]
    assert shown(page) == newest_first(this_year)
    assert page.filters.date_from.isHidden()

    combo = page.filters.period_filter
    combo.setCurrentIndex(combo.findData(PeriodPreset.CUSTOM.value))
    assert not page.filters.date_from.isHidden()  # a custom period starts as this year
    assert page.filters.date_from.value() == dt.date(today.year, 1, 1)
    assert shown(page) == newest_first(this_year)
    start, end = today - dt.timedelta(days=60), today
    page.filters.set_period(PeriodPreset.CUSTOM, start, end)
    assert shown(page) == newest_first([v for v in visits if v.date and start <= v.date <= end])
    page.filters.set_period(PeriodPreset.CUSTOM, end, start)  # reversed dates still make a period
    assert shown(page) == newest_first([v for v in visits if v.date and start <= v.date <= end])
    page.filters.set_period(PeriodPreset.ANY)
    assert shown(page) == newest_first(visits) and page.filters.date_from.isHidden()


def test_open_recommendations_with_deadlines(page, qtbot) -> None:
    records = page.context.recommendations.open()
    ahead = sorted(r.deadline for r in records if r.deadline and r.deadline > demo_today(page))
    today = ahead[0] - dt.timedelta(days=3)  # one due in 3 days
    at(page, today)
    page.set_view(VisitView.RECOMMENDATIONS)
    assert page.stack.currentWidget() is page.recommendation_table
    assert page.filters.type_filter.isHidden() or not page.filters.second.isVisible()
    model = page.recommendation_model
    rows = page.recommendation_table.visible_rows()
    assert [r.id for r in rows] == [r.id for r in sorted(records, key=lambda r: r.deadline)]
    assert page.count_label.text() == f"{len(records)} open recommendations"
    assert view_label(page, VisitView.RECOMMENDATIONS) == f"Open recommendations ({len(records)})"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Deadline", "Days left", "School", "Recommendation", "Responsible", "Visit"]
    kinds = set()
    for row, record in enumerate(rows):
        days = (record.deadline - today).days
        mark = ATTENTION if days < 0 else CAUTION if days <= 7 else None
        kinds.add(mark)
        for column in range(model.columnCount()):
            assert model.index(row, column).data(HIGHLIGHT_ROLE) == mark
        left = model.index(row, 1).data()
        if days < 0:
            assert left == f"overdue by {-days} day" + ("s" if days != -1 else "")
        elif days <= 7:
            assert left == f"in {days} day" + ("s" if days != 1 else "")
            background = model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
            assert background is not None
        text = model.index(row, 3)
        assert text.data(Qt.ItemDataRole.ToolTipRole) == record.text
    assert kinds == {ATTENTION, CAUTION, None}
    assert model.index([r.deadline for r in rows].index(ahead[0]), 1).data() == "in 3 days"

    school = rows[0].school_id
    page.filters.select_school(school)
    assert {r.school_id for r in page.recommendation_table.visible_rows()} == {school}
    page.filters.select_school(None)
    word = rows[-1].responsible.split()[0]
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, word.lower())
    found = page.recommendation_table.visible_rows()
    assert found and all(word in r.responsible + r.text + r.school_name for r in found)
    assert page.count_label.text() == f"{len(found)} of {len(records)} open recommendations"


def test_activation_and_new_visit_signals(page, qtbot, monkeypatch) -> None:
    from curator_desktop.ui.visits.new_visit_dialog import NewVisitDialog

    asked: list[str | None] = []
    monkeypatch.setattr(
        NewVisitDialog, "exec", lambda dialog: asked.append(dialog._selected_school()) or 0
    )
    at(page, demo_today(page))
    view = page.table.view
    first = page.table.visible_rows()[1]
    rect = view.visualRect(page.visit_model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.visit_activated) as activated:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [first.id]
    view.setCurrentIndex(page.visit_model.index(0, 0))
    with qtbot.waitSignal(page.visit_activated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == [page.table.visible_rows()[0].id]

    with qtbot.waitSignal(page.new_visit_requested) as requested:
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert requested.args == [""]
    page.filters.select_school(first.school_id)
    with qtbot.waitSignal(page.new_visit_requested) as requested:
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert requested.args == [first.school_id]
    assert asked == [None, first.school_id]  # the window asked, the school chosen in advance

    page.filters.select_school(None)
    page.set_view(VisitView.RECOMMENDATIONS)
    record = page.recommendation_table.visible_rows()[0]
    page.recommendation_table.view.setCurrentIndex(page.recommendation_model.index(0, 0))
    with qtbot.waitSignal(page.recommendation_activated) as activated:
        qtbot.keyClick(page.recommendation_table.view, Qt.Key.Key_Enter)
    assert activated.args == [record.visit_id or "", record.school_id]
    assert record.visit_id


def test_view_switch_is_keyboard_reachable(page, qtbot) -> None:
    tabs = page.view_tabs
    assert tabs.focusPolicy() != Qt.FocusPolicy.NoFocus
    tabs.setFocus()
    qtbot.keyClick(tabs, Qt.Key.Key_Right)
    assert page.current_view() == VisitView.UPCOMING
    qtbot.keyClick(tabs, Qt.Key.Key_Right)
    qtbot.keyClick(tabs, Qt.Key.Key_Right)
    assert page.current_view() == VisitView.RECOMMENDATIONS


def _click_section(qtbot, header, section: int) -> None:
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_sorting_by_a_header_asks_the_store_and_is_kept_per_view(page, qtbot) -> None:
    at(page, demo_today(page))
    header = page.table.view.horizontalHeader()
    school = page.visit_model.column_of(VisitColumn.SCHOOL)
    with qtbot.waitSignal(page.results_shown):
        _click_section(qtbot, header, school)
    column, order = page.table.sort_indicator()
    assert column == school
    names = [sort_key(row.school_name) for row in page.table.visible_rows()]
    descending = order == Qt.SortOrder.DescendingOrder
    assert names == sorted(names, reverse=descending) and len(set(names)) > 3
    with qtbot.waitSignal(page.results_shown):
        _click_section(qtbot, header, school)  # the other direction
    assert [sort_key(row.school_name) for row in page.table.visible_rows()] == sorted(
        names, reverse=not descending
    )
    page.set_view(VisitView.UPCOMING)
    assert page.table.sort_indicator() == (VisitColumn.DATE, Qt.SortOrder.AscendingOrder)
    page.set_view(VisitView.ALL)
    assert page.table.sort_indicator() == (school, Qt.SortOrder(1 - order.value))


def test_empty_views_say_what_to_do(open_window, monkeypatch) -> None:
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window = open_window(demo=False)
    window.show_page("visits")
    page = window.pages["visits"]
    expected = {
        VisitView.ALL: "No visits recorded yet",
        VisitView.UPCOMING: "No visits planned",
        VisitView.OVERDUE: "Nothing is overdue",
        VisitView.RECOMMENDATIONS: "No open recommendations",
    }
    for view, title in expected.items():
        page.set_view(view)
        table = page.stack.currentWidget()
        assert table.currentWidget() is table.empty
        assert table.empty.title_label.text() == title
        assert table.empty.hint_label.text()
    assert page.count_label.text() == "0 open recommendations"


def test_nothing_overdue_is_good_news(page) -> None:
    at(page, min(v.planned_date for v in every_visit(page)))
    page.set_view(VisitView.OVERDUE)
    assert page.table.empty.title_label.text() == "Nothing is overdue"
    assert "done or still ahead" in page.table.empty.hint_label.text()
    assert view_label(page, VisitView.OVERDUE) == "Overdue (0)"


def test_a_hidden_page_reloads_when_shown(page) -> None:
    window = page.window_
    at(page, demo_today(page))
    before = page.visit_model.rowCount()
    window.show_page("schools")
    school_id = every_visit(page)[0].school_id
    with window.context.database.session() as session:
        session.add(Visit(school_id=school_id, planned_date=demo_today(page), purpose="Новое"))
    window.data_changed.emit(frozenset({Change.VISITS}))
    assert page.visit_model.rowCount() == before  # not read while hidden
    window.show_page("visits")
    assert page.visit_model.rowCount() == before + 1


def test_models_pass_the_model_tester(page, qtmodeltester) -> None:
    at(page, demo_today(page))
    qtmodeltester.check(page.visit_model)
    page.set_view(VisitView.RECOMMENDATIONS)
    qtmodeltester.check(page.recommendation_model)


def test_school_filter_lists_schools_by_name_and_takes_typed_names(page) -> None:
    at(page, demo_today(page))
    assert {Change.VISITS, Change.SCHOOLS, Change.RECOMMENDATIONS} <= page.kinds
    combo = page.filters.school_filter
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert combo.itemText(0) == "All schools"
    assert names == sorted(names, key=sort_key) and len(names) == 8
    visits = every_visit(page)
    target = visits[0]
    editor = combo.lineEdit()
    set_text(editor, target.school_name.upper())
    editor.editingFinished.emit()
    assert page.filters.school_id() == target.school_id
    assert shown(page) == newest_first([v for v in visits if v.school_id == target.school_id])
    set_text(editor, "нет такой школы")
    editor.editingFinished.emit()  # typed text naming no school is put back
    assert page.filters.school_id() == target.school_id and editor.text() == combo.currentText()
    set_text(editor, "")
    editor.editingFinished.emit()
    assert page.filters.school_id() is None and shown(page) == newest_first(visits)
