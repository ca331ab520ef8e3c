"""Rules of the risk profile that do not depend on storage."""

from __future__ import annotations

from curator_desktop.domain.enums import RiskLevel, Verdict


def effective_level(
    questionnaire: str | None, verdict: str | None, adjusted: str | None
) -> str | None:
    """The level after verification: the adjusted level, the confirmed one, or none if rejected.

    ``None`` means not verified yet.
    """
    if verdict == Verdict.CONFIRMED:
        return questionnaire
    if verdict == Verdict.ADJUSTED:
        return adjusted
    if verdict == Verdict.REJECTED:
        return RiskLevel.NONE.value
    return None


def highest_level(levels: list[str | None]) -> str | None:
    """The highest of several levels (``None`` entries ignored; ``None`` if nothing is known)."""
    known = [RiskLevel(level) for level in levels if level]
    if not known:
        return None
    return max(known, key=lambda level: level.rank).value
