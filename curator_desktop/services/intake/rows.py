"""What the «Packages» page and ``packages list`` show: one package received, one curator's
report with its review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from curator_desktop.domain.intake import Outcome, ReviewState
from curator_desktop.domain.reports.records import ReportRecord

LEGACY_KIND = ""
"""The «kind» under which a log row copied from the exchange history keeps its one total."""


@dataclass(frozen=True)
class PackageRow:
    """One package import attempt."""

    id: str
    received_at: dt.datetime
    file_name: str
    outcome: Outcome
    reason: str
    sender_name: str
    sender_store_id: str
    sender_device_id: str
    created_at: dt.datetime | None
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def total(self, name: str) -> int:
        """One count (``new``, ``changed``, ``unchanged``, ``deleted``, ``conflicts``) over
        every kind of record."""
        return sum(int(counts.get(name, 0)) for counts in self.counts.values())

    @property
    def refused(self) -> bool:
        return self.outcome is Outcome.REFUSED


@dataclass(frozen=True)
class ReportRow:
    """A curator's report received in a package, with the coordinator's review."""

    id: str
    kind: str
    title: str
    subject: str
    curator: str
    version: int
    document_number: str
    generated_at: dt.datetime
    received_at: dt.datetime | None
    state: ReviewState | None = None
    comment: str = ""
    reviewed_at: dt.datetime | None = None
    changed_since_review: bool = False
    """A newer version of the report arrived after it was reviewed."""
    record: ReportRecord | None = None
    """The report as the Reports page lists it (to open its PDF)."""

    @property
    def file_name(self) -> str:
        """The PDF's name under the data folder's ``reports/`` (it travels in the package)."""
        return f"{self.id}.pdf"
