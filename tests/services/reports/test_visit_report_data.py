"""The справка's risk table, read in the report's own transaction, is the school's risk profile
as the risk-profile service gives it on the demo's today (every verification made by then): the
verified factors, in catalog order, in either language."""

from __future__ import annotations

import pytest
from sqlmodel import select

from curator_desktop.domain.checklists.answers import yes_no_partly_label
from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.i18n import _, set_language
from curator_desktop.services.reports.visit.data import _risk_rows
from curator_desktop.services.reports.visit.types import RiskRow
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School
from tests.services.reports.report_helpers import TODAY


def from_service(db: Database, school_id: str, year: int) -> list[RiskRow]:
    """The rows as the справка printed them from the risk-profile service."""
    rows = []
    for row in RiskProfileService(db).profile(school_id, year):
        if row.assessment_id is None:
            continue
        verified = row.effective_level  # the level after verification, as the period reports
        rows.append(
            RiskRow(
                factor=f"{row.code} {row.name}",
                questionnaire_level=RiskLevel.label_for(row.questionnaire_level),
                verdict=Verdict.label_for(row.verdict) if row.verdict else _("Not verified"),
                adjusted_level=RiskLevel.label_for(verified) if verified else "—",
                activated=yes_no_partly_label("yes" if row.activated else "no")
                if row.verdict
                else "—",
                verified=row.verdict is not None,
            )
        )
    return rows


@pytest.mark.parametrize("language", ["ru", "en"])
def test_risk_rows_are_the_schools_risk_profile(demo: Database, language: str) -> None:
    set_language(language)
    with demo.session() as session:
        schools = list(session.exec(select(School.id)))
    compared = 0
    for school_id in schools:
        for year in (2024, 2025, 2026, 2027):
            with demo.session() as session:
                rows, _levels = _risk_rows(session, school_id, year, TODAY)
            assert rows == from_service(demo, school_id, year), (school_id, year)
            compared += len(rows)
    assert compared > 50  # the demo's profiles, verified and not, adjusted and activated
