"""Which sections a school's card shows: the programme decides — «500+» keeps a risk profile,
«Школа Минпросвещения России» a self-diagnosis — and a school that was in both (in different
years), or has records of the other one, shows both."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from curator_desktop.domain.enums import Programme
from curator_desktop.services.selfdiag.programme import programme_in, programme_year
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RiskAssessment, SchoolProgramme, SelfdiagRound

RISK = "risk"
SELFDIAG = "selfdiag"


def card_sections(database: Database, school_id: str, *, on: dt.date) -> frozenset[str]:
    """:data:`RISK` and/or :data:`SELFDIAG`: the section of the school's programme in the
    programme year of ``on`` (:func:`programme_year`: a January day still belongs to the year
    before), of any other year recorded for it, and of the records it already has."""
    with database.session() as session:
        programmes = {programme_in(session, school_id, programme_year(on))}
        programmes |= set(
            session.exec(
                select(SchoolProgramme.programme)
                .where(col(SchoolProgramme.school_id) == school_id)
                .where(col(SchoolProgramme.deleted).is_(False))
            )
        )
        has_risk = session.exec(
            select(RiskAssessment.id)
            .where(col(RiskAssessment.school_id) == school_id)
            .where(col(RiskAssessment.deleted).is_(False))
            .limit(1)
        ).first()
        has_rounds = session.exec(
            select(SelfdiagRound.id)
            .where(col(SelfdiagRound.school_id) == school_id)
            .where(col(SelfdiagRound.deleted).is_(False))
            .limit(1)
        ).first()
    shown = set()
    if Programme.SHNOR_500.value in programmes or has_risk is not None:
        shown.add(RISK)
    if Programme.MINPROS_SCHOOL.value in programmes or has_rounds is not None:
        shown.add(SELFDIAG)
    return frozenset(shown or {RISK})
