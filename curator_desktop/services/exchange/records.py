"""Synced records as JSON objects, and the order their tables are written and applied in.

A record is its table's columns as JSON values: datetimes ISO-8601 in UTC with a «Z», dates
«YYYY-MM-DD», times «HH:MM:SS», JSON columns as they are. Parents come before children in
``TABLE_ORDER`` so applying in that order never breaks a foreign key.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Time
from sqlmodel import SQLModel

from curator_desktop.store import tables
from curator_desktop.store.types import UtcDateTime

SYNCED_TABLES: tuple[type[SQLModel], ...] = (
    tables.CuratorProfile,
    tables.RiskCatalog,
    tables.RiskFactor,
    tables.School,
    tables.RiskAssessment,
    tables.ChecklistTemplate,
    tables.Visit,
    tables.VisitParticipant,
    tables.LessonObservation,
    tables.ChecklistAnswer,
    tables.VisitFinding,
    tables.Recommendation,
    tables.DocumentReview,
    tables.Attachment,
    tables.RiskEvidence,
    tables.GeneratedReport,
    tables.RoadmapDocument,
    tables.RoadmapItem,
    tables.RoadmapLink,
)
"""Every synced table, parents before children."""

TABLE_ORDER: tuple[str, ...] = tuple(model.__tablename__ for model in SYNCED_TABLES)  # type: ignore[attr-defined]
MODELS: dict[str, type[SQLModel]] = dict(zip(TABLE_ORDER, SYNCED_TABLES, strict=True))
HISTORY_TABLE = "change_log"
"""The append-only history travels too (rows are deduplicated by id)."""


def _columns(model: type[SQLModel]) -> dict[str, Any]:
    return {column.name: column.type for column in model.__table__.columns}  # type: ignore[attr-defined]


def to_json(record: SQLModel) -> dict[str, Any]:
    """A stored record as a JSON object of its columns."""
    result: dict[str, Any] = {}
    for name, kind in _columns(type(record)).items():
        value = getattr(record, name)
        if value is None:
            result[name] = None
        elif isinstance(kind, UtcDateTime):
            result[name] = value.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"
        elif isinstance(kind, Date | Time):
            result[name] = value.isoformat()
        else:
            result[name] = value
    return result


def from_json(table: str, data: dict[str, Any]) -> dict[str, Any]:
    """Column values for ``table`` from a JSON object (unknown keys are left out; a value of the
    wrong form raises ``ValueError``)."""
    values: dict[str, Any] = {}
    for name, kind in _columns(MODELS.get(table, tables.ChangeLog)).items():
        if name not in data:
            continue
        value = data[name]
        if value is not None and isinstance(kind, UtcDateTime):
            value = dt.datetime.fromisoformat(str(value).removesuffix("Z")).replace(tzinfo=dt.UTC)
        elif value is not None and isinstance(kind, Date):
            value = dt.date.fromisoformat(value)
        elif value is not None and isinstance(kind, Time):
            value = dt.time.fromisoformat(value)
        values[name] = value
    return values
