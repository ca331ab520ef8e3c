"""A school's documents as the curator works them: expected documents, received versions with
their files, reviews against criteria, conclusions, uploads to ИС МЭДК, confirmation documents,
and the worklist across schools.

The one way to write is :class:`DocumentService`; the records it returns are the plain ones of
:mod:`curator_desktop.domain.documents`. Reports that read inside their own session use
``documents_in`` (a school's documents of a year), ``summaries_in`` and ``reviews_at_visit_in``.
"""

from curator_desktop.domain.documents import (
    ConfirmationRecord,
    CriterionMark,
    CriterionResult,
    DocumentRecord,
    DocumentStatus,
    DocumentSummary,
    ExpectedDocument,
    HistoryEvent,
    ReviewRecord,
    TargetIndicator,
    VersionRecord,
    WorklistEntry,
)
from curator_desktop.services.documents.reading import (
    documents_of as documents_in,
)
from curator_desktop.services.documents.reading import (
    reviews_at_visit as reviews_at_visit_in,
)
from curator_desktop.services.documents.reading import (
    summaries_of as summaries_in,
)
from curator_desktop.services.documents.service import DocumentService
from curator_desktop.services.documents.worklist import WORKLIST_GROUPS

__all__ = [
    "WORKLIST_GROUPS",
    "ConfirmationRecord",
    "CriterionMark",
    "CriterionResult",
    "DocumentRecord",
    "DocumentService",
    "DocumentStatus",
    "DocumentSummary",
    "ExpectedDocument",
    "HistoryEvent",
    "ReviewRecord",
    "TargetIndicator",
    "VersionRecord",
    "WorklistEntry",
    "documents_in",
    "reviews_at_visit_in",
    "summaries_in",
]
