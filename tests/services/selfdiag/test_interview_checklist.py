"""The management-interview checklist asks whether the decisions of the previous interview are
carried out only when there was a previous interview; on the school's first one it does not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from curator_desktop.domain.checklists.items import missing_required, visible_items
from curator_desktop.domain.enums import VisitType
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import Visit
from tests.services.selfdiag.helpers import add_school

PREVIOUS = "decisions.previous_interview"
PREVIOUS_DONE = "decisions.previous_done"


def _snapshot(database: Database, tmp_path: Path) -> dict:
    install_builtin_catalogs(database)
    school = add_school(database)
    visits = VisitService(database, attachments_dir=tmp_path / "files")
    visit_id = visits.create_visit(school, VisitType.INTERVIEW.value, dt.date(2025, 12, 10))
    with database.session() as session:
        snapshot = session.get(Visit, visit_id).template_snapshot  # type: ignore[union-attr]
    assert snapshot is not None and snapshot["id"] == "management-interview"
    return snapshot


def test_the_previous_interviews_decisions_are_asked_only_after_one(
    database: Database, tmp_path: Path
) -> None:
    snapshot = _snapshot(database, tmp_path)

    def shown(answers: dict) -> set[str]:
        return {item["key"] for item in visible_items(snapshot, answers)}

    # Nothing said yet: the question whether there was one is asked (and required), not the
    # question on its decisions.
    assert PREVIOUS in shown({}) and PREVIOUS_DONE not in shown({})
    assert PREVIOUS in missing_required(snapshot, {})
    assert PREVIOUS_DONE not in shown({PREVIOUS: "none"})  # the first interview
    assert PREVIOUS_DONE in shown({PREVIOUS: "held"})
    keys = [item["key"] for item in visible_items(snapshot, {PREVIOUS: "held"})]
    assert keys.index(PREVIOUS) < keys.index(PREVIOUS_DONE)
