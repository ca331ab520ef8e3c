"""Hand-built region summaries for the coordinator's pages (until the region service fills
them from a store): ``region(schools=40)`` gives a region with municipalities, curators, both
programmes and some schools behind, the same for the same seed."""

from __future__ import annotations

import datetime as dt
import random

from curator_desktop.domain.region.summary import Flag, RegionCurator, RegionSchool, RegionSummary

AS_OF = dt.date(2026, 12, 8)
MUNICIPALITIES = (
    "Волосовский район",
    "Гатчинский округ",
    "Кингисеппский район",
    "Лужский район",
    "Тихвинский район",
    "Выборгский район",
    "Всеволожский район",
    "Приозерский район",
)
SURNAMES = ("Иванова", "Петров", "Смирнова", "Кузнецов", "Соколова", "Попов", "Лебедева")
NAMES = ("Анна Сергеевна", "Иван Петрович", "Ольга Викторовна", "Дмитрий Алексеевич")


def school(**fields: object) -> RegionSchool:
    """One school with every figure given a plain default."""
    values: dict[str, object] = {
        "school_id": "s1",
        "inn": "4705000001",
        "name": "МБОУ «Школа № 1»",
        "municipality": "Гатчинский округ",
        "programme": "500plus",
        "curators": ("Иванова Анна Сергеевна",),
        "first_visit": dt.date(2026, 10, 1),
        "first_visit_due": dt.date(2026, 10, 15),
        "visits_completed": 2,
        "visits_planned": 4,
        "risks_verified": 3,
        "risk_factors": 5,
        "directions_activated": 2,
        "documents_accepted": 1,
        "documents_expected": 2,
        "monitoring_1": True,
        "monitoring_2": False,
        "recommendations_open": 3,
        "recommendations_overdue": 0,
        "selfdiag_level": "",
        "last_package": dt.date(2026, 12, 1),
        "flags": (),
    }
    values.update(fields)
    return RegionSchool(**values)  # type: ignore[arg-type]


def region(schools: int = 40, curators: int | None = None, seed: int = 1) -> RegionSummary:
    """A region of ``schools`` schools shared by ``curators`` curators (one per ten schools)."""
    rng = random.Random(seed)
    count = curators or max(1, schools // 10)
    people = [
        f"{SURNAMES[i % len(SURNAMES)]} {NAMES[(i // len(SURNAMES)) % len(NAMES)]}"
        + ("" if i < len(SURNAMES) * len(NAMES) else f" {i}")
        for i in range(count)
    ]
    rows = []
    for index in range(schools):
        minpros = rng.random() < 0.4
        first = None if rng.random() < 0.15 else AS_OF - dt.timedelta(days=rng.randint(20, 90))
        due = AS_OF - dt.timedelta(days=rng.randint(-20, 30))
        overdue = rng.randint(0, 3) if rng.random() < 0.3 else 0
        package = None if rng.random() < 0.05 else AS_OF - dt.timedelta(days=rng.randint(0, 40))
        flags = []
        if first is None and due < AS_OF:
            reason = f"Нет первого выезда: окно закрылось {due:%d.%m.%Y}"
            flags.append(Flag("first_visit_overdue", reason))
        if overdue:
            flags.append(Flag("recommendations_overdue", f"Просрочено рекомендаций: {overdue}"))
        if package is None:
            flags.append(Flag("no_package", "Пакетов с этой школой не было"))
        planned = rng.randint(2, 6)
        factors = 0 if minpros else rng.randint(3, 12)
        rows.append(
            school(
                school_id=f"school-{index:05d}",
                inn=f"47{index:08d}",
                name=f"МБОУ «{'Средняя' if index % 3 else 'Основная'} школа № {index + 1}»",
                municipality=MUNICIPALITIES[index % len(MUNICIPALITIES)],
                programme="minpros_school" if minpros else "500plus",
                curators=(people[index % count],),
                first_visit=first,
                first_visit_due=due,
                visits_completed=rng.randint(0, planned),
                visits_planned=planned,
                risks_verified=rng.randint(0, factors),
                risk_factors=factors,
                directions_activated=rng.randint(0, 5),
                documents_accepted=rng.randint(0, 3),
                documents_expected=3,
                monitoring_1=rng.random() < 0.6,
                monitoring_2=rng.random() < 0.2,
                recommendations_open=rng.randint(0, 8),
                recommendations_overdue=overdue,
                selfdiag_level=rng.choice(("below_base", "base", "medium", "high"))
                if minpros
                else "",
                last_package=package,
                flags=tuple(flags),
            )
        )
    curator_rows = []
    for index, name in enumerate(people):
        mine = [row for row in rows if name in row.curators]
        received = AS_OF - dt.timedelta(days=rng.randint(0, 30))
        recorded = dt.datetime.combine(received, dt.time(18, 30)) - dt.timedelta(days=index % 5)
        overdue = sum(row.recommendations_overdue for row in mine)
        done = sum(row.visits_completed for row in mine)
        planned = sum(row.visits_planned for row in mine)
        flags = []
        if overdue:
            flags.append(Flag("recommendations_overdue", f"Просрочено рекомендаций: {overdue}"))
        if planned and done / planned < 0.5:
            flags.append(Flag("visits_overdue", f"Выездов {done} из {planned}"))
        curator_rows.append(
            RegionCurator(
                name=name,
                store_id=f"store-{index}",
                schools=len(mine),
                visits_completed=done,
                visits_planned=planned,
                overdue_items=overdue,
                recommendations_overdue=overdue,
                reports_produced=rng.randint(0, 12),
                last_package=received,
                data_recorded_until=recorded,
                flags=tuple(flags),
            )
        )
    totals = {"schools": len(rows), "curators": len(curator_rows)}
    return RegionSummary(AS_OF, tuple(rows), tuple(curator_rows), totals)
