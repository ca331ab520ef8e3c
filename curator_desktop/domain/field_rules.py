"""Rules of single fields that every kind of record shares: a code from a list, a text of
bounded length, a date or a year the app can work with, a whole number within bounds.

Each check returns the translated problem, or None when the value may be stored. The feature
rules (:mod:`.visits.rules`, :mod:`.catalogs.records` …) are built from these, so a form, a
service and an exchange import refuse the same values with the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from curator_desktop.i18n import _, format_date, ngettext

FIRST_YEAR, LAST_YEAR = 2000, 2100
"""The years a record may be dated in (a date field's calendar, a cycle year, a roadmap's)."""
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
NAME_LENGTH = 1_000
"""A name, title, position or other one-line text."""
TEXT_LENGTH = 100_000
"""A note, justification, description or other long text."""
SHOWN = 40
"""A value quoted in a message is cut to this many characters."""

Problems = dict[str, str]
"""Field → translated problem (empty: the record may be stored)."""


def shown(value: Any) -> str:
    """A value as quoted in a message: on one line, at most :data:`SHOWN` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def is_whole(value: Any) -> bool:
    """An int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def choice_problem(value: Any, allowed: Collection[str], *, optional: bool = False) -> str | None:
    """``value`` must be one of the stored codes ``allowed`` (or None when ``optional``)."""
    if value is None and optional:
        return None
    if isinstance(value, str) and value in allowed:
        return None
    return _("“{value}” is not allowed; expected one of: {allowed}.").format(
        value=shown(value), allowed=", ".join(allowed)
    )


def text_problem(value: Any, limit: int = TEXT_LENGTH, *, required: bool = False) -> str | None:
    """A text (None counts as empty) of at most ``limit`` characters, not blank if ``required``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        return _("must be {expected}.").format(expected=_("a text in quotes"))
    if len(value) > limit:
        return ngettext("At most {n} character.", "At most {n} characters.", limit).format(n=limit)
    if required and not value.strip():
        return _("must not be empty.")
    return None


def date_problem(value: dt.date | None) -> str | None:
    """A date (or none) within the years the app works with."""
    if value is None or FIRST_DAY <= value <= LAST_DAY:
        return None
    return _("Enter a date from {first} to {last}.").format(
        first=format_date(FIRST_DAY), last=format_date(LAST_DAY)
    )


def year_problem(value: Any, *, optional: bool = False) -> str | None:
    """A whole year within the years the app works with (or None when ``optional``)."""
    if value is None and optional:
        return None
    if is_whole(value) and FIRST_YEAR <= value <= LAST_YEAR:
        return None
    return _("Enter a year from {first} to {last}.").format(first=FIRST_YEAR, last=LAST_YEAR)


def number_problem(
    value: Any, *, low: int = 0, high: int | None = None, optional: bool = False
) -> str | None:
    """A whole number from ``low`` to ``high`` (or None when ``optional``)."""
    if value is None and optional:
        return None
    if not is_whole(value):
        return _("must be a whole number.")
    if value < low:
        return (
            _("The number cannot be negative.")
            if low == 0
            else _("must be at least {limit}.").format(limit=low)
        )
    if high is not None and value > high:
        return _("must be at most {limit}.").format(limit=high)
    return None


def texts_problems(values: Mapping[str, Any], limits: Mapping[str, int]) -> Problems:
    """The texts among ``values`` (field → its limit in ``limits``) that are too long."""
    problems: Problems = {}
    for name, limit in limits.items():
        if name in values:
            problem = text_problem(values[name], limit)
            if problem:
                problems[name] = problem
    return problems


def dates_problems(values: Mapping[str, Any], names: Collection[str]) -> Problems:
    """The dates among ``values`` (the fields ``names``) outside the years the app works with."""
    problems: Problems = {}
    for name in names:
        problem = date_problem(values.get(name))
        if problem:
            problems[name] = problem
    return problems


def collect(problems: Problems, **checks: str | None) -> Problems:
    """``problems`` with every check that found something added (the first per field kept)."""
    for name, problem in checks.items():
        if problem and name not in problems:
            problems[name] = problem
    return problems
