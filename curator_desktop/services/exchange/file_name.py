"""The default name of an exported package: whose it is and from when, so that a coordinator's
folder of packages reads as a list of curators (``Соколова_М_В_2026-12-07.curator``).

The name is safe on Windows, macOS and Linux: characters a file name cannot hold are left out,
and a store without a profile (or a name with nothing usable in it) falls back to
``curator-2026-12-07.curator``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from curator_desktop.domain.profile import surname_and_initials

PACKAGE_SUFFIX = ".curator"
FALLBACK_STEM = "curator"
MAX_SURNAME_CHARS = 60
"""A surname longer than this is cut (the whole name stays well under every system's limit)."""

_NOT_IN_FILE_NAMES = frozenset('<>:"/\\|?*')


def _safe(text: str) -> str:
    """``text`` without what a file name cannot hold (reserved characters, control characters,
    spaces), and without dots or dashes at its ends."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(
        char
        for char in text
        if char not in _NOT_IN_FILE_NAMES
        and not char.isspace()
        and unicodedata.category(char)[0] != "C"
    )
    return kept[:MAX_SURNAME_CHARS].strip(".-_")


def package_file_name(full_name: str | None, day: dt.date) -> str:
    """The default file name of a package exported on ``day`` by ``full_name``: the surname,
    the initials and the date joined by ``_``; ``curator-DATE.curator`` without a usable name."""
    surname, initials = surname_and_initials(full_name or "")
    surname = _safe(surname)
    if not surname:
        return f"{FALLBACK_STEM}-{day.isoformat()}{PACKAGE_SUFFIX}"
    parts = [surname, *(initial for initial in map(_safe, initials) if initial)]
    return "_".join([*parts, day.isoformat()]) + PACKAGE_SUFFIX
