"""The curator's worklist across schools: what is returned for revision, what awaits review,
what is overdue, as of a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from curator_desktop.domain.documents import DocumentStatus, DocumentSummary, WorklistEntry
from curator_desktop.i18n import N_

REVISION, AWAITING, OVERDUE = "revision", "awaiting", "overdue"
WORKLIST_GROUPS: dict[str, str] = {
    OVERDUE: N_("Overdue"),
    AWAITING: N_("Awaiting review"),
    REVISION: N_("Returned for revision"),
}
"""The worklist's groups in the order shown, with their names (translate with ``_()``)."""
WORKLIST_NEEDS: dict[str, str] = {
    OVERDUE: N_("Remind the school: the revision is overdue"),
    AWAITING: N_("Review it"),
    REVISION: N_("Wait for the revised version"),
}
"""What a document of each group needs from the curator (translate with ``_()``)."""


def group_of(summary: DocumentSummary) -> str | None:
    """The worklist group of a document (None: nothing to do about it now)."""
    if summary.status == DocumentStatus.REVISION:
        return OVERDUE if summary.overdue else REVISION
    if summary.status in (DocumentStatus.RECEIVED, DocumentStatus.UNDER_REVIEW):
        return AWAITING
    return None


def worklist_of(summaries: Iterable[DocumentSummary], as_of: dt.date) -> list[WorklistEntry]:
    """The documents needing the curator, grouped (overdue first), oldest step first."""
    entries: list[WorklistEntry] = []
    for summary in summaries:
        group = group_of(summary)
        if group is None:
            continue
        late = 0
        if group == OVERDUE and summary.revision_deadline is not None:
            late = (as_of - summary.revision_deadline).days
        entries.append(WorklistEntry(group, summary, late))
    order = list(WORKLIST_GROUPS)
    entries.sort(
        key=lambda e: (
            order.index(e.group),
            e.summary.revision_deadline or e.summary.status_on or dt.date.min,
            e.summary.school_name,
        )
    )
    return entries
