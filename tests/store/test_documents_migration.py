"""Migration 0011: the old document reviews become reviews of versions of documents."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from curator_desktop.domain.documents.identity import document_id
from curator_desktop.store import schema
from curator_desktop.store.database import Database
from tests.conftest import insert_raw

OLD = "0010_school_assignment"


def _rows(path: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def _old_store(path: Path) -> None:
    """Two reviews of one concept (returned, then accepted over an unmet criterion with a
    comment), a programme of a direction reviewed in January (the year before's cycle), and
    evidence that points at a review."""
    schema.upgrade(path, target=OLD)
    insert_raw(path, "school", id="s1", full_name="МОУ «СОШ № 1»")
    unmet = json.dumps({"goals_measurable": {"value": "not_meets", "comment": "нет"}})
    insert_raw(
        path, "document_review", id="r1", school_id="s1", document_type="concept",
        version_label="1", received_on="2026-03-10", reviewed_on="2026-03-20",
        criteria=unmet, conclusion="revise", revision_deadline="2026-04-10", device_id="lap",
        created_at="2026-03-20 10:00:00.000000",
    )  # fmt: skip
    insert_raw(
        path, "document_review", id="r2", school_id="s1", document_type="concept",
        version_label="2", received_on="2026-04-08", reviewed_on="2026-04-14",
        criteria=unmet, conclusion="accept", comment="Цели уточнят в программе",
        device_id="lap", created_at="2026-04-14 10:00:00.000000",
    )  # fmt: skip
    insert_raw(
        path, "document_review", id="r3", school_id="s1", document_type="antirisk_programme",
        factor_code="R1", received_on="2027-01-15", criteria="{}", device_id="lap",
    )  # fmt: skip
    insert_raw(path, "risk_assessment", id="a1", school_id="s1", year=2026, factor_code="R1")
    insert_raw(path, "risk_evidence", id="e1", assessment_id="a1", document_review_id="r2")


def test_old_reviews_become_versions_of_documents(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_store(path)

    schema.upgrade(path)
    schema.upgrade(path)  # again: nothing to do

    assert schema.store_revision(path) == schema.shipped_revisions().head
    concept = document_id("s1", 2026, "concept", None)
    programme = document_id("s1", 2026, "antirisk_programme", "R1")
    assert sorted(_rows(path, "SELECT id, year, kind, factor_code FROM school_document")) == sorted(
        [(concept, 2026, "concept", None), (programme, 2026, "antirisk_programme", "R1")]
    )
    versions = _rows(
        path,
        "SELECT r.id, v.number, v.received_on, r.document_id, r.accept_reason "
        "FROM document_review r JOIN document_version v ON v.id = r.version_id ORDER BY r.id",
    )
    assert versions == [
        ("r1", 1, "2026-03-10", concept, ""),
        ("r2", 2, "2026-04-08", concept, "Цели уточнят в программе"),
        ("r3", 1, "2027-01-15", programme, ""),
    ]
    assert _rows(path, "SELECT document_review_id FROM risk_evidence") == [("r2",)]
    assert _rows(path, "PRAGMA foreign_key_check") == []

    from curator_desktop.services.documents import DocumentService, DocumentStatus

    db = Database(path)
    try:
        docs = DocumentService(db, attachments_dir=tmp_path / "att")
        listed = {(d.kind, d.factor_code): d for d in docs.documents("s1", 2026)}
        assert listed[("concept", None)].status == DocumentStatus.ACCEPTED
        assert len(listed[("concept", None)].versions) == 2
        assert listed[("antirisk_programme", "R1")].status == DocumentStatus.RECEIVED
    finally:
        db.close()
