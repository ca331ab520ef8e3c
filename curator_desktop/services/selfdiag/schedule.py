"""The consultation schedule (график консультирования) of a period: the consultations, planned
or held, with each school's level from its latest self-diagnosis round up to the consultation's
day (the round the consultation answers) — schools «ниже базового» first in mind.

A consultation is a visit of type «consultation» (held in person, очно) or a remote visit
(дистанционное: an online consultation) to a school that is in «Школа Минпросвещения России» in
that visit's programme year; a visit has no format field of its own, its type says it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import Programme, VisitType
from curator_desktop.domain.selfdiag import Level, SelfdiagRound
from curator_desktop.services.selfdiag.programme import programme_year, programmes_in
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, Visit

INTERVIEW = VisitType.INTERVIEW.value
CONSULTATION = VisitType.CONSULTATION.value
REMOTE = VisitType.REMOTE.value


@dataclass(frozen=True)
class ConsultationEntry:
    """One consultation on the schedule."""

    visit_id: str
    school_id: str
    school_name: str
    municipality: str
    day: dt.date | None
    """The actual date, else the planned one."""
    start_time: dt.time | None
    end_time: dt.time | None
    topic: str
    """The visit's purpose (what the consultation is about)."""
    agenda: str
    status: str
    level: Level | None
    """The school's overall level in its latest round up to the day (None: no round)."""
    below_base: tuple[str, ...] = ()
    """Directions below base level in that round."""
    round_date: dt.date | None = None
    """The date of that round (None: no round up to the day)."""
    remote: bool = False
    """Held remotely (дистанционно: a remote visit), else in person (очно)."""


def consultation_schedule(
    database: Database,
    *,
    date_from: dt.date | None,
    date_to: dt.date | None,
    school_ids: Sequence[str] | None = None,
) -> list[ConsultationEntry]:
    """The consultations dated in the period (bounds included), by day, time and school."""
    with database.session() as session:
        return consultations_in(session, date_from, date_to, school_ids)


def consultations_in(
    session: Session,
    date_from: dt.date | None,
    date_to: dt.date | None,
    school_ids: Sequence[str] | None = None,
) -> list[ConsultationEntry]:
    from curator_desktop.services.selfdiag.rounds import rounds_in

    day = func.coalesce(col(Visit.actual_date), col(Visit.planned_date))
    query = (
        select(Visit, School)
        .join(School, col(School.id) == col(Visit.school_id))
        .where(col(Visit.deleted).is_(False))
        .where(col(Visit.visit_type).in_([CONSULTATION, REMOTE]))
    )
    if date_from is not None:
        query = query.where(day >= date_from)
    if date_to is not None:
        query = query.where(day <= date_to)
    if school_ids is not None:
        query = query.where(col(Visit.school_id).in_(list(school_ids)))
    found = session.exec(query).all()
    remote = _minpros_remote(session, [visit for visit, _school in found])
    rows = [
        (visit, school)
        for visit, school in found
        if visit.visit_type == CONSULTATION or visit.id in remote
    ]
    schools = {school.id for _visit, school in rows}
    rounds: dict[str, list[SelfdiagRound]] = {}
    for school_id in schools:
        rounds[school_id] = rounds_in(session, school_id)
    entries = []
    for visit, school in rows:
        when = visit.actual_date or visit.planned_date
        latest = [r for r in rounds.get(school.id, ()) if when is None or r.round_date <= when]
        last = latest[-1] if latest else None
        entries.append(
            ConsultationEntry(
                visit_id=visit.id,
                school_id=school.id,
                school_name=school.short_name or school.full_name,
                municipality=school.municipality,
                day=when,
                start_time=visit.start_time,
                end_time=visit.end_time,
                topic=visit.purpose,
                agenda=visit.agenda,
                status=visit.status,
                level=last.overall_level if last else None,
                below_base=last.below_base() if last else (),
                round_date=last.round_date if last else None,
                remote=visit.visit_type == REMOTE,
            )
        )
    entries.sort(
        key=lambda e: (e.day or dt.date.max, e.start_time or dt.time.min, e.school_name.casefold())
    )
    return entries


def _minpros_remote(session: Session, visits: Sequence[Visit]) -> set[str]:
    """The ids of the remote visits among ``visits`` whose school is in «Школа Минпросвещения
    России» in the visit's programme year: online consultations of that programme."""
    by_year: dict[int, list[Visit]] = {}
    for visit in visits:
        when = visit.actual_date or visit.planned_date
        if visit.visit_type == REMOTE and when is not None:
            by_year.setdefault(programme_year(when), []).append(visit)
    kept: set[str] = set()
    for year, remote in by_year.items():
        programmes = programmes_in(session, [v.school_id for v in remote], year)
        kept |= {v.id for v in remote if programmes.get(v.school_id) == Programme.MINPROS_SCHOOL}
    return kept
