"""ИНН checksum of legal entities."""

from __future__ import annotations

import pytest

from curator_desktop.domain.schools.inn import check_digit, is_valid_inn, make_inn


@pytest.mark.parametrize("inn", ["7707083893", "7830002293", "5024002119"])
def test_known_valid_inns(inn: str) -> None:
    assert is_valid_inn(inn)


@pytest.mark.parametrize("inn", ["7707083894", "7707083890", "7830002292", "1234567890"])
def test_wrong_checksum_is_invalid(inn: str) -> None:
    assert not is_valid_inn(inn)


@pytest.mark.parametrize("inn", ["", "770708389", "77070838931", "770708389312"])
def test_wrong_length_is_invalid(inn: str) -> None:
    assert not is_valid_inn(inn)


@pytest.mark.parametrize(
    "inn", ["77070838 3", "770708389a", " 770708389", "７７０７０８３８９３", "٧٧٠٧٠٨٣٨٩٣"]
)
def test_non_digits_are_invalid(inn: str) -> None:
    assert not is_valid_inn(inn)


def test_none_is_invalid() -> None:
    assert not is_valid_inn(None)  # type: ignore[arg-type]


def test_check_digit_of_known_inn() -> None:
    assert check_digit("770708389") == "3"
    assert check_digit("783000229") == "3"


@pytest.mark.parametrize(
    "prefix", ["770708389", "571100001", "000000000", "999999999", "123456789"]
)
def test_make_inn_gives_valid_inn_with_the_prefix(prefix: str) -> None:
    inn = make_inn(prefix)
    assert len(inn) == 10
    assert inn.startswith(prefix)
    assert is_valid_inn(inn)


def test_every_other_last_digit_is_rejected() -> None:
    inn = make_inn("571100042")
    wrong = [inn[:9] + d for d in "0123456789" if d != inn[9]]
    assert len(wrong) == 9
    assert not any(is_valid_inn(candidate) for candidate in wrong)


@pytest.mark.parametrize("prefix", ["12345678", "1234567890", "12345678x"])
def test_make_inn_refuses_a_bad_prefix(prefix: str) -> None:
    with pytest.raises(ValueError):
        make_inn(prefix)
