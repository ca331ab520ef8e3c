"""The school documents of issue #21: a document of one kind per school and cycle year, its
received versions and the confirmation documents of measures (the reviews stay in
:class:`~curator_desktop.store.tables.DocumentReview`).

Importable from :mod:`curator_desktop.store.tables` like every other table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field

from curator_desktop.store.record_base import SyncRecord


class SchoolDocument(SyncRecord, table=True):
    """A school's document of one kind for one cycle year (an antirisk programme: for one
    direction). The id is derived from that identity
    (:func:`curator_desktop.domain.documents.identity.document_id`)."""

    __tablename__ = "school_document"
    __table_args__ = (Index("ix_school_document_school_year", "school_id", "year"),)

    author_id: str | None = Field(default=None, index=True, max_length=36)
    school_id: str = Field(foreign_key="school.id")
    year: int
    kind: str
    """A :class:`~curator_desktop.domain.enums.DocumentType` value."""
    factor_code: str | None = None
    title: str = Field(default="")


class DocumentVersion(SyncRecord, table=True):
    """A received version of a school document; its file is an :class:`Attachment` owned by it
    (``owner_type`` ``document_version``)."""

    __tablename__ = "document_version"

    document_id: str = Field(foreign_key="school_document.id", index=True)
    number: int = 1
    received_on: dt.date
    received_from: str = Field(default="")
    note: str = Field(default="")
    medk_uploaded_on: dt.date | None = None
    """The day the version was uploaded to ИС МЭДК (None: not uploaded)."""


class ConfirmationDocument(SyncRecord, table=True):
    """A подтверждающий документ of a measure of a programme at a stage; its file is an
    :class:`Attachment` owned by it (``owner_type`` ``confirmation``)."""

    __tablename__ = "confirmation_document"
    __table_args__ = (Index("ix_confirmation_document_school_year", "school_id", "year"),)

    school_id: str = Field(foreign_key="school.id")
    year: int
    document_id: str | None = Field(default=None, foreign_key="school_document.id", index=True)
    measure: str = Field(default="")
    stage: str = Field(default="")
    title: str = Field(default="")
    dated_on: dt.date | None = None
    medk_uploaded_on: dt.date | None = None
