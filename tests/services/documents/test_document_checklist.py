"""The «Экспертиза концептуальных документов» checklist feeds the documents model: completing
the visit makes the reviews, linked to the visit, and the справка lists them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.i18n import set_language
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.reports.period.data import collect as period_collect
from curator_desktop.services.reports.service import ReportService
from curator_desktop.services.reports.visit.data import collect
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from tests.services.documents.document_fixtures import YEAR, add_school, service
from tests.services.visits.test_visit_service import fill_required

DAY = dt.date(YEAR, 4, 20)


class AprilService(VisitService):
    def today(self) -> dt.date:
        return DAY


def test_completing_a_documents_visit_records_the_reviews(
    database: Database, tmp_path: Path
) -> None:
    set_language("en")
    install_builtin_catalogs(database)
    visits = AprilService(database, attachments_dir=tmp_path / "attachments")
    school = add_school(database)
    visit_id = visits.create_visit(school, "remote", DAY, template_key="documents-review")
    template = visits.load(visit_id).visit.template
    assert template is not None
    given = {
        "received.date": f"{YEAR}-04-15",
        "concept.goals_measurable": "not_meets",
        "concept.conclusion": "revise",
        "concept.revision_deadline": f"{YEAR}-05-10",
        "antirisk_programme.conclusion": "accept",
    }
    fill_required(visits, visit_id, template, given=given)
    visits.set_comment(visit_id, "concept.goals_measurable", "Цели не измеримы")
    changed = visits.complete(visit_id)

    docs = service(database, tmp_path)
    reviews = docs.reviews_at_visit(visit_id)
    assert {(r.kind, r.factor_code, r.conclusion) for r in reviews} >= {
        ("concept", None, "revise"),
        ("antirisk_programme", "R01", "accept"),
        ("antirisk_programme", "R04", "accept"),
    }
    assert "documents" in {c.value for c in changed}
    concept = next(d for d in docs.documents(school, YEAR) if d.kind == "concept")
    assert concept.status == DocumentStatus.REVISION
    assert concept.revision_deadline == dt.date(YEAR, 5, 10)
    assert concept.versions[0].received_on == dt.date(YEAR, 4, 15)
    mark = next(m for m in concept.reviews[0].marks if m.criterion_id == "goals_measurable")
    assert (mark.result, mark.comment) == ("not_meets", "Цели не измеримы")

    data = collect(database, visit_id, attachments_dir=tmp_path / "attachments")
    assert len(data.documents) == len(reviews)
    assert any("returned for revision" in row.conclusion for row in data.documents)
    reports = ReportService(
        database,
        reports_dir=tmp_path / "reports",
        cache_dir=tmp_path / "cache",
        attachments_dir=tmp_path / "attachments",
    )
    record = reports.generate_visit(visit_id, language="en")
    reader = PdfReader(io.BytesIO(reports.path_of(record).read_bytes()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Documents reviewed" in text and "Development concept" in text

    # the period report no longer says «no documents were reviewed»: it tells each document
    period = period_collect(
        database, dt.date(YEAR, 1, 1), dt.date(YEAR, 6, 30), school_ids=[school], today=DAY
    )
    [section] = period.schools
    assert section.documents
    states = {(s.kind, s.factor_code): s.status for s in section.document_states}
    assert states[("concept", None)] == DocumentStatus.REVISION
    assert states[("medium_term_programme", None)] in (
        DocumentStatus.MISSING,
        DocumentStatus.ACCEPTED,
    )

    # a second completion (reopened and completed again) updates the same reviews
    visits.reopen(visit_id, "исправление")
    visits.complete(visit_id)
    assert len(docs.reviews_at_visit(visit_id)) == len(reviews)
