"""Choices stand in a row while it fits, then one under another, and a label too long even for
that wraps: the widget never asks for more width than its longest word."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from curator_desktop.ui.common.widgets.row_or_column import (
    RowOrColumnLayout,
    WrapCheckBox,
    WrapToolButton,
    wrap_text,
)

LONG = "2 — administration, teachers, students and parents: full coverage of every group"


def _choices(qtbot, labels: list[str]) -> tuple[QWidget, list[WrapToolButton]]:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = RowOrColumnLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    buttons = [WrapToolButton(label) for label in labels]
    for button in buttons:
        layout.addWidget(button)
    holder.show()
    return holder, buttons


def _place(qtbot, holder: QWidget, width: int) -> None:
    holder.resize(width, holder.layout().heightForWidth(width))
    qtbot.wait(10)


def test_a_row_while_it_fits_then_a_column(qtbot) -> None:
    holder, buttons = _choices(qtbot, ["Yes", "No", "Partly", "Not applicable"])
    row_width = holder.layout().sizeHint().width()
    _place(qtbot, holder, row_width + 40)
    assert len({b.y() for b in buttons}) == 1  # one row, left to right
    assert buttons[0].x() < buttons[1].x() < buttons[2].x() < buttons[3].x()
    _place(qtbot, holder, row_width - 10)
    assert len({b.x() for b in buttons}) == 1  # one column, in order, of one width
    assert buttons[0].y() < buttons[1].y() < buttons[2].y() < buttons[3].y()
    assert len({b.width() for b in buttons}) == 1


def test_a_label_too_long_wraps_and_keeps_its_name(qtbot) -> None:
    holder, (button,) = _choices(qtbot, [LONG])
    one_line = button.sizeHint()
    assert holder.minimumSizeHint().width() < one_line.width() // 3
    _place(qtbot, holder, one_line.width() // 2)
    assert button.width() <= one_line.width() // 2
    assert "\n" in button.text() and button.height() > one_line.height()
    assert button.text().replace("\n", " ") == LONG
    assert button.accessibleName() == LONG


def test_a_check_box_gives_up_width_too(qtbot) -> None:
    box = WrapCheckBox(LONG)
    qtbot.addWidget(box)
    assert box.minimumSizeHint().width() < box.sizeHint().width() // 3
    assert box.heightForWidth(box.sizeHint().width() // 2) > box.sizeHint().height()


def test_wrap_text_breaks_at_spaces(qtbot) -> None:
    metrics = WrapToolButton("x").fontMetrics()
    width = metrics.horizontalAdvance("administration, teachers")
    lines = wrap_text(LONG, metrics, width).split("\n")
    assert len(lines) > 2 and " ".join(lines) == LONG
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
