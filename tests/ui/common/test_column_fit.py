"""Column widths fitted to the table's width."""

from curator_desktop.ui.common.widgets.column_fit import fitted_widths


def test_room_to_spare_goes_to_the_first_column() -> None:
    assert fitted_widths([100, 50], [70, 50], 200) == [150, 50]


def test_the_widest_columns_give_first_down_to_their_minimum() -> None:
    widths = fitted_widths([300, 250, 80], [100, 100, 80], 500)
    assert sum(widths) == 500
    assert widths[2] == 80  # a narrow column keeps its width
    assert abs(widths[0] - widths[1]) <= 1  # the two wide ones meet in the middle


def test_no_column_goes_under_its_minimum_and_then_the_table_scrolls() -> None:
    assert fitted_widths([300, 250], [120, 100], 150) == [120, 100]
