"""The days of a recurring event within a range, from the recurrence rule the roadmap's deadline
parser gives (``weekly:wed``, ``monthly:wed:2,4``, ``weekly`` …; see
:func:`curator_desktop.domain.roadmap.months.rule_days`)."""

from __future__ import annotations

import datetime as dt

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.roadmap.months import WEEKDAY_CODES, rule_days
from curator_desktop.i18n import _, format_date

MAX_SERIES = 120
"""The most events one series makes (a weekly event over two school years)."""


def series_rule(rule: str, start: dt.date) -> str:
    """The rule a series follows: «еженедельно» without a weekday (``weekly``) repeats on the
    weekday of ``start``; every other rule as it is."""
    if rule == "weekly":
        return f"weekly:{WEEKDAY_CODES[start.weekday()]}"
    return rule


def series_days(rule: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days from ``start`` to ``end`` (both included) the event falls on;
    :class:`ValidationError` for a bad range, an unknown rule, no day or too many days."""
    if not rule:
        raise ValidationError(_("The plan item does not repeat."), field="rule")
    if end < start:
        raise ValidationError(_("The range ends before it starts."), field="end")
    days = rule_days(series_rule(rule, start), start, end)
    if not days:
        raise ValidationError(
            _("The repeat falls on no day from {start} to {end}.").format(
                start=format_date(start), end=format_date(end)
            ),
            field="end",
        )
    if len(days) > MAX_SERIES:
        raise ValidationError(
            _("That makes {n} events; choose a range of at most {limit}.").format(
                n=len(days), limit=MAX_SERIES
            ),
            field="end",
        )
    return days
