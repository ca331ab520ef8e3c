"""Закрепление: which curator is assigned to which school, from which date.

A coordinator's list names the curator as written («Соколова М. В.» or «Соколова Марина
Викторовна»); a curator's package names the person by the full name of their profile. Both are
the same person when the surname and the initials agree (:func:`person_key`), so an assignment is
identified by its school and that key (:func:`assignment_id`): the coordinator's list and the
curator's own store give the same record the same id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.field_rules import dates_problems
from curator_desktop.domain.identity import derived_id
from curator_desktop.i18n import _

MAX_NAME_CHARS = 200
"""A curator's name as a list writes it (a full name is well under this)."""

_PARTS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def person_key(name: str | None) -> str:
    """The surname and initials of ``name``, case and «ё» folded: «Соколова Марина Викторовна»,
    «Соколова М.В.» and «соколова м. в.» all give «соколова м в»; "" for no name."""
    words = _PARTS.findall((name or "").casefold().replace("ё", "е"))
    if not words:
        return ""
    surname, *given = words
    return " ".join([surname, *(word[0] for word in given[:2])])


def names_agree(first: str | None, second: str | None) -> bool:
    """Whether two spellings of a name are one person (same surname and initials)."""
    key = person_key(first)
    return bool(key) and key == person_key(second)


def assignment_id(school_id: str, curator_name: str) -> str:
    """The id of the assignment of the curator named ``curator_name`` to the school
    ``school_id`` (its record id). Part of the exchange contract: never change it."""
    return derived_id("school_assignment", school_id, person_key(curator_name))


def checked_curator_name(name: str | None) -> str:
    """``name`` with whitespace folded; a :class:`ValidationError` when it is no name (no
    letters) or longer than :data:`MAX_NAME_CHARS`."""
    text = " ".join((name or "").split())
    if not person_key(text):
        raise ValidationError(
            _("The curator's name «{name}» has no letters.").format(name=text),
            field="curator_name",
        )
    if len(text) > MAX_NAME_CHARS:
        raise ValidationError(
            _("The curator's name is longer than {limit} characters.").format(limit=MAX_NAME_CHARS),
            field="curator_name",
        )
    return text


def is_current(assigned_from: dt.date, assigned_until: dt.date | None, day: dt.date) -> bool:
    """Whether an assignment from ``assigned_from`` (until ``assigned_until``, exclusive)
    holds on ``day``."""
    return assigned_from <= day and (assigned_until is None or day < assigned_until)


def assignment_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """A stored ``school_assignment``: the curator's name as :func:`checked_curator_name` takes
    it, dates in the years the app works with, the end (exclusive) not before the start."""
    problems: dict[str, str] = {}
    try:
        checked_curator_name(values.get("curator_name"))
    except ValidationError as exc:
        problems["curator_name"] = exc.user_message
    start, until = values.get("assigned_from"), values.get("assigned_until")
    problems.update(dates_problems(values, ("assigned_from", "assigned_until")))
    ordered = start is None or until is None or until >= start
    if "assigned_until" not in problems and not ordered:
        problems["assigned_until"] = _("The period must not end before it begins.")
    return problems
