"""A document's status and history, derived from its versions and their reviews.

Nothing is overwritten: a new version is a new record, a review belongs to its version, an upload
to ИС МЭДК is a date on the version. The history is those dates in order; the status as of a day
is the last step on or before it. A return for revision is overdue when its deadline passed and
no newer version arrived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from curator_desktop.domain.documents.kinds import DocumentStatus
from curator_desktop.domain.documents.records import HistoryEvent, ReviewRecord, VersionRecord
from curator_desktop.domain.enums import ReviewConclusion

_ORDER = {
    DocumentStatus.RECEIVED: 0,
    DocumentStatus.UNDER_REVIEW: 1,
    DocumentStatus.REVISION: 2,
    DocumentStatus.ACCEPTED: 2,
    DocumentStatus.UPLOADED: 3,
}


@dataclass(frozen=True)
class StatusNow:
    """The status as of a day, when it began, the revision deadline and whether it passed."""

    status: DocumentStatus
    since: dt.date | None
    deadline: dt.date | None
    overdue: bool
    medk_uploaded_on: dt.date | None


def history(
    versions: Sequence[VersionRecord], reviews: Sequence[ReviewRecord]
) -> tuple[HistoryEvent, ...]:
    """Every dated step of the document, oldest first."""
    by_version: dict[str, list[ReviewRecord]] = {}
    for review in reviews:
        by_version.setdefault(review.version_id or "", []).append(review)
    events: list[tuple[dt.date, int, int, HistoryEvent]] = []
    for version in versions:
        n = version.number

        def add(on: dt.date | None, event: HistoryEvent, n: int = n) -> None:
            if on is not None:
                events.append((on, n, _ORDER[event.status], event))

        add(version.received_on, HistoryEvent(version.received_on, DocumentStatus.RECEIVED, n))
        for review in by_version.get(version.id, []):
            if review.started_on is not None:
                add(
                    review.started_on,
                    HistoryEvent(review.started_on, DocumentStatus.UNDER_REVIEW, n),
                )
            if review.conclusion is not None and review.reviewed_on is not None:
                accepted = review.conclusion == ReviewConclusion.ACCEPT
                status = DocumentStatus.ACCEPTED if accepted else DocumentStatus.REVISION
                deadline = None if accepted else review.revision_deadline
                add(
                    review.reviewed_on,
                    HistoryEvent(review.reviewed_on, status, n, deadline, review.remarks),
                )
        if version.medk_uploaded_on is not None:
            add(
                version.medk_uploaded_on,
                HistoryEvent(version.medk_uploaded_on, DocumentStatus.UPLOADED, n),
            )
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return tuple(e[3] for e in events)


def status_as_of(events: Sequence[HistoryEvent], as_of: dt.date | None) -> StatusNow:
    """The status on ``as_of`` (None: with everything recorded) from the ``events``."""
    past = [e for e in events if as_of is None or e.on <= as_of]
    if not past:
        return StatusNow(DocumentStatus.MISSING, None, None, False, None)
    last = past[-1]
    uploaded = next((e.on for e in reversed(past) if e.status == DocumentStatus.UPLOADED), None)
    overdue = (
        last.status == DocumentStatus.REVISION
        and last.deadline is not None
        and as_of is not None
        and last.deadline < as_of
    )
    return StatusNow(last.status, last.on, last.deadline, overdue, uploaded)
