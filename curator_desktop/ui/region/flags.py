"""How a row's flags show: a text mark beside the colour, and the reasons in a tooltip.

The region service names each flag by a code (``first_visit_overdue``, ``no_package``, …); a
column marks a cell when a flag's code starts with one of the column's prefixes, so the red cell
is the one the reason is about, and its tooltip says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from curator_desktop.domain.region.summary import Flag

MARK = "⚠"
"""Drawn before a flagged row's first cell: the flag is not told by colour alone."""


class Flagged(Protocol):
    @property
    def flags(self) -> tuple[Flag, ...]: ...


def matching(row: Flagged, prefixes: Sequence[str]) -> list[Flag]:
    """The row's flags whose code starts with one of ``prefixes``."""
    return [flag for flag in row.flags if flag.code.startswith(tuple(prefixes))]


def reasons(flags: Sequence[Flag]) -> str:
    """The reasons, one a line."""
    return "\n".join(flag.reason for flag in flags if flag.reason)
