"""The words of the documents feature: a document's status and a criterion's result.

The document kinds themselves are :class:`curator_desktop.domain.enums.DocumentType` and the
conclusions :class:`curator_desktop.domain.enums.ReviewConclusion` (both older than this feature).
"""

from __future__ import annotations

from curator_desktop.domain.enums import LabelledEnum
from curator_desktop.i18n import NP_


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
