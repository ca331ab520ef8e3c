"""The schools list kept in memory between keystrokes.

A listing is what a query's filters and order select, each school with its search text: typing
narrows it in memory (about 0.3 ms for 5,000 schools, against 5–6 ms for the store's query),
and the rows read for display are kept, so a school shown once is not read again. A listing is
only valid for the data it was read from: its owner drops it when the data changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from curator_desktop.domain.summaries import SchoolSummary
from curator_desktop.store.repositories.schools import SchoolQuery, SchoolRepository

Rows = list[tuple[str, str]]
"""(id, search text) of schools, in a list's order."""


def narrowed(rows: Rows, words: Sequence[str]) -> Rows:
    """The ``rows`` whose search text holds every word, in their order.

    The same test as the store's search: a plain substring of the folded search text.
    """
    for word in words:
        rows = [row for row in rows if word in row[1]]
    return rows


def refines(words: Sequence[str], earlier: Sequence[str]) -> bool:
    """True when every school ``words`` match was matched by ``earlier`` too (each earlier word
    is part of a new one): typing on narrows the earlier result instead of the whole list."""
    return all(any(old in new for new in words) for old in earlier)


@dataclass
class SchoolListing:
    """The schools of a query without its words, in its order, with the totals a list shows."""

    repository: SchoolRepository
    query: SchoolQuery
    """The query it was read for, its text emptied."""
    today: dt.date
    rows: Rows
    total: int
    """Schools in the list without search and filters (archived ones when shown)."""
    stored: int
    """Schools in the store, archived included."""
    _summaries: dict[str, SchoolSummary] = field(default_factory=dict, repr=False)
    _last: tuple[list[str], Rows] = field(default=([], []), repr=False)
    """The words narrowed last and their rows."""

    @classmethod
    def read(
        cls, repository: SchoolRepository, query: SchoolQuery, today: dt.date | None = None
    ) -> SchoolListing:
        """Read the listing ``query``'s filters and order select (its text is ignored)."""
        today = today or dt.date.today()
        base = replace(query, text="")
        rows = repository.search_texts(base, today=today)
        total = repository.count(include_archived=query.include_archived)
        stored = total if total else repository.count(include_archived=True)
        return cls(repository, base, today, rows, total, stored)

    def serves(self, query: SchoolQuery, today: dt.date | None = None) -> bool:
        """True when ``query`` differs from this listing's only in its text (and it is the
        same day, since the order by next visit depends on the date)."""
        return replace(query, text="") == self.query and (today or dt.date.today()) == self.today

    def ids(self, query: SchoolQuery) -> list[str]:
        """The ids ``query`` shows, in order (``query`` must be served by this listing)."""
        words = query.words
        earlier, found = self._last
        rows = narrowed(found if earlier and refines(words, earlier) else self.rows, words)
        self._last = (words, rows)
        return [row[0] for row in rows]

    def summaries(self, ids: Sequence[str]) -> list[SchoolSummary]:
        """The rows of ``ids`` in that order, each read from the store once per listing;
        unknown or deleted ids are left out."""
        missing = [school_id for school_id in ids if school_id not in self._summaries]
        if missing:
            for row in self.repository.summaries_for(missing, today=self.today):
                self._summaries[row.id] = row
        known = self._summaries
        return [known[school_id] for school_id in ids if school_id in known]
