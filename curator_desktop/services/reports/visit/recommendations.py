"""The справка's recommendations as of its visit's day: the ones given at the visit, and those of
earlier visits still open that day or closed since the school's visit before (what the curator
checks at a visit), each with its status, closing date and deadline of that day
(:func:`~curator_desktop.domain.visits.as_of.recommendation_as_of`). Advice given later, and
what happened to any advice after the day, is no part of the visit's report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sqlalchemy import func
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import RecommendationStatus, VisitStatus
from curator_desktop.domain.visits.as_of import HISTORY_FIELDS, OPEN, recommendation_as_of
from curator_desktop.domain.visits.records import RecommendationRecord
from curator_desktop.i18n import _, format_date
from curator_desktop.services.reports.visit.types import RecommendationRow
from curator_desktop.store.repositories.field_history import end_of_day, values_at
from curator_desktop.store.repositories.recommendations import recommendation_records_in
from curator_desktop.store.tables import Recommendation, Visit


def _previous_visit(
    session: Session, school_id: str, visit_id: str, day: dt.date
) -> dt.date | None:
    """The date of the school's last visit made before ``day`` (planned ones do not count)."""
    when = func.coalesce(col(Visit.actual_date), col(Visit.planned_date))
    return session.exec(
        select(func.max(when))
        .where(col(Visit.school_id) == school_id, col(Visit.id) != visit_id)
        .where(col(Visit.deleted).is_(False), col(Visit.status) != VisitStatus.PLANNED.value)
        .where(when < day)
    ).one()


def _created_before(session: Session, ids: list[str], day: dt.date) -> set[str]:
    """Which of the recommendations ``ids`` (given without a visit) were made before ``day``."""
    if not ids:
        return set()
    rows = session.exec(
        select(Recommendation.id, Recommendation.created_at).where(col(Recommendation.id).in_(ids))
    )
    return {rid for rid, created in rows if created and created.astimezone().date() < day}


def _date_text(day: dt.date) -> str:
    """The date as printed, its day and month never parted by a line break («19 июля»)."""
    return format_date(day).replace(" ", "\u00a0", 1)


def status_text(record: RecommendationRecord, day: dt.date) -> str:
    """A recommendation's status on ``day`` as printed: «Выполнена 16 марта 2026 г.», «В работе,
    просрочена» (``record`` as it stood that day)."""
    status = RecommendationStatus.label_for(record.status)
    if record.overdue(day):
        return _("{status}, overdue").format(status=status)
    if record.status != OPEN and record.closed_on:
        return _("{status} on {date}").format(status=status, date=_date_text(record.closed_on))
    return status


def _rows(
    records: Iterable[RecommendationRecord], factor_names: Mapping[str, str], day: dt.date
) -> tuple[RecommendationRow, ...]:
    rows = []
    for number, record in enumerate(records, start=1):
        code = record.factor_code or ""
        rows.append(
            RecommendationRow(
                number=number,
                text=record.text,
                factor=f"{code} {factor_names.get(code, '')}".strip(),
                responsible=record.responsible,
                deadline=_date_text(record.deadline) if record.deadline else "—",
                status=status_text(record, day),
            )
        )
    return tuple(rows)


def recommendations_as_of(
    session: Session,
    *,
    school_id: str,
    visit_id: str,
    day: dt.date,
    factor_names: Mapping[str, str],
) -> tuple[tuple[RecommendationRow, ...], tuple[RecommendationRow, ...]]:
    """(the visit's own recommendations, the earlier ones it reports on), as of ``day``."""
    records = recommendation_records_in(session, school_id=school_id)
    own = [r for r in records if r.visit_id == visit_id]
    visitless = _created_before(session, [r.id for r in records if r.visit_id is None], day)
    earlier = [
        r
        for r in records
        if r.visit_id != visit_id
        and (r.visit_date < day if r.visit_date is not None else r.id in visitless)
    ]
    logged = values_at(
        session,
        Recommendation.__tablename__,
        [r.id for r in [*own, *earlier]],
        HISTORY_FIELDS,
        end_of_day(day),
    )
    own = [recommendation_as_of(r, logged.get(r.id, {}), day) for r in own]
    previous = _previous_visit(session, school_id, visit_id, day)
    reported = []
    for record in earlier:
        then = recommendation_as_of(record, logged.get(record.id, {}), day)
        closed = then.closed_on
        if then.status == OPEN or (closed is not None and (previous is None or closed > previous)):
            reported.append(then)
    return _rows(own, factor_names, day), _rows(reported, factor_names, day)
