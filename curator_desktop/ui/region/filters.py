"""The overview's filters as one value, and the predicate it stands for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from curator_desktop.domain.region.summary import RegionSchool


@dataclass(frozen=True)
class SchoolFilter:
    """None (or False) for a filter not set."""

    municipality: str | None = None
    curator: str | None = None
    programme: str | None = None
    behind: bool = False

    def predicate(self) -> Callable[[RegionSchool], bool] | None:
        """The test a row must pass; None when nothing is filtered."""
        municipality, curator, programme, behind = (
            self.municipality,
            self.curator,
            self.programme,
            self.behind,
        )
        if municipality is None and curator is None and programme is None and not behind:
            return None

        def accepts(row: RegionSchool) -> bool:
            return (
                (municipality is None or row.municipality == municipality)
                and (curator is None or curator in row.curators)
                and (programme is None or row.programme == programme)
                and (not behind or bool(row.flags))
            )

        return accepts
