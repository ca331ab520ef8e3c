"""One full stop at the end of a sentence, however its parts end.

A sentence made from a template often ends with a value that brings its own full stop: a long
date in Russian ends with «г.» («Состояние на дату посещения — 19 мая 2026 г.»), an
abbreviation, a curator's text. The template's full stop after it would print a second one
(«г..»). Every paragraph and text block of the report form goes through :func:`single_stops`,
so no report prints a doubled full stop; an ellipsis («...») is left as it is.
"""

from __future__ import annotations

import re

_DOUBLED = re.compile(r"(?<=[^\W\d_])\.\.(?!\.)")
"""Two full stops right after a letter, not part of an ellipsis."""


def single_stops(text: str) -> str:
    """``text`` with each full stop doubled after a word (as «г..») printed once."""
    return _DOUBLED.sub(".", text) if ".." in text else text


NBSP = "\xa0"
_TIED_BEFORE = re.compile(
    r"(?<![^\s«(\"„])(?<!\d\d\d\d\s)(?:г|гг|с|д|п|пос|пгт|ул|пр|им|ст|х|корп|стр|т)\. (?=\S)"
    r"|(?<![^\s«(\"„])№ (?=\S)"
    r"|(?<![^\s«(\"„.])[А-ЯЁA-Z]\. (?=[А-ЯЁA-Z])"
)
"""An abbreviation that may not end a line: a town, village or street («г.», «с.», «ул.»…),
«№», an initial before the next initial or the surname («А. В. Петров»), each with its space;
not the «г.» after a year («2026 г.»), which ends a date."""
_INITIAL_AFTER = re.compile(r"(?<=[а-яё]) (?=[А-ЯЁ]\.(?:\s|$|[А-ЯЁ]))")
"""The space between a surname and the initials after it («Тарасова Г. А.»)."""


def tie_words(text: str) -> str:
    """``text`` with a no-break space after «г.», «с.», «д.», «п.», «ул.», «№»… and between
    initials and a surname, so that a line never ends with «г.» and begins with the town."""
    if "." not in text and "№" not in text:
        return text
    text = _TIED_BEFORE.sub(lambda m: m.group(0)[:-1] + NBSP, text)
    return _INITIAL_AFTER.sub(NBSP, text) if "." in text else text
