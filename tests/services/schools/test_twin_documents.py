"""A school merged with its twin: the twin's documents (#21) follow the kept school under the
ids the kept school gives them, one document per school, year, kind and direction.

The defect (#21's note): the repair re-pointed ``school_document.school_id`` but kept ids
derived from the twin's school id, so the kept school's concept showed «Не получен» beside a
second, unexpected concept, and a new version went into a third record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import col, select

from curator_desktop.domain.documents.identity import document_id
from curator_desktop.services.documents.reading import documents_of
from curator_desktop.services.documents.writes import attach_confirmation, receive_version
from curator_desktop.services.schools.twins import merge_twins
from curator_desktop.store.tables import (
    ConfirmationDocument,
    DocumentVersion,
    School,
    SchoolDocument,
)
from tests.services.exchange.exchange_helpers import Store
from tests.services.exchange.identity_helpers import (
    INNS,
    import_list,
    list_csv,
    new_store,
    no_identity_mapping,
    random_ids,
)

YEAR = 2026
CONCEPT = "concept"
MEDIUM = "medium_term_programme"


def _receive(store: Store, school: str, kind: str, day: dt.date) -> None:
    with store.database.session() as session:
        receive_version(
            session, store.paths.attachments_dir, school_id=school, year=YEAR, kind=kind,
            factor_code=None, source=None, received_on=day,
        )  # fmt: skip


def _schools(store: Store, inn: str) -> list[str]:
    with store.database.session() as session:
        query = (
            select(School.id)
            .where(col(School.inn) == inn, col(School.deleted).is_(False))
            .order_by(col(School.created_at), col(School.id))
        )
        return list(session.exec(query).all())


def test_the_twins_documents_follow_the_kept_school_under_its_ids(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    csv = list_csv(tmp_path / "список.csv")
    with random_ids(), no_identity_mapping():
        store = new_store(migrated_store_template, tmp_path / "store", "dev-s")
        import_list(store, csv)
        other = new_store(migrated_store_template, tmp_path / "other", "dev-o")
        import_list(other, csv)
        (package,) = [other.service.export(tmp_path / "other.curator").path]
        store.service.import_(package)
    kept, twin = _schools(store, INNS[0])
    _receive(store, kept, CONCEPT, dt.date(2026, 4, 1))
    _receive(store, twin, CONCEPT, dt.date(2026, 4, 10))
    _receive(store, twin, MEDIUM, dt.date(2026, 4, 12))
    with store.database.session() as session:
        twin_medium = document_id(twin, YEAR, MEDIUM, None)
        attach_confirmation(
            session, store.paths.attachments_dir, school_id=twin, year=YEAR,
            document_id=twin_medium, measure="1.1", stage="1", title="Приказ", source=None,
            dated_on=dt.date(2026, 5, 1), medk_uploaded_on=None,
        )  # fmt: skip

    merge_twins(store.database, store.paths.backup_dir)

    with store.database.session() as session:
        live = session.exec(select(SchoolDocument).where(col(SchoolDocument.deleted).is_(False)))
        for row in live:
            assert row.id == document_id(row.school_id, row.year, row.kind, row.factor_code)
        concept = document_id(kept, YEAR, CONCEPT, None)
        medium = document_id(kept, YEAR, MEDIUM, None)
        versions = session.exec(
            select(DocumentVersion.number)
            .where(col(DocumentVersion.document_id) == concept)
            .where(col(DocumentVersion.deleted).is_(False))
            .order_by(col(DocumentVersion.number))
        ).all()
        assert versions == [1, 2]  # both received concepts, numbered in the order received
        (confirmation,) = session.exec(select(ConfirmationDocument)).all()
        assert (confirmation.school_id, confirmation.document_id) == (kept, medium)
        shown = {d.kind: d for d in documents_of(session, kept, YEAR)}
    assert shown[CONCEPT].present and len(shown[CONCEPT].versions) == 2
    assert shown[MEDIUM].present and shown[MEDIUM].expected
    assert sum(1 for d in documents_of_all(store, kept) if d.kind == CONCEPT) == 1
    store.close()
    other.close()


def documents_of_all(store: Store, school: str) -> list:  # type: ignore[type-arg]
    with store.database.session() as session:
        return documents_of(session, school, YEAR)


def test_a_package_made_before_the_repair_brings_its_versions_to_the_kept_document(
    tmp_path: Path, migrated_store_template: Path
) -> None:
    csv = list_csv(tmp_path / "список.csv")
    with random_ids(), no_identity_mapping():
        store = new_store(migrated_store_template, tmp_path / "store", "dev-s")
        import_list(store, csv)
        other = new_store(migrated_store_template, tmp_path / "other", "dev-o")
        import_list(other, csv)
        (theirs,) = _schools(other, INNS[0])
        _receive(other, theirs, CONCEPT, dt.date(2026, 4, 10))
        store.service.import_(other.service.export(tmp_path / "1.curator").path)
    kept, twin = _schools(store, INNS[0])
    assert twin == theirs
    merge_twins(store.database, store.paths.backup_dir)
    _receive(other, theirs, CONCEPT, dt.date(2026, 4, 27))  # the other computer's version 2

    store.service.import_(other.service.export(tmp_path / "2.curator").path)

    concept = document_id(kept, YEAR, CONCEPT, None)
    with store.database.session() as session:
        live = session.exec(select(SchoolDocument).where(col(SchoolDocument.deleted).is_(False)))
        assert [row.id for row in live] == [concept]
        versions = session.exec(
            select(DocumentVersion.number, DocumentVersion.received_on)
            .where(col(DocumentVersion.document_id) == concept)
            .where(col(DocumentVersion.deleted).is_(False))
            .order_by(col(DocumentVersion.number))
        ).all()
    assert versions == [(1, dt.date(2026, 4, 10)), (2, dt.date(2026, 4, 27))]
    store.close()
    other.close()
