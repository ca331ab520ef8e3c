"""Helpers of the identity tests: the coordinator's list of schools as a real CSV file, stores
that import it with the real list import, visits and verifications on its schools, packages, and
stores made the way versions before derived ids made them (random ids)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import col, select

from curator_desktop.domain import identity
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.exchange.merge import identity as merge_identity
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.services.schools.list_import import import_schools
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RiskAssessment, School, Visit, new_id
from tests.services.exchange.exchange_helpers import Store, copy_store

TODAY = dt.date(2026, 11, 20)
YEAR = 2026
FACTOR = "R01"
INNS = (make_inn("344401301"), make_inn("344401302"), make_inn("344401303"))
NO_INN_NAME = "МКОУ «Малая начальная школа»"

_HEADER = ["ИНН", "Полное наименование ОО", "Краткое наименование", "Муниципальное образование"]
_ROWS = [
    [INNS[0], "МБОУ «Средняя школа № 1»", "СШ № 1", "Городищенский район"],
    [INNS[1], "МБОУ «Средняя школа № 2»", "СШ № 2", "Городищенский район"],
    [INNS[2], "МКОУ «Основная школа с. Прудки»", "ОШ Прудки", "Дубовский район"],
    ["", NO_INN_NAME, "НШ", "Дубовский район"],
]


def list_csv(path: Path) -> Path:
    """The coordinator's list: three schools with a valid ИНН, one without."""
    lines = [_HEADER, *_ROWS]
    path.write_text("\r\n".join(";".join(cells) for cells in lines), encoding="utf-8")
    return path


def new_store(template: Path, root: Path, device: str) -> Store:
    """A fresh store in its data folder with the built-in catalogs (as the app opens one)."""
    store = copy_store(template, root, device)
    install_builtin_catalogs(store.database)
    return store


def import_list(store: Store, csv: Path) -> None:
    """The real list import, as ``schools import FILE`` runs it."""
    outcome = import_schools(csv, store.database, store.paths, dry_run=False)
    assert outcome.result is not None and outcome.result.added == len(_ROWS)


def live_schools(db: Database) -> dict[str, list[str]]:
    """Live school ids by ИНН (``""``: by name for those without), oldest first."""
    with db.session() as session:
        rows = session.exec(
            select(School)
            .where(col(School.deleted).is_(False))
            .order_by(col(School.created_at), col(School.id))
        ).all()
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row.inn or row.full_name, []).append(row.id)
    return found


def school_of(db: Database, inn: str) -> str:
    (school_id,) = live_schools(db)[inn]
    return school_id


def add_visit(db: Database, school_id: str, purpose: str, day: dt.date = TODAY) -> str:
    with db.session() as session:
        visit = Visit(school_id=school_id, planned_date=day, purpose=purpose)
        session.add(visit)
    return visit.id


def visits_of(db: Database, school_id: str) -> set[str]:
    with db.session() as session:
        query = select(Visit.id).where(
            col(Visit.school_id) == school_id, col(Visit.deleted).is_(False)
        )
        return set(session.exec(query).all())


def verify(db: Database, school_id: str, level: str = "high") -> None:
    """Confirm the questionnaire level of :data:`FACTOR` through the risk profile service."""
    RiskProfileService(db, today=TODAY).save_factor(
        school_id, YEAR, FACTOR, {"questionnaire_level": level, "verdict": "confirmed"}
    )


def live_assessments(db: Database, school_id: str) -> list[RiskAssessment]:
    with db.session() as session:
        query = select(RiskAssessment).where(
            col(RiskAssessment.school_id) == school_id, col(RiskAssessment.deleted).is_(False)
        )
        return list(session.exec(query).all())


def export(store: Store, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return store.service.export(folder / name).path


@contextmanager
def random_ids() -> Iterator[None]:
    """Schools and risk assessments get random ids, as before ids were derived."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(identity, "school_id", lambda inn: None)
        patch.setattr(identity, "assessment_id", lambda *parts: new_id())
        yield


@contextmanager
def no_identity_mapping() -> Iterator[None]:
    """Imports that match records by id only, as before the identity step."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            merge_identity,
            "identify",
            lambda *args, **kwargs: (None, merge_identity.Identity(), {}),
        )
        yield
