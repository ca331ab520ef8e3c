"""SQL pieces the list repositories share: a word search, a code's workflow order, and order
keys that follow the direction the user asked for."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from sqlalchemy import case, func


def contains(column: Any, word: str) -> Any:
    """``word`` occurs in ``column``: a plain substring test (``instr``), so «%» and «_» typed
    by the user match only themselves."""
    return func.instr(column, word) > 0


def ranked(column: Any, enum: type[Enum]) -> Any:
    """A code's position in its enum (the order of the workflow); unknown codes last."""
    order = {member.value: index for index, member in enumerate(enum)}
    return case(order, value=column, else_=len(order))


def directed(keys: Sequence[tuple[Any, bool]], descending: bool) -> list[Any]:
    """ORDER BY clauses of ``[(expression, follows the direction)]``: the keys that follow are
    reversed when ``descending``; the others (e.g. "no value last" flags) keep their order."""
    return [(key.desc() if descending else key.asc()) if follows else key for key, follows in keys]
