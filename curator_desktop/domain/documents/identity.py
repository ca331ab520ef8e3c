"""A document's id from what it is: one school, one cycle year, one kind, one direction.

Part of the exchange contract (like :mod:`curator_desktop.domain.identity`): every store gives
the concept of one school for one year the same id, so two curators' packages meet in one record.
"""

from __future__ import annotations

from curator_desktop.domain.identity import derived_id


def document_id(school: str, year: int, kind: str, factor_code: str | None) -> str:
    """The id of the document of ``kind`` (for the direction ``factor_code``, antirisk
    programmes only) of the school ``school`` in the cycle year ``year``."""
    return derived_id("school_document", school, int(year), kind, factor_code or "")
