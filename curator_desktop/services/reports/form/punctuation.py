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
