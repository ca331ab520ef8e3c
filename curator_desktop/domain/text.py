"""Text rules shared by search and matching."""

from __future__ import annotations


def normalize_search(text: str | None) -> str:
    """Lower-case, ``ё`` → ``е``, whitespace folded: the form search compares."""
    if not text:
        return ""
    return " ".join(text.casefold().replace("ё", "е").split())
