"""Each section of «Сегодня» from its source: the visits list's queries, the recommendations,
the documents worklist, the plan, the completed visits without a справка and the events.

Decisions: the week is Monday to Sunday; a visit is listed when open and overdue (its day
passed, not carried out by another) or due from today to Sunday. The plan lists the curator's
items (ведёт, посещает) due this month and not done, overdue ones of this month included.
Documents are those needing the curator's own step: overdue revisions and versions awaiting
review (the worklist's «wait for the revised version» needs nothing today). Events are those of
the last :data:`EVENT_DAYS` days not marked attended or missed yet, then the planned ones of the
next :data:`EVENT_DAYS` days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from curator_desktop.domain.documents import DocumentSummary, WorklistEntry
from curator_desktop.domain.enums import DocumentType, VisitStatus, VisitType
from curator_desktop.domain.events.kinds import EventKind
from curator_desktop.domain.plan.schedule import PlanBucket
from curator_desktop.domain.summaries import VisitSummary
from curator_desktop.i18n import N_, _, ngettext
from curator_desktop.services.documents.worklist import AWAITING, OVERDUE, WORKLIST_NEEDS
from curator_desktop.services.plan.relations import relation_label
from curator_desktop.services.today.agenda import Place, Target, TodayEntry, TodaySection
from curator_desktop.services.today.queries import LateRecommendation, UnreportedVisit

if TYPE_CHECKING:
    from curator_desktop.domain.events import Event
    from curator_desktop.services.plan.service import PlanEntry

VISITS, RECOMMENDATIONS, DOCUMENTS, PLAN, REPORTS, EVENTS = (
    "visits",
    "recommendations",
    "documents",
    "plan",
    "reports",
    "events",
)
OVERDUE_VISITS_TITLE = N_("Visits: overdue and this week")
UNMARKED_EVENTS_TITLE = N_("Events: to mark and coming up")
"""The headings of visits when some are overdue, of events when some past ones are not marked
attended or missed yet (translate with ``_()``)."""
TITLES: dict[str, str] = {
    VISITS: N_("Visits this week"),
    RECOMMENDATIONS: N_("Overdue recommendations"),
    DOCUMENTS: N_("Documents to act on"),
    PLAN: N_("Plan items due this month"),
    REPORTS: N_("Completed visits without a report"),
    EVENTS: N_("Events coming up"),
}
"""Section headings in the order shown (translate with ``_()``)."""
PAGES = {
    VISITS: "visits",
    RECOMMENDATIONS: "visits",
    DOCUMENTS: "documents",
    PLAN: "plan",
    EVENTS: "events",
}
"""The page holding a section's entries beyond those shown («… and N more»)."""
EVENT_DAYS = 14
"""How far ahead «Events coming up» looks."""
ACTED_ON = (OVERDUE, AWAITING)
"""The worklist groups that need the curator's step now."""


def week_end(today: dt.date) -> dt.date:
    """The Sunday of ``today``'s week."""
    return today + dt.timedelta(days=6 - today.weekday())


def month_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of ``today``'s month."""
    first = today.replace(day=1)
    following = first.replace(day=28) + dt.timedelta(days=4)
    return first, following - dt.timedelta(days=following.day)


def section(
    key: str, total: int, entries: Iterable[TodayEntry], *, title: str = ""
) -> TodaySection | None:
    """The section ``key`` (None without entries), headed ``title`` (translated; its usual
    one by default); «… and N more» opens its page."""
    shown = tuple(entries)
    if not shown:
        return None
    more = Target(Place.PAGE, PAGES[key]) if total > len(shown) and key in PAGES else None
    return TodaySection(key, title or _(TITLES[key]), total, shown, more)


def days_late(days: int) -> str:
    """«Просрочено на 3 дня» (the plan's wording, capitalised to open a cell)."""
    text = ngettext("overdue by {n} day", "overdue by {n} days", days).format(n=days)
    return text[:1].upper() + text[1:]


def visit_what(visit_type: str, purpose: str) -> str:
    """«Плановое: Мониторинг …» (the kind of visit and its purpose)."""
    kind, purpose = VisitType.label_for(visit_type), purpose.strip()
    if not purpose:
        return kind
    first = kind.split()[0].casefold() if kind.strip() else ""
    if first and purpose.casefold().startswith(first):
        return purpose  # «Итоговое посещение: …» says its kind already
    return f"{kind}: {purpose}"


def visit_entry(visit: VisitSummary, today: dt.date) -> TodayEntry:
    """An open visit: overdue, today or later this week."""
    due = visit.planned_date or visit.actual_date
    what = visit_what(visit.visit_type, visit.purpose)
    late = due is not None and due < today
    if late and due is not None:
        step = days_late((today - due).days) + " — " + _("hold it or change its date")
    elif visit.status == VisitStatus.IN_PROGRESS.value:
        step = _("In progress: complete it")
    elif due == today:
        step = _("Today")
    else:
        step = _("Prepare for it")
    target = Target(Place.VISIT, visit.id, visit.school_id)
    return TodayEntry(due, visit.school_name, what, step, target, late)


def recommendation_entry(item: LateRecommendation, today: dt.date) -> TodayEntry:
    step = days_late((today - item.deadline).days)
    if item.responsible:
        step = f"{step} · {item.responsible}"
    if item.visit_id:
        target = Target(Place.VISIT, item.visit_id, item.school_id)
    else:
        target = Target(Place.SCHOOL, "", item.school_id)
    return TodayEntry(item.deadline, item.school, item.text, step, target, late=True)


def document_entry(entry: WorklistEntry) -> TodayEntry:
    summary = entry.summary
    late = entry.group == OVERDUE
    day = summary.revision_deadline if late else summary.status_on
    step = _(WORKLIST_NEEDS[entry.group])
    if late and entry.days_overdue > 0:
        step = days_late(entry.days_overdue) + " — " + step
    target = Target(Place.DOCUMENTS, summary.document_id, summary.school_id)
    return TodayEntry(day, summary.school_name, document_title(summary), step, target, late)


def document_title(summary: DocumentSummary) -> str:
    """Its title, else its kind («Концепция развития», «Антирисковая программа: R06»)."""
    if summary.title.strip():
        return summary.title
    kind = DocumentType.label_for(summary.kind)
    if not summary.factor_code:
        return kind
    return _("{document}: {direction}").format(document=kind, direction=summary.factor_code)


def documents_to_act_on(worklist: Sequence[WorklistEntry]) -> list[WorklistEntry]:
    return [entry for entry in worklist if entry.group in ACTED_ON]


def plan_due(entries: Iterable[PlanEntry], today: dt.date) -> list[PlanEntry]:
    """The plan's entries due within ``today``'s month and not done, by due day."""
    first, last = month_bounds(today)
    due = [
        e
        for e in entries
        if e.standing.bucket in (PlanBucket.THIS_MONTH, PlanBucket.OVERDUE)
        and e.standing.due is not None
        and first <= e.standing.due <= last
    ]
    return sorted(due, key=lambda e: (e.standing.due or today, e.document_title, e.number))


def plan_entry(entry: PlanEntry) -> TodayEntry:
    """A plan item: «1.5 Title», how it is the curator's (ведёт, посещает) and why."""
    standing = entry.standing
    late = standing.bucket == PlanBucket.OVERDUE
    relation = relation_label(entry.relation)
    parts = [days_late(standing.days_overdue)] if late else []
    parts.append(f"{relation}: {entry.relation_reason}" if entry.relation_reason else relation)
    step = " · ".join(parts)
    what = f"{entry.number} {entry.title}".strip()
    target = Target(Place.PLAN_ITEM, entry.item_id)
    return TodayEntry(standing.due, "", what, step[:1].upper() + step[1:], target, late)


def event_entry(event: Event, today: dt.date) -> TodayEntry:
    """A planned event: its kind and topic; when (today, its time) and who holds it."""
    what = f"{EventKind.label_for(event.kind)}: {event.topic}".strip(": ")
    late = event.day < today
    parts = [_("Mark whether you attended")] if late else []
    if event.day == today:
        parts.append(_("Today"))
    if event.start_time is not None:
        end = f"–{event.end_time:%H:%M}" if event.end_time is not None else ""
        parts.append(f"{event.start_time:%H:%M}{end}")
    if event.organiser:
        parts.append(event.organiser)
    schools = ", ".join(a.school_name for a in event.analyses if a.school_name)
    target = Target(Place.EVENT, event.id)
    return TodayEntry(event.day, schools, what, " · ".join(parts), target, late)


def unreported_entry(visit: UnreportedVisit) -> TodayEntry:
    target = Target(Place.VISIT, visit.id, visit.school_id)
    what = visit_what(visit.visit_type, visit.purpose)
    return TodayEntry(visit.day, visit.school, what, _("Generate its report"), target)
