"""The events table: date and time, kind, topic, organiser, format, attendance."""

from __future__ import annotations

import datetime as dt

from curator_desktop.domain.events import Attendance, Event, EventFormat, EventKind
from curator_desktop.i18n import _, format_date
from curator_desktop.ui.common.models.row_table_model import Column, RowTableModel


def time_text(event: Event) -> str:
    """«15:00–16:30», «15:00» or ""."""
    if event.start_time is None:
        return ""
    start = f"{event.start_time:%H:%M}"
    return f"{start}–{event.end_time:%H:%M}" if event.end_time else start


def _sort_day(event: Event) -> str:
    return f"{event.day.isoformat()} {event.start_time or dt.time.min}"


def _not_marked(event: Event) -> bool:
    """A past event still planned: the curator has not said whether they went."""
    return event.attendance == Attendance.PLANNED and event.day < dt.date.today()


class EventTableModel(RowTableModel[Event]):
    """The curator's events (Date column sorts by day and time)."""

    columns = (
        Column[Event](lambda: _("Date"), lambda e: format_date(e.day, "short"), sort_key=_sort_day),
        Column[Event](lambda: _("Time"), time_text, max_width=110),
        Column[Event](
            lambda: _("Kind"),
            lambda e: EventKind.label_for(e.kind),
            samples=lambda: [k.label for k in EventKind],
            max_width=160,
        ),
        Column[Event](
            lambda: _("Topic"), lambda e: e.topic, tooltip=lambda e: e.topic, stretch=True
        ),
        Column[Event](lambda: _("Organiser"), lambda e: e.organiser, tooltip=lambda e: e.organiser),
        Column[Event](
            lambda: _("Format"),
            lambda e: EventFormat.label_for(e.event_format),
            samples=lambda: [f.label for f in EventFormat],
            max_width=150,
        ),
        Column[Event](
            lambda: _("Attendance"),
            lambda e: Attendance.label_for(e.attendance),
            samples=lambda: [a.label for a in Attendance],
            caution=_not_marked,
            max_width=150,
        ),
    )
