"""The final report's table of antirisk programmes prints the target indicators of each
direction's accepted programme (baseline, target, deadline, as the expert review recorded
them) and, per direction, only what the monitoring visits found on that direction; the
checklist's school-wide answer on the targets is said once, as the school's. A programme never
accepted shows no targets and nothing «reached»."""

from __future__ import annotations

from pathlib import Path

from curator_desktop.i18n import _
from curator_desktop.store.database import Database
from tests.services.reports.period_helpers import render_period
from tests.services.reports.test_period_state import section_text


def _programme_part(section: str) -> str:
    start = section.index(_("Antirisk programmes and target indicators"))
    return section[start : section.index(_("Monitoring of positive changes"), start)]


def test_the_programme_table_prints_targets_and_each_directions_own_findings(
    demo: Database, tmp_path: Path
) -> None:
    report = render_period(demo, tmp_path)
    ozerets = _programme_part(section_text(report, "МБОУ «Озерецкая СОШ»"))
    # the accepted review's indicators, not the criterion's verdict «Meets»
    assert "baseline 21 %, target 15 % by" in ozerets
    assert "baseline 35 %, target 70 % by" in ozerets
    assert "Meets" not in ozerets
    # R10's own findings at the stages' visits, not the school-wide «Yes» copied per stage
    r10 = ozerets[ozerets.index("R10") :]
    assert "stage 1 (June): «По направлению «Низкая учебная мотивация" in r10
    assert ": Yes" not in r10
    # the checklist's one answer for the whole school is told once, in the monitoring table
    section = section_text(report, "МБОУ «Озерецкая СОШ»")
    assert section.count("The target indicators of the antirisk programmes for this stage") == 1
    # a programme returned for revision and never accepted: no targets, nothing reached
    school2 = _programme_part(section_text(report, "МОУ «СОШ № 2»"))
    r01 = school2[school2.index("R01") : school2.index("R06")]
    assert _("No programme in force: no approved target values") in r01
    assert _("No programme in force: the targets are not assessed") in r01
    assert "Yes" not in r01
