"""The справка of a visit with document reviews tells each review with its date and as it stood
on the visit's day: a first version returned for revision and replaced by an accepted second
one says so, instead of reading «returned for revision» months after the acceptance."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlmodel import col, select

from curator_desktop.i18n import _, format_date
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.store.database import Database
from curator_desktop.store.tables import DocumentReview
from tests.services.reports.report_helpers import flat, render_pdf


def test_a_replaced_version_says_by_what_and_each_review_has_its_date(
    demo: Database, tmp_path: Path
) -> None:
    with demo.session() as session:
        reviews = list(
            session.exec(select(DocumentReview).where(col(DocumentReview.visit_id).is_not(None)))
        )
    linked = Counter(r.visit_id for r in reviews)
    visit_id = next(v for v, n in linked.items() if n >= 2)
    first, second = sorted(
        (r for r in reviews if r.visit_id == visit_id), key=lambda r: r.reviewed_on
    )
    assert first.conclusion == "revise" and second.conclusion == "accept"
    data = visit_report.collect(demo, visit_id, attachments_dir=tmp_path / "attachments")
    report = render_pdf(
        visit_report, data, tmp_path / "pdf", tmp_path / "cache", kind="visit",
        document_number="СП-2026-0001",
    )  # fmt: skip
    text = report.text
    for review in (first, second):
        assert format_date(review.reviewed_on, "short") in text
    superseded = _("superseded by version {version}, accepted on {date}").format(
        version=second.version_label, date=format_date(second.reviewed_on)
    )
    assert flat(superseded) in text
