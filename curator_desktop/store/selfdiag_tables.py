"""The self-diagnosis tables of «Школа Минпросвещения России» (#22): the catalog versions, the
programme per school and year, rounds with their results and deficits, management decisions.

Importable from :mod:`curator_desktop.store.tables` like every other table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field

from curator_desktop.store.record_base import SyncRecord


class SelfdiagCatalog(SyncRecord, table=True):
    """A version of the self-diagnosis catalog (built-in, or a coordinator's file): directions,
    indicators and thresholds as the catalog file holds them (``content``). The id is derived
    from the key and version, so two stores that installed the same file share the record."""

    __tablename__ = "selfdiag_catalog"

    catalog_key: str = Field(index=True)
    version: str = Field(default="")
    title_ru: str = Field(default="")
    title_en: str = Field(default="")
    content: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    source: str = Field(default="builtin")


class SchoolProgramme(SyncRecord, table=True):
    """The programme a school is in in one programme year (the reports' cycle year; a school
    can be in «500+» one year and in «Школа Минпросвещения России» another). A year without a
    record takes the school's own ``programme``. The id is derived from the school and the
    year."""

    __tablename__ = "school_programme"
    __table_args__ = (Index("ix_school_programme_school_year", "school_id", "year"),)

    school_id: str = Field(foreign_key="school.id")
    year: int
    programme: str = Field(default="minpros_school")


class SelfdiagRound(SyncRecord, table=True):
    """One round of a school's self-diagnosis (e.g. November, May) as the methodist recorded
    its results. The id is derived from the school and the round's date."""

    __tablename__ = "selfdiag_round"
    __table_args__ = (Index("ix_selfdiag_round_school_date", "school_id", "round_date"),)

    author_id: str | None = Field(default=None, index=True, max_length=36)
    school_id: str = Field(foreign_key="school.id")
    round_date: dt.date
    label: str = Field(default="")
    source: str = Field(default="")
    school_type: str = Field(default="")
    catalog_key: str = Field(default="")
    catalog_version: str = Field(default="")
    total_points: int | None = None
    total_maximum: int | None = None
    overall_level: str | None = None
    notes: str = Field(default="")


class SelfdiagResult(SyncRecord, table=True):
    """One direction's result in a round: points, maximum, level."""

    __tablename__ = "selfdiag_result"

    round_id: str = Field(foreign_key="selfdiag_round.id", index=True)
    direction: str
    points: int | None = None
    maximum: int | None = None
    level: str | None = None
    sort_order: int = 0


class SelfdiagDeficit(SyncRecord, table=True):
    """An indicator not met in a direction of a round (critical ones marked)."""

    __tablename__ = "selfdiag_deficit"

    round_id: str = Field(foreign_key="selfdiag_round.id", index=True)
    direction: str
    indicator: str = Field(default="")
    text: str = Field(default="")
    critical: bool = Field(default=False)
    sort_order: int = 0


class SelfdiagDecision(SyncRecord, table=True):
    """A management decision (управленческое решение) the school took on a deficit: what, who,
    by when, done or not."""

    __tablename__ = "selfdiag_decision"
    __table_args__ = (Index("ix_selfdiag_decision_school", "school_id", "done"),)

    author_id: str | None = Field(default=None, index=True, max_length=36)
    school_id: str = Field(foreign_key="school.id")
    round_id: str = Field(foreign_key="selfdiag_round.id", index=True)
    deficit_id: str | None = Field(default=None, foreign_key="selfdiag_deficit.id")
    direction: str = Field(default="")
    indicator: str = Field(default="")
    what: str = Field(default="")
    responsible: str = Field(default="")
    deadline: dt.date | None = None
    done: bool = Field(default=False)
    done_on: dt.date | None = None
    notes: str = Field(default="")


SELFDIAG_TABLES: tuple[type[SyncRecord], ...] = (
    SelfdiagCatalog,
    SchoolProgramme,
    SelfdiagRound,
    SelfdiagResult,
    SelfdiagDeficit,
    SelfdiagDecision,
)
"""The self-diagnosis tables, parents before children."""
