"""Every place that makes a school or a risk verification gives it the id of its identity, and
a random one when that id is already taken (a school whose ИНН was edited kept it)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from curator_desktop.domain import identity
from curator_desktop.domain.schools.inn import make_inn
from curator_desktop.domain.schools.rules import SchoolFields
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.services.schools.service import SchoolService
from curator_desktop.store.database import Database

INN = make_inn("471000123")
OTHER_INN = make_inn("471000456")
FIELDS = SchoolFields(full_name="МОУ «Ёршовская СОШ»", inn=INN, municipality="Ёршовский район")


def test_a_new_school_takes_the_id_of_its_inn(database: Database) -> None:
    service = SchoolService(database)
    school = service.create(FIELDS)
    assert school.id == identity.school_id(INN)
    without = service.create(dataclasses.replace(FIELDS, inn="", full_name="МОУ «Без ИНН»"))
    assert identity.school_id(without.inn) is None and without.id != school.id


def test_an_inn_whose_id_is_taken_gives_a_random_id(database: Database) -> None:
    service = SchoolService(database)
    first = service.create(FIELDS)
    service.update(first.id, dataclasses.replace(FIELDS, inn=OTHER_INN))  # a typo corrected
    second = service.create(dataclasses.replace(FIELDS, full_name="МОУ «Другая СОШ»"))
    assert second.inn == INN
    assert first.id == identity.school_id(INN) != second.id


def test_a_verification_takes_the_id_of_school_factor_and_year(database: Database) -> None:
    install_builtin_catalogs(database)
    school = SchoolService(database).create(FIELDS)
    service = RiskProfileService(database, today=dt.date(2026, 3, 20))
    service.save_factor(school.id, 2026, "R01", {"questionnaire_level": "high"})
    service.start_year(school.id, 2027)
    rows = {(r.code, year): r for year in (2026, 2027) for r in service.profile(school.id, year)}
    assert rows[("R01", 2026)].assessment_id == identity.assessment_id(school.id, "R01", 2026)
    assert rows[("R02", 2027)].assessment_id == identity.assessment_id(school.id, "R02", 2027)
