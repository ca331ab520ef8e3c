"""Which documents a school is expected to submit in a cycle year, from its profile.

Under «500+»: the concept, the medium-term programme and an antirisk programme for every
activated direction. Under «Школа Минпросвещения России» (no risk profile, no antirisk
programmes): the development programme.
"""

from __future__ import annotations

from collections.abc import Iterable

from curator_desktop.domain.documents.records import ExpectedDocument
from curator_desktop.domain.enums import DocumentType, Programme


def expected_documents(programme: str, activated: Iterable[str]) -> list[ExpectedDocument]:
    """The expected documents of a school of ``programme`` with the ``activated`` directions
    (factor codes), in the order they are shown."""
    if programme == Programme.MINPROS_SCHOOL.value:
        return [ExpectedDocument(DocumentType.DEVELOPMENT_PROGRAMME.value)]
    expected = [
        ExpectedDocument(DocumentType.CONCEPT.value),
        ExpectedDocument(DocumentType.MEDIUM_TERM_PROGRAMME.value),
    ]
    expected += [
        ExpectedDocument(DocumentType.ANTIRISK_PROGRAMME.value, code) for code in sorted(activated)
    ]
    return expected
