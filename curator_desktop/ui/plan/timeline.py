"""The plan on a timeline: a year (chosen with a spin box, following the plan until the user
picks one), a legend, and the painted rows in a scroll area. A click selects an item; the owner
keeps the same selection in its list.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from curator_desktop.domain.plan.schedule import PlanStatus
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.plan.table_model import (
    STATUS_COLOURS,
    deadline_tip,
    due_text,
    status_text,
)
from curator_desktop.ui.plan.timeline_canvas import (
    STATUS_MARKS,
    TODAY_COLOUR,
    TimelineCanvas,
)

if TYPE_CHECKING:
    from curator_desktop.services.plan.service import PlanEntry


def default_year(entries: Sequence[PlanEntry], today: dt.date) -> int:
    """Today's year when the plan has something in it, else the year most items fall in."""
    years: Counter[int] = Counter()
    for entry in entries:
        for span in entry.deadline.ranges:
            years.update(range(span.start.year, span.end.year + 1))
    if not years or years[today.year]:
        return today.year
    return max(years, key=lambda year: (years[year], year))


class PlanTimeline(QWidget):
    """A year of the plan (chosen with a spin box) over the given entries, scrollable.

    ``item_clicked(item_id)`` fires when the user picks an item here.
    """

    item_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[PlanEntry] = []
        self.today = dt.date.today()
        self.year = self.today.year
        self.selected_id: str | None = None
        self._year_chosen = False
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(self.year)
        self.year_spin.setToolTip(_("The year shown"))
        self.year_spin.valueChanged.connect(self._on_year_spin_value_changed)
        self.legend = QLabel(self._legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.canvas = TimelineCanvas(self)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.canvas)
        for bar in (self.scroll.horizontalScrollBar(), self.scroll.verticalScrollBar()):
            bar.valueChanged.connect(self.canvas.update)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Year:")))
        top.addWidget(self.year_spin)
        top.addSpacing(12)
        top.addWidget(self.legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)

    @staticmethod
    def _legend_html() -> str:
        items = [
            (STATUS_COLOURS[status], STATUS_MARKS[status] or "■", status.label)
            for status in (PlanStatus.PLANNED, PlanStatus.OVERDUE, PlanStatus.DONE)
        ]
        parts = [
            f'<span style="color:{colour.name()}; font-weight:bold">{mark}</span>&nbsp;{label}'
            for colour, mark, label in items
        ]
        today = f'<span style="color:{TODAY_COLOUR.name()}; font-weight:bold">┆</span>&nbsp;' + _(
            "today"
        )
        return "&nbsp;&nbsp;&nbsp;".join([*parts, today])

    # -- public ------------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[PlanEntry], today: dt.date) -> None:
        """Show ``entries`` (in this order); the year follows the plan until the user picks one."""
        self.entries = list(entries)
        self.today = today
        if not self._year_chosen:
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(default_year(self.entries, today))
            self.year_spin.blockSignals(False)
            self.year = self.year_spin.value()
        self.legend.setToolTip(_("Today: {date}").format(date=format_date(today)))
        self.canvas.update_size()

    def select(self, item_id: str | None) -> None:
        """Mark ``item_id`` as selected (no signal) and scroll it into view below the header."""
        self.selected_id = item_id
        rect = self.row_rect(item_id)
        if rect is not None:
            bar = self.scroll.verticalScrollBar()
            visible = self.scroll.viewport().height()
            top = bar.value() + self.canvas.header_height()
            if rect.top() < top:
                bar.setValue(rect.top() - self.canvas.header_height())
            elif rect.bottom() > bar.value() + visible:
                bar.setValue(rect.bottom() - visible + 1)
        self.canvas.update()

    def choose(self, item_id: str) -> None:
        """The user picked ``item_id``: select it and tell the owner."""
        self.select(item_id)
        self.item_clicked.emit(item_id)

    def row_rect(self, item_id: str | None) -> QRect | None:
        """Where the item's row is on the canvas (None when it is not shown)."""
        ids = [entry.item_id for entry in self.entries]
        if item_id not in ids:
            return None
        height = self.canvas.row_height()
        y = self.canvas.header_height() + ids.index(item_id) * height
        return QRect(0, y, self.canvas.width(), height)

    def bar_point(self, item_id: str) -> QPoint | None:
        """The middle of the item's first bar this year (for tests and keyboard users)."""
        rect = self.row_rect(item_id)
        entry = next(e for e in self.entries if e.item_id == item_id)
        spans = [r for r in entry.deadline.ranges if r.start.year <= self.year <= r.end.year]
        if rect is None or not spans:
            return None
        first = max(spans[0].start, dt.date(self.year, 1, 1))
        last = min(spans[0].end, dt.date(self.year, 12, 31))
        x = (self.canvas.x_of(first) + self.canvas.x_of(last + dt.timedelta(days=1))) / 2
        return QPoint(round(x), rect.center().y())

    def tooltip(self, row: int) -> str:
        entry = self.entries[row]
        lines = [f"{entry.number} {entry.title}".strip(), entry.deadline.text]
        lines.append(deadline_tip(entry, self.today))
        due = due_text(entry)
        if due:
            lines.append(_("Due: {due}").format(due=due))
        lines.append(_("Status: {status}").format(status=status_text(entry)))
        return "\n".join(line for line in lines if line)

    # -- slots -------------------------------------------------------------------------------

    def _on_year_spin_value_changed(self, value: int) -> None:
        self._year_chosen = True
        self.year = value
        self.canvas.update()
