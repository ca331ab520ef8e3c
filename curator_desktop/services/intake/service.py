"""The coordinator's packages received: the log (newest first) and the curators' reports
received, with the review state the coordinator sets on many at once.

A report is «a curator's» when it came in a package (a receipt of it is kept) and was not made
in this store. The review belongs to this store: it is not sent back to the curator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlmodel import col, select

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.intake import Outcome, ReviewState
from curator_desktop.i18n import _
from curator_desktop.services.intake.rows import PackageRow, ReportRow
from curator_desktop.services.reports.storage import PERIOD_KINDS, record_of, subjects_of
from curator_desktop.store.tables import (
    CuratorProfile,
    GeneratedReport,
    PackageIntake,
    Receipt,
    ReportReview,
)
from curator_desktop.store.types import utc_now

if TYPE_CHECKING:
    from curator_desktop.store.database import Database

REVIEW_CHANGES: Changes = frozenset({Change.REPORTS})
"""What setting a review changes (the reports' state)."""


class IntakeService:
    """Read the log of packages received; review the curators' reports."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def packages(self) -> list[PackageRow]:
        """Every import attempt, newest first."""
        with self.database.session() as session:
            rows = session.exec(
                select(PackageIntake).order_by(col(PackageIntake.received_at).desc())
            ).all()
            return [_package_row(row) for row in rows]

    def reports(self) -> list[ReportRow]:
        """The curators' reports received, newest first, with their reviews."""
        from curator_desktop.store.repositories.profile import ProfileRepository

        own_store = ProfileRepository(self.database).store_id()
        with self.database.session() as session:
            query = (
                select(GeneratedReport, Receipt.at, CuratorProfile.full_name, ReportReview)
                .join(
                    Receipt,
                    (col(Receipt.entity) == GeneratedReport.__tablename__)
                    & (col(Receipt.entity_id) == col(GeneratedReport.id)),
                )
                .join(
                    CuratorProfile,
                    col(CuratorProfile.id) == col(GeneratedReport.author_id),
                    isouter=True,
                )
                .join(
                    ReportReview,
                    col(ReportReview.report_id) == col(GeneratedReport.id),
                    isouter=True,
                )
                .where(col(GeneratedReport.deleted).is_(False))
                .where(
                    col(CuratorProfile.store_id).is_(None)
                    | (col(CuratorProfile.store_id) != own_store)
                )
                .order_by(col(Receipt.at).desc(), col(GeneratedReport.generated_at).desc())
            )
            found = session.exec(query).all()
            subjects = subjects_of(session, [report for report, *_rest in found])
        return [
            _report_row(report, received, curator or "", review, subjects.get(report.id, ""))
            for report, received, curator, review in found
        ]

    def review(
        self, report_ids: Iterable[str], state: ReviewState, comment: str | None = None
    ) -> int:
        """Set the review of every report of ``report_ids`` (one transaction) to ``state``,
        dated now; ``comment`` replaces the comment (None keeps each report's own). Returns
        how many were set; an id that is not a received report refuses them all."""
        wanted = list(dict.fromkeys(report_ids))
        if not wanted:
            return 0
        now = utc_now()
        with self.database.session() as session:
            reports = {
                report.id: report
                for report in session.exec(
                    select(GeneratedReport).where(col(GeneratedReport.id).in_(wanted))
                )
            }
            unknown = [report_id for report_id in wanted if report_id not in reports]
            if unknown:
                raise ValidationError(
                    _("No such report: {ids}").format(ids=", ".join(unknown)), field="report"
                )
            for report_id in wanted:
                review = session.get(ReportReview, report_id)
                if review is None:
                    review = ReportReview(report_id=report_id, state=state.value)
                review.state = state.value
                review.reviewed_at = now
                review.report_revision = reports[report_id].revision
                if comment is not None:
                    review.comment = comment.strip()
                session.add(review)
        return len(wanted)


def _package_row(row: PackageIntake) -> PackageRow:
    return PackageRow(
        id=row.id,
        received_at=row.received_at,
        file_name=row.file_name,
        outcome=_outcome(row.outcome),
        reason=row.reason,
        sender_name=row.sender_name,
        sender_store_id=row.sender_store_id,
        sender_device_id=row.sender_device_id,
        created_at=row.created_at,
        counts={str(kind): dict(counts) for kind, counts in (row.counts or {}).items()},
        warnings=tuple(str(text) for text in row.warnings or ()),
    )


def _outcome(value: str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:  # written by a newer version
        return Outcome.IMPORTED


def _report_row(
    report: GeneratedReport,
    received: object,
    curator: str,
    review: ReportReview | None,
    subject: str,
) -> ReportRow:
    if report.kind in PERIOD_KINDS:  # the subject names this store's owner, not the sender
        subject = subject.split(", ")[0]
    state = None
    if review is not None:
        try:
            state = ReviewState(review.state)
        except ValueError:
            state = None
    return ReportRow(
        id=report.id,
        kind=report.kind,
        title=report.title,
        subject=subject,
        curator=curator,
        version=report.version,
        document_number=report.document_number,
        generated_at=report.generated_at,
        received_at=received,  # type: ignore[arg-type]
        state=state,
        comment=review.comment if review is not None else "",
        reviewed_at=review.reviewed_at if review is not None else None,
        changed_since_review=review is not None and review.report_revision != report.revision,
        record=record_of(report, subject),
    )
