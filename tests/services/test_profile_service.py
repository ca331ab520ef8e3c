"""The profile service: the profile with the store's role, saved only when it meets the rules."""

from __future__ import annotations

import pytest

from curator_desktop.domain.changes import Change
from curator_desktop.domain.profile import ProfileErrors, ProfileFields, Role
from curator_desktop.services.profile.service import ProfileService
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import ProfileRepository


def test_profile_and_role_round_trip(database: Database) -> None:
    service = ProfileService(database)
    assert service.current() is None and service.role() is Role.CURATOR
    profile = ProfileFields(full_name="Петров Иван Сергеевич", region="Тверская область")
    assert service.save(profile) == frozenset({Change.PROFILE})
    assert service.current() == profile and ProfileRepository(database).role() == "curator"

    coordinator = ProfileFields(full_name="Петров Иван Сергеевич", role="coordinator")
    service.save(coordinator)
    assert service.current() == coordinator and service.role() is Role.COORDINATOR


def test_a_profile_that_breaks_a_rule_writes_nothing(database: Database) -> None:
    service = ProfileService(database)
    service.save(ProfileFields(full_name="Петров Иван Сергеевич"))
    for bad in (
        ProfileFields(full_name=""),
        ProfileFields(full_name="Я" * 10_000),
        ProfileFields(full_name="Петров", role="boss"),
    ):
        with pytest.raises(ProfileErrors):
            service.save(bad)
    assert service.current() == ProfileFields(full_name="Петров Иван Сергеевич")


def test_a_role_from_a_newer_version_reads_as_curator(database: Database) -> None:
    ProfileRepository(database).save(full_name="Петров", organisation="", region="", role="x")
    assert ProfileService(database).role() is Role.CURATOR
