"""The curator's plan: when a roadmap item is due, its status, and the list it falls into.

Decisions:

- An item is *due* on the last day of its current range: the first range that has not ended,
  else its last one. A recurring item is due on its next occurrence («2 и 4 среда каждого
  месяца»: the next such Wednesday). An item without a date (undated, not understood) has no
  due day and sits in «Без срока».
- *Done* when the curator marked it done, or when it has links and every linked visit,
  verification or report is fulfilled. *Overdue* when not done and due before today. *Planned*
  otherwise.
- Lists: overdue; this month (due from today to the month's end); upcoming (due later); without
  a date; done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from curator_desktop.domain.enums import LabelledEnum
from curator_desktop.domain.roadmap.deadlines import recurrence_days
from curator_desktop.domain.roadmap.document import DateRange, Deadline, DeadlineKind
from curator_desktop.i18n import NP_


class PlanStatus(LabelledEnum):
    PLANNED = "planned"
    DONE = "done"
    OVERDUE = "overdue"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "planned": NP_("plan status", "Planned"),
            "done": NP_("plan status", "Done"),
            "overdue": NP_("plan status", "Overdue"),
        }


class PlanBucket(LabelledEnum):
    OVERDUE = "overdue"
    THIS_MONTH = "this_month"
    UPCOMING = "upcoming"
    NO_DATE = "no_date"
    DONE = "done"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "overdue": NP_("plan list", "Overdue"),
            "this_month": NP_("plan list", "This month"),
            "upcoming": NP_("plan list", "Upcoming"),
            "no_date": NP_("plan list", "Without a date"),
            "done": NP_("plan list", "Done"),
        }


@dataclass(frozen=True)
class Standing:
    """Where one item stands on a given day."""

    status: PlanStatus
    bucket: PlanBucket
    due: dt.date | None
    current: DateRange | None  # the range the due day ends (None without a date)
    days_overdue: int = 0


def deadline_of(kind: str, ranges: Sequence[Sequence[str]], text: str, rule: str) -> Deadline:
    """A :class:`Deadline` rebuilt from what the store keeps."""
    try:
        deadline_kind = DeadlineKind(kind)
    except ValueError:
        deadline_kind = DeadlineKind.UNPARSED
    parsed = tuple(
        DateRange(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) for start, end in ranges
    )
    return Deadline(text, deadline_kind, parsed, rule)


def due_day(deadline: Deadline, today: dt.date) -> tuple[dt.date | None, DateRange | None]:
    """The day the item is next due (see the module's decisions) and the range it ends."""
    if not deadline.ranges:
        return None, None
    if deadline.kind == DeadlineKind.RECURRING:
        days = recurrence_days(deadline)
        upcoming = [day for day in days if day >= today]
        day = upcoming[0] if upcoming else (days[-1] if days else deadline.ranges[-1].end)
        current = next((r for r in deadline.ranges if r.contains(day)), deadline.ranges[-1])
        return day, current
    ordered = sorted(deadline.ranges, key=lambda r: (r.end, r.start))
    current = next((r for r in ordered if r.end >= today), ordered[-1])
    return current.end, current


def standing(
    deadline: Deadline,
    today: dt.date,
    *,
    marked_done: bool,
    links_fulfilled: Sequence[bool] = (),
) -> Standing:
    """Status, list and due day of an item on ``today``."""
    due, current = due_day(deadline, today)
    done = marked_done or (bool(links_fulfilled) and all(links_fulfilled))
    if done:
        return Standing(PlanStatus.DONE, PlanBucket.DONE, due, current)
    if due is None:
        return Standing(PlanStatus.PLANNED, PlanBucket.NO_DATE, None, None)
    if due < today:
        return Standing(PlanStatus.OVERDUE, PlanBucket.OVERDUE, due, current, (today - due).days)
    month_end = _month_end(today)
    bucket = PlanBucket.THIS_MONTH if due <= month_end else PlanBucket.UPCOMING
    return Standing(PlanStatus.PLANNED, bucket, due, current)


def _month_end(day: dt.date) -> dt.date:
    following = day.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)
