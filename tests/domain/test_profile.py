"""The profile's one rule set (the first-run dialog's, the Settings page's and ``init``'s), the
role, and the surname with initials."""

from __future__ import annotations

import pytest

from curator_desktop.domain.profile import (
    MAX_LENGTH,
    ProfileErrors,
    ProfileFields,
    Role,
    profile_problems,
    surname_and_initials,
    validate_profile,
)
from curator_desktop.i18n import set_language


def test_typed_values_are_stripped_and_the_role_defaults_to_curator() -> None:
    profile = ProfileFields.from_strings(
        {"full_name": "  Соколова Мария Викторовна ", "region": None, "unknown": "x"}
    )
    assert profile == ProfileFields(full_name="Соколова Мария Викторовна")
    assert profile.role == "curator" and profile_problems(profile) == {}
    assert "role" not in profile.columns() and set(profile.columns()) == set(
        ProfileFields.column_names()
    )


def test_the_name_is_required_and_the_email_needs_an_at() -> None:
    problems = profile_problems(ProfileFields(full_name="", email="sokolova.mail.ru"))
    assert list(problems) == ["full_name", "email"]
    assert "full name" in problems["full_name"] and "«@»" in problems["email"]


@pytest.mark.parametrize("name", ["full_name", "position", "organisation", "region", "phone"])
def test_every_field_has_a_length_limit(name: str) -> None:
    values = {"full_name": "Соколова М. В.", name: "я" * (MAX_LENGTH + 1)}
    problems = profile_problems(ProfileFields(**values))
    assert list(problems) == [name]
    assert f"at most {MAX_LENGTH} characters, {MAX_LENGTH + 1} given" in problems[name]
    assert profile_problems(ProfileFields(**{**values, name: "я" * MAX_LENGTH})) == {}


def test_ten_thousand_characters_are_refused_with_a_reason() -> None:
    with pytest.raises(ProfileErrors) as raised:
        validate_profile(ProfileFields(full_name="Я" * 10_000))
    assert raised.value.field == "full_name" and raised.value.exit_code == 2
    assert "10000 given" in raised.value.user_message


@pytest.mark.parametrize("text", ["Соколова\nМария", "Соколова\tМария", "Соколова\x00"])
def test_values_stay_on_one_line(text: str) -> None:
    assert list(profile_problems(ProfileFields(full_name=text))) == ["full_name"]


def test_roles_by_code_or_label_and_unknown_ones_refused() -> None:
    set_language("ru")
    assert Role.parse("координатор") is Role.COORDINATOR
    assert Role.parse(" Curator ") is Role.CURATOR
    assert ProfileFields.from_strings({"role": "Куратор"}).role == "curator"
    problems = profile_problems(ProfileFields(full_name="Иванова", role="начальник"))
    assert "«начальник»" in problems["role"] and "coordinator (Координатор)" in problems["role"]
    set_language("en")
    assert Role.parse("координатор") is None
    assert Role.COORDINATOR.label == "Coordinator"


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Соколова Мария Викторовна", ("Соколова", ("М", "В"))),
        ("Соколова М. В.", ("Соколова", ("М", "В"))),
        ("  соколова   мария ", ("соколова", ("М",))),
        ("Римская-Корсакова Анна", ("Римская-Корсакова", ("А",))),
        ("Соколова", ("Соколова", ())),
        ("", ("", ())),
    ],
)
def test_surname_and_initials(full_name: str, expected: tuple[str, tuple[str, ...]]) -> None:
    assert surname_and_initials(full_name) == expected
