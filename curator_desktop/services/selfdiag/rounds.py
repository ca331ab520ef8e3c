"""Rounds in the store: read as :class:`SelfdiagRound` with their results and deficits, written
whole (a round's results and deficits are replaced together, its decisions kept)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlmodel import Session, col, select

from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.selfdiag import (
    TOTAL,
    Deficit,
    DirectionResult,
    Level,
    SelfdiagCatalog,
    SelfdiagRound,
    deficit_id,
    result_id,
    round_id,
)
from curator_desktop.domain.selfdiag.rules import field_name, round_problems
from curator_desktop.i18n import _
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import (
    School,
    SelfdiagDecision,
    SelfdiagDeficit,
    SelfdiagResult,
)
from curator_desktop.store.tables import SelfdiagRound as RoundRow
from curator_desktop.store.types import utc_now


def _level(value: str | None) -> Level | None:
    try:
        return Level(value) if value else None
    except ValueError:
        return None


def _read(session: Session, rows: Sequence[RoundRow]) -> list[SelfdiagRound]:
    ids = [r.id for r in rows]
    results: dict[str, list[SelfdiagResult]] = {}
    deficits: dict[tuple[str, str], list[Deficit]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for row in session.exec(
            select(SelfdiagResult)
            .where(col(SelfdiagResult.round_id).in_(part))
            .where(col(SelfdiagResult.deleted).is_(False))
            .order_by(col(SelfdiagResult.sort_order))
        ):
            results.setdefault(row.round_id, []).append(row)
        for row in session.exec(
            select(SelfdiagDeficit)
            .where(col(SelfdiagDeficit.round_id).in_(part))
            .where(col(SelfdiagDeficit.deleted).is_(False))
            .order_by(col(SelfdiagDeficit.sort_order))
        ):
            deficits.setdefault((row.round_id, row.direction), []).append(
                Deficit(row.direction, row.indicator, row.text, row.critical, row.id)
            )
    found = []
    for row in rows:
        direction_results = tuple(
            DirectionResult(
                r.direction,
                r.points,
                r.maximum,
                _level(r.level),
                tuple(deficits.get((row.id, r.direction), ())),
                r.id,
            )
            for r in results.get(row.id, ())
        )
        found.append(
            SelfdiagRound(
                id=row.id,
                school_id=row.school_id,
                round_date=row.round_date,
                label=row.label,
                source=row.source,
                school_type=row.school_type,
                catalog_key=row.catalog_key,
                catalog_version=row.catalog_version,
                total_points=row.total_points,
                total_maximum=row.total_maximum,
                overall_level=_level(row.overall_level),
                notes=row.notes,
                results=direction_results,
                author_id=row.author_id,
            )
        )
    return found


def _live_rounds():  # type: ignore[no-untyped-def]
    return select(RoundRow).where(col(RoundRow.deleted).is_(False))


def rounds_in(session: Session, school_id: str | None = None) -> list[SelfdiagRound]:
    query = _live_rounds()
    if school_id is not None:
        query = query.where(col(RoundRow.school_id) == school_id)
    rows = session.exec(query.order_by(col(RoundRow.school_id), col(RoundRow.round_date))).all()
    return _read(session, rows)


def rounds_between(
    session: Session,
    date_from: dt.date | None,
    date_to: dt.date | None,
    school_ids: Sequence[str] | None = None,
) -> list[SelfdiagRound]:
    query = _live_rounds()
    if date_from is not None:
        query = query.where(col(RoundRow.round_date) >= date_from)
    if date_to is not None:
        query = query.where(col(RoundRow.round_date) <= date_to)
    if school_ids is not None:
        query = query.where(col(RoundRow.school_id).in_(list(school_ids)))
    rows = session.exec(query.order_by(col(RoundRow.school_id), col(RoundRow.round_date))).all()
    return _read(session, rows)


def round_in(session: Session, ident: str) -> SelfdiagRound:
    row = session.get(RoundRow, ident)
    if row is None or row.deleted:
        raise NotFoundError(_("No self-diagnosis round with id {id}.").format(id=ident))
    return _read(session, [row])[0]


def school_in(session: Session, school_id: str) -> School:
    school = session.get(School, school_id)
    if school is None or school.deleted:
        raise NotFoundError(_("No school with id {id}.").format(id=school_id))
    return school


def exists_in(session: Session, school_id: str, day: dt.date) -> bool:
    row = session.get(RoundRow, round_id(school_id, day))
    return row is not None and not row.deleted


def completed(draft: SelfdiagRound, catalog: SelfdiagCatalog) -> SelfdiagRound:
    """``draft`` with what the catalog gives and the draft leaves out: each direction's maximum
    and level, a deficit's critical flag, the total, its maximum and the overall level."""
    year, kind = draft.school_year, draft.school_type or None
    results = []
    for result in draft.results:
        deficits = []
        for deficit in result.deficits:
            indicator = (
                catalog.find_indicator(result.direction, deficit.indicator, year, kind)
                if deficit.indicator
                else None
            )
            if indicator is not None:
                deficit = replace(
                    deficit,
                    indicator=indicator.code,
                    text=deficit.text or indicator.name_ru,
                    critical=deficit.critical or indicator.critical,
                )
            deficits.append(deficit)
        maximum = (
            result.maximum
            if result.maximum is not None
            else catalog.maximum_for(result.direction, year, kind)
        )
        level = result.level
        if level is None and result.points is not None:
            level = catalog.level_for(
                result.direction,
                result.points,
                year,
                kind,
                critical_unmet=any(d.critical for d in deficits),
            )
        results.append(replace(result, maximum=maximum, level=level, deficits=tuple(deficits)))
    points = [r.points for r in results]
    total = draft.total_points
    if total is None and points and None not in points:
        total = sum(p for p in points if p is not None)
    total_maximum = (
        draft.total_maximum
        if draft.total_maximum is not None
        else catalog.maximum_for(TOTAL, year, kind)
    )
    overall = draft.overall_level
    if overall is None and total is not None:
        overall = catalog.level_for(
            TOTAL,
            total,
            year,
            kind,
            critical_unmet=any(d.critical for r in results for d in r.deficits),
        )
    return replace(
        draft,
        id=round_id(draft.school_id, draft.round_date),
        catalog_key=catalog.catalog_key,
        catalog_version=catalog.version,
        results=tuple(results),
        total_points=total,
        total_maximum=total_maximum,
        overall_level=overall,
    )


def check_round(draft: SelfdiagRound, catalog: SelfdiagCatalog, *, today: dt.date) -> None:
    """:class:`ValidationError` naming the first problem of ``draft`` (see ``round_problems``)."""
    problems = round_problems(draft, catalog, today=today)
    if not problems:
        return
    first = problems[0]
    direction = catalog.direction(first.direction or "")
    where = direction.name_ru if direction else (first.direction or "")
    field = field_name(first.field)
    message = (
        _("«{direction}», {field}: {problem}").format(
            direction=where, field=field, problem=first.problem
        )
        if where
        else _("{field}: {problem}").format(field=field, problem=first.problem)
    )
    raise ValidationError(message, field=first.field)


def save_round_in(
    session: Session,
    draft: SelfdiagRound,
    catalog: SelfdiagCatalog,
    *,
    today: dt.date,
    author_id: str | None = None,
) -> SelfdiagRound:
    """Write ``draft`` completed from the catalog (see :func:`completed`); its old results and
    deficits no longer in it are deleted, its decisions kept."""
    school_in(session, draft.school_id)
    full = completed(draft, catalog)
    check_round(full, catalog, today=today)
    ident = full.id
    values = {
        "school_id": full.school_id,
        "round_date": full.round_date,
        "label": full.label,
        "source": full.source,
        "school_type": full.school_type,
        "catalog_key": full.catalog_key,
        "catalog_version": full.catalog_version,
        "total_points": full.total_points,
        "total_maximum": full.total_maximum,
        "overall_level": full.overall_level.value if full.overall_level else None,
        "notes": full.notes,
        "deleted": False,
        "deleted_at": None,
    }
    row = session.get(RoundRow, ident)
    if row is None:
        session.add(RoundRow(id=ident, author_id=author_id, **values))
    else:
        assign(row, values)
    kept_results: set[str] = set()
    kept_deficits: set[str] = set()
    for order, result in enumerate(full.results):
        rid = result_id(ident, result.direction)
        kept_results.add(rid)
        _put(
            session,
            SelfdiagResult,
            rid,
            round_id=ident,
            direction=result.direction,
            points=result.points,
            maximum=result.maximum,
            level=result.level.value if result.level else None,
            sort_order=order,
        )
        for number, deficit in enumerate(result.deficits):
            did = deficit_id(ident, deficit)
            if did in kept_deficits:
                continue
            kept_deficits.add(did)
            _put(
                session,
                SelfdiagDeficit,
                did,
                round_id=ident,
                direction=deficit.direction,
                indicator=deficit.indicator,
                text=deficit.text,
                critical=deficit.critical,
                sort_order=order * 1000 + number,
            )
    session.flush()
    for model, kept in ((SelfdiagResult, kept_results), (SelfdiagDeficit, kept_deficits)):
        for old in session.exec(
            select(model).where(col(model.round_id) == ident).where(col(model.deleted).is_(False))
        ):
            if old.id not in kept:
                assign(old, {"deleted": True, "deleted_at": utc_now()})
    session.flush()
    return round_in(session, ident)


def _put(session: Session, model: type, ident: str, **values: object) -> None:
    row = session.get(model, ident)
    if row is None:
        session.add(model(id=ident, **values))
    else:
        assign(row, {**values, "deleted": False, "deleted_at": None})


def delete_round_in(session: Session, ident: str) -> None:
    row = session.get(RoundRow, ident)
    if row is None or row.deleted:
        raise NotFoundError(_("No self-diagnosis round with id {id}.").format(id=ident))
    now = utc_now()
    for model in (SelfdiagDecision, SelfdiagDeficit, SelfdiagResult):
        for child in session.exec(
            select(model).where(col(model.round_id) == ident).where(col(model.deleted).is_(False))
        ):
            assign(child, {"deleted": True, "deleted_at": now})
    assign(row, {"deleted": True, "deleted_at": now})
