"""The abbreviation list printed under a roadmap («АР-администрация района», «ОО – …»)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_ENTRY = re.compile(r"\s*([A-ZА-ЯЁ][\wА-Яа-яЁё/ ]{0,15}?)\s*[-–—:]\s*(\S.*?)[\s.;,]*")
_HEADINGS = re.compile(r"(?:список\s+)?(?:сокращени[йея]|условные\s+обозначения)\s*:?\s*", re.I)


def _is_abbreviation(text: str) -> bool:
    words = text.split()
    letters = [char for char in text if char.isalpha()]
    upper = [char for char in letters if char.isupper()]
    return 1 <= len(words) <= 3 and len(upper) >= 2 and len(upper) * 2 >= len(letters)


def parse_legend_entry(line: str) -> tuple[str, str] | None:
    """``("АР", "администрация района")`` for «АР-администрация района», else None."""
    match = _ENTRY.fullmatch(line)
    if not match:
        return None
    abbreviation, meaning = match.group(1).strip(), match.group(2).strip()
    if not _is_abbreviation(abbreviation) or len(meaning) < 2:
        return None
    return abbreviation, meaning


def parse_legend(lines: Iterable[str]) -> dict[str, str]:
    """Every abbreviation explained in ``lines`` (several per line when separated by «;»)."""
    legend: dict[str, str] = {}
    for line in lines:
        text = " ".join(line.replace("**", "").split())
        text = _HEADINGS.sub("", text, count=1) if _HEADINGS.match(text) else text
        for part in text.split(";"):
            entry = parse_legend_entry(part)
            if entry and entry[0] not in legend:
                legend[entry[0]] = entry[1]
    return legend
