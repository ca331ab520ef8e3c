"""The Schools page on a generated store of 300 schools: search, sort, filters, pages, signals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import event
from sqlmodel import select

from benchmarks.store_generator import generate_store
from curator_desktop.domain.changes import Change
from curator_desktop.paths import STORE_FILE_NAME
from curator_desktop.store.repositories.schools import SchoolQuery, SchoolSort
from curator_desktop.store.tables import School
from curator_desktop.ui.schools.page import SchoolsPage
from curator_desktop.ui.schools.table_model import SchoolColumn, SchoolTableModel
from curator_desktop.ui.shell.first_run_dialog import FirstRunDialog
from tests.ui.conftest import set_text

SCHOOLS = 300


@pytest.fixture
def window(open_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: 0)
    data = tmp_path / "data"
    generate_store(data / STORE_FILE_NAME, schools=SCHOOLS, seed=11)
    window = open_window(demo=False, data_dir=data)
    window.show_page("schools")
    return window


@pytest.fixture
def page(window) -> SchoolsPage:
    return window.pages["schools"]


def _search(page: SchoolsPage, **query: object) -> list[str]:
    return page.context.schools.search(SchoolQuery(**query))  # type: ignore[arg-type]


def _matching(page: SchoolsPage, word: str) -> set[str]:
    """Listed schools whose name, municipality, director or INN contain ``word`` (ё as е)."""
    with page.context.database.session() as session:
        schools = session.exec(select(School)).all()
    return {
        school.id
        for school in schools
        if not school.deleted
        and school.archived_at is None
        and word
        in " ".join(
            (
                school.full_name,
                school.short_name,
                school.municipality,
                school.director_name,
                school.inn,
            )
        )
        .lower()
        .replace("ё", "е")
    }


def _click_header(qtbot, page: SchoolsPage, column: int) -> None:
    header = page.table.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(page.results_shown):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_opens_with_every_school_in_name_order(page: SchoolsPage) -> None:
    total = page.context.schools.count()
    assert 250 < total < SCHOOLS  # archived and deleted ones are not listed
    assert page.model.ids() == _search(page)
    assert page.table.currentWidget() is page.table.view
    assert page.count_label.text() == f"{total} schools"
    assert page.municipality_filter.count() > 5


def test_typing_filters_after_a_pause(page: SchoolsPage, qtbot) -> None:
    total = page.model.rowCount()
    set_text(page.search, "Б")
    set_text(page.search, "БЕР")
    set_text(page.search, "берё")
    assert page.search_timer.isActive(), "the query waits for a pause in typing"
    assert page.search_timer.interval() == 150
    assert page.model.rowCount() == total
    expected = _search(page, text="берез")
    assert 0 < len(expected) < total
    qtbot.waitUntil(lambda: page.model.ids() == expected, timeout=5000)
    assert page.count_label.text() == f"found {len(expected)} of {total}"
    assert set(expected) == _matching(page, "берез")

    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "берёзовская нет такой")
    assert page.table.currentWidget() is page.table.empty
    assert page.table.empty.title_label.text() == "Nothing found for «берёзовская нет такой»"
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "")
    assert page.model.rowCount() == total


def test_a_result_overtaken_by_a_newer_query_is_never_shown(page: SchoolsPage, qtbot) -> None:
    municipality = page.municipality_filter.itemText(2)
    shown: list[list[str]] = []
    page.results_shown.connect(lambda: shown.append(page.model.ids()))
    # Runs right after the page started reading the municipality's list off the GUI thread,
    # before its result can arrive.
    page.municipality_filter.currentIndexChanged.connect(
        lambda: page.programme_filter.setCurrentIndex(1)
    )
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        page.municipality_filter.setCurrentIndex(2)
    programme = page.programme_filter.currentData()
    assert shown == [_search(page, municipality=municipality, programme=programme)]


def test_typing_narrows_in_memory_without_a_store_query(page: SchoolsPage, qtbot) -> None:
    statements: list[str] = []
    event.listen(
        page.context.database.engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    for text in ("с", "сош", "сош 1", "СОШ № 1", "ёлк", "нет такой", ""):
        statements.clear()
        with qtbot.waitSignal(page.results_shown, timeout=5000):
            set_text(page.search, text)
        assert not page._running, "no query off the GUI thread"
        # At most the rows not shown before are read; never the list itself.
        assert not [statement for statement in statements if "search_text" in statement]
        assert page.model.ids() == _search(page, text=text), text

    with qtbot.waitSignal(page.results_shown, timeout=5000):
        page.show_archived.setChecked(True)  # another list: read from the store
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        set_text(page.search, "сош")
    assert page.model.ids() == _search(page, text="сош", include_archived=True)


def test_header_clicks_sort_through_the_store(page: SchoolsPage, qtbot) -> None:
    header = page.table.view.horizontalHeader()
    _click_header(qtbot, page, SchoolColumn.HIGHEST_RISK)
    assert header.sortIndicatorSection() == SchoolColumn.HIGHEST_RISK
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert page.model.ids() == _search(page, sort=SchoolSort.HIGHEST_RISK, descending=True)
    assert page.model.row_at(0).highest_risk == "high"
    _click_header(qtbot, page, SchoolColumn.HIGHEST_RISK)
    assert page.model.ids() == _search(page, sort=SchoolSort.HIGHEST_RISK)
    assert page.model.row_at(0).highest_risk is None

    _click_header(qtbot, page, SchoolColumn.NEXT_VISIT)
    assert page.model.ids() == _search(page, sort=SchoolSort.NEXT_VISIT)
    dates = [row.next_visit for row in page.table.visible_rows()]
    known = [d for d in dates if d is not None]
    assert known == sorted(known) and dates[: len(known)] == known
    set_text(page.search, "сош")
    qtbot.waitUntil(
        lambda: page.model.ids() == _search(page, text="сош", sort=SchoolSort.NEXT_VISIT)
    )


def test_filters_narrow_the_list(page: SchoolsPage, qtbot) -> None:
    total = page.model.rowCount()
    municipality = page.municipality_filter.itemText(1)
    with qtbot.waitSignal(page.results_shown):
        page.municipality_filter.setCurrentIndex(1)
    assert page.model.ids() == _search(page, municipality=municipality)
    assert {row.municipality for row in page.table.visible_rows()} == {municipality}
    assert page.count_label.text().endswith(f" of {total}")
    with qtbot.waitSignal(page.results_shown):
        page.municipality_filter.setCurrentIndex(0)

    with qtbot.waitSignal(page.results_shown):
        page.programme_filter.setCurrentIndex(page.programme_filter.findData("minpros_school"))
    rows = page.table.visible_rows()
    assert rows and {row.programme for row in rows} == {"minpros_school"}
    with qtbot.waitSignal(page.results_shown):
        page.status_filter.setCurrentIndex(page.status_filter.findData("completed"))
    rows = page.table.visible_rows()
    assert rows == [
        row for row in rows if row.status == "completed" and row.programme == "minpros_school"
    ]
    assert page.model.ids() == _search(page, programme="minpros_school", status="completed")
    page.programme_filter.setCurrentIndex(0)
    with qtbot.waitSignal(page.results_shown):
        page.status_filter.setCurrentIndex(0)

    with qtbot.waitSignal(page.results_shown):
        page.show_archived.setChecked(True)
    everything = page.context.schools.count(include_archived=True)
    assert page.model.rowCount() == everything > total
    assert any(row.archived for row in page.table.visible_rows())
    assert page.count_label.text() == f"{everything} schools"


def test_scrolling_to_the_bottom_loads_further_pages(page: SchoolsPage, qtbot) -> None:
    model = page.model
    last = model.rowCount() - 1
    assert model.page_size < last
    assert not model.is_cached(last), "only the rows on screen were read"
    fetched = model.pages_fetched
    page.table.view.scrollToBottom()
    qtbot.waitUntil(lambda: model.is_cached(last))
    assert model.pages_fetched > fetched
    index = model.index(last, SchoolColumn.NAME)
    assert index.data() == model.row_at(last).short_name


def test_the_row_cache_drops_the_least_recently_used_pages(page: SchoolsPage, qtbot) -> None:
    model = SchoolTableModel(page_size=10, cache_pages=3)
    model.set_fetcher(page.context.schools.summaries_for)
    model.set_ids(page.model.ids())
    for row in (0, 15, 25, 3, 35):
        assert model.row_at(row).id == model.id_at(row)
    assert model.cached_pages() == [2, 0, 3]
    assert model.pages_fetched == 4
    model.row_at(15)
    assert model.pages_fetched == 5
    assert model.cached_pages() == [0, 3, 1]


def test_typing_that_finds_the_same_rows_leaves_the_table_as_it_is(
    page: SchoolsPage, qtbot
) -> None:
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "сош")
    page.table.view.selectRow(2)
    selected = page.table.selected_id()
    resets: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "сош ")  # the same words: the same rows
    assert resets == [] and page.table.selected_id() == selected
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "сош 1")
    assert resets == [1] and page.model.ids() == _search(page, text="сош 1")


def test_cells_are_kept_across_lists_only_when_the_rows_are_current(
    page: SchoolsPage,
) -> None:
    rows = {row.id: row for row in page.context.schools.summaries_for(page.model.ids()[:5])}
    names = {school_id: row.short_name or row.full_name for school_id, row in rows.items()}
    ids = list(rows)
    model = SchoolTableModel(page_size=10)
    model.set_fetcher(lambda wanted: [rows[i] for i in wanted if i in rows])
    model.set_ids(ids)
    assert [model.index(n, 0).data() for n in range(5)] == [names[i] for i in ids]
    rows[ids[0]] = replace(rows[ids[0]], short_name="Новое имя", full_name="Новое имя")
    model.set_ids(ids[::-1], rows_current=True)  # the caller says nothing changed: kept
    assert model.index(4, 0).data() == names[ids[0]]
    model.set_ids(ids[::-1])  # rows may be stale: read again
    assert model.index(4, 0).data() == "Новое имя"
    assert model.index(5, 0).data() is None  # past the end


def test_a_change_shows_at_once_and_keeps_the_query(window, page: SchoolsPage, qtbot) -> None:
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "ёжиковская")
    assert page.model.rowCount() == 0
    with window.context.database.session() as session:
        session.add(School(full_name="МОУ «Ежиковская СОШ»", municipality="Тестовый район"))
    window.data_changed.emit(frozenset({Change.SCHOOLS}))
    assert [row.full_name for row in page.table.visible_rows()] == ["МОУ «Ежиковская СОШ»"]
    assert page.municipality_filter.findData("Тестовый район") > 0
    with qtbot.waitSignal(page.results_shown):  # typing narrows the list read after the change
        set_text(page.search, "ежиков тестовый")
    assert [row.full_name for row in page.table.visible_rows()] == ["МОУ «Ежиковская СОШ»"]


def test_activating_a_row_and_the_buttons_emit_signals(
    page: SchoolsPage, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curator_desktop.ui.schools.card import SchoolCardDialog
    from curator_desktop.ui.schools.import_dialog import SchoolImportDialog

    opened: list[str] = []  # the window opens these dialogs for the signals: answer them
    monkeypatch.setattr(SchoolCardDialog, "exec", lambda self: opened.append("card") or 0)
    monkeypatch.setattr(SchoolImportDialog, "exec", lambda self: opened.append("import") or 0)
    view = page.table.view
    rect = view.visualRect(page.model.index(2, SchoolColumn.MUNICIPALITY))
    with qtbot.waitSignal(page.school_activated) as activated:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [page.model.id_at(2)]
    view.setFocus()
    view.setCurrentIndex(page.model.index(4, 0))
    with qtbot.waitSignal(page.school_activated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == [page.model.id_at(4)]
    with qtbot.waitSignal(page.add_requested):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.import_requested):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)


def test_model_passes_the_model_tester(page: SchoolsPage, qtmodeltester, qtbot) -> None:
    with qtbot.waitSignal(page.results_shown):
        set_text(page.search, "сош")
    qtmodeltester.check(page.model)


def test_a_minpros_school_has_no_risk_to_verify(qtbot) -> None:
    """«Школа Минпросвещения» has no risk profile: its risk cell says so, not «not verified»."""
    from curator_desktop.domain.summaries import SchoolSummary
    from curator_desktop.ui.schools.table_model import _risk

    def row(programme: str, risk: str | None) -> SchoolSummary:
        return SchoolSummary(
            "s1", "Школа", "Школа", "", "", programme, 2026, "active", False, None, 0, risk
        )

    assert _risk(row("minpros_school", None)) == "not applicable"
    assert _risk(row("500plus", None)) == "not verified"
    assert _risk(row("500plus", "high")) != "not applicable"
