"""A store with two «Школа Минпросвещения России» schools, their self-diagnosis rounds, a
management decision and consultations, recorded through the self-diagnosis service (shared by
the справка, schedule and chart tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from curator_desktop.domain.selfdiag import Decision, Deficit, DirectionResult, Level, SelfdiagRound
from curator_desktop.services.selfdiag import SelfdiagService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, Visit

NOVEMBER = dt.date(2025, 11, 20)
MAY = dt.date(2026, 5, 15)
TODAY = dt.date(2026, 6, 1)
DEFICIT_KEPT = "Профориентационные курсы не ведутся"
DEFICIT_CLOSED = "Нет системы объективного оценивания"
DEFICIT_NEW = "Нет школьной службы примирения"
DECISION = "Ввести курс внеурочной деятельности «Россия — мои горизонты»"
TOPIC = "Объективность оценивания: разбор результатов ВПР"


class FixedService(SelfdiagService):
    def today(self) -> dt.date:
        return TODAY


@dataclass(frozen=True)
class SelfdiagStore:
    school_id: str
    other_id: str
    codes: tuple[str, ...]


def _round(
    service: SelfdiagService,
    school_id: str,
    day: dt.date,
    label: str,
    points: list[int],
    levels: list[str],
    deficits: list[tuple[int, str, bool]],
) -> SelfdiagRound:
    codes = [d.code for d in service.catalog().directions]
    results = []
    for number, code in enumerate(codes):
        own = tuple(Deficit(code, "", t, c) for (n, t, c) in deficits if n == number)
        results.append(DirectionResult(code, points[number], 20, Level(levels[number]), own))
    return service.save_round(
        SelfdiagRound(
            id="",
            school_id=school_id,
            round_date=day,
            label=label,
            total_points=sum(points),
            total_maximum=20 * len(codes),
            overall_level=Level.BASE,
            results=tuple(results),
        )
    )


def fill(database: Database) -> SelfdiagStore:
    """Two ШМР schools: the first with rounds in November and May (one deficit kept, one closed,
    one new), a decision on the kept one and two consultations; the second with May alone."""
    with database.session() as session:
        school = School(
            full_name="МБОУ «Средняя общеобразовательная школа № 3» г. Луга",
            short_name="МБОУ «СОШ № 3»",
            programme="minpros_school",
            inn="4710012345",
            region="Ленинградская область",
            municipality="Лужский район",
            director_name="Петрова Анна Сергеевна",
        )
        other = School(
            full_name="МОУ «Толмачёвская СОШ»",
            short_name="МОУ «Толмачёвская СОШ»",
            programme="minpros_school",
        )
        session.add(school)
        session.add(other)
    service = FixedService(database)
    codes = tuple(d.code for d in service.catalog().directions)
    below, base, medium = "below_base", "base", "medium"
    _round(
        service, school.id, NOVEMBER, "ноябрь 2025", [8, 12, 15, 10, 6, 9, 14, 11],
        [below, base, medium, base, below, base, medium, base],
        [(0, DEFICIT_CLOSED, True), (4, DEFICIT_KEPT, False)],
    )  # fmt: skip
    later = _round(
        service, school.id, MAY, "май 2026", [12, 13, 15, 12, 9, 9, 16, 12],
        [base, base, medium, base, below, base, "high", base],
        [(4, DEFICIT_KEPT, False), (6, DEFICIT_NEW, True)],
    )  # fmt: skip
    _round(
        service, other.id, MAY, "май 2026", [5, 7, 9, 8, 6, 12, 10, 9],
        [below, below, base, base, below, base, base, base], [(1, "Нет плана", True)],
    )  # fmt: skip
    service.save_decision(
        Decision(
            id="",
            school_id=school.id,
            round_id=later.id,
            direction=codes[4],
            indicator=DEFICIT_KEPT,
            what=DECISION,
            responsible="Иванова И. И., заместитель директора",
            deadline=dt.date(2026, 9, 1),
        )
    )
    with database.session() as session:
        session.add(
            Visit(
                school_id=school.id, visit_type="consultation", status="completed",
                planned_date=dt.date(2025, 12, 10), actual_date=dt.date(2025, 12, 10),
                start_time=dt.time(10, 0), end_time=dt.time(11, 30), purpose=TOPIC,
            )
        )  # fmt: skip
        session.add(
            Visit(
                school_id=other.id, visit_type="consultation", status="planned",
                planned_date=dt.date(2026, 6, 5), purpose="Воспитательная работа",
            )
        )  # fmt: skip
    return SelfdiagStore(school.id, other.id, codes)
