"""The coordinator's tables of packages received (#24): a log of every package import attempt
(who sent it, when, what it brought, or why it was refused) and the coordinator's review state of
each curator's report taken from a package. Both are local bookkeeping, never exported.

Importable from :mod:`curator_desktop.store.tables` like every other table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from curator_desktop.store.record_base import new_id, utc_field
from curator_desktop.store.types import utc_now


class PackageIntake(SQLModel, table=True):
    """One attempt to import a package: its sender (from the manifest, when it could be read),
    what became of it (``outcome``: imported, unchanged, refused) and what it brought per kind."""

    __tablename__ = "package_intake"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    received_at: dt.datetime = utc_field(default_factory=utc_now, index=True)
    file_name: str = Field(default="")
    package_sha256: str = Field(default="", max_length=64, index=True)
    outcome: str = Field(default="imported", max_length=16)
    """An :class:`~curator_desktop.domain.intake.Outcome` value."""
    reason: str = Field(default="")
    """Why the package was refused (as the user was told); "" otherwise."""
    sender_name: str = Field(default="")
    sender_store_id: str = Field(default="", max_length=36, index=True)
    sender_device_id: str = Field(default="", max_length=64)
    created_at: dt.datetime | None = utc_field(default=None)
    """When the sender made the package (None: its manifest could not be read)."""
    counts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """Per kind of record (table): its non-zero counts ``new``, ``changed``, ``unchanged``,
    ``deleted``, ``conflicts``."""
    warnings: list[str] = Field(default_factory=list, sa_type=JSON)
    """What the user was warned of (translated when recorded)."""


class ReportReview(SQLModel, table=True):
    """The coordinator's review of one curator's report (a ``generated_report`` received)."""

    __tablename__ = "report_review"

    report_id: str = Field(primary_key=True, max_length=36)
    state: str = Field(max_length=16)
    """A :class:`~curator_desktop.domain.intake.ReviewState` value."""
    comment: str = Field(default="")
    reviewed_at: dt.datetime = utc_field(default_factory=utc_now)
    report_revision: str = Field(default="", max_length=32)
    """The report's revision when it was reviewed: a later version is shown as changed."""


INTAKE_TABLES: tuple[type[SQLModel], ...] = (PackageIntake, ReportReview)
