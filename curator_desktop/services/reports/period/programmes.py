"""The antirisk programmes of a school's activated directions in the final report: the latest
review of each direction's programme, the target indicators of its accepted version (baseline,
target and deadline, as the expert review recorded them), and what the monitoring visits found
on that direction at each stage.

The monitoring checklist's item «the target indicators are reached» is one answer for the whole
school; the monitoring table tells it once, it is never copied to each direction. A programme not
accepted by the report's day has no approved targets, so nothing can be «reached» for it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from curator_desktop.domain.documents.records import TargetIndicator
from curator_desktop.domain.enums import DocumentType, ReviewConclusion
from curator_desktop.services.reports.period.monitoring import Monitoring
from curator_desktop.services.reports.period.parts import DocumentLine, Note
from curator_desktop.services.reports.period.risks import RiskPart
from curator_desktop.store.tables import DocumentReview


@dataclass(frozen=True)
class AcceptedProgramme:
    """The latest accepted version of a direction's programme by the report's day."""

    accepted_on: dt.date
    version: str
    indicators: tuple[TargetIndicator, ...]


@dataclass(frozen=True)
class ProgrammeLine:
    """An activated direction, the latest review of its antirisk programme (if any), its
    accepted version's targets and the monitoring's findings on the direction."""

    code: str
    name: str
    document: DocumentLine | None
    accepted: AcceptedProgramme | None = None
    findings: tuple[str, ...] = ()
    """Per monitoring stage of the report, the finding on this direction at that stage's
    visit ("" when none was recorded)."""

    @property
    def conclusion(self) -> str | None:
        return self.document.conclusion if self.document else None

    @property
    def version(self) -> str | None:
        return self.document.version if self.document else None


def _indicator(raw: dict) -> TargetIndicator:
    deadline = raw.get("deadline")
    try:
        day = dt.date.fromisoformat(deadline) if deadline else None
    except (TypeError, ValueError):
        day = None
    return TargetIndicator(
        str(raw.get("name") or "").strip(),
        str(raw.get("baseline") or "").strip(),
        str(raw.get("target") or "").strip(),
        day,
    )


def accepted_programmes(
    session: Session, school_ids: list[str], as_of: dt.date
) -> dict[tuple[str, str], AcceptedProgramme]:
    """Per (school, direction), the latest antirisk programme review accepting it on or before
    ``as_of``, with the target indicators it recorded."""
    query = (
        select(DocumentReview)
        .where(col(DocumentReview.school_id).in_(school_ids))
        .where(col(DocumentReview.deleted).is_(False))
        .where(col(DocumentReview.document_type) == DocumentType.ANTIRISK_PROGRAMME.value)
        .where(col(DocumentReview.conclusion) == ReviewConclusion.ACCEPT.value)
    )
    result: dict[tuple[str, str], AcceptedProgramme] = {}
    reviews = [r for r in session.exec(query) if r.reviewed_on and r.reviewed_on <= as_of]
    for review in sorted(reviews, key=lambda r: (r.reviewed_on, r.created_at)):
        if review.factor_code and review.reviewed_on:
            result[(review.school_id, review.factor_code)] = AcceptedProgramme(
                review.reviewed_on,
                review.version_label,
                tuple(_indicator(i) for i in review.indicators or () if isinstance(i, dict)),
            )
    return result


def _stage_findings(monitoring: Monitoring, findings: Sequence[Note], code: str) -> tuple:
    by_day: dict[dt.date, list[str]] = defaultdict(list)
    for note in findings:
        if note.label == code:
            by_day[note.date].append(note.text)
    return tuple(
        " ".join(by_day.get(stage.held_on, ())) if stage.held_on else ""
        for stage in monitoring.stages
    )


def programmes_for(
    risks: RiskPart,
    documents: tuple[DocumentLine, ...],
    monitoring: Monitoring,
    *,
    accepted: dict[tuple[str, str], AcceptedProgramme] | None = None,
    school_id: str = "",
    findings: Sequence[Note] = (),
) -> tuple[ProgrammeLine, ...]:
    """One line per activated direction of the school's current profile, in catalog order."""
    if not risks.current:
        return ()
    programmes = {
        doc.factor_code: doc
        for doc in documents
        if doc.document_type == DocumentType.ANTIRISK_PROGRAMME and doc.factor_code
    }
    accepted = accepted or {}
    return tuple(
        ProgrammeLine(
            line.code,
            line.name,
            programmes.get(line.code),
            accepted.get((school_id, line.code)),
            _stage_findings(monitoring, findings, line.code),
        )
        for line in risks.activated
    )
