"""Large, realistic stores for benchmarks and scale tests.

``generate_store(path, schools=5000)`` creates (or fills) a migrated store with schools spread
over many municipalities, verified risk profiles, visits around ``today`` and recommendations.
The same ``seed`` and ``today`` always give the same store, ids included. Rows are plain dicts
(building 100,000 SQLModel objects would take most of the time) written with the session's bulk
INSERT in one transaction; the store's write hooks fill derived columns (``School.search_text``)
exactly as a normal write would. Generated rows carry no change-log
entries: they are a starting point, not edits.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert
from sqlmodel import SQLModel

from benchmarks import store_names as names
from curator_desktop.domain.enums import Programme, RiskLevel, SchoolStatus, Verdict
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.services.demo.loading import load_demo_seeds
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from curator_desktop.store.tables import Recommendation, RiskAssessment, School, Visit
from curator_desktop.store.types import utc_now
from curator_desktop.store.write_hooks import WRITE_HOOKS

FACTOR_CODES = tuple(f"R{n:02d}" for n in range(1, 12))
"""The built-in catalog's factor codes (R01–R11)."""
SCHOOLS_PER_MUNICIPALITY = 40

Row = dict[str, Any]


@dataclass(frozen=True)
class GeneratedStore:
    """What was written, and how long it took."""

    path: Path
    schools: int
    municipalities: int
    assessments: int
    visits: int
    recommendations: int
    seconds: float


@dataclass
class _Municipality:
    name: str
    region: str
    tax_prefix: str
    town: str
    weight: float


class _Builder:
    """Builds rows from one random source; ids come from a second one so content never shifts."""

    def __init__(self, seed: int, today: dt.date, device_id: str) -> None:
        self.rng = random.Random(seed)
        self._ids = random.Random(seed ^ 0x5EED)
        self.today = today
        self.device_id = device_id
        self.now = utc_now()
        self.inns: set[str] = set()

        self._defaults: dict[type[SQLModel], dict[str, Any]] = {}

    def record(self, model: type[SQLModel], **fields: Any) -> dict[str, Any]:
        """A full row of ``model``: its defaults, ``fields``, sync stamps and derived columns."""
        if model not in self._defaults:
            empty = model()
            self._defaults[model] = {c.key: getattr(empty, c.key) for c in model.__table__.columns}
        row = {**self._defaults[model], **fields}
        row["id"] = str(uuid.UUID(int=self._ids.getrandbits(128), version=4))
        row["revision"] = uuid.UUID(int=self._ids.getrandbits(128), version=4).hex
        row["device_id"] = self.device_id
        row["created_at"] = row["updated_at"] = self.now
        hook = WRITE_HOOKS.get(model)
        if hook is not None:  # hooks read and set attributes: give them the row as an object
            view = SimpleNamespace(**row)
            hook(view)
            row.update(vars(view))
        return row

    def person(self) -> str:
        rng, people = self.rng, load_demo_seeds().people
        female = rng.random() < 0.8
        surname = rng.choice(people.surnames) + ("а" if female else "")
        first = rng.choice(people.female_names if female else people.male_names)
        return f"{surname} {first} {rng.choice(people.patronymic_stems)}{'на' if female else 'ич'}"

    def initials(self) -> str:
        surname, first, patronymic = self.person().split()
        return f"{first[0]}. {patronymic[0]}. {surname}"

    # -- municipalities and schools ------------------------------------------------------------

    def municipalities(self, count: int) -> list[_Municipality]:
        forms = [f"{stem}ий муниципальный район" for stem in names.DISTRICT_STEMS]
        forms += [f"{stem}ий муниципальный округ" for stem in names.DISTRICT_STEMS]
        forms += [f"городской округ {town}" for town in names.TOWNS]
        chosen = self.rng.sample(forms, min(count, len(forms)))
        result = []
        for number, name in enumerate(chosen):
            region, code = self.rng.choice(names.REGIONS)
            prefix = "городской округ "
            town = name.removeprefix(prefix) if name.startswith(prefix) else None
            result.append(
                _Municipality(
                    name=name,
                    region=region,
                    tax_prefix=code + f"{number % 100:02d}",
                    town=town or self.rng.choice(names.TOWNS),
                    weight=self.rng.uniform(0.3, 3.0),
                )
            )
        return result

    def school(self, municipality: _Municipality, numbers: dict[str, int]) -> Row:
        rng = self.rng
        own_short, own_full = rng.choice(names.OWNERSHIP)
        village = rng.random() < 0.6
        if village:
            place, adjective = rng.choice(names.VILLAGES)
            abbr, kind, _ = rng.choices(names.KINDS[:3], [k[2] for k in names.KINDS[:3]])[0]
            short = f"{own_short} «{adjective} {abbr}»"
            full = f"{own_full} «{adjective} {kind}»"
            if rng.random() < 0.15:
                full += " " + rng.choice(names.HONOURS).format(person=self.initials())
            address = f"ул. Школьная, д. {rng.randint(1, 40)}, с. {place}"
        else:
            numbers[municipality.name] = numbers.get(municipality.name, 0) + rng.randint(1, 3)
            number = numbers[municipality.name]
            pick = rng.random()
            if pick < 0.08:
                short = full_kind = f"Лицей № {number}"
            elif pick < 0.15:
                short = full_kind = f"Гимназия № {number}"
            else:
                abbr, kind, _ = rng.choices(names.KINDS, [k[2] for k in names.KINDS])[0]
                short, full_kind = f"{abbr} № {number}", f"{kind.capitalize()} № {number}"
            short = f"{own_short} «{short}»"
            full = f"{own_full} «{full_kind} г. {municipality.town}»"
            address = f"ул. Ленина, д. {rng.randint(1, 120)}, г. {municipality.town}"
        inn = ""
        while not inn or inn in self.inns:
            inn = make_inn(municipality.tax_prefix + f"{rng.randint(0, 99999):05d}")
        self.inns.add(inn)
        shnor = rng.random() < 0.8
        status = rng.choices(list(SchoolStatus), (80, 13, 7))[0]
        students = rng.randint(40, 200) if village else rng.randint(350, 1200)
        archived = rng.random() < 0.04
        deleted = rng.random() < 0.01
        return self.record(
            School,
            full_name=full,
            short_name=short,
            inn=inn,
            region=municipality.region,
            municipality=municipality.name,
            settlement_type="village" if village else "town",
            address=address,
            director_name=self.person(),
            deputy_name=self.person(),
            levels=["НОО", "ООО"] if "ООШ" in short else ["НОО", "ООО", "СОО"],
            students_count=students,
            teachers_count=max(6, students // rng.randint(10, 15)),
            programme=(Programme.SHNOR_500 if shnor else Programme.MINPROS_SCHOOL).value,
            cohort_year=self.today.year - rng.randint(0, 3) if shnor else None,
            status=status.value,
            archived_at=self.now - dt.timedelta(days=rng.randint(1, 700)) if archived else None,
            deleted=deleted,
            deleted_at=self.now if deleted else None,
        )

    # -- risk profiles, visits, recommendations ------------------------------------------------

    def assessments(self, school: Row) -> list[Row]:
        cohort = school["cohort_year"]
        if cohort is None:
            return []
        rng = self.rng
        verification = rng.choices(("full", "partial", "none"), (70, 15, 15))[0]
        rows = []
        for year in range(cohort, min(cohort + 2, self.today.year + 1)):
            latest = year == min(cohort + 1, self.today.year)
            for code in FACTOR_CODES:
                level = rng.choices(("high", "medium", "low", "none"), (20, 30, 30, 20))[0]
                fields: Row = {}
                if verification == "full" or (verification == "partial" and not latest):
                    verdict = rng.choices(list(Verdict), (70, 12, 18))[0]
                    fields.update(verdict=verdict.value, verified_on=dt.date(year, 3, 20))
                    if verdict == Verdict.ADJUSTED:
                        others = [lv.value for lv in RiskLevel if lv.value != level]
                        fields["adjusted_level"] = rng.choice(others)
                        fields["justification"] = "Уровень скорректирован по итогам посещения."
                elif verification == "partial" and level in ("high", "medium"):
                    fields["verdict"] = Verdict.CONFIRMED.value
                rows.append(
                    self.record(
                        RiskAssessment,
                        school_id=school["id"],
                        year=year,
                        factor_code=code,
                        questionnaire_level=level,
                        **fields,
                    )
                )
        return rows

    def visit(self, school: Row) -> Row:
        rng = self.rng
        planned = self.today + dt.timedelta(days=rng.randint(-330, 180))
        if planned >= self.today:
            status = "planned"
        else:
            status = rng.choices(
                ("completed", "report_generated", "uploaded", "planned"), (40, 25, 25, 10)
            )[0]
        actual = planned + dt.timedelta(days=rng.randint(-3, 3)) if status != "planned" else None
        deleted = rng.random() < 0.01
        return self.record(
            Visit,
            school_id=school["id"],
            visit_type=rng.choices(
                ("primary", "planned", "unplanned", "final", "remote"), (15, 55, 10, 10, 10)
            )[0],
            status=status,
            planned_date=planned,
            actual_date=actual,
            purpose=rng.choice(names.VISIT_PURPOSES),
            deleted=deleted,
            deleted_at=self.now if deleted else None,
        )

    def recommendations(self, visit: Row) -> list[Row]:
        if visit["actual_date"] is None:
            return []
        rng = self.rng
        rows = []
        for _ in range(rng.choices((0, 1, 2, 3), (20, 35, 30, 15))[0]):
            status = rng.choices(("open", "done", "cancelled"), (50, 40, 10))[0]
            deadline = visit["actual_date"] + dt.timedelta(days=rng.randint(20, 120))
            rows.append(
                self.record(
                    Recommendation,
                    school_id=visit["school_id"],
                    visit_id=visit["id"],
                    factor_code=rng.choice(FACTOR_CODES),
                    text=rng.choice(names.RECOMMENDATIONS),
                    responsible=rng.choice(names.RESPONSIBLE),
                    deadline=deadline,
                    status=status,
                    closed_on=deadline if status == "done" else None,
                )
            )
        return rows


def _bulk_insert(session: Any, model: type[SQLModel], rows: list[Row]) -> None:
    if rows:
        session.execute(insert(model).execution_options(render_nulls=True), rows)


def generate_store(
    path: Path,
    *,
    schools: int = 5000,
    visits: int | None = None,
    seed: int = 2026,
    today: dt.date | None = None,
    device_id: str = "generator",
) -> GeneratedStore:
    """Create (or add to) the store at ``path``: ``schools`` schools and ``visits`` visits.

    ``visits`` defaults to three per school; 50,000 visits over 5,000 schools work as well.
    """
    started = time.perf_counter()
    today = today or dt.date.today()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    schema.upgrade(path)
    builder = _Builder(seed, today, device_id)
    visit_total = 3 * schools if visits is None else visits
    municipalities = builder.municipalities(max(3, schools // SCHOOLS_PER_MUNICIPALITY))
    weights = [m.weight for m in municipalities]
    numbers: dict[str, int] = {}
    school_rows = [
        builder.school(builder.rng.choices(municipalities, weights)[0], numbers)
        for _ in range(schools)
    ]
    assessment_rows = [row for school in school_rows for row in builder.assessments(school)]
    live = [school for school in school_rows if not school["deleted"]] or school_rows
    visit_rows = [builder.visit(builder.rng.choice(live)) for _ in range(visit_total)]
    recommendation_rows = [row for visit in visit_rows for row in builder.recommendations(visit)]
    database = Database(path, device_id=device_id)
    try:
        with database.session() as session:
            _bulk_insert(session, School, school_rows)
            _bulk_insert(session, RiskAssessment, assessment_rows)
            _bulk_insert(session, Visit, visit_rows)
            _bulk_insert(session, Recommendation, recommendation_rows)
    finally:
        database.close()
    return GeneratedStore(
        path=path,
        schools=len(school_rows),
        municipalities=len({school["municipality"] for school in school_rows}),
        assessments=len(assessment_rows),
        visits=len(visit_rows),
        recommendations=len(recommendation_rows),
        seconds=time.perf_counter() - started,
    )
