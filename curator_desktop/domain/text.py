"""Text rules shared by search and matching."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d+")


def normalize_search(text: str | None) -> str:
    """Lower-case, ``ё`` → ``е``, whitespace folded: the form search compares."""
    if not text:
        return ""
    return " ".join(text.casefold().replace("ё", "е").split())


def sort_key(text: str | None) -> str:
    """How names sort: case and «ё» folded, numbers in natural order (№ 2 before № 10)."""
    folded = normalize_search(text)
    return _DIGITS.sub(lambda match: match.group().zfill(10), folded)
