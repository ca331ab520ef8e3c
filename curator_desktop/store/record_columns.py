"""Selecting a read record's columns in its field order, so each row builds it positionally.

``Record(*row)`` costs a fraction of filling it by name from an ORM object, and the select is
derived from the record, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def record_columns(record_type: type, table: Any, **sources: Any) -> list[Any]:
    """The columns of ``table`` named like the dataclass ``record_type``'s fields, in field
    order; ``sources`` gives a column or expression for fields read elsewhere."""
    names = [f.name for f in fields(record_type) if f.init]
    return [sources[name] if name in sources else table.c[name] for name in names]
