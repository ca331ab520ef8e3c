"""The school's documents discussed at the visit, for the справка: each review linked to the visit
(discussed there, or made from its «Экспертиза концептуальных документов» checklist) with the
document, its version, the conclusion and the revision deadline.

Printed under «Checklist results» as «Documents reviewed», after the checklist itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from sqlmodel import Session, col, select

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.domain.documents.kinds import status_of_kind
from curator_desktop.domain.documents.records import ReviewRecord
from curator_desktop.domain.enums import DocumentType, ReviewConclusion
from curator_desktop.i18n import _, format_date
from curator_desktop.services.documents import reviews_at_visit_in
from curator_desktop.services.reports.form.layout import CONTENT_WIDTH, report_styles
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.form.text_grid import TextGrid
from curator_desktop.services.reports.visit.types import DiscussedReview
from curator_desktop.store.tables import DocumentReview


def _later_versions(
    session: Session, document_ids: set[str], day: dt.date
) -> dict[str, list[DocumentReview]]:
    """Per document, its reviews concluded on or before ``day``, oldest first."""
    if not document_ids:
        return {}
    rows = session.exec(
        select(DocumentReview)
        .where(col(DocumentReview.document_id).in_(document_ids))
        .where(col(DocumentReview.deleted).is_(False))
        .where(col(DocumentReview.conclusion).is_not(None))
        .where(col(DocumentReview.reviewed_on) <= day)
    )
    result: dict[str, list[DocumentReview]] = {}
    for row in sorted(rows, key=lambda r: (r.reviewed_on, r.created_at)):
        result.setdefault(row.document_id or "", []).append(row)
    return result


def _superseded(review: ReviewRecord, concluded: list[DocumentReview]) -> str:
    """«superseded by version N, accepted on …» when a newer version's review was concluded by
    the visit's day, else ""."""
    newer = [
        r
        for r in concluded
        if r.id != review.id
        and r.version_id != review.version_id
        and review.reviewed_on is not None
        and r.reviewed_on is not None
        and r.reviewed_on >= review.reviewed_on
    ]
    if not newer:
        return ""
    last = newer[-1]
    when = format_date(last.reviewed_on)
    if last.conclusion == ReviewConclusion.ACCEPT:
        return _("superseded by version {version}, accepted on {date}").format(
            version=last.version_label or "—", date=when
        )
    return _("superseded by version {version}, reviewed on {date}").format(
        version=last.version_label or "—", date=when
    )


def discussed_reviews(session: Session, visit_id: str, day: dt.date) -> tuple[DiscussedReview, ...]:
    """The reviews linked to the visit, oldest first, in the current language, as they stood
    on the visit's ``day``, each with its date: a conclusion given after it prints as «under
    review», a version replaced by a newer one reviewed by then says so."""
    rows = []
    linked = reviews_at_visit_in(session, visit_id)
    by_document = _later_versions(session, {r.document_id for r in linked if r.document_id}, day)
    for review in linked:
        name = review.title or DocumentType.label_for(review.kind)
        if review.factor_code and not review.title:
            name = f"{name} ({review.factor_code})"
        concluded = review.reviewed_on is None or review.reviewed_on <= day
        if not concluded:
            conclusion = _("under review")
        elif review.conclusion == ReviewConclusion.REVISE:
            deadline = format_date(review.revision_deadline) if review.revision_deadline else "—"
            conclusion = _("returned for revision, due {date}").format(date=deadline)
        elif review.conclusion == ReviewConclusion.ACCEPT:
            conclusion = status_of_kind(DocumentStatus.ACCEPTED, review.kind)
        else:
            conclusion = _("under review")
        later = _superseded(review, by_document.get(review.document_id or "", []))
        if concluded and later:
            conclusion = f"{conclusion}; {later}"
        rows.append(
            DiscussedReview(
                document=name,
                version=review.version_label or "—",
                conclusion=conclusion,
                remarks=review.remarks if concluded else "",
                reviewed_on=format_date(review.reviewed_on, "short")
                if review.reviewed_on and review.reviewed_on <= day
                else "—",
            )
        )
    return tuple(rows)


WIDTHS = [52 * mm, 14 * mm, 22 * mm, 44 * mm, CONTENT_WIDTH - 132 * mm]
"""The columns: document, version, date of the review, conclusion, remarks."""


def _cell_start(text: str) -> str:
    """A value at a table cell's start is capitalised (inside a sentence it is not)."""
    return text[:1].upper() + text[1:]


def discussed_part(reviews: tuple[DiscussedReview, ...]) -> list[Flowable]:
    """«Documents reviewed» with its table, or nothing when no review was discussed."""
    if not reviews:
        return []
    styles = report_styles()
    header = [_("Document"), _("Version"), _("Review date"), _("Conclusion"), _("Remarks")]
    rows: list[list[Any]] = [header]
    rows += [
        [r.document, r.version, r.reviewed_on or "—", _cell_start(r.conclusion), r.remarks or "—"]
        for r in reviews
    ]
    heading = TextBlock(_("Documents reviewed"), styles.subheading)
    return [heading, TextGrid(rows, WIDTHS, zebra=True)]
