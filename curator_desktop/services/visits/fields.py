"""Checking the values the visit editor writes: typed already, so only rules are checked here.

A value of the wrong Python type is a programming error (``ValueError``); a value that breaks a
rule the curator can fix is a :class:`ValidationError` naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.enums import RecommendationStatus
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.field_rules import date_problem
from curator_desktop.domain.visits.rules import (
    next_visit_problem,
    recommendation_status_problem,
    times_problem,
    visit_type_problem,
)
from curator_desktop.i18n import _
from curator_desktop.services.catalogs.builtin import current_catalog_in
from curator_desktop.services.visits.access import text_fields
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import Recommendation, RiskFactor, Visit

VISIT_DATE_FIELDS = frozenset({"planned_date", "actual_date", "next_visit_date"})
VISIT_TIME_FIELDS = frozenset({"start_time", "end_time"})
VISIT_TEXT_FIELDS = frozenset({"purpose", "agenda", "notes"})
RECOMMENDATION_TEXT_FIELDS = frozenset({"text", "responsible", "progress_note"})


def check_date(name: str, value: Any) -> None:
    """``ValueError`` unless ``value`` is a date (not a datetime) or None;
    ``ValidationError(field=name)`` for a date outside the years the app works with."""
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise ValueError(f"{name} must be a date or None, got {type(value).__name__}")
    problem = date_problem(value)
    if problem:
        raise ValidationError(problem, field=name)


def check_visit_type(visit_type: Any) -> None:
    problem = visit_type_problem(visit_type)
    if problem:
        raise ValidationError(problem, field="visit_type")


def visit_values(fields: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    """The fields checked for names and types (texts: None becomes empty); the type's code too."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown visit fields: {sorted(unknown)}")
    values = dict(fields)
    for name, value in fields.items():
        if name in VISIT_DATE_FIELDS:
            check_date(name, value)
        elif name in VISIT_TIME_FIELDS:
            if value is not None and not isinstance(value, dt.time):
                raise ValueError(f"{name} must be a time or None, got {type(value).__name__}")
        elif name in VISIT_TEXT_FIELDS:
            values[name] = text_fields({name: value}, VISIT_TEXT_FIELDS, "visit")[name]
        elif name == "visit_type":
            check_visit_type(value)
    return values


def check_visit_rules(visit: Visit, values: Mapping[str, Any]) -> None:
    """The visit ends after it starts; the next visit is not dated before this one."""

    def current(name: str) -> Any:
        return values[name] if name in values else getattr(visit, name)

    if values.keys() & VISIT_TIME_FIELDS:
        problem = times_problem(current("start_time"), current("end_time"))
        if problem:
            field = "end_time" if "end_time" in values else "start_time"
            raise ValidationError(problem, field=field)
    if values.keys() & VISIT_DATE_FIELDS:
        day = current("actual_date") or current("planned_date")
        problem = next_visit_problem(day, current("next_visit_date"))
        if problem:
            field = next(
                name
                for name in ("next_visit_date", "actual_date", "planned_date")
                if name in values
            )
            raise ValidationError(problem, field=field)


def check_factor_code(session: Session, code: str) -> None:
    """``ValidationError(field="factor_code")`` unless the current catalog has the factor."""
    catalog = current_catalog_in(session)
    if catalog is None:
        return
    known = session.exec(
        select(RiskFactor.id)
        .where(col(RiskFactor.catalog_id) == catalog.id)
        .where(col(RiskFactor.code) == code)
    ).first()
    if known is None:
        raise ValidationError(
            _("Unknown risk factor “{code}”.").format(code=code), field="factor_code"
        )


def recommendation_values(
    session: Session, fields: Mapping[str, Any], allowed: frozenset[str]
) -> dict[str, Any]:
    """Recommendation fields checked: names, types, the status code and the factor code."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown recommendation fields: {sorted(unknown)}")
    texts = {name: v for name, v in fields.items() if name in RECOMMENDATION_TEXT_FIELDS}
    values: dict[str, Any] = dict(text_fields(texts, RECOMMENDATION_TEXT_FIELDS, "recommendation"))
    if "deadline" in fields:
        check_date("deadline", fields["deadline"])
        values["deadline"] = fields["deadline"]
    if "status" in fields:
        problem = recommendation_status_problem(fields["status"])
        if problem:
            raise ValidationError(problem, field="status")
        values["status"] = fields["status"]
    if "factor_code" in fields:
        code = fields["factor_code"] or None
        if code is not None:
            check_factor_code(session, code)
        values["factor_code"] = code
    return values


def apply_recommendation(row: Recommendation, values: Mapping[str, Any], today: dt.date) -> None:
    """Assign the changed fields; closing dates ``closed_on`` today, reopening clears it."""
    values = dict(values)
    status = values.get("status")
    if status is not None and status != row.status:
        if status == RecommendationStatus.OPEN:
            values["closed_on"] = None
        elif row.status == RecommendationStatus.OPEN or row.closed_on is None:
            values["closed_on"] = today
    assign(row, values)
