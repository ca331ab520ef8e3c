"""Events in the store: read back with their analyses, plan item and files; written; deleted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import func
from sqlmodel import Session, col, select

from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.events import RECORD_FIELDS, Attendance, Event, SchoolAnalysis
from curator_desktop.domain.plan.links import EVENT
from curator_desktop.i18n import _
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import (
    Attachment,
    CuratorEvent,
    EventAnalysis,
    RoadmapItem,
    RoadmapLink,
    School,
    new_id,
)
from curator_desktop.store.types import utc_now

OWNER_EVENT = "event"
"""``Attachment.owner_type`` of an event's materials."""
FIELDS = tuple(name for name in RECORD_FIELDS if name != "series_id")
"""What an update may change (the series an event was made in stays)."""


def _live(model: type) -> object:
    return col(model.deleted).is_(False)  # type: ignore[attr-defined]


def _tombstone(row: object) -> None:
    assign(row, {"deleted": True, "deleted_at": utc_now()})


def events_in(
    session: Session,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    attendance: str | None = None,
    ids: Iterable[str] | None = None,
) -> list[Event]:
    """Live events from ``start`` to ``end`` (both included, None: open), by day and time."""
    query = select(CuratorEvent).where(_live(CuratorEvent))
    if start is not None:
        query = query.where(col(CuratorEvent.day) >= start)
    if end is not None:
        query = query.where(col(CuratorEvent.day) <= end)
    if attendance is not None:
        query = query.where(col(CuratorEvent.attendance) == attendance)
    if ids is not None:
        query = query.where(col(CuratorEvent.id).in_(list(ids)))
    rows = list(session.exec(query))
    rows.sort(key=lambda r: (r.day, r.start_time or dt.time.min, r.topic, r.id))
    return _events(session, rows)


def attended_in(session: Session, start: dt.date, end: dt.date) -> list[Event]:
    """The events attended from ``start`` to ``end`` (both included), by day and time."""
    return events_in(session, start=start, end=end, attendance=Attendance.ATTENDED.value)


def _events(session: Session, rows: list[CuratorEvent]) -> list[Event]:
    ids = [r.id for r in rows]
    if not ids:
        return []
    name = func.coalesce(func.nullif(School.short_name, ""), School.full_name)
    analyses: dict[str, list[SchoolAnalysis]] = {}
    query = (
        select(EventAnalysis.event_id, EventAnalysis.school_id, EventAnalysis.text, name)
        .join(School, col(School.id) == col(EventAnalysis.school_id))
        .where(_live(EventAnalysis), col(EventAnalysis.event_id).in_(ids))
        .order_by(col(School.name_key), col(School.id))
    )
    for event_id, school_id, text, school_name in session.exec(query):
        analyses.setdefault(event_id, []).append(SchoolAnalysis(school_id, text, school_name))
    items = dict(
        session.exec(
            select(RoadmapLink.target_id, RoadmapLink.item_id).where(
                _live(RoadmapLink),
                col(RoadmapLink.target_type) == EVENT,
                col(RoadmapLink.target_id).in_(ids),
            )
        ).all()
    )
    files = dict(
        session.exec(
            select(Attachment.owner_id, func.count(Attachment.id))
            .where(_live(Attachment), col(Attachment.owner_type) == OWNER_EVENT)
            .where(col(Attachment.owner_id).in_(ids))
            .group_by(Attachment.owner_id)
        ).all()
    )
    return [
        Event(
            id=r.id,
            day=r.day,
            topic=r.topic,
            kind=r.kind,
            event_format=r.event_format,
            attendance=r.attendance,
            start_time=r.start_time,
            end_time=r.end_time,
            organiser=r.organiser,
            notes=r.notes,
            analyses=tuple(analyses.get(r.id, ())),
            plan_item_id=items.get(r.id),
            series_id=r.series_id,
            attachments=files.get(r.id, 0),
        )
        for r in rows
    ]


def event_row(session: Session, event_id: str) -> CuratorEvent:
    """The live event row (:class:`NotFoundError` when there is none)."""
    row = session.get(CuratorEvent, event_id)
    if row is None or row.deleted:
        raise NotFoundError(_("No event with id {id}.").format(id=event_id))
    return row


def event_in(session: Session, event_id: str) -> Event:
    return _events(session, [event_row(session, event_id)])[0]


def save_in(session: Session, event: Event) -> str:
    """Add (``event.id`` "") or update an event with its analyses and plan item (checked by
    the caller); returns its id."""
    values = {name: getattr(event, name) for name in FIELDS}
    if event.id:
        row = event_row(session, event.id)
        assign(row, values)
    else:
        row = CuratorEvent(id=new_id(), series_id=event.series_id, **values)
        session.add(row)
    _save_analyses(session, row.id, event.analyses)
    set_item_in(session, row.id, event.plan_item_id)
    session.flush()
    return row.id


def _save_analyses(session: Session, event_id: str, analyses: Iterable[SchoolAnalysis]) -> None:
    """Keep one analysis per school as given: changed texts updated, the rest tombstoned."""
    wanted = {a.school_id: a.text.strip() for a in analyses if a.text.strip()}
    for school_id in wanted:
        school = session.get(School, school_id)
        if school is None or school.deleted:
            raise NotFoundError(_("The school was not found: {ids}.").format(ids=school_id))
    rows = session.exec(
        select(EventAnalysis).where(_live(EventAnalysis), col(EventAnalysis.event_id) == event_id)
    )
    for row in rows:
        text = wanted.pop(row.school_id, None)
        if text is None:
            _tombstone(row)
        else:
            assign(row, {"text": text})
    for school_id, text in wanted.items():
        session.add(EventAnalysis(event_id=event_id, school_id=school_id, text=text))


def set_item_in(session: Session, event_id: str, item_id: str | None) -> None:
    """Make the event fulfil ``item_id`` (None: no plan item): one live link at most."""
    if item_id is not None:
        item = session.get(RoadmapItem, item_id)
        if item is None or item.deleted:
            raise ValidationError(_("The plan item was not found."), field="plan_item_id")
    links = session.exec(
        select(RoadmapLink).where(
            _live(RoadmapLink),
            col(RoadmapLink.target_type) == EVENT,
            col(RoadmapLink.target_id) == event_id,
        )
    )
    found = False
    for link in links:
        if link.item_id == item_id and not found:
            found = True
        else:
            _tombstone(link)
    if item_id is not None and not found:
        session.add(RoadmapLink(item_id=item_id, target_type=EVENT, target_id=event_id))


def delete_in(session: Session, event_id: str) -> None:
    """Tombstone the event, its analyses, its plan link and its files' rows."""
    row = event_row(session, event_id)
    _save_analyses(session, event_id, ())
    set_item_in(session, event_id, None)
    for attachment in session.exec(
        select(Attachment).where(
            _live(Attachment),
            col(Attachment.owner_type) == OWNER_EVENT,
            col(Attachment.owner_id) == event_id,
        )
    ):
        _tombstone(attachment)
    _tombstone(row)


def copy_for_day(template: Event, day: dt.date, series_id: str, item_id: str) -> Event:
    """One event of a series: the template on ``day``, planned, linked to the plan item."""
    return replace(
        template, id="", day=day, series_id=series_id, plan_item_id=item_id, attendance="planned"
    )
