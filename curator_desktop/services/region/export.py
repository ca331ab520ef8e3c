"""The region as a workbook: the overview (one row per school) and the curators' table, written
through :mod:`curator_desktop.services.spreadsheets` (no cell ever starts a formula)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from curator_desktop.domain.enums import Programme
from curator_desktop.domain.region.summary import RegionCurator, RegionSchool, RegionSummary
from curator_desktop.domain.selfdiag.levels import Level
from curator_desktop.i18n import N_, _, pgettext
from curator_desktop.services.spreadsheets import write_xlsx_sheets

Column = tuple[str, Callable[[Any], Any]]


def _yes(value: bool) -> str:
    return _("Yes") if value else _("No")


def reasons(row: RegionSchool | RegionCurator) -> str:
    """The row's flags' reasons, one after another ("" when it is not behind)."""
    return " ".join(flag.reason for flag in row.flags)


SCHOOL_COLUMNS: tuple[Column, ...] = (
    (N_("Municipality"), lambda s: s.municipality),
    (N_("School"), lambda s: s.name),
    (N_("INN"), lambda s: s.inn),
    (N_("Programme"), lambda s: Programme.label_for(s.programme)),
    (N_("Curators"), lambda s: ", ".join(s.curators)),
    (N_("First visit"), lambda s: s.first_visit),
    (N_("First visit due by"), lambda s: s.first_visit_due),
    (N_("Visits held"), lambda s: s.visits_completed),
    (N_("Visits planned"), lambda s: s.visits_planned),
    (N_("Risks verified"), lambda s: s.risks_verified),
    (N_("Risk factors"), lambda s: s.risk_factors),
    (N_("Directions activated"), lambda s: s.directions_activated),
    (N_("Documents accepted"), lambda s: s.documents_accepted),
    (N_("Documents expected"), lambda s: s.documents_expected),
    (N_("Monitoring, stage 1"), lambda s: _yes(s.monitoring_1)),
    (N_("Monitoring, stage 2"), lambda s: _yes(s.monitoring_2)),
    (N_("Open recommendations"), lambda s: s.recommendations_open),
    (N_("Overdue recommendations"), lambda s: s.recommendations_overdue),
    (
        N_("Self-diagnosis level"),
        lambda s: Level.label_for(s.selfdiag_level) if s.selfdiag_level else "",
    ),
    (N_("Last package"), lambda s: s.last_package),
    (N_("Behind: why"), reasons),
)
"""The overview's columns: header (translate with ``_()``) and the value of a school's row."""

CURATOR_COLUMNS: tuple[Column, ...] = (
    (N_("Curator"), lambda c: c.name),
    (N_("Schools"), lambda c: c.schools),
    (N_("Visits held"), lambda c: c.visits_completed),
    (N_("Visits planned"), lambda c: c.visits_planned),
    (N_("Overdue items"), lambda c: c.overdue_items),
    (N_("Overdue recommendations"), lambda c: c.recommendations_overdue),
    (N_("Reports produced"), lambda c: c.reports_produced),
    (N_("Last package"), lambda c: c.last_package),
    (N_("Data recorded until"), lambda c: _local(c.data_recorded_until)),
    (N_("Behind: why"), reasons),
)
"""The curators' table's columns."""


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """A UTC moment as this computer's wall-clock time (a workbook holds no time zones)."""
    return moment.astimezone().replace(tzinfo=None) if moment is not None else None


def _table(columns: tuple[Column, ...], rows: Any) -> list[list[Any]]:
    return [[_(header) for header, _value in columns]] + [
        [value(row) for _header, value in columns] for row in rows
    ]


def export_region(summary: RegionSummary, target: Path) -> Path:
    """Write the workbook ``target`` (replaced whole or not at all): the overview sheet, then the
    curators' sheet."""
    return write_xlsx_sheets(
        Path(target),
        [
            (pgettext("region sheet", "Overview"), _table(SCHOOL_COLUMNS, summary.schools)),
            (pgettext("region sheet", "Curators"), _table(CURATOR_COLUMNS, summary.curators)),
        ],
    )
