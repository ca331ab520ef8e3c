"""The report service's queries: generated reports of a visit or a school, completed visits of a
period for a batch, a visit's facts for its report job; and the language switch a job runs in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func
from sqlmodel import col, select

from curator_desktop.domain.enums import VisitStatus
from curator_desktop.i18n import current_language, set_language
from curator_desktop.store.tables import GeneratedReport, Visit


def reports_query(*, visit_id: str | None = None, school_id: str | None = None) -> Any:
    """Live generated reports, newest first (every version), of a visit or a school if given."""
    query = select(GeneratedReport).where(col(GeneratedReport.deleted).is_(False))
    if visit_id is not None:
        query = query.where(col(GeneratedReport.visit_id) == visit_id)
    if school_id is not None:
        query = query.where(col(GeneratedReport.school_id) == school_id)
    return query.order_by(
        col(GeneratedReport.generated_at).desc(), col(GeneratedReport.version).desc()
    )


def completed_visits_query(
    date_from: dt.date, date_to: dt.date, *, include_reported: bool = False
) -> Any:
    """Ids of the completed visits dated within the period; with ``include_reported`` also
    those whose report was already generated or uploaded."""
    statuses = [VisitStatus.COMPLETED.value]
    if include_reported:
        statuses += [VisitStatus.REPORT_GENERATED.value, VisitStatus.UPLOADED.value]
    day = func.coalesce(col(Visit.actual_date), col(Visit.planned_date))
    return (
        select(Visit.id)
        .where(col(Visit.deleted).is_(False))
        .where(col(Visit.status).in_(statuses))
        .where(day >= date_from, day <= date_to)
        .order_by(day, col(Visit.id))
    )


@cache
def visit_facts() -> Any:
    """What a visit's report job needs of a live visit (built once, the id bound when run)."""
    return select(
        Visit.school_id, Visit.actual_date, Visit.planned_date, Visit.status, Visit.visit_type
    ).where(col(Visit.id) == bindparam("visit_id"), col(Visit.deleted).is_(False))


@contextmanager
def language_of_job(language: str | None) -> Iterator[str]:
    """Switch to ``language`` for the block (if it differs) and always switch back."""
    previous = current_language()
    wanted = language or previous
    if wanted == previous:
        yield previous
        return
    try:
        yield set_language(wanted)
    finally:
        set_language(previous)
