"""The levels of the self-diagnosis and the two kinds of direction it is scored across."""

from __future__ import annotations

from curator_desktop.domain.enums import LabelledEnum
from curator_desktop.i18n import NP_


class Level(LabelledEnum):
    """A school's level, overall or in one direction (ниже базового … высокий)."""

    BELOW_BASE = "below_base"
    BASE = "base"
    MEDIUM = "medium"
    HIGH = "high"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "below_base": NP_("selfdiag level", "Below base"),
            "base": NP_("selfdiag level", "Base"),
            "medium": NP_("selfdiag level", "Medium"),
            "high": NP_("selfdiag level", "High"),
        }

    @property
    def rank(self) -> int:
        """0 for below base … 3 for high, for comparing and charting levels."""
        return LEVEL_ORDER.index(self)


LEVEL_ORDER: tuple[Level, ...] = (Level.BELOW_BASE, Level.BASE, Level.MEDIUM, Level.HIGH)
"""The levels from the lowest up."""


class DirectionKind(LabelledEnum):
    """A magistral direction (магистральное направление) or a key condition (ключевое
    условие)."""

    MAGISTRAL = "magistral"
    KEY_CONDITION = "key_condition"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "magistral": NP_("selfdiag direction kind", "Magistral direction"),
            "key_condition": NP_("selfdiag direction kind", "Key condition"),
        }


def level_rank(value: str | None) -> int | None:
    """The rank of a stored level code (None: no level or a code from a newer version)."""
    try:
        return Level(value).rank if value else None
    except ValueError:
        return None
