"""Management decisions in the store: read, added or updated, marked done, deleted."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.selfdiag import Decision
from curator_desktop.domain.selfdiag.rules import decision_record_problems, field_name
from curator_desktop.i18n import _
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import SelfdiagDecision, SelfdiagDeficit, new_id
from curator_desktop.store.tables import SelfdiagRound as RoundRow
from curator_desktop.store.types import utc_now

FIELDS = ("direction", "indicator", "what", "responsible", "deadline", "done", "done_on", "notes")


def _decision(row: SelfdiagDecision) -> Decision:
    return Decision(
        id=row.id,
        school_id=row.school_id,
        round_id=row.round_id,
        direction=row.direction,
        what=row.what,
        indicator=row.indicator,
        deficit_id=row.deficit_id,
        responsible=row.responsible,
        deadline=row.deadline,
        done=row.done,
        done_on=row.done_on,
        notes=row.notes,
    )


def decisions_in(
    session: Session, *, school_id: str | None = None, round_id: str | None = None
) -> list[Decision]:
    query = select(SelfdiagDecision).where(col(SelfdiagDecision.deleted).is_(False))
    if school_id is not None:
        query = query.where(col(SelfdiagDecision.school_id) == school_id)
    if round_id is not None:
        query = query.where(col(SelfdiagDecision.round_id) == round_id)
    rows = session.exec(query).all()
    rows = sorted(rows, key=lambda r: (r.deadline or dt.date.max, r.created_at))
    return [_decision(r) for r in rows]


def _check(session: Session, decision: Decision) -> None:
    values = {name: getattr(decision, name) for name in FIELDS}
    problems = decision_record_problems(values)
    if problems:
        field, problem = next(iter(problems.items()))
        raise ValidationError(
            _("{field}: {problem}").format(field=field_name(field), problem=problem), field=field
        )
    round_row = session.get(RoundRow, decision.round_id)
    if round_row is None or round_row.deleted or round_row.school_id != decision.school_id:
        raise NotFoundError(_("No self-diagnosis round with id {id}.").format(id=decision.round_id))
    if decision.deficit_id is not None:
        deficit = session.get(SelfdiagDeficit, decision.deficit_id)
        if deficit is None or deficit.round_id != decision.round_id:
            raise ValidationError(_("The deficit is not one of the round's."), field="deficit_id")


def save_decision_in(
    session: Session, decision: Decision, *, today: dt.date, author_id: str | None = None
) -> Decision:
    """Add (``decision.id`` "") or update a decision; a deficit named fills the direction and
    indicator left empty."""
    if decision.deficit_id and not decision.direction:
        deficit = session.get(SelfdiagDeficit, decision.deficit_id)
        if deficit is not None:
            from dataclasses import replace

            decision = replace(
                decision,
                direction=deficit.direction,
                indicator=decision.indicator or deficit.indicator,
            )
    _check(session, decision)
    values = {name: getattr(decision, name) for name in FIELDS}
    values.update(
        school_id=decision.school_id, round_id=decision.round_id, deficit_id=decision.deficit_id
    )
    if decision.id:
        row = session.get(SelfdiagDecision, decision.id)
        if row is None or row.deleted:
            raise NotFoundError(_("No management decision with id {id}.").format(id=decision.id))
        assign(row, values)
    else:
        row = SelfdiagDecision(id=new_id(), author_id=author_id, **values)
        session.add(row)
    session.flush()
    return _decision(row)


def set_done_in(
    session: Session, ident: str, done: bool, done_on: dt.date, *, today: dt.date
) -> Decision:
    row = session.get(SelfdiagDecision, ident)
    if row is None or row.deleted:
        raise NotFoundError(_("No management decision with id {id}.").format(id=ident))
    assign(row, {"done": done, "done_on": done_on if done else None})
    session.flush()
    return _decision(row)


def delete_decision_in(session: Session, ident: str) -> None:
    row = session.get(SelfdiagDecision, ident)
    if row is None or row.deleted:
        raise NotFoundError(_("No management decision with id {id}.").format(id=ident))
    assign(row, {"deleted": True, "deleted_at": utc_now()})
