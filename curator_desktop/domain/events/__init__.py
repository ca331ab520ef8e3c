"""Events a curator attends — seminars, webinars, meetings (совещания), councils (педсовет,
методический совет): their kinds, the rules a stored one meets, and the days of a recurring one."""

from curator_desktop.domain.events.kinds import Attendance, EventFormat, EventKind
from curator_desktop.domain.events.records import Event, SchoolAnalysis
from curator_desktop.domain.events.rules import (
    RECORD_FIELDS,
    analysis_record_problems,
    check_event,
    event_problems,
    event_record_problems,
    field_name,
)
from curator_desktop.domain.events.series import MAX_SERIES, series_days, series_rule

__all__ = [
    "MAX_SERIES",
    "RECORD_FIELDS",
    "Attendance",
    "Event",
    "EventFormat",
    "EventKind",
    "SchoolAnalysis",
    "analysis_record_problems",
    "check_event",
    "event_problems",
    "event_record_problems",
    "field_name",
    "series_days",
    "series_rule",
]
