"""The region's tables: a :class:`ListTable` whose figures and dates are never shortened.

Fourteen columns do not fit a laptop's width: the list table gives way column by column down to
a share of each title. Here the columns holding figures and dates keep their whole content (a
header may be shortened — its tooltip says it in full); names and places give way first, and
the table scrolls sideways when even that is not enough.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from curator_desktop.ui.common.widgets.list_table import CELL_PADDING, ListTable

FIT_ROWS = 40
"""Rows measured, beyond the ones in view, to fit the columns."""


class RegionTable(ListTable):
    """A list table whose ``whole`` columns keep their content's width."""

    def __init__(
        self,
        model: Any,
        whole: Collection[int],
        parent: QWidget | None = None,
        *,
        sort_column: int = 0,
        sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    ) -> None:
        super().__init__(model, parent, sort_column=sort_column, sort_order=sort_order)
        self._whole = frozenset(whole)
        # Widths are measured on the rows in view and this many more (not the list table's
        # 200: 14 columns of 200 rows cost half a second to measure).
        self.view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        # A shortened name (the first column) keeps its end: schools of one town differ by
        # their number («МБОУ «Озерецк…СОШ № 17»»).
        self._name_delegate = _MiddleElided(self.view)
        self.view.setItemDelegateForColumn(0, self._name_delegate)

    def set_natural_widths(self, widths: list[int]) -> None:
        super().set_natural_widths(widths)
        for column in self._whole:  # the cells whole; the title may be shortened
            if column < len(self._minimum):
                cells = self.view.sizeHintForColumn(column) + CELL_PADDING // 2
                self._minimum[column] = max(self._minimum[column], min(cells, widths[column]))
        self._fit_to_width()


class _MiddleElided(QStyledItemDelegate):
    """Draws its cells shortened in the middle, not at the end."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle
