"""A generated report as the app lists it (the PDF itself lives in the data folder)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from curator_desktop.domain.changes import Change, Changes
from curator_desktop.domain.enums import ReportKind


@dataclass(frozen=True)
class ReportRecord:
    """One generated PDF: what it is about, which version, its number and hashes."""

    id: str
    kind: str
    """A ``ReportKind`` value: visit, protocol, interim, final."""
    title: str
    subject: str
    """The school (visit, protocol) or the period (curator's report), as printed."""
    visit_id: str | None
    school_id: str | None
    year: int | None
    period_from: dt.date | None
    period_to: dt.date | None
    language: str
    version: int
    document_number: str
    generated_at: dt.datetime
    file_sha256: str
    data_sha256: str
    review_id: str | None = None
    """The review of an «Экспертное заключение» (kind ``review``)."""

    @property
    def file_name(self) -> str:
        """The file name under the data folder's ``reports/``."""
        return f"{self.id}.pdf"

    @property
    def changes(self) -> Changes:
        """What generating it changed: the reports and, for a visit's report, the visit (a
        completed visit becomes «report generated»)."""
        if self.visit_id is not None and self.kind == ReportKind.VISIT.value:
            return frozenset({Change.REPORTS, Change.VISITS})
        return frozenset({Change.REPORTS})
