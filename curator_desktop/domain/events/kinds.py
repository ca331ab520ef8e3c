"""The stored codes of an event: its kind, its format and the curator's attendance."""

from __future__ import annotations

from curator_desktop.domain.enums import LabelledEnum
from curator_desktop.i18n import NP_


class EventKind(LabelledEnum):
    """What the event is: a seminar, a webinar, a meeting (совещание), a council, or other."""

    SEMINAR = "seminar"
    WEBINAR = "webinar"
    MEETING = "meeting"
    COUNCIL = "council"
    CONFERENCE = "conference"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "seminar": NP_("event kind", "Seminar"),
            "webinar": NP_("event kind", "Webinar"),
            "meeting": NP_("event kind", "Meeting"),
            "council": NP_("event kind", "Council"),
            "conference": NP_("event kind", "Conference"),
            "other": NP_("event kind", "Other event"),
        }


class EventFormat(LabelledEnum):
    """Where the curator takes part: in person (очно) or remotely (дистанционно)."""

    IN_PERSON = "in_person"
    REMOTE = "remote"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "in_person": NP_("event format", "In person"),
            "remote": NP_("event format", "Remote"),
        }


class Attendance(LabelledEnum):
    """Planned (not held yet), attended, or missed."""

    PLANNED = "planned"
    ATTENDED = "attended"
    MISSED = "missed"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "planned": NP_("attendance", "Planned"),
            "attended": NP_("attendance", "Attended"),
            "missed": NP_("attendance", "Not attended"),
        }
