"""Record ids derived from what a record is: one school, one record, in every store.

A school is identified by its ИНН (when it is a valid legal-entity ИНН), a risk assessment by
its school, factor and cycle year. Every store gives such a record the same id — the curator's
laptop, the office PC, the coordinator's computer, a list of schools imported twice — so an
exchange package finds the record it is about instead of bringing a second copy. The scheme is
the one of the built-in catalogs (:mod:`curator_desktop.domain.catalogs.builtin_ids`): a UUID5 of
the project's fixed namespace over a JSON array ``[kind, part, …]``.

Records made before these ids (random ids), and a derived id already taken in a store, are
matched at import by the same identity (:mod:`curator_desktop.services.exchange.merge.identity`).

These functions are part of the exchange contract: never change them.
"""

from __future__ import annotations

import json
import re
import uuid

from curator_desktop.domain.catalogs.builtin_ids import NAMESPACE
from curator_desktop.domain.schools.inn import is_valid_inn

__all__ = [
    "NAMESPACE",
    "assessment_id",
    "derived_id",
    "new_school_id",
    "school_id",
    "school_name_key",
]

_NON_WORD = re.compile(r"[\W_]+")


def derived_id(kind: str, *parts: object) -> str:
    """The id of the record of kind ``kind`` identified by ``parts`` (UUID5 as text)."""
    # JSON keeps the parts apart whatever they contain (a code may hold «:»).
    name = json.dumps([kind, *(str(part) for part in parts)], ensure_ascii=False)
    return str(uuid.uuid5(NAMESPACE, name))


def school_id(inn: str | None) -> str | None:
    """The id of the school with the ИНН ``inn``; None when ``inn`` is not a valid ИНН (a
    school without one has no natural identity and gets a random id)."""
    inn = (inn or "").strip()
    return derived_id("school", inn) if is_valid_inn(inn) else None


def assessment_id(school: str, factor_code: str, year: int) -> str:
    """The id of the verification of the risk factor ``factor_code`` of the school ``school``
    (its record id) in the cycle year ``year``."""
    return derived_id("risk_assessment", school, factor_code, int(year))


def new_school_id(inn: str | None) -> str:
    """The id a new school takes: derived from a valid ИНН, else random (UUID4)."""
    return school_id(inn) or str(uuid.uuid4())


def school_name_key(full_name: str | None, municipality: str | None) -> tuple[str, str]:
    """What two spellings of one school's name and municipality share (case, «ё» and
    punctuation folded): «МБОУ "СОШ № 1"» and «мбоу сош №1» agree. Only ever a proposal: a
    school without ИНН is matched by it after the user confirms."""

    def fold(text: str | None) -> str:
        folded = (text or "").casefold().replace("ё", "е")
        return "".join(_NON_WORD.sub(" ", folded).split())

    return fold(full_name), fold(municipality)
