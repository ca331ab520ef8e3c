"""The rules a visit and its records meet, whoever writes them: the visit editor (through
:mod:`curator_desktop.services.visits`) and an exchange import call the same functions.

The ``*_problems`` functions take a record's columns (column → value, typed: dates as dates)
and return field → translated problem, empty when the record may be stored. The single rules
they are made of (:func:`visit_type_problem`, :func:`times_problem` …) are what the editor checks
one field at a time. A checklist answer is checked against the checklist it answers by
:func:`curator_desktop.domain.checklists.items.answer_problem`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.catalogs.records import snapshot_problems
from curator_desktop.domain.enums import RecommendationStatus, VisitStatus, VisitType
from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    TEXT_LENGTH,
    Problems,
    choice_problem,
    collect,
    dates_problems,
    number_problem,
    shown,
    text_problem,
    texts_problems,
)
from curator_desktop.i18n import _

TEXT_LIMITS: dict[str, int] = {
    "full_name": NAME_LENGTH,
    "position": NAME_LENGTH,
    "role": NAME_LENGTH,
    "teacher": NAME_LENGTH,
    "subject": NAME_LENGTH,
    "class_name": NAME_LENGTH,
    "topic": NAME_LENGTH,
    "lesson_type": NAME_LENGTH,
    "responsible": NAME_LENGTH,
    "factor_code": NAME_LENGTH,
    "item_key": NAME_LENGTH,
    "file_name": NAME_LENGTH,
    "mime_type": NAME_LENGTH,
    "owner_id": NAME_LENGTH,
}
"""The longest text of each one-line field of the visit's records; the others (purpose,
agenda, notes, comments, findings, recommendations) take :data:`TEXT_LENGTH`."""
VISIT_TEXTS = ("purpose", "agenda", "notes")
VISIT_DATES = ("planned_date", "actual_date", "next_visit_date")
PARTICIPANT_TEXTS = ("full_name", "position", "role")
LESSON_TEXTS = ("teacher", "subject", "class_name", "topic", "purpose", "lesson_type", "notes")
RECOMMENDATION_TEXTS = ("text", "responsible", "progress_note")
ATTACHMENT_TEXTS = ("file_name", "mime_type", "owner_id", "caption")
ATTACHMENT_OWNERS = ("visit", "answer", "lesson", "document_version", "confirmation", "event")
"""What an attachment can belong to: the visit, one checklist answer, an observed lesson; a
version of a school document or a confirmation document (:mod:`..documents`); an event's
materials (:mod:`..events`)."""
MAX_FILE_BYTES = 1 << 40
"""The size an attachment record may claim (1 TiB: the file itself is checked when copied)."""

_VISIT_TYPES = tuple(member.value for member in VisitType)
_VISIT_STATUSES = tuple(member.value for member in VisitStatus)
_RECOMMENDATION_STATUSES = tuple(member.value for member in RecommendationStatus)


def text_limit(name: str) -> int:
    """The longest text the field ``name`` of a visit's record takes."""
    return TEXT_LIMITS.get(name, TEXT_LENGTH)


@functools.cache
def _limits(names: tuple[str, ...]) -> dict[str, int]:
    return {name: text_limit(name) for name in names}


def _texts(values: Mapping[str, Any], names: tuple[str, ...]) -> Problems:
    return texts_problems(values, _limits(names))


def visit_type_problem(value: Any) -> str | None:
    """The visit type must be one of :class:`VisitType`."""
    if isinstance(value, str) and value in _VISIT_TYPES:
        return None
    return _("Unknown visit type “{type}”.").format(type=shown(value))


def times_problem(start: dt.time | None, end: dt.time | None) -> str | None:
    """The visit ends after it starts (when both times are given)."""
    if start is not None and end is not None and end <= start:
        return _("The visit must end after it starts.")
    return None


def next_visit_problem(day: dt.date | None, following: dt.date | None) -> str | None:
    """The next visit is not dated before this one (``day``: its actual, else planned date)."""
    if day is not None and following is not None and following < day:
        return _("The next visit cannot be dated before this visit.")
    return None


def recommendation_status_problem(value: Any) -> str | None:
    """A recommendation's status must be one of :class:`RecommendationStatus`."""
    if isinstance(value, str) and value in _RECOMMENDATION_STATUSES:
        return None
    return _("Unknown recommendation status “{status}”.").format(status=shown(value))


def visit_problems(values: Mapping[str, Any]) -> Problems:
    """A ``visit`` record: type and status known, dates in range, the end after the start, the
    next visit not before this one, the checklist snapshot a valid template, texts not too long."""
    problems = _texts(values, VISIT_TEXTS)
    problems.update(dates_problems(values, VISIT_DATES))
    day = values.get("actual_date") or values.get("planned_date")
    problems.update(snapshot_problems(values))
    return collect(
        problems,
        visit_type=visit_type_problem(values.get("visit_type", VisitType.PLANNED.value)),
        status=choice_problem(values.get("status", VisitStatus.PLANNED.value), _VISIT_STATUSES),
        end_time=times_problem(values.get("start_time"), values.get("end_time")),
        next_visit_date=next_visit_problem(day, values.get("next_visit_date")),
    )


def participant_problems(values: Mapping[str, Any]) -> Problems:
    """A ``visit_participant`` record: texts not too long, a whole sort order."""
    problems = _texts(values, PARTICIPANT_TEXTS)
    return collect(problems, sort_order=number_problem(values.get("sort_order", 0), low=-(2**31)))


def lesson_problems(values: Mapping[str, Any]) -> Problems:
    """A ``lesson_observation`` record: texts not too long, its snapshot a valid template."""
    problems = _texts(values, LESSON_TEXTS)
    problems.update(snapshot_problems(values))
    return collect(problems, sort_order=number_problem(values.get("sort_order", 0), low=-(2**31)))


def answer_record_problems(values: Mapping[str, Any]) -> Problems:
    """What a ``checklist_answer`` record must meet by itself: an item key and a comment of
    bounded length (its value is checked against the checklist: ``answer_problem``)."""
    return collect(
        _texts(values, ("comment",)),
        item_key=text_problem(values.get("item_key"), text_limit("item_key"), required=True),
    )


def finding_problems(values: Mapping[str, Any]) -> Problems:
    """A ``visit_finding`` record: a factor code and a text of bounded length."""
    return collect(
        _texts(values, ("text",)),
        factor_code=text_problem(values.get("factor_code"), NAME_LENGTH, required=True),
    )


def recommendation_problems(values: Mapping[str, Any]) -> Problems:
    """A ``recommendation`` record: status known, dates in range, texts not too long."""
    problems = _texts(values, RECOMMENDATION_TEXTS)
    problems.update(dates_problems(values, ("deadline", "closed_on")))
    return collect(
        problems,
        status=recommendation_status_problem(values.get("status", "open")),
        factor_code=text_problem(values.get("factor_code"), NAME_LENGTH),
    )


def attachment_problems(values: Mapping[str, Any]) -> Problems:
    """An ``attachment`` record: owned by a visit, an answer or a lesson; a size that can be."""
    return collect(
        _texts(values, ATTACHMENT_TEXTS),
        owner_type=choice_problem(values.get("owner_type"), ATTACHMENT_OWNERS),
        size_bytes=number_problem(values.get("size_bytes", 0), high=MAX_FILE_BYTES),
    )
