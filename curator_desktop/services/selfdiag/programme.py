"""Which programme a school is in, per programme year.

The year is the cycle year the reports use (:func:`programme_year`: February to the next
January, :func:`curator_desktop.domain.risk.cycle.cycle_year`). A school's own ``programme`` is
the one it is in now; a :class:`SchoolProgramme` record per (school, year) says otherwise for a
year (a school of «500+» in 2023 that joined «Школа
Минпросвещения России» in 2024 has a record for 2023, or for 2024, whichever differs from its
own field). So an existing store needs no change, and the card, the reports and the period
reports ask :func:`programme_in` for the year they show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from curator_desktop.domain.enums import Programme
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.field_rules import choice_problem, year_problem
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.domain.selfdiag import programme_year_id
from curator_desktop.i18n import _
from curator_desktop.store.database import Database
from curator_desktop.store.rows import assign
from curator_desktop.store.tables import School, SchoolProgramme


@dataclass(frozen=True)
class ProgrammeYear:
    """The programme of a school in one year, as recorded."""

    school_id: str
    year: int
    programme: str


def programme_year(day: dt.date) -> int:
    """The programme year ``day`` belongs to (the reports' cycle year)."""
    return cycle_year(day)


def programme_in(session: Session, school_id: str, year: int) -> str:
    """The programme of the school in ``year``: the year's record, else the school's own."""
    record = session.get(SchoolProgramme, programme_year_id(school_id, year))
    if record is not None and not record.deleted:
        return record.programme
    school = session.get(School, school_id)
    if school is None:
        raise NotFoundError(_("No school with id {id}.").format(id=school_id))
    return school.programme


def programmes_in(session: Session, school_ids: Iterable[str], year: int) -> dict[str, str]:
    """School id → programme in ``year``, for many schools at once."""
    wanted = list(dict.fromkeys(school_ids))
    found = {
        s.id: s.programme for s in session.exec(select(School).where(col(School.id).in_(wanted)))
    }
    for record in session.exec(
        select(SchoolProgramme)
        .where(col(SchoolProgramme.school_id).in_(wanted))
        .where(col(SchoolProgramme.year) == year)
        .where(col(SchoolProgramme.deleted).is_(False))
    ):
        found[record.school_id] = record.programme
    return found


def set_programme_in(session: Session, school_id: str, year: int, programme: str) -> None:
    """Record the programme of the school in ``year`` (checked: a known programme, a year)."""
    problem = choice_problem(programme, [p.value for p in Programme]) or year_problem(year)
    if problem:
        raise ValidationError(problem, field="programme")
    if session.get(School, school_id) is None:
        raise NotFoundError(_("No school with id {id}.").format(id=school_id))
    ident = programme_year_id(school_id, year)
    record = session.get(SchoolProgramme, ident)
    if record is None:
        session.add(SchoolProgramme(id=ident, school_id=school_id, year=year, programme=programme))
    else:
        assign(record, {"programme": programme, "deleted": False, "deleted_at": None})


def programme_for(database: Database, school_id: str, year: int) -> str:
    """The programme of the school in ``year`` (see :func:`programme_in`)."""
    with database.session() as session:
        return programme_in(session, school_id, year)


def set_programme(database: Database, school_id: str, year: int, programme: str) -> None:
    with database.session() as session:
        set_programme_in(session, school_id, year, programme)


def programme_years(database: Database, school_id: str) -> list[ProgrammeYear]:
    """The years recorded for the school, oldest first."""
    with database.session() as session:
        rows = session.exec(
            select(SchoolProgramme)
            .where(col(SchoolProgramme.school_id) == school_id)
            .where(col(SchoolProgramme.deleted).is_(False))
            .order_by(col(SchoolProgramme.year))
        )
        return [ProgrammeYear(r.school_id, r.year, r.programme) for r in rows]


def risk_profile_refusal(session: Session, school: School, year: int) -> ValidationError | None:
    """Why a school of «Школа Минпросвещения России» in ``year`` has no risk profile to report
    (its self-diagnosis is reported instead); None for a school of «500+»."""
    if programme_in(session, school.id, year) != Programme.MINPROS_SCHOOL:
        return None
    return ValidationError(
        _(
            "{school} is in the programme «School of the Ministry of Education» in {year}: it "
            "has no risk profile to verify. Its self-diagnosis is reported in the analytical "
            "report on the self-diagnosis results."
        ).format(school=school.short_name or school.full_name, year=year),
        field="programme",
    )
