"""The «Регион» and «Кураторы» pages on hand-built summaries: filters, keyboard, empty states,
and how long a filter takes on 3,000 schools (reported, not asserted)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from curator_desktop.ui.region.curators_page import CuratorsPage
from curator_desktop.ui.region.overview_page import RegionPage
from tests.ui.conftest import set_text
from tests.ui.region.summaries import region


def _page(qtbot, page_class=RegionPage, summary=None):
    page = page_class()
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    page.show_summary(summary or region(40))
    return page


def test_filters_narrow_the_table_and_say_how_many(qtbot) -> None:
    summary = region(40)
    page = _page(qtbot, summary=summary)
    assert page.model.rowCount() == 40
    assert page.count_label.text().startswith("40 schools · ")
    municipality = summary.schools[0].municipality
    page.municipality_filter.setCurrentIndex(page.municipality_filter.findData(municipality))
    rows = page.table.visible_rows()
    assert rows and all(row.municipality == municipality for row in rows)
    assert page.count_label.text().startswith(f"found {len(rows)} of 40")
    page.behind_only.setChecked(True)
    assert all(row.flags for row in page.table.visible_rows())
    page.behind_only.setChecked(False)
    page.municipality_filter.setCurrentIndex(0)
    set_text(page.search, "нет такой школы")
    assert page.table.currentWidget() is page.table.empty
    assert "Nothing found for «нет такой школы»" in page.table.empty.title_label.text()


def test_keyboard_reaches_the_table_and_enter_opens_a_school(qtbot) -> None:
    page = _page(qtbot)
    page.search.setFocus()
    widgets = []
    for _ in range(8):  # Tab from the search goes through the filters into the table
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        widgets.append(page.focusWidget())
        if widgets[-1] is page.table.view:
            break
    assert widgets[-1] is page.table.view
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # ↓ from the search: the first row
    assert page.focusWidget() is page.table.view
    first = page.table.selected_row()
    with qtbot.waitSignal(page.school_activated) as opened:
        qtbot.keyClick(page.table.view, Qt.Key.Key_Return)
    assert opened.args == [first.school_id]


def test_the_page_says_why_it_is_empty(qtbot) -> None:
    page = _page(qtbot, summary=region(0, curators=1))
    assert page.table.currentWidget() is page.table.empty
    assert page.table.empty.title_label.text() == "No curators' packages yet"


def test_curators_behind_are_on_top_and_enter_names_the_curator(qtbot) -> None:
    summary = region(60, curators=6)
    page = _page(qtbot, CuratorsPage, summary)
    rows = page.table.visible_rows()
    assert [row.behind for row in rows] == sorted((row.behind for row in rows), reverse=True)
    assert "behind" in page.count_label.text()
    page.table.select_row(0)
    with qtbot.waitSignal(page.curator_activated) as activated:
        qtbot.keyClick(page.table.view, Qt.Key.Key_Return)
    assert activated.args == [rows[0].name]
    page.behind_only.setChecked(True)
    assert page.model.rowCount() == sum(1 for row in rows if row.behind)


def test_filtering_three_thousand_schools(qtbot, record_property) -> None:
    """Each filter and search step on the GUI thread, painted; the figures are printed."""
    summary = region(3000, curators=300)
    page = RegionPage()
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    start = time.perf_counter()
    prepared = page.model.prepare(summary.schools)  # off the GUI thread in the app
    ready = time.perf_counter()
    page._show_summary(summary, prepared)
    page.table.view.viewport().repaint()
    shown = time.perf_counter()
    print(f"prepared (worker thread in the app): {(ready - start) * 1000:.1f} ms")
    print(f"put on the table and painted (GUI thread): {(shown - ready) * 1000:.1f} ms")
    steps = {
        "search one word": lambda: set_text(page.search, "гатчинский"),
        "search two words": lambda: set_text(page.search, "гатчинский 12"),
        "clear search": lambda: set_text(page.search, ""),
        "municipality": lambda: page.municipality_filter.setCurrentIndex(2),
        "behind only": lambda: page.behind_only.setChecked(True),
        "curator": lambda: page.curator_filter.setCurrentIndex(5),
        "all curators": lambda: page.curator_filter.setCurrentIndex(0),
        "behind off": lambda: page.behind_only.setChecked(False),
        "all municipalities": lambda: page.municipality_filter.setCurrentIndex(0),
    }
    timings = {}
    for name, step in steps.items():
        start = time.perf_counter()
        step()
        page.table.view.viewport().repaint()
        timings[name] = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    page.table.view.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    page.table.view.viewport().repaint()
    timings["sort by first visit"] = (time.perf_counter() - start) * 1000
    for name, ms in timings.items():
        record_property(name, round(ms, 2))
        print(f"{name}: {ms:.1f} ms")
    assert page.model.rowCount() == 3000
