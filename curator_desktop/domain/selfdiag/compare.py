"""Two rounds of one school compared: per direction level and points then → now, the deficits
closed, new and kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from curator_desktop.domain.selfdiag.levels import Level
from curator_desktop.domain.selfdiag.records import Deficit, SelfdiagRound


@dataclass(frozen=True)
class DirectionChange:
    """One direction in both rounds (a side is None when that round has no result for it)."""

    direction: str
    level_before: Level | None
    level_after: Level | None
    points_before: int | None
    points_after: int | None
    maximum_before: int | None = None
    maximum_after: int | None = None

    @property
    def points_delta(self) -> int | None:
        if self.points_before is None or self.points_after is None:
            return None
        return self.points_after - self.points_before

    @property
    def level_delta(self) -> int | None:
        """Levels gained (negative: lost); None when a side has no level."""
        if self.level_before is None or self.level_after is None:
            return None
        return self.level_after.rank - self.level_before.rank


@dataclass(frozen=True)
class RoundComparison:
    """``before`` and ``after`` compared (``after`` is the later round)."""

    before: SelfdiagRound
    after: SelfdiagRound
    directions: tuple[DirectionChange, ...]
    closed: tuple[Deficit, ...]
    """Deficits of ``before`` that ``after`` no longer has."""
    new: tuple[Deficit, ...]
    """Deficits of ``after`` that ``before`` did not have."""
    kept: tuple[Deficit, ...]
    """Deficits of both (as ``after`` records them)."""

    @property
    def total(self) -> DirectionChange:
        return DirectionChange(
            "total",
            self.before.overall_level,
            self.after.overall_level,
            self.before.total_points,
            self.after.total_points,
            self.before.total_maximum,
            self.after.total_maximum,
        )


def compare_rounds(
    before: SelfdiagRound, after: SelfdiagRound, order: Sequence[str] = ()
) -> RoundComparison:
    """``before`` and ``after`` compared; they are swapped when ``before`` is the later round.
    Directions come in ``order`` (the catalog's), then any other either round has."""
    if before.round_date > after.round_date:
        before, after = after, before
    codes = list(order)
    for result in (*before.results, *after.results):
        if result.direction not in codes:
            codes.append(result.direction)
    changes = []
    for code in codes:
        then, now = before.result(code), after.result(code)
        if then is None and now is None:
            continue
        changes.append(
            DirectionChange(
                code,
                then.level if then else None,
                now.level if now else None,
                then.points if then else None,
                now.points if now else None,
                then.maximum if then else None,
                now.maximum if now else None,
            )
        )
    old = {d.key: d for d in before.deficits}
    current = {d.key: d for d in after.deficits}
    return RoundComparison(
        before=before,
        after=after,
        directions=tuple(changes),
        closed=tuple(d for k, d in old.items() if k not in current),
        new=tuple(d for k, d in current.items() if k not in old),
        kept=tuple(d for k, d in current.items() if k in old),
    )
