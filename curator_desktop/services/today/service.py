"""«Сегодня» over the store: what is due on a day, in sections (see :mod:`.sections`).

Each source is asked once with its own small query: the visits list's SQL views, counts and the
first rows of recommendations and completed visits, the documents worklist of the schools that
hold a received version, the curator's plan and the events. A section shows its first
:data:`SHOWN` entries; its heading counts them all. On a store of 5,000 schools and 50,000
visits the agenda takes well under a second; the documents worklist over every school took
seconds, hence the narrowing to schools with versions.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from curator_desktop.domain.events import Attendance
from curator_desktop.domain.roadmap.relation import MINE
from curator_desktop.i18n import _
from curator_desktop.services.documents.worklist import worklist_of
from curator_desktop.services.today import queries, sections
from curator_desktop.services.today.agenda import Agenda, NextVisit, TodaySection
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.visits import VisitQuery, VisitRepository, VisitScope

if TYPE_CHECKING:
    from curator_desktop.services.documents.service import DocumentService
    from curator_desktop.services.events.service import EventService
    from curator_desktop.services.plan.service import PlanService

SHOWN = 50
"""Entries a section lists (the rest are on their page)."""
REPORT_DAYS = 30
"""A completed visit waits for its справка this many days; an older one is history (its
справка was likely written elsewhere, and it would stay on the page for ever)."""


class TodayService:
    """Gathers the day's agenda from the other services and the store (reads only)."""

    def __init__(
        self,
        database: Database,
        *,
        documents: DocumentService,
        plan: PlanService,
        events: EventService,
    ) -> None:
        self.database = database
        self._documents = documents
        self._plan = plan
        self._events = events

    def agenda(self, today: dt.date) -> Agenda:
        """The sections with entries on ``today``, in their order, and what an empty day
        needs to say."""
        with self.database.session() as session:
            late_total, late = queries.late_recommendations(session, today, SHOWN)
            unreported_total, unreported = queries.unreported_visits(
                session, today - dt.timedelta(days=REPORT_DAYS), SHOWN
            )
            has_schools, has_roadmap = queries.store_has(session)
            with_documents = queries.schools_with_versions(session)
            following = queries.first_open_visit_after(session, sections.week_end(today))
        found = [
            self._visits(today),
            sections.section(
                sections.RECOMMENDATIONS,
                late_total,
                (sections.recommendation_entry(r, today) for r in late),
            ),
            self._document_section(today, with_documents),
            self._plan_section(today) if has_roadmap else None,
            sections.section(
                sections.REPORTS,
                unreported_total,
                (sections.unreported_entry(v) for v in unreported),
            ),
            self._event_section(today),
        ]
        next_visit = NextVisit(*following) if following is not None else None
        return Agenda(
            today=today,
            sections=tuple(s for s in found if s is not None),
            next_visit=next_visit,
            has_schools=has_schools,
            has_roadmap=has_roadmap,
        )

    def _visits(self, today: dt.date) -> TodaySection | None:
        """Overdue open visits (longest overdue first), then those due by Sunday."""
        repository = VisitRepository(self.database)
        overdue = repository.search(VisitQuery(scope=VisitScope.OVERDUE), today=today)
        week = VisitQuery(scope=VisitScope.UPCOMING, date_to=sections.week_end(today))
        upcoming = repository.search(week, today=today)
        ids = overdue + upcoming
        visits = repository.summaries_for(ids[:SHOWN])
        entries = (sections.visit_entry(v, today) for v in visits)
        title = _(sections.OVERDUE_VISITS_TITLE) if overdue else ""
        return sections.section(sections.VISITS, len(ids), entries, title=title)

    def _document_section(self, today: dt.date, school_ids: list[str]) -> TodaySection | None:
        """The documents worklist of the schools that hold a received version."""
        summaries = [
            summary
            for school_id in school_ids
            for summary in self._documents.summaries(school_id=school_id, as_of=today)
        ]
        due = sections.documents_to_act_on(worklist_of(summaries, today))
        entries = (sections.document_entry(e) for e in due[:SHOWN])
        return sections.section(sections.DOCUMENTS, len(due), entries)

    def _plan_section(self, today: dt.date) -> TodaySection | None:
        due = sections.plan_due(self._plan.entries(today, relations=MINE), today)
        entries = (sections.plan_entry(e) for e in due[:SHOWN])
        return sections.section(sections.PLAN, len(due), entries)

    def _event_section(self, today: dt.date) -> TodaySection | None:
        """Past events still «planned» (to mark, the last :data:`~.sections.EVENT_DAYS` days),
        then the planned ones coming up."""
        since = today - dt.timedelta(days=sections.EVENT_DAYS)
        unmarked = [
            e
            for e in self._events.events(since, today - dt.timedelta(days=1))
            if e.attendance == Attendance.PLANNED.value
        ]
        events = unmarked + self._events.upcoming(today, days=sections.EVENT_DAYS)
        entries = (sections.event_entry(e, today) for e in events[:SHOWN])
        title = _(sections.UNMARKED_EVENTS_TITLE) if unmarked else ""
        return sections.section(sections.EVENTS, len(events), entries, title=title)
