"""The antirisk programmes of a school's activated directions in the final report: the latest
review of each direction's programme, how its baseline and target values were assessed, and
whether the monitoring found the targets reached at each stage.

The programmes' indicators themselves (each with its baseline, target and reached value) are
not recorded in the app: the review's criterion «indicators have baseline and target values»
and the monitoring's item «target indicators reached» are what there is.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator_desktop.domain.enums import DocumentType
from curator_desktop.services.reports.period.monitoring import Monitoring
from curator_desktop.services.reports.period.parts import DocumentLine
from curator_desktop.services.reports.period.risks import RiskPart

REACHED_ITEM = "results.indicators_reached"
"""The monitoring item «the target indicators of the antirisk programmes are reached»."""


@dataclass(frozen=True)
class ProgrammeLine:
    """An activated direction and the latest review of its antirisk programme (if any)."""

    code: str
    name: str
    document: DocumentLine | None
    reached: tuple[str, ...]
    """Per monitoring stage of the report, whether the targets were reached («—»: unknown)."""

    @property
    def conclusion(self) -> str | None:
        return self.document.conclusion if self.document else None

    @property
    def version(self) -> str | None:
        return self.document.version if self.document else None


def programmes_for(
    risks: RiskPart, documents: tuple[DocumentLine, ...], monitoring: Monitoring
) -> tuple[ProgrammeLine, ...]:
    """One line per activated direction of the school's current profile, in catalog order."""
    if not risks.current:
        return ()
    programmes = {
        doc.factor_code: doc
        for doc in documents
        if doc.document_type == DocumentType.ANTIRISK_PROGRAMME and doc.factor_code
    }
    row = monitoring.row(REACHED_ITEM)
    reached = row.values if row else ()
    return tuple(
        ProgrammeLine(line.code, line.name, programmes.get(line.code), reached)
        for line in risks.activated
    )
