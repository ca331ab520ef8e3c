"""The painted part of the plan's timeline: the months of one year across, one row per item.

Each row shows the item's number and short title on the left and, on the months, a bar per date
range of its deadline (a dot per day of a recurring one), coloured by status and marked in the
label too (✓ done, ! overdue): colour is never the only signal. A dashed line marks today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from curator_desktop.domain.plan.schedule import PlanStatus
from curator_desktop.domain.roadmap.deadlines import recurrence_days
from curator_desktop.domain.roadmap.document import DeadlineKind
from curator_desktop.i18n import _
from curator_desktop.ui.common import colours
from curator_desktop.ui.plan.table_model import STATUS_COLOURS

if TYPE_CHECKING:
    from curator_desktop.services.plan.service import PlanEntry
    from curator_desktop.ui.plan.timeline import PlanTimeline

MIN_MONTH_WIDTH = 34
"""Narrower months scroll sideways (a month's name must stay readable)."""
LABEL_CHARS = 26
"""The left column fits about this many characters of «№ title»."""
STATUS_MARKS = {PlanStatus.DONE: "✓", PlanStatus.OVERDUE: "!", PlanStatus.PLANNED: ""}
TODAY_COLOUR = QColor(colours.ATTENTION)


def month_names() -> tuple[str, ...]:
    """Short month names in the current language (from babel, as the dates are)."""
    from curator_desktop.i18n import current_language

    return _month_names(current_language())


@functools.cache
def _month_names(language: str) -> tuple[str, ...]:
    from babel.dates import get_month_names

    locale = {"ru": "ru_RU", "en": "en_GB"}.get(language, "ru_RU")
    names = get_month_names("abbreviated", context="stand-alone", locale=locale)
    return tuple(names[month].rstrip(".").capitalize() for month in range(1, 13))


class TimelineCanvas(QWidget):
    """The painted year: month header and label column stay put while the rows scroll (the
    owner's scroll area gives the offsets); a click or Up/Down asks the owner to choose."""

    def __init__(self, owner: PlanTimeline) -> None:
        super().__init__()
        self.owner = owner
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # geometry ---------------------------------------------------------------------------------

    def metrics(self) -> QFontMetrics:
        return QFontMetrics(self.font())

    def row_height(self) -> int:
        return max(self.metrics().height() + 8, 20)

    def header_height(self) -> int:
        return self.metrics().height() + 10

    def label_width(self) -> int:
        return self.metrics().averageCharWidth() * LABEL_CHARS + 12

    def offsets(self) -> tuple[int, int]:
        area = self.owner.scroll
        return area.horizontalScrollBar().value(), area.verticalScrollBar().value()

    def x_of(self, day: dt.date) -> float:
        """Where ``day`` starts (the year's area runs from the label column to the edge)."""
        year = self.owner.year
        start = dt.date(year, 1, 1)
        days = 366 if calendar.isleap(year) else 365
        width = self.width() - self.label_width() - 8
        return self.label_width() + (day - start).days * width / days

    def row_at(self, y: int) -> int:
        row = (y - self.header_height()) // self.row_height()
        return row if 0 <= row < len(self.owner.entries) and y >= self.header_height() else -1

    def sizeHint(self) -> QSize:
        return QSize(self.label_width() + 12 * MIN_MONTH_WIDTH + 8, self.minimumHeight())

    def update_size(self) -> None:
        height = self.header_height() + len(self.owner.entries) * self.row_height() + 4
        self.setMinimumSize(self.label_width() + 12 * MIN_MONTH_WIDTH + 8, height)
        self.updateGeometry()
        self.update()

    # painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = event.rect()
        painter.fillRect(area, self.palette().color(QPalette.ColorRole.Base))
        left, top = self.offsets()
        height, header = self.row_height(), self.header_height()
        first = max(0, (area.top() - header) // height)
        last = min(len(self.owner.entries), (area.bottom() - header) // height + 1)
        rows = range(first, last)
        for row in rows:
            painter.fillRect(QRect(0, header + row * height, self.width(), height), self._bg(row))
        self._paint_months(painter, area)
        for row in rows:
            self._paint_row(painter, row, header + row * height, left)
        self._paint_today(painter, area)
        self._paint_header(painter, top, left)
        painter.end()

    def _bg(self, row: int) -> QColor:
        """A row's background: the selection's tint, or alternating base colours."""
        palette = self.palette()
        if self.owner.entries[row].item_id == self.owner.selected_id:
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(60)
            colour = QColor(palette.color(QPalette.ColorRole.Base))
            alpha = tint.alphaF()
            return QColor.fromRgbF(
                colour.redF() * (1 - alpha) + tint.redF() * alpha,
                colour.greenF() * (1 - alpha) + tint.greenF() * alpha,
                colour.blueF() * (1 - alpha) + tint.blueF() * alpha,
            )
        role = QPalette.ColorRole.AlternateBase if row % 2 else QPalette.ColorRole.Base
        return palette.color(role)

    def _paint_months(self, painter: QPainter, area: QRect) -> None:
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Midlight), 1))
        for month in range(1, 13):
            x = round(self.x_of(dt.date(self.owner.year, month, 1)))
            painter.drawLine(x, area.top(), x, area.bottom())

    def _paint_header(self, painter: QPainter, top: int, left: int) -> None:
        palette = self.palette()
        height = self.header_height()
        painter.fillRect(
            QRect(0, top, self.width(), height), palette.color(QPalette.ColorRole.Window)
        )
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        year = self.owner.year
        for month, name in enumerate(month_names(), start=1):
            x0 = self.x_of(dt.date(year, month, 1))
            x1 = self.x_of(dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1))
            cell = QRect(round(x0), top, round(x1 - x0), height)
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, name)
        corner = QRect(left, top, self.label_width(), height)
        painter.fillRect(corner, palette.color(QPalette.ColorRole.Window))
        bold = painter.font()
        bold.setBold(True)
        painter.save()
        painter.setFont(bold)
        painter.drawText(corner.adjusted(6, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, str(year))
        painter.restore()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(0, top + height - 1, self.width(), top + height - 1)

    def _paint_today(self, painter: QPainter, area: QRect) -> None:
        today = self.owner.today
        if today.year != self.owner.year:
            return
        x = round((self.x_of(today) + self.x_of(today + dt.timedelta(days=1))) / 2)
        painter.setPen(QPen(TODAY_COLOUR, 2, Qt.PenStyle.DashLine))
        painter.drawLine(x, area.top(), x, area.bottom())

    def _paint_row(self, painter: QPainter, row: int, y: int, left: int) -> None:
        entry = self.owner.entries[row]
        palette = self.palette()
        height = self.row_height()
        status = entry.standing.status
        colour = STATUS_COLOURS[status]
        self._paint_deadline(painter, entry, y, colour)
        # the label column stays put when the year scrolls sideways
        painter.fillRect(QRect(left, y, self.label_width(), height), self._bg(row))
        metrics = self.metrics()
        mark_width = metrics.horizontalAdvance("✓!") + 4
        bold = painter.font()
        bold.setBold(True)
        painter.save()
        painter.setFont(bold)
        painter.setPen(colour)
        mark = QRect(left + 4, y, mark_width, height)
        painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, STATUS_MARKS[status])
        painter.restore()
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        room = self.label_width() - mark_width - 10
        text = f"{entry.number} {' '.join(entry.title.split())}".strip()
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        painter.drawText(
            QRect(left + 4 + mark_width, y, room, height), Qt.AlignmentFlag.AlignVCenter, elided
        )
        if entry.item_id == self.owner.selected_id:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRect(0, y, self.width(), height).adjusted(0, 0, -1, -1))

    def _paint_deadline(self, painter: QPainter, entry: PlanEntry, y: int, colour: QColor) -> None:
        deadline = entry.deadline
        height = self.row_height()
        year = self.owner.year
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        shown = [r for r in deadline.ranges if r.end >= start and r.start <= end]
        if not shown:
            note = {
                DeadlineKind.UNPARSED: _("not understood: «{text}»"),
                DeadlineKind.UNDATED: _("no date: «{text}»"),
            }.get(deadline.kind, _("not in {year}: «{text}»"))
            text = note.format(text=deadline.text, year=year)
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            italic = painter.font()
            italic.setItalic(True)
            painter.save()
            painter.setFont(italic)
            area = QRect(self.label_width() + 6, y, self.width() - self.label_width() - 12, height)
            elided = self.metrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width())
            painter.drawText(area, Qt.AlignmentFlag.AlignVCenter, elided)
            painter.restore()
            return
        painter.setPen(Qt.PenStyle.NoPen)
        if deadline.kind == DeadlineKind.RECURRING:
            faint = QColor(colour)
            faint.setAlpha(50)
            for span in shown:
                self._bar(painter, max(span.start, start), min(span.end, end), y, faint, 0.25)
            painter.setBrush(colour)
            radius = max(2.5, height * 0.14)
            for day in recurrence_days(deadline):
                if start <= day <= end:
                    centre = (self.x_of(day) + self.x_of(day + dt.timedelta(days=1))) / 2
                    painter.drawEllipse(
                        QRectF(centre - radius, y + height / 2 - radius, 2 * radius, 2 * radius)
                    )
            return
        for span in shown:
            self._bar(painter, max(span.start, start), min(span.end, end), y, colour, 0.5)

    def _bar(
        self, painter: QPainter, first: dt.date, last: dt.date, y: int, colour: QColor, share: float
    ) -> None:
        height = self.row_height()
        x0 = self.x_of(first)
        x1 = max(self.x_of(last + dt.timedelta(days=1)), x0 + 4)
        bar = QRectF(x0, y + height * (1 - share) / 2, x1 - x0, height * share)
        painter.setBrush(colour)
        painter.drawRoundedRect(bar, 3, 3)

    # interaction ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(round(event.position().y()))
        if event.button() == Qt.MouseButton.LeftButton and row >= 0:
            self.owner.choose(self.owner.entries[row].item_id)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        entries = self.owner.entries
        if step is None or not entries:
            super().keyPressEvent(event)
            return
        ids = [entry.item_id for entry in entries]
        current = ids.index(self.owner.selected_id) if self.owner.selected_id in ids else -1
        row = min(max(current + step, 0), len(ids) - 1)
        self.owner.choose(ids[row])

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            row = self.row_at(event.pos().y())
            if row >= 0:
                QToolTip.showText(event.globalPos(), self.owner.tooltip(row), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
