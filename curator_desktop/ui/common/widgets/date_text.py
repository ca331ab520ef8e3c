"""Dates as a curator types them: «25.12.2026», «25122026», «25.12.26», «25.12» (this year),
«5.1.2027», with dots, slashes, dashes or spaces, or ISO «2026-12-25». No Qt: plain rules."""

from __future__ import annotations

import datetime as dt
import re

DISPLAY_FORMAT = "%d.%m.%Y"
"""How a date field shows its date (and what the placeholder asks for)."""
_SEP = r"[.\-/ ,]"
_SEPARATED = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}})(?:{_SEP}(\d{{2}}|\d{{4}}))?\.?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_FULL = re.compile(
    rf"^(\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}\d{{4}}|\d{{8}}|\d{{4}}-\d{{1,2}}-\d{{1,2}})$"
)
YEARS = (1900, 2199)
"""The years a typed date may fall in (a slip of the finger gives no year 0026)."""


def typed_date(text: str, *, today: dt.date) -> dt.date | None:
    """The date ``text`` means, None when it means none (empty text included). A two-digit year
    is in this century; a date without a year is in ``today``'s year."""
    text = text.strip()
    if match := _ISO.match(text):
        year, month, day = match.groups()
    elif match := _SEPARATED.match(text):
        day, month, year = match.groups()
    elif text.isdigit() and len(text) in (4, 6, 8):
        day, month, year = text[:2], text[2:4], text[4:] or None
    else:
        return None
    number = today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
    if not YEARS[0] <= number <= YEARS[1]:
        return None
    try:
        return dt.date(number, int(month), int(day))
    except ValueError:
        return None


def is_full(text: str) -> bool:
    """Whether ``text`` is a whole date with a four-digit year, nothing more to type: such a
    date is taken while typing, shorter forms when the field is left."""
    return bool(_FULL.match(text.strip()))


def shown_date(value: dt.date | None) -> str:
    """The text a date field shows for ``value`` (empty for no date)."""
    return value.strftime(DISPLAY_FORMAT) if value else ""
