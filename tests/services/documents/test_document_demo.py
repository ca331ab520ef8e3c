"""The demo's documents in the documents model: the Озерецкая school's spring, every other
review a version of its document, the rule on accepting over an unmet criterion kept."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.domain.documents import DocumentStatus
from curator_desktop.domain.schools.documents import review_problems
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.documents import DocumentService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import DocumentReview, School

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, migrated_store_template: Path
) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo-docs") / "curator.sqlite3"
    shutil.copy2(migrated_store_template, path)
    db = Database(path, device_id="test-demo")
    create_demo_store(db, today=TODAY)
    yield db
    db.close()


def test_the_ozeretskaya_spring(demo: Database, tmp_path: Path) -> None:
    with demo.session() as session:
        school = session.exec(select(School).where(School.short_name.contains("Озерецкая"))).one()
    docs = DocumentService(demo, attachments_dir=tmp_path)
    listed = docs.documents(school.id, 2026, as_of=TODAY)
    kinds = [(d.kind, d.factor_code) for d in listed]
    assert kinds[:2] == [("concept", None), ("medium_term_programme", None)]
    programmes = [d for d in listed if d.kind == "antirisk_programme"]
    assert programmes and all(d.present for d in programmes)
    assert {d.status for d in listed[:2]} == {DocumentStatus.UPLOADED}
    returned = next(d for d in programmes if len(d.versions) == 2)
    assert [e.status for e in returned.history] == [
        DocumentStatus.RECEIVED,
        DocumentStatus.UNDER_REVIEW,
        DocumentStatus.REVISION,
        DocumentStatus.RECEIVED,
        DocumentStatus.UNDER_REVIEW,
        DocumentStatus.ACCEPTED,
        DocumentStatus.UPLOADED,
    ]
    first, second = returned.reviews
    assert first.conclusion == "revise" and first.revision_deadline and first.remarks
    assert second.conclusion == "accept" and second.indicators
    assert len(returned.confirmations) == 2
    assert sum(c.medk_uploaded_on is not None for c in returned.confirmations) == 1
    assert all(e.on.year == 2026 and 3 <= e.on.month <= 6 for d in listed for e in d.history)
    assert docs.reviews_at_visit(first.visit_id or "")  # discussed at a visit


def test_every_demo_review_is_a_review_of_a_version(demo: Database) -> None:
    with demo.session() as session:
        reviews = list(session.exec(select(DocumentReview)))
    assert reviews
    for review in reviews:
        assert review.document_id and review.version_id
        assert review_problems(review.model_dump()) == {}
