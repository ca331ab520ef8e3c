"""The events the curator attended in the period (seminars, webinars, meetings, councils), and
the analysis of the measures each school of the report held, told at those events (#23).

A numbered section after the totals: a table of the events by day (kind, topic, organiser,
format), then each analysis of a school of the report under its event. Only events attended up
to the report's «as of» day count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable
from sqlmodel import Session

from curator_desktop.domain.events import EventFormat, EventKind
from curator_desktop.i18n import N_, _, format_date
from curator_desktop.services.events import attended_in
from curator_desktop.services.reports.form.layout import (
    data_table,
    para,
    para_markup,
    report_styles,
)
from curator_desktop.services.reports.period.columns import header_widths, lead, none_line

TITLE_MSGID = N_("Events attended by the curator")
SECTION_START = 160.0
"""Points the heading and the table's first rows need on a page."""


@dataclass(frozen=True)
class EventLine:
    """One attended event as the report prints it (labels in the report's language)."""

    day: dt.date
    time: dt.time | None
    kind: str
    topic: str
    organiser: str
    event_format: str
    analyses: tuple[tuple[str, str], ...]
    """(school's short name, the analysis) of the report's schools."""


def title() -> str:
    """The section's heading without its number (translated)."""
    return _(TITLE_MSGID)


def numbered_title(number: int) -> str:
    return f"{number}. {title()}"


def events_of(
    session: Session, start: dt.date, end: dt.date, school_ids: Iterable[str]
) -> tuple[EventLine, ...]:
    """The events attended from ``start`` to ``end``, with the analyses of ``school_ids``."""
    schools = set(school_ids)
    lines = []
    for event in attended_in(session, start, end):
        lines.append(
            EventLine(
                day=event.day,
                time=event.start_time,
                kind=EventKind.label_for(event.kind),
                topic=event.topic,
                organiser=event.organiser,
                event_format=EventFormat.label_for(event.event_format),
                analyses=tuple(
                    (a.school_name, a.text) for a in event.analyses if a.school_id in schools
                ),
            )
        )
    return tuple(lines)


def _day(line: EventLine) -> str:
    day = format_date(line.day, "short")
    return f"{day} {line.time:%H:%M}" if line.time else day


def _table(events: tuple[EventLine, ...]) -> Flowable:
    headers = ["№", _("Date"), _("Kind"), _("Topic"), _("Organiser"), _("Format")]
    widths = header_widths(headers, [22.0, 62.0, 72.0, 0.0, 100.0, 76.0], flexible=3)
    rows: list[list[Any]] = [headers]
    for number, line in enumerate(events, start=1):
        rows.append(
            [str(number), _day(line), line.kind, line.topic, line.organiser, line.event_format]
        )
    return data_table(rows, widths)


def _analyses(events: tuple[EventLine, ...]) -> list[Flowable]:
    style = ParagraphStyle("analysis", parent=report_styles().small, leftIndent=8, spaceAfter=3)
    items: list[Flowable] = []
    for line in events:
        for school, text in line.analyses:
            name = escape(f"{format_date(line.day, 'short')}, {line.topic} — {school}.")
            items.append(para_markup(f"<b>{name}</b> {escape(text)}", style))
    if not items:
        return []
    return [lead(_("Analysis of the measures held by the schools:")), *items]


def events_story(events: tuple[EventLine, ...], number: int) -> list[Flowable]:
    """The section, numbered ``number``."""
    styles = report_styles()
    story: list[Flowable] = [
        CondPageBreak(SECTION_START),
        para(numbered_title(number), styles.heading),
    ]
    if not events:
        return [*story, *none_line(_("No attended event is recorded for the period."))]
    return [*story, _table(events), *_analyses(events)]
