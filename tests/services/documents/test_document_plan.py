"""A roadmap item about documents is fulfilled by the accepted document it is linked to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from curator_desktop.domain.plan.schedule import PlanStatus
from curator_desktop.services.plan.service import PlanService
from curator_desktop.store.database import Database
from tests.services.documents.document_fixtures import YEAR, add_school, service


def test_an_accepted_document_fulfils_the_linked_item(database: Database, tmp_path: Path) -> None:
    docs = service(database, tmp_path)
    school = add_school(database)
    version = docs.receive_version(
        school_id=school, year=YEAR, kind="concept", source=None, received_on=dt.date(YEAR, 4, 1)
    )
    plan = PlanService(database)
    item = plan.add_item("Экспертиза концепции развития школы", "до 30 апреля", year=YEAR)
    plan.link(item, "school_document", version.document_id)
    today = dt.date(YEAR, 4, 20)

    def entry():  # type: ignore[no-untyped-def]
        return next(e for e in plan.plan(today).entries if e.item_id == item)

    assert entry().standing.status != PlanStatus.DONE
    assert not entry().links[0].target.fulfilled
    review = docs.start_review(version.id, started_on=dt.date(YEAR, 4, 2))
    docs.set_conclusion(review.id, conclusion="revise", reviewed_on=dt.date(YEAR, 4, 5),
                        revision_deadline=dt.date(YEAR, 4, 25))  # fmt: skip
    assert entry().standing.status != PlanStatus.DONE
    second = docs.receive_version(
        school_id=school, year=YEAR, kind="concept", source=None, received_on=dt.date(YEAR, 4, 12)
    )
    review = docs.start_review(second.id, started_on=dt.date(YEAR, 4, 13))
    docs.set_conclusion(review.id, conclusion="accept", reviewed_on=dt.date(YEAR, 4, 15))
    assert entry().standing.status == PlanStatus.DONE
    assert entry().links[0].target.day == dt.date(YEAR, 4, 15)
    assert any(t.target_id == version.document_id for t in plan.candidates("school_document"))
