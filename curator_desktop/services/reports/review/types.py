"""What the «Экспертное заключение» prints: a frozen tree of plain values, labels already in the
report's language, dates as dates (the data hash of the report is taken over it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from curator_desktop.services.reports.protocol.data import CuratorInfo, SchoolHeader


@dataclass(frozen=True)
class CriterionRow:
    """One criterion as the curator rated it."""

    text: str
    rating: str | None
    """``meets`` / ``partly`` / ``not_meets``; None: not rated."""
    rating_label: str
    comment: str


@dataclass(frozen=True)
class IndicatorRow:
    """A target indicator of an antirisk programme, as the curator entered it."""

    name: str
    baseline: str
    target: str
    deadline: dt.date | None
    deadline_text: str = ""
    """A deadline written as text («IV квартал»), printed when there is no date."""


@dataclass(frozen=True)
class VersionInfo:
    """The version of the document reviewed."""

    number: int
    label: str
    received_on: dt.date | None
    received_from: str
    file_name: str


@dataclass(frozen=True)
class ReviewReportData:
    """Everything one «Экспертное заключение» prints."""

    language: str
    review_id: str
    year: int | None
    school: SchoolHeader
    curator: CuratorInfo
    kind: str
    """A ``DocumentType`` value."""
    kind_label: str
    document_title: str
    direction: str
    """The risk direction of an antirisk programme («R06 Высокая доля …»), else ""."""
    version: VersionInfo
    reviewed_on: dt.date | None
    criteria: tuple[CriterionRow, ...]
    criteria_edition: str
    """«title, version N» of the criteria file used."""
    shows_indicators: bool
    indicators: tuple[IndicatorRow, ...]
    remarks: str
    conclusion: str | None
    """``accept`` / ``revise``; None: no conclusion yet (the report is then a draft)."""
    conclusion_label: str
    accept_reason: str
    """Why the document is accepted although a criterion is not met."""
    revision_deadline: dt.date | None

    @property
    def draft(self) -> bool:
        return self.conclusion is None
