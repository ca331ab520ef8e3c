"""A school's documents: what is expected, versions received, reviews, statuses, confirmations.

``kinds``: the kinds, statuses and criterion results with their labels; ``identity``: a
document's id from what it is; ``records``: the plain records services hand out; ``rules``: what a
review must satisfy; ``status``: a document's status and history derived from its versions and
reviews; ``expected``: which documents a school's profile expects. The criteria themselves
(a data file) are read by ``criteria``.
"""

from curator_desktop.domain.documents.kinds import CriterionResult, DocumentStatus
from curator_desktop.domain.documents.records import (
    ConfirmationRecord,
    CriterionMark,
    DocumentRecord,
    DocumentSummary,
    ExpectedDocument,
    HistoryEvent,
    ReviewRecord,
    TargetIndicator,
    VersionRecord,
    WorklistEntry,
)

__all__ = [
    "ConfirmationRecord",
    "CriterionMark",
    "CriterionResult",
    "DocumentRecord",
    "DocumentStatus",
    "DocumentSummary",
    "ExpectedDocument",
    "HistoryEvent",
    "ReviewRecord",
    "TargetIndicator",
    "VersionRecord",
    "WorklistEntry",
]
