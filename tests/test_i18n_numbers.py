"""Numbers remembered per locale print exactly as babel prints them, the first time and after."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal

from curator_desktop import i18n

LOCALES = {"ru": "ru_RU", "en": "en_GB"}
VALUES: list[float | int] = [
    0, 7, 999, 1000, 9999, 10000, 123456, 1_234_567, -5, -1234,
    12.5, 0.1, 1 / 3, 12.0, 80.0, 1e6, -2.5, 0.0, -0.0, 5, 5.0,
]  # fmt: skip


def babel(value: float | int, language: str) -> str:
    """What format_number printed before it remembered anything."""
    return format_decimal(value, locale=LOCALES[language]).replace("\u202f", "\u00a0")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_number_prints_as_babel_prints_it_first_time_and_again(language: str) -> None:
    i18n.set_language(language)
    first = [i18n.format_number(value) for value in VALUES]
    again = [i18n.format_number(value) for value in reversed(VALUES)][::-1]
    expected = [babel(value, language) for value in VALUES]
    assert first == expected
    assert again == expected


def test_grouping_follows_the_language_after_a_switch() -> None:
    i18n.set_language("ru")
    assert i18n.format_number(123456) == "123\u00a0456"
    assert i18n.format_number(12.5) == "12,5"
    i18n.set_language("en")
    assert i18n.format_number(123456) == "123,456"
    assert i18n.format_number(12.5) == "12.5"
    i18n.set_language("ru")
    assert i18n.format_number(123456) == "123\u00a0456"


def test_equal_keys_that_print_differently_are_not_mixed_up() -> None:
    i18n.set_language("ru")
    assert (i18n.format_number(0.0), i18n.format_number(-0.0)) == ("0", "-0")
    assert (i18n.format_number(-0.0), i18n.format_number(0.0)) == ("-0", "0")
