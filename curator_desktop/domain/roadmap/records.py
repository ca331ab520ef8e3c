"""The rules a stored roadmap and its items meet: what the roadmap importer writes
(:func:`deadline_columns`) is what these accept, and
the plan can always rebuild an item's deadline from it (:func:`..plan.schedule.deadline_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    TEXT_LENGTH,
    Problems,
    choice_problem,
    collect,
    date_problem,
    dates_problems,
    number_problem,
    texts_problems,
    year_problem,
)
from curator_desktop.domain.roadmap.document import Deadline, DeadlineKind
from curator_desktop.domain.roadmap.relation import Relation
from curator_desktop.i18n import _

DOCUMENT_TEXTS = {
    "title": TEXT_LENGTH,
    "issuer": TEXT_LENGTH,
    "order_number": NAME_LENGTH,
    "source_file_name": NAME_LENGTH,
}
ITEM_TEXTS = {
    "number": NAME_LENGTH,
    "section": TEXT_LENGTH,
    "title": TEXT_LENGTH,
    "description": TEXT_LENGTH,
    "deadline_text": TEXT_LENGTH,
    "recurrence": NAME_LENGTH,
    "responsible": TEXT_LENGTH,
    "indicator": TEXT_LENGTH,
    "control": TEXT_LENGTH,
}
ITEM_STATUSES = ("planned", "done")
"""An item's own status: marked done by the curator, or not (overdue is worked out)."""
MAX_EDITION = 10_000
_KINDS = tuple(kind.value for kind in DeadlineKind)
_RELATIONS = tuple(relation.value for relation in Relation)


def _legend_problem(legend: Any) -> str | None:
    """A legend is an object of abbreviation → its meaning, both texts."""
    if legend is None:
        return None
    if not isinstance(legend, Mapping) or not all(
        isinstance(value, str) and len(value) <= TEXT_LENGTH for value in legend.values()
    ):
        return _("must be {expected}.").format(expected=_("an object {…}"))
    return None


def document_problems(values: Mapping[str, Any]) -> Problems:
    """A ``roadmap_document`` record: year and order date in range, an edition from 1, a
    legend of texts, texts not too long."""
    problems = texts_problems(values, DOCUMENT_TEXTS)
    problems.update(dates_problems(values, ("order_date",)))
    return collect(
        problems,
        year=year_problem(values.get("year"), optional=True),
        edition=number_problem(values.get("edition", 1), low=1, high=MAX_EDITION),
        legend=_legend_problem(values.get("legend")),
    )


def ranges_problem(ranges: Any) -> str | None:
    """Deadline ranges as stored: a list of ``["YYYY-MM-DD", "YYYY-MM-DD"]`` pairs, each in the
    years the app works with and not ending before it begins."""
    if ranges is None:
        return None
    expected = _("must be {expected}.").format(expected=_("a list […]"))
    if not isinstance(ranges, list):
        return expected
    for pair in ranges:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(d, str) for d in pair)
        ):
            return expected
        try:
            start, end = dt.date.fromisoformat(pair[0]), dt.date.fromisoformat(pair[1])
        except ValueError:
            return expected
        problem = date_problem(start) or date_problem(end)
        if problem:
            return problem
        if end < start:
            return _("The period must not end before it begins.")
    return None


def item_problems(values: Mapping[str, Any]) -> Problems:
    """A ``roadmap_item`` record: a known deadline kind, status and relation, deadline ranges
    the plan can read, dates in range (the first deadline day not after the last), texts not
    too long."""
    problems = texts_problems(values, ITEM_TEXTS)
    problems.update(dates_problems(values, ("deadline_start", "deadline_end", "done_on")))
    start, end = values.get("deadline_start"), values.get("deadline_end")
    order = None
    if start is not None and end is not None and end < start:
        order = _("The period must not end before it begins.")
    return collect(
        problems,
        deadline_kind=choice_problem(values.get("deadline_kind", "unparsed"), _KINDS),
        deadline_ranges=ranges_problem(values.get("deadline_ranges")),
        deadline_end=order,
        status=choice_problem(values.get("status", "planned"), ITEM_STATUSES),
        relation=choice_problem(values.get("relation", "none"), _RELATIONS),
        sort_order=number_problem(values.get("sort_order", 0), low=-(2**31)),
    )


def deadline_columns(deadline: Deadline) -> dict[str, Any]:
    """The item columns that hold a parsed deadline."""
    return {
        "deadline_text": deadline.text,
        "deadline_kind": deadline.kind.value,
        "deadline_ranges": [[r.start.isoformat(), r.end.isoformat()] for r in deadline.ranges],
        "deadline_start": deadline.first_day,
        "deadline_end": deadline.last_day,
        "recurrence": deadline.recurrence,
    }
