"""The words of the documents feature: a document's status and a criterion's result.

The document kinds themselves are :class:`curator_desktop.domain.enums.DocumentType` and the
conclusions :class:`curator_desktop.domain.enums.ReviewConclusion` (both older than this feature).
"""

from __future__ import annotations

from curator_desktop.domain.enums import DocumentType, LabelledEnum
from curator_desktop.i18n import NP_, pgettext


class DocumentStatus(LabelledEnum):
    """Where a document stands: derived from its latest version and that version's review."""

    MISSING = "missing"
    RECEIVED = "received"
    UNDER_REVIEW = "under_review"
    REVISION = "revision"
    ACCEPTED = "accepted"
    UPLOADED = "uploaded"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "missing": NP_("document status", "Not received"),
            "received": NP_("document status", "Received"),
            "under_review": NP_("document status", "Under review"),
            "revision": NP_("document status", "Returned for revision"),
            "accepted": NP_("document status", "Accepted"),
            "uploaded": NP_("document status", "Uploaded to IS MEDK"),
        }


class CriterionResult(LabelledEnum):
    """How a document meets one review criterion (the values the expert-review checklist uses)."""

    MEETS = "meets"
    PARTLY = "partly"
    NOT_MEETS = "not_meets"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "meets": NP_("criterion result", "Meets"),
            "partly": NP_("criterion result", "Partly meets"),
            "not_meets": NP_("criterion result", "Does not meet"),
        }


FEMININE = "feminine"
KIND_GENDER: dict[str, str] = {
    DocumentType.CONCEPT.value: FEMININE,  # концепция
    DocumentType.MEDIUM_TERM_PROGRAMME.value: FEMININE,  # программа
    DocumentType.ANTIRISK_PROGRAMME.value: FEMININE,  # программа
    DocumentType.ROADMAP.value: FEMININE,  # дорожная карта
    DocumentType.DEVELOPMENT_PROGRAMME.value: FEMININE,  # программа
}
"""The grammatical gender of each document kind's name in Russian: a status said of a document
agrees with it («Концепция развития — принята»)."""

_FEMININE_LABELS: dict[str, tuple[str, str]] = {
    "missing": NP_("document status, feminine", "Not received"),
    "received": NP_("document status, feminine", "Received"),
    "under_review": NP_("document status, feminine", "Under review"),
    "revision": NP_("document status, feminine", "Returned for revision"),
    "accepted": NP_("document status, feminine", "Accepted"),
    "uploaded": NP_("document status, feminine", "Uploaded to IS MEDK"),
}


def status_of_kind(status: DocumentStatus | str, kind: str | None) -> str:
    """The status ``status`` said of a document of ``kind``, in the gender of the kind's name
    (capitalised: a table cell's start; lower-case it inside a sentence)."""
    value = DocumentStatus(status).value
    if kind is not None and KIND_GENDER.get(kind) == FEMININE:
        return pgettext(*_FEMININE_LABELS[value])
    return DocumentStatus.label_for(value)
