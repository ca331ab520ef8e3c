"""Synced records as JSON objects, and the order their tables are written and applied in.

A record is its table's columns as JSON values: datetimes ISO-8601 in UTC with a «Z», dates
«YYYY-MM-DD», times «HH:MM:SS», JSON columns as they are. Parents come before children in
``TABLE_ORDER`` so applying in that order never breaks a foreign key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Date, Time
from sqlmodel import SQLModel

from curator_desktop.store import tables
from curator_desktop.store.types import UtcDateTime

SYNCED_TABLES: tuple[type[SQLModel], ...] = (
    tables.CuratorProfile,
    tables.RiskCatalog,
    tables.RiskFactor,
    tables.School,
    tables.SchoolAssignment,
    tables.RiskAssessment,
    tables.ChecklistTemplate,
    tables.Visit,
    tables.VisitParticipant,
    tables.LessonObservation,
    tables.ChecklistAnswer,
    tables.VisitFinding,
    tables.Recommendation,
    tables.SchoolDocument,
    tables.DocumentVersion,
    tables.DocumentReview,
    tables.ConfirmationDocument,
    tables.Attachment,
    tables.RiskEvidence,
    tables.GeneratedReport,
    tables.RoadmapDocument,
    tables.RoadmapItem,
    tables.RoadmapLink,
    *tables.SELFDIAG_TABLES,
    *tables.EVENT_TABLES,
)
"""Every synced table, parents before children."""

TABLE_ORDER: tuple[str, ...] = tuple(model.__tablename__ for model in SYNCED_TABLES)  # type: ignore[attr-defined]
MODELS: dict[str, type[SQLModel]] = dict(zip(TABLE_ORDER, SYNCED_TABLES, strict=True))
HISTORY_TABLE = "change_log"
"""The append-only history travels too (rows are deduplicated by id)."""


@cache
def _columns(model: type[SQLModel]) -> dict[str, Any]:
    return {column.name: column.type for column in model.__table__.columns}  # type: ignore[attr-defined]


def _json_value(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(kind, UtcDateTime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"
    if isinstance(kind, Date | Time):
        return value.isoformat()
    return value


def to_json(record: SQLModel) -> dict[str, Any]:
    """A stored record as a JSON object of its columns."""
    return {
        name: _json_value(kind, getattr(record, name))
        for name, kind in _columns(type(record)).items()
    }


def row_to_json(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row read with a Core ``select`` of the table (column name → value) as JSON, like
    :func:`to_json` of the same record (no ORM object is built)."""
    return {
        name: _json_value(kind, row[name])
        for name, kind in _columns(MODELS.get(table, tables.ChangeLog)).items()
    }


def _renamed(table: str, data: dict[str, Any]) -> dict[str, Any]:
    """A record of a package written before a column was renamed, as the store reads it now:
    a roadmap item's one flag (before #23) becomes its relation (marked: leads), the curator's
    own mark the curator's own relation."""
    if table == "roadmap_item" and "relation" not in data and "concerns_curator" in data:
        relation = "lead" if data["concerns_curator"] else "none"
        return {
            **data,
            "relation": relation,
            "relation_set_by_user": bool(data.get("curator_flag_set_by_user")),
        }
    return data


def from_json(table: str, data: dict[str, Any]) -> dict[str, Any]:
    """Column values for ``table`` from a JSON object (unknown keys are left out; a value of the
    wrong form raises ``ValueError``; a package's older column names are read as the new)."""
    data = _renamed(table, data)
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


@cache
def _defaults(model: type[SQLModel]) -> tuple[dict[str, Any], dict[str, Callable[[], Any]]]:
    """The model's column defaults: plain values, and factories called for each row."""
    values: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    for name in _columns(model):
        info = model.model_fields.get(name)
        if info is None:
            values[name] = None
        elif info.default_factory is not None:
            factories[name] = info.default_factory  # type: ignore[assignment]
        elif info.default is PydanticUndefined:
            values[name] = None  # required: the package's schema makes sure it is there
        else:
            values[name] = info.default
    return values, factories


def complete_row(table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every column of ``table``: ``values`` (as :func:`from_json` gives them), the model's
    defaults for the others (what building the model object would give), for a Core insert."""
    plain, factories = _defaults(MODELS.get(table, tables.ChangeLog))
    row = {**plain, **values}
    for name, factory in factories.items():
        if name not in values:
            row[name] = factory()
    return row


def with_defaults(table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` (as :func:`from_json` gives them) with the plain defaults of the columns they
    lack (a column whose default is made per row, such as a list, stays absent): what a rule
    checks of a record that left out optional keys."""
    plain, _factories = _defaults(MODELS.get(table, tables.ChangeLog))
    return {**plain, **values}
