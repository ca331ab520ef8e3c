"""Ids derived from identity: the same in every store, part of the exchange contract."""

from __future__ import annotations

import uuid

from curator_desktop.domain import identity
from curator_desktop.domain.catalogs import builtin_ids
from curator_desktop.domain.schools.inn import make_inn

INN = make_inn("344401301")


def test_derived_ids_follow_the_scheme_of_the_built_in_catalogs() -> None:
    assert identity.derived_id("risk_catalog", "fioco", "2025") == builtin_ids.catalog_id(
        "fioco", "2025"
    )
    assert identity.NAMESPACE == builtin_ids.NAMESPACE


def test_a_school_id_is_the_uuid5_of_its_inn_and_never_changes() -> None:
    expected = str(uuid.uuid5(builtin_ids.NAMESPACE, f'["school", "{INN}"]'))
    assert identity.school_id(INN) == identity.school_id(f" {INN} ") == expected
    assert identity.new_school_id(INN) == expected


def test_a_school_without_a_valid_inn_gets_a_random_id() -> None:
    wrong = INN[:9] + str((int(INN[9]) + 1) % 10)
    for inn in ("", None, wrong, "12345", INN + "00"):
        assert identity.school_id(inn) is None
    assert identity.new_school_id("") != identity.new_school_id("")
    assert uuid.UUID(identity.new_school_id(wrong)).version == 4


def test_an_assessment_id_depends_on_school_factor_and_year() -> None:
    school = identity.school_id(INN)
    ids = {
        identity.assessment_id(school, "R01", 2026),
        identity.assessment_id(school, "R02", 2026),
        identity.assessment_id(school, "R01", 2025),
        identity.assessment_id("another-school", "R01", 2026),
    }
    assert len(ids) == 4
    assert identity.assessment_id(school, "R01", 2026) == identity.assessment_id(
        school, "R01", "2026"
    )


def test_name_keys_agree_across_spellings() -> None:
    assert identity.school_name_key("МБОУ «СОШ № 1»", "Ёлкинский район") == (
        identity.school_name_key('мбоу "сош №1"', "елкинский  район")
    )
    assert identity.school_name_key("МБОУ СОШ № 1", "Район") != identity.school_name_key(
        "МБОУ СОШ № 11", "Район"
    )
