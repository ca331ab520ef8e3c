"""The schools page on a small laptop: the table fits the window (no sideways scrolling) and the
search box keeps its width, at 1366×768 and at 150 % (≈ 910×512 logical pixels)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("size", [(1366, 740), (910, 500)])
def test_the_table_fits_and_the_search_box_is_not_squeezed(open_window, qtbot, size) -> None:
    window = open_window(demo=True)
    window.resize(*size)
    window.show_page("schools")
    page = window.page("schools")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    qtbot.wait(50)  # the layout after the resize
    view = page.table.view
    assert view.horizontalScrollBar().maximum() == 0
    header = view.horizontalHeader()
    # The school's name keeps room for a name of about twenty letters.
    assert header.sectionSize(0) >= view.fontMetrics().horizontalAdvance("МОУ «Лесная СОШ № 10»")
    assert page.search.width() >= page.search.fontMetrics().averageCharWidth() * 30


def test_a_column_sized_by_hand_stays_as_the_user_left_it(open_window, qtbot) -> None:
    window = open_window(demo=True)
    page = window.page("schools")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    table = page.table
    table._sized_by_user = True  # as a drag on the header marks it
    table.view.horizontalHeader().resizeSection(1, 400)
    window.resize(window.width() - 100, window.height())
    qtbot.wait(50)
    assert table.view.horizontalHeader().sectionSize(1) == 400
