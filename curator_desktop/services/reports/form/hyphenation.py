"""Where a word may be broken with a hyphen, by the Russian rules of syllables (no dictionary).

Used when a word is wider than its column and must be broken anyway: a break falls between
syllables, so each part keeps a vowel; «й», «ь», «ъ» stay with the letter before them; a single
letter is never left alone on either side. Between two vowels the break falls between them, with
one consonant before it, with several before the last («сест-ра», «силь-ный», «подъ-езд»). Words
in other scripts (and numbers) have no break points here: they are cut where the line ends, with
a hyphen all the same. (A dictionary hyphenator such as pyphen would also hyphenate words that
merely reach a line's end; the reports do not depend on one.)
"""

from __future__ import annotations

import itertools
from functools import lru_cache

VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщБВГДЖЗКЛМНПРСТФХЦЧШЩ")
ATTACHED = frozenset("йьъЙЬЪ")
"""Letters that never begin a line: they belong to the syllable before."""
MIN_PART = 2
LETTERS = VOWELS | CONSONANTS | ATTACHED


@lru_cache(maxsize=4096)
def break_points(word: str) -> tuple[int, ...]:
    """Positions ``i`` (ascending) where ``word[:i] + "-"`` may end a line and ``word[i:]``
    begin the next (right after a hyphen of a compound, no hyphen is added); none for a word
    that is not Cyrillic letters (quotes and punctuation around them aside: «школы»). Words
    tied by no-break spaces («г.\xa0Краснолесье») break after each of those spaces (no hyphen
    is added there) and inside each word."""
    if "\xa0" in word.strip("\xa0"):
        return _joined(word, "\xa0")
    if "-" in word.strip("-"):  # a compound breaks after its hyphens, and inside its parts
        points, offset = [], 0
        for part in word.split("-"):
            points += [offset + point for point in break_points(part)]
            offset += len(part) + 1
            if MIN_PART <= offset <= len(word) - MIN_PART:
                points.append(offset)
        return tuple(sorted(set(points)))
    start = next((i for i, char in enumerate(word) if char.isalpha()), len(word))
    end = next((i + 1 for i in range(len(word) - 1, -1, -1) if word[i].isalpha()), 0)
    core = word[start:end]
    if not core or any(char not in LETTERS for char in core):
        return ()
    return tuple(start + point for point in _core_points(core))


def _joined(word: str, joint: str) -> tuple[int, ...]:
    """The break points of words joined by ``joint``: inside each, and right after each joint."""
    points, offset = [], 0
    for part in word.split(joint):
        points += [offset + point for point in break_points(part)]
        offset += len(part) + 1
        if 0 < offset < len(word):
            points.append(offset)
    return tuple(sorted(set(points)))


def _core_points(word: str) -> list[int]:
    vowels = [i for i, char in enumerate(word) if char in VOWELS]
    points = []
    for left, right in itertools.pairwise(vowels):
        between = right - left - 1
        point = right if between == 0 else left + 1 if between == 1 else right - 1
        while point < right and word[point] in ATTACHED:
            point += 1
        if MIN_PART <= point <= len(word) - MIN_PART:
            points.append(point)
    return points
