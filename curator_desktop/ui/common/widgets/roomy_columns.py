"""Tables whose rows are read whole: one column (the item's name) takes the room the others
leave and wraps its text, rows grow as tall as their text, titles wrap onto a second line, and
the other columns are as wide as their content (up to their ``max_width``: marks stay narrow).

For short lists (a risk profile, a roadmap, the plan): the rows are measured again after every
change to them or to the column widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

from curator_desktop.ui.common.models.row_table_model import Column

CELL_MARGINS = 12
"""A cell's text margins and focus frame, both sides."""
ROW_PADDING = 8
"""Room above and below a row's text (a row of one line is as tall as in the other lists)."""
TITLE_PADDING = 24
"""Room beside a column title: margins and the sort arrow."""
_WRAPPED_TITLE = Qt.AlignmentFlag(int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap))


def stretch_column(columns: Sequence[Column[Any]]) -> int | None:
    """The column that takes the room left (the first with ``stretch``), if any."""
    return next((number for number, column in enumerate(columns) if column.stretch), None)


def make_roomy(view: QTableView, columns: Sequence[Column[Any]]) -> bool:
    """Lay ``view`` out as the module says when a column stretches; False (nothing done) if
    none does."""
    stretch = stretch_column(columns)
    if stretch is None:
        return False
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(_WRAPPED_TITLE)
    header.setTextElideMode(Qt.TextElideMode.ElideNone)  # a long title wraps instead
    header.sectionResized.connect(lambda *_args: fit_title_height(header))
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    _RowHeights(view)
    return True


class _RowHeights(QObject):
    """Sizes ``view``'s rows to their text once the events at hand are handled, after any
    change to its rows or its column widths."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._measure)
        view.horizontalHeader().sectionResized.connect(self._later)
        self._model: QAbstractItemModel | None = None
        self._follow(view.model())

    def _follow(self, model: QAbstractItemModel | None) -> None:
        if model is None or model is self._model:
            return
        self._model = model
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.dataChanged,
        ):
            signal.connect(self._later)

    def _later(self, *_args: object) -> None:
        self._timer.start()

    def _measure(self) -> None:
        view = self._view
        view.resizeRowsToContents()
        for row in range(view.model().rowCount() if view.model() is not None else 0):
            view.setRowHeight(row, view.rowHeight(row) + ROW_PADDING)  # air between the rows


def title_width(header: QHeaderView, title: str) -> int:
    """The narrowest width a column's title fits in, wrapped at its spaces."""
    metrics = header.fontMetrics()
    widest = max((metrics.horizontalAdvance(word) for word in title.split()), default=0)
    return widest + TITLE_PADDING


def fit_to_content(view: QTableView, columns: Sequence[Column[Any]]) -> None:
    """Each column but the stretching one as wide as its content (at most its ``max_width``)
    and its title, wrapped at its spaces."""
    header = view.horizontalHeader()
    stretch = stretch_column(columns)
    for number, column in enumerate(columns):
        if number == stretch or header.isSectionHidden(number):
            continue
        cells = min(view.sizeHintForColumn(number), column.max_width)
        header.resizeSection(number, max(cells, title_width(header, column.header())))
    fit_title_height(header)


def word_widths(view: QTableView, rows: int) -> list[int]:
    """The widest word of each column over the first ``rows`` rows (with the cell's margins):
    a column that wraps is never narrower, or words would be cut."""
    model = view.model()
    if model is None:
        return []
    metrics = view.fontMetrics()
    widths = []
    for column in range(model.columnCount()):
        words = {
            word
            for row in range(min(model.rowCount(), rows))
            for word in str(model.index(row, column).data() or "").split()
        }
        widest = max(map(metrics.horizontalAdvance, words), default=0)
        widths.append(widest + CELL_MARGINS if widest else 0)
    return widths


def fit_title_height(header: QHeaderView) -> None:
    """Make the header as tall as its tallest (wrapped) title."""
    model = header.model()
    if model is None:
        return
    metrics = header.fontMetrics()
    tallest = metrics.height()
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        title = str(model.headerData(section, header.orientation()) or "")
        width = max(header.sectionSize(section) - TITLE_PADDING, 1)
        box = metrics.boundingRect(QRect(0, 0, width, 10_000), int(_WRAPPED_TITLE), title)
        tallest = max(tallest, box.height())
    header.setMinimumHeight(tallest + 8)
