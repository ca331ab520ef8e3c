"""ИНН (taxpayer number) of a legal entity: 10 digits, the last one a checksum."""

from __future__ import annotations

WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
"""Weights of the first nine digits in the checksum of a 10-digit ИНН."""


def _is_ascii_digits(text: str, length: int) -> bool:
    return len(text) == length and text.isascii() and text.isdigit()


def check_digit(prefix9: str) -> str:
    """The tenth digit for the nine digits ``prefix9``: Σ(digit × weight) mod 11 mod 10."""
    if not _is_ascii_digits(prefix9, 9):
        raise ValueError(f"nine digits expected, got {prefix9!r}")
    total = sum(int(digit) * weight for digit, weight in zip(prefix9, WEIGHTS, strict=True))
    return str(total % 11 % 10)


def is_valid_inn(inn: str) -> bool:
    """True when ``inn`` is ten ASCII digits whose last digit is the right checksum.

    Only the legal-entity form is accepted (schools are legal entities); a 12-digit personal
    ИНН is not a school's.
    """
    if not isinstance(inn, str) or not _is_ascii_digits(inn, 10):
        return False
    return check_digit(inn[:9]) == inn[9]


def make_inn(prefix9: str) -> str:
    """A valid 10-digit ИНН: ``prefix9`` (region, tax office, number) plus its check digit."""
    return prefix9 + check_digit(prefix9)
