"""The events a curator attends over the store: recorded, listed, made in series from a
recurring plan item, linked to the plan item they fulfil, with their materials.

Every write is checked by the domain's rules (:func:`curator_desktop.domain.events.check_event`)
and returns what it changed; deletes are tombstones, as for every synced record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.events import Attendance, Event, check_event, series_days
from curator_desktop.domain.visits.records import AttachmentRecord
from curator_desktop.i18n import _
from curator_desktop.services.events import files as event_files
from curator_desktop.services.events import records as store
from curator_desktop.services.store_service import StoreService
from curator_desktop.services.visits import files as stored_files
from curator_desktop.store.database import Database
from curator_desktop.store.repositories import roadmaps as roadmap_repo
from curator_desktop.store.tables import RoadmapItem, new_id


@dataclass(frozen=True)
class PlanChoice:
    """A plan item an event can fulfil: its number, title, repeat rule and deadline bounds."""

    item_id: str
    number: str
    title: str
    recurrence: str
    """The rule the roadmap's deadline gave (``weekly:wed``, ``monthly:wed:2,4``…; "" none)."""
    deadline_text: str
    start: dt.date | None
    end: dt.date | None

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


class EventService(StoreService):
    """Records events and reads them back (see the module's docstring)."""

    CHANGED: ClassVar[Changes] = frozenset({Change.EVENTS, Change.ROADMAPS})
    """What an event's write changes: the events, and the plan items they fulfil."""

    def __init__(
        self, database: Database, *, device_id: str = "", attachments_dir: Path | None = None
    ) -> None:
        super().__init__(database, device_id=device_id)
        self._attachments_dir = attachments_dir

    # --- reading --------------------------------------------------------------------------

    def events(self, start: dt.date | None = None, end: dt.date | None = None) -> list[Event]:
        """Every live event from ``start`` to ``end`` (both included; None: open), by day."""
        with self._db.session() as session:
            return store.events_in(session, start=start, end=end)

    def event(self, event_id: str) -> Event:
        """One event (:class:`NotFoundError` when there is none)."""
        with self._db.session() as session:
            return store.event_in(session, event_id)

    def upcoming(self, today: dt.date, days: int = 14) -> list[Event]:
        """The planned events from ``today`` to ``days`` days later, soonest first."""
        end = today + dt.timedelta(days=days)
        with self._db.session() as session:
            return store.events_in(
                session, start=today, end=end, attendance=Attendance.PLANNED.value
            )

    def attended_between(
        self, start: dt.date, end: dt.date, school_id: str | None = None
    ) -> list[Event]:
        """The events attended from ``start`` to ``end`` (both included); with ``school_id``,
        only those carrying an analysis of that school's measures."""
        with self._db.session() as session:
            events = store.attended_in(session, start, end)
        if school_id is not None:
            events = [e for e in events if any(a.school_id == school_id for a in e.analyses)]
        return events

    def plan_choices(self) -> list[PlanChoice]:
        """The live plan items, in the roadmaps' order, an event can fulfil."""
        with self._db.session() as session:
            return [_choice(row) for row in roadmap_repo.items(session)]

    # --- writing --------------------------------------------------------------------------

    def create(self, event: Event) -> Event:
        """Add a new event (its ``id`` is ignored)."""
        return self.save(replace(event, id=""))

    def update(self, event: Event) -> Event:
        """Change a stored event (:class:`NotFoundError` when there is none)."""
        if not event.id:
            raise NotFoundError(_("No event with id {id}.").format(id="—"))
        return self.save(event)

    def save(self, event: Event) -> Event:
        """Add (``event.id`` "") or update an event, its analyses and its plan item."""
        check_event(event, today=self.today())
        with self._session() as session:
            event_id = store.save_in(session, event)
            return store.event_in(session, event_id)

    def delete(self, event_id: str) -> Changes:
        """Delete an event (a tombstone), its analyses, plan link and file rows."""
        with self._session() as session:
            store.delete_in(session, event_id)
        return self.CHANGED

    def create_series(
        self, item_id: str, template: Event, start: dt.date, end: dt.date
    ) -> list[Event]:
        """One planned event per day the plan item's repeat falls on from ``start`` to
        ``end``, each a copy of ``template`` fulfilling the item; returns them by day. A day
        that already has an event fulfilling the item is skipped (made twice: made once)."""
        with self._session() as session:
            item = session.get(RoadmapItem, item_id)
            if item is None or item.deleted:
                raise ValidationError(_("The plan item was not found."), field="plan_item_id")
            taken = {e.day for e in store.events_in(session) if e.plan_item_id == item_id}
            days = [d for d in series_days(item.recurrence, start, end) if d not in taken]
            if not days:
                raise ValidationError(
                    _("Every day of the range already has its event."), field="end"
                )
            series_id = new_id()
            copies = [store.copy_for_day(template, day, series_id, item_id) for day in days]
            for copy in copies:
                check_event(copy, today=self.today())
            ids = [store.save_in(session, copy) for copy in copies]
            return store.events_in(session, ids=ids)

    # --- materials ------------------------------------------------------------------------

    def attach(self, event_id: str, source: Path | str, caption: str = "") -> AttachmentRecord:
        """Copy a file into the store (once per content) and attach it to the event."""
        with self._session() as session:
            return event_files.attach_in(
                session, event_id, Path(source), self._files_dir(), caption
            )

    def attachments(self, event_id: str) -> list[AttachmentRecord]:
        with self._db.session() as session:
            return event_files.attachments_in(session, event_id)

    def remove_attachment(self, attachment_id: str) -> Changes:
        with self._session() as session:
            event_files.remove_in(session, attachment_id)
        return self.CHANGED

    def attachment_path(self, sha256: str) -> Path:
        """Where the original of a stored file lives."""
        return stored_files.stored_path(self._files_dir(), sha256)

    def _files_dir(self) -> Path:
        if self._attachments_dir is None:
            raise NotFoundError(_("This store keeps no files."))
        return self._attachments_dir


def _choice(row: RoadmapItem) -> PlanChoice:
    return PlanChoice(
        row.id,
        row.number,
        row.title,
        row.recurrence,
        row.deadline_text,
        row.deadline_start,
        row.deadline_end,
    )
