"""Working a school's documents: every write is one short transaction, validated first.

A write that fails (a file that is not what its name says, too large, unreadable; a conclusion
that breaks a rule) leaves nothing behind: the file is checked before any row is made, and rows
are written in the one transaction that ends the call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.documents import (
    ConfirmationRecord,
    CriterionMark,
    DocumentRecord,
    DocumentSummary,
    HistoryEvent,
    ReviewRecord,
    TargetIndicator,
    VersionRecord,
    WorklistEntry,
)
from curator_desktop.services.store_service import StoreService
from curator_desktop.store.database import Database


class DocumentService(StoreService):
    """Reads and writes a school's documents, versions, reviews and confirmation documents."""

    CHANGED: ClassVar[Changes] = frozenset({Change.DOCUMENTS})
    """What every write of this service changes."""

    def __init__(self, database: Database, *, attachments_dir: Path, device_id: str = "") -> None:
        super().__init__(database, device_id=device_id)
        self._attachments_dir = attachments_dir

    @property
    def attachments_dir(self) -> Path:
        return self._attachments_dir

    # --- reading ----------------------------------------------------------------------------

    def documents(
        self, school_id: str, year: int, *, as_of: dt.date | None = None
    ) -> list[DocumentRecord]:
        """The expected documents of the school in the cycle year ``year`` (missing ones with
        status «не получен») and any other it submitted, each with versions, reviews, history
        and confirmations; statuses as of ``as_of`` (None: everything recorded)."""
        from curator_desktop.services.documents.reading import documents_of

        with self._session() as session:
            return documents_of(session, school_id, year, as_of=as_of)

    def document(self, document_id: str, *, as_of: dt.date | None = None) -> DocumentRecord:
        """One document (``NotFoundError`` when it has no record)."""
        from curator_desktop.services.documents.reading import document_by_id

        with self._session() as session:
            return document_by_id(session, document_id, as_of=as_of)

    def summaries(
        self,
        *,
        school_id: str | None = None,
        year: int | None = None,
        as_of: dt.date | None = None,
    ) -> list[DocumentSummary]:
        """Expected and present documents of every live school (or one), of a cycle year (None:
        each school's years with documents, and the current cycle year), in brief."""
        from curator_desktop.services.documents.reading import summaries_of

        with self._session() as session:
            return summaries_of(session, school_id=school_id, year=year, as_of=as_of)

    def worklist(self, as_of: dt.date, *, year: int | None = None) -> list[WorklistEntry]:
        """Documents needing the curator as of ``as_of`` across schools: returned for revision
        (deadline not passed), awaiting review (received, no conclusion), overdue (revision
        deadline passed without a new version)."""
        from curator_desktop.services.documents.worklist import worklist_of

        return worklist_of(self.summaries(year=year, as_of=as_of), as_of)

    def review(self, review_id: str) -> ReviewRecord:
        """One review (``NotFoundError`` when there is none)."""
        from curator_desktop.services.documents.reading import review_by_id

        with self._session() as session:
            return review_by_id(session, review_id)

    def history(self, document_id: str) -> tuple[HistoryEvent, ...]:
        """Every dated step of the document, oldest first."""
        return self.document(document_id).history

    def confirmations(self, school_id: str, year: int) -> list[ConfirmationRecord]:
        """The school's confirmation documents of the cycle year, by date."""
        from curator_desktop.services.documents.reading import confirmations_of

        with self._session() as session:
            return confirmations_of(session, school_id, year)

    def reviews_at_visit(self, visit_id: str) -> list[ReviewRecord]:
        """The reviews discussed at (or made during) the visit, oldest first."""
        from curator_desktop.services.documents.reading import reviews_at_visit

        with self._session() as session:
            return reviews_at_visit(session, visit_id)

    def file_path(self, attachment_id: str) -> Path:
        """Where the file of a version or confirmation lives (``NotFoundError``: no such file)."""
        from curator_desktop.services.documents.reading import attachment_path

        with self._session() as session:
            return attachment_path(session, attachment_id, self._attachments_dir)

    # --- writing ----------------------------------------------------------------------------

    def receive_version(
        self,
        *,
        school_id: str,
        year: int,
        kind: str,
        factor_code: str | None = None,
        source: Path | None,
        received_on: dt.date,
        received_from: str = "",
        note: str = "",
        title: str = "",
    ) -> VersionRecord:
        """Record a received version (the next number) of the school's document of ``kind``
        (an antirisk programme: of the direction ``factor_code``), making the document when it is
        the first; ``source`` is the file (DOCX, PDF, a scan), checked before anything is
        written. ``title`` renames the document when given."""
        from curator_desktop.services.documents.writes import receive_version

        checked = self._check_file(source)
        with self._session() as session:
            return receive_version(
                session,
                self._attachments_dir,
                school_id=school_id,
                year=year,
                kind=kind,
                factor_code=factor_code,
                source=checked,
                received_on=received_on,
                received_from=received_from,
                note=note,
                title=title,
            )

    def start_review(self, version_id: str, *, started_on: dt.date) -> ReviewRecord:
        """Start the review of a version (status «на экспертизе»); the version's review if it has
        one already."""
        from curator_desktop.services.documents.writes import start_review

        with self._session() as session:
            return start_review(session, version_id, started_on=started_on)

    def save_review(
        self,
        review_id: str,
        *,
        marks: Sequence[CriterionMark] | None = None,
        indicators: Sequence[TargetIndicator] | None = None,
        remarks: str | None = None,
        criteria_key: str | None = None,
        criteria_version: str | None = None,
    ) -> ReviewRecord:
        """Save what was given (None: leave as is) of a review whose conclusion is not set yet.
        ``marks`` replace the marks; ``indicators`` the target indicators."""
        from curator_desktop.services.documents.writes import save_review

        with self._session() as session:
            return save_review(
                session,
                review_id,
                marks=marks,
                indicators=indicators,
                remarks=remarks,
                criteria_key=criteria_key,
                criteria_version=criteria_version,
            )

    def set_conclusion(
        self,
        review_id: str,
        *,
        conclusion: str,
        reviewed_on: dt.date,
        revision_deadline: dt.date | None = None,
        remarks: str | None = None,
        accept_reason: str = "",
    ) -> ReviewRecord:
        """Conclude the review: «принять» (``accept``) or «на доработку» (``revise``, with a
        revision deadline). ``ValidationError`` when a rule of
        :mod:`curator_desktop.domain.documents.rules` is broken; nothing is written then."""
        from curator_desktop.services.documents.writes import set_conclusion

        with self._session() as session:
            return set_conclusion(
                session,
                review_id,
                conclusion=conclusion,
                reviewed_on=reviewed_on,
                revision_deadline=revision_deadline,
                remarks=remarks,
                accept_reason=accept_reason,
            )

    def mark_uploaded(self, version_id: str, *, uploaded_on: dt.date | None) -> VersionRecord:
        """Record that the (accepted) version was uploaded to ИС МЭДК on ``uploaded_on`` (None:
        not uploaded after all)."""
        from curator_desktop.services.documents.writes import mark_uploaded

        with self._session() as session:
            return mark_uploaded(session, version_id, uploaded_on=uploaded_on)

    def link_to_visit(self, review_id: str, visit_id: str | None) -> ReviewRecord:
        """Record that the review was discussed at the visit (None: at none); the visit's
        справка lists it."""
        from curator_desktop.services.documents.writes import link_to_visit

        with self._session() as session:
            return link_to_visit(session, review_id, visit_id)

    def attach_confirmation(
        self,
        *,
        school_id: str,
        year: int,
        document_id: str | None,
        measure: str,
        stage: str,
        title: str,
        source: Path | None,
        dated_on: dt.date | None,
        medk_uploaded_on: dt.date | None = None,
    ) -> ConfirmationRecord:
        """Record a подтверждающий документ of a measure (of the programme ``document_id``) at a
        stage, with its file (checked before anything is written)."""
        from curator_desktop.services.documents.writes import attach_confirmation

        checked = self._check_file(source)
        with self._session() as session:
            return attach_confirmation(
                session,
                self._attachments_dir,
                school_id=school_id,
                year=year,
                document_id=document_id,
                measure=measure,
                stage=stage,
                title=title,
                source=checked,
                dated_on=dated_on,
                medk_uploaded_on=medk_uploaded_on,
            )

    def mark_confirmation_uploaded(
        self, confirmation_id: str, *, uploaded_on: dt.date | None
    ) -> ConfirmationRecord:
        """Record that the confirmation document was uploaded to ИС МЭДК (None: it was not)."""
        from curator_desktop.services.documents.writes import mark_confirmation_uploaded

        with self._session() as session:
            return mark_confirmation_uploaded(session, confirmation_id, uploaded_on=uploaded_on)

    def take_checklist(self, visit_id: str) -> list[ReviewRecord]:
        """Turn the visit's «Экспертиза концептуальных документов» checklist into reviews linked
        to the visit (one per document kind answered); running it again updates them."""
        from curator_desktop.services.documents.checklist import take_checklist

        with self._session() as session:
            return take_checklist(session, visit_id)

    # --- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _check_file(source: Path | None) -> Path | None:
        from curator_desktop.services.documents.file_kind import check_document_file

        return None if source is None else check_document_file(Path(source))
