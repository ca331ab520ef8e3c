"""What the visits list is narrowed to: the filter bar's values and the store query's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from curator_desktop.domain.text import normalize_search


@dataclass(frozen=True)
class VisitFilter:
    """Search words and filters of the visits list; empty fields do not filter.

    Every word of ``text`` must occur in the school's search text (names, municipality,
    director, INN), in the purpose, or in the label of the visit's type or status (case and «ё»
    folded). The period bounds are inclusive and apply to the visit's date (the actual one, else
    the planned one).
    """

    text: str = ""
    school_id: str | None = None
    visit_type: str | None = None
    status: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def words(self) -> list[str]:
        return normalize_search(self.text).split()

    @property
    def filtered(self) -> bool:
        """True when it narrows the list (search words or a filter)."""
        return bool(
            self.words
            or self.school_id
            or self.visit_type
            or self.status
            or self.date_from
            or self.date_to
        )
