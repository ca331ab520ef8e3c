"""The region summary as JSON (``region summary --json``): objects ``schools``, ``curators`` and
``totals``, dates «YYYY-MM-DD», the newest record's time ISO-8601 in UTC, flags with their code
and reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

from curator_desktop.domain.region.summary import RegionCurator, RegionSchool, RegionSummary


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if hasattr(value, "code") and hasattr(value, "reason"):
        return {"code": value.code, "reason": value.reason}
    return value


def row_json(row: RegionSchool | RegionCurator) -> dict[str, Any]:
    """A school's or a curator's row as a JSON object (its fields, and whether it is behind)."""
    data = {f.name: _value(getattr(row, f.name)) for f in fields(row)}
    data["behind"] = row.behind
    return data


def summary_json(summary: RegionSummary) -> dict[str, Any]:
    """The whole summary as one JSON object."""
    return {
        "as_of": summary.as_of.isoformat(),
        "year": summary.year,
        "schools": [row_json(school) for school in summary.schools],
        "curators": [row_json(curator) for curator in summary.curators],
        "totals": dict(summary.totals),
    }
