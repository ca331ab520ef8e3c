"""The one rule for a cell's text in a written table: it never starts a formula."""

from __future__ import annotations

from typing import TypeVar

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP, «CSV Injection»)."""

QUOTE = "'"

T = TypeVar("T")


def neutralise(value: T) -> T | str:
    """``value`` safe to put in a cell: text starting with one of :data:`FORMULA_TRIGGERS` gets a
    leading single quote (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``), so Excel and LibreOffice show
    it as text instead of running it; anything else (numbers, dates, other text) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return QUOTE + value
    return value
