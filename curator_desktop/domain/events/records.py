"""An event the curator attends (a seminar, webinar, meeting or council) as plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from curator_desktop.domain.events.kinds import Attendance, EventFormat, EventKind


@dataclass(frozen=True)
class SchoolAnalysis:
    """The curator's analysis of the measures one school held, told at the event."""

    school_id: str
    text: str
    school_name: str = ""
    """Filled when read back (for showing); ignored when saving."""


@dataclass(frozen=True)
class Event:
    """One event on one day; ``id`` "" for an event not stored yet."""

    id: str
    day: dt.date
    topic: str
    kind: str = EventKind.SEMINAR.value
    event_format: str = EventFormat.IN_PERSON.value
    attendance: str = Attendance.PLANNED.value
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    organiser: str = ""
    notes: str = ""
    analyses: tuple[SchoolAnalysis, ...] = ()
    plan_item_id: str | None = None
    """The plan item the event fulfils (a roadmap link), if any."""
    series_id: str = ""
    """Shared by the events made together from one recurring plan item ("" for a single one)."""
    attachments: int = field(default=0, compare=False)
    """How many files are attached (read back; ignored when saving)."""

    @property
    def attended(self) -> bool:
        return self.attendance == Attendance.ATTENDED
