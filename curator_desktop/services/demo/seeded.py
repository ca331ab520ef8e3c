"""Seeded demo curators: who a curator of the demo region is and which schools they hold.

A seeded curator (``demo create --seed N``) keeps the demo's story — eight schools of the same
kinds, the same year — but the schools themselves depend on the seed: their ИНН, number in the
name, director and size. The same seed gives the same schools; two seeds give different ones,
except that neighbours (N and N + 1) share one school, as curators of one region sometimes do:
school ``TWINS[0]``'s identity is shared by seeds 2k and 2k + 1, ``TWINS[1]``'s by 2k − 1 and 2k.
A shared school has the same ИНН (so the same id) and the same fields in both stores, so the
coordinator's store merges the two into one school with both curators.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from curator_desktop.services.demo.seeds import SchoolSeed

TWINS = ("krasnolesye-sosh2", "nikolskoe-sosh")
"""The school seeds whose identity a curator shares with a neighbour (active «500+» schools
without a story of their own)."""
TWIN_BASE = 50_000
"""ИНН numbers of shared schools start here; a curator's own ones stay below."""
_NUMBER = re.compile(r"№\s*\d+")


@dataclass(frozen=True)
class SeededSchool:
    """Who a school of a seeded curator is: the key its fields are drawn from (shared by the
    two curators of a shared school), its ИНН number within the tax office and its name
    number."""

    key: str
    inn_number: int
    name_number: int

    def rng(self) -> random.Random:
        """The random source of the school's own fields (the same wherever it is drawn)."""
        return random.Random(self.key)


def seeded_school(seed: int, index: int, school: SchoolSeed, schools: int) -> SeededSchool:
    """The identity of the ``index``-th of ``schools`` school seeds for the curator ``seed``."""
    if school.key in TWINS:
        pair = (seed + TWINS.index(school.key)) // 2
        number = TWIN_BASE + (pair * schools + index) % TWIN_BASE
        return SeededSchool(f"twin:{school.key}:{pair}", number, pair * schools + index + 1)
    number = (seed * schools + index) % TWIN_BASE
    return SeededSchool(f"school:{seed}:{school.key}", number, seed * schools + index + 1)


def numbered(name: str, number: int) -> str:
    """``name`` with its school number replaced by ``number`` (added before the closing
    quote when it has none): «СОШ № 2» → «СОШ № 17», «Никольская СОШ» → «Никольская СОШ № 17»."""
    if _NUMBER.search(name):
        return _NUMBER.sub(f"№ {number}", name, count=1)
    quote = name.rfind("»")
    if quote < 0:
        return f"{name} № {number}"
    return f"{name[:quote]} № {number}{name[quote:]}"
