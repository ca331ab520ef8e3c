"""Latin words in a Russian report's text, outside what is Latin by nature: e-mail addresses,
URLs, UUIDs and checksums (report ids, SHA-256), catalog codes (R01), Roman numerals and the
names in :data:`ALLOWED` (SHA-256). A Latin word anywhere else is an untranslated string."""

from __future__ import annotations

import re
from collections.abc import Iterable

ALLOWED = frozenset({"SHA"})
"""Latin words a Russian report prints as they are."""

_NATURALLY_LATIN = re.compile(
    r"""
      [\w.+-]+@[\w-]+(?:\.[\w-]+)+                              # e-mail
    | (?:https?://|www\.)\S+                                    # URL
    | \b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b  # UUID
    | \b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{16,}\b                    # checksum, hex id
    | \b[A-Z]{1,3}\d{1,4}\b                                     # catalog code (R01)
    | \b[IVXLC]+\b                                              # Roman numeral
    """,
    re.VERBOSE,
)
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def latin_words(text: str, *, allowed: Iterable[str] = ()) -> list[str]:
    """The Latin words of ``text`` that are no address, id, code, numeral or allowed name, in
    order of appearance (repeats kept)."""
    keep = ALLOWED | set(allowed)
    cleaned = _NATURALLY_LATIN.sub(" ", text)
    return [word for word in _LATIN_WORD.findall(cleaned) if word not in keep]
