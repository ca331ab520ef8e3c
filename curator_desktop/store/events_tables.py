"""The events tables (#23): events a curator attends (seminars, webinars, meetings, councils)
and the curator's analysis, per school, of the measures the school held, told at an event.
An event's materials are :class:`~curator_desktop.store.tables.Attachment` rows owned by it
(``owner_type`` ``event``); the plan item it fulfils is a ``roadmap_link`` (``event``).

Importable from :mod:`curator_desktop.store.tables` like every other table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field

from curator_desktop.store.record_base import SyncRecord


class CuratorEvent(SyncRecord, table=True):
    """An event on one day: kind, topic, organiser, format and whether the curator attended."""

    __tablename__ = "curator_event"
    __table_args__ = (Index("ix_curator_event_day_attendance", "day", "attendance"),)

    author_id: str | None = Field(default=None, index=True, max_length=36)
    day: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    kind: str = Field(default="seminar")
    """A :class:`~curator_desktop.domain.events.EventKind` value."""
    topic: str = Field(default="")
    organiser: str = Field(default="")
    event_format: str = Field(default="in_person")
    """A :class:`~curator_desktop.domain.events.EventFormat` value."""
    attendance: str = Field(default="planned")
    """A :class:`~curator_desktop.domain.events.Attendance` value."""
    notes: str = Field(default="")
    series_id: str = Field(default="", max_length=36)
    """Shared by the events made together from one recurring plan item."""


class EventAnalysis(SyncRecord, table=True):
    """The curator's analysis of the measures one school held, told at an event."""

    __tablename__ = "event_analysis"

    event_id: str = Field(foreign_key="curator_event.id", index=True)
    school_id: str = Field(foreign_key="school.id", index=True)
    text: str = Field(default="")


EVENT_TABLES: tuple[type[SyncRecord], ...] = (CuratorEvent, EventAnalysis)
"""The events tables, parents before children."""
