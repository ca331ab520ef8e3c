"""«Школа Минпросвещения России»: the self-diagnosis catalog, rounds, deficits, decisions, and
two rounds compared. Pure Python (no Qt, no SQL)."""

from curator_desktop.domain.selfdiag.catalog import (
    FORMAT,
    TOTAL,
    CatalogSource,
    Direction,
    Indicator,
    SelfdiagCatalog,
    Thresholds,
    school_year_of,
)
from curator_desktop.domain.selfdiag.catalog_file import parse_catalog
from curator_desktop.domain.selfdiag.compare import DirectionChange, RoundComparison, compare_rounds
from curator_desktop.domain.selfdiag.levels import LEVEL_ORDER, DirectionKind, Level, level_rank
from curator_desktop.domain.selfdiag.records import (
    Decision,
    Deficit,
    DirectionResult,
    SelfdiagRound,
    deficit_id,
    programme_year_id,
    result_id,
    round_id,
)

__all__ = [
    "FORMAT",
    "LEVEL_ORDER",
    "TOTAL",
    "CatalogSource",
    "Decision",
    "Deficit",
    "Direction",
    "DirectionChange",
    "DirectionKind",
    "DirectionResult",
    "Indicator",
    "Level",
    "RoundComparison",
    "SelfdiagCatalog",
    "SelfdiagRound",
    "Thresholds",
    "compare_rounds",
    "deficit_id",
    "level_rank",
    "parse_catalog",
    "programme_year_id",
    "result_id",
    "round_id",
    "school_year_of",
]
