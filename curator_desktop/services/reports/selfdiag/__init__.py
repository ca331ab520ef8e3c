"""The self-diagnosis reports of «Школа Минпросвещения России» (the package's face).

- «Аналитическая справка по результатам самодиагностики»: one school (both rounds of the period,
  levels, deficits, management decisions, the chart) or all the user's schools (counts per level
  per direction, schools below the base level, the change between rounds);
- «График консультирования»: the consultations of a period.

Both are made and stored by :class:`~curator_desktop.services.reports.service.ReportService`
(number, version, hashes) like every other report.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.services.reports.service import ReportService

__all__ = ["build_consultation_schedule", "build_selfdiag_report"]


def build_selfdiag_report(
    service: ReportService,
    *,
    school_id: str | None,
    date_from: dt.date,
    date_to: dt.date,
    language: str | None = None,
) -> ReportRecord:
    """Make and store the analytical справка for ``school_id`` (None: all the user's schools)
    over the self-diagnosis rounds dated ``date_from`` … ``date_to``; the stored report's PDF is
    at ``service.path_of(record)``. For ``report selfdiag --school ID|--all --from D --to D``."""
    return service.generate_selfdiag(date_from, date_to, school_id=school_id, language=language)


def build_consultation_schedule(
    service: ReportService,
    *,
    date_from: dt.date,
    date_to: dt.date,
    language: str | None = None,
) -> ReportRecord:
    """Make and store the consultation schedule (график консультирования) of the period."""
    return service.generate_consultation_schedule(date_from, date_to, language=language)
