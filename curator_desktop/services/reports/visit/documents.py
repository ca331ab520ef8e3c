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
from sqlmodel import Session

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.domain.enums import DocumentType, ReviewConclusion
from curator_desktop.i18n import _, format_date
from curator_desktop.services.documents import reviews_at_visit_in
from curator_desktop.services.reports.form.layout import CONTENT_WIDTH, report_styles
from curator_desktop.services.reports.form.text_block import TextBlock
from curator_desktop.services.reports.form.text_grid import TextGrid
from curator_desktop.services.reports.visit.types import DiscussedReview


def discussed_reviews(session: Session, visit_id: str, day: dt.date) -> tuple[DiscussedReview, ...]:
    """The reviews linked to the visit, oldest first, in the current language, as they stood
    on the visit's ``day``: a conclusion given after it prints as «under review»."""
    rows = []
    for review in reviews_at_visit_in(session, visit_id):
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
            conclusion = DocumentStatus.ACCEPTED.label
        else:
            conclusion = _("under review")
        rows.append(
            DiscussedReview(
                document=name,
                version=review.version_label or "—",
                conclusion=conclusion,
                remarks=review.remarks if concluded else "",
            )
        )
    return tuple(rows)


WIDTHS = [60 * mm, 16 * mm, 40 * mm, CONTENT_WIDTH - 116 * mm]
"""The columns: document, version, conclusion, remarks."""


def discussed_part(reviews: tuple[DiscussedReview, ...]) -> list[Flowable]:
    """«Documents reviewed» with its table, or nothing when no review was discussed."""
    if not reviews:
        return []
    styles = report_styles()
    rows: list[list[Any]] = [[_("Document"), _("Version"), _("Conclusion"), _("Remarks")]]
    rows += [[r.document, r.version, r.conclusion, r.remarks or "—"] for r in reviews]
    heading = TextBlock(_("Documents reviewed"), styles.subheading)
    return [heading, TextGrid(rows, WIDTHS, zebra=True)]
