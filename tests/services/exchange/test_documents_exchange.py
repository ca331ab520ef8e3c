"""School documents travel in packages: documents, versions with their files, reviews and
confirmation documents arrive in another store, a re-import changes nothing, and an edit made
there comes back by revision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exchange_helpers import copy_store, dump, files_of

from curator_desktop.domain.documents import CriterionMark, DocumentStatus
from curator_desktop.services.documents import DocumentService
from curator_desktop.store.tables import CuratorProfile
from tests.services.documents.document_fixtures import YEAR, add_school, docx_file, pdf_file

D = dt.date


def _documents(store: object) -> DocumentService:
    return DocumentService(
        store.database,  # type: ignore[attr-defined]
        attachments_dir=store.paths.attachments_dir,  # type: ignore[attr-defined]
        device_id="test",
    )


def test_documents_round_trip(tmp_path: Path, migrated_store_template: Path) -> None:
    laptop = copy_store(migrated_store_template, tmp_path / "a", "dev-a")
    office = copy_store(migrated_store_template, tmp_path / "b", "dev-b")
    try:
        with laptop.database.session() as session:
            session.add(CuratorProfile(full_name="Иванова Мария Петровна", region="Область"))
        school = add_school(laptop.database)
        docs = _documents(laptop)
        v1 = docs.receive_version(
            school_id=school, year=YEAR, kind="concept",
            source=pdf_file(tmp_path), received_on=D(YEAR, 3, 10),
        )  # fmt: skip
        review = docs.start_review(v1.id, started_on=D(YEAR, 3, 12))
        docs.save_review(review.id, marks=[CriterionMark("goals_measurable", "not_meets", "нет")])
        docs.set_conclusion(
            review.id, conclusion="revise", reviewed_on=D(YEAR, 3, 20),
            revision_deadline=D(YEAR, 4, 10), remarks="Доработать",
        )  # fmt: skip
        programme = docs.receive_version(
            school_id=school, year=YEAR, kind="antirisk_programme", factor_code="R01",
            source=docx_file(tmp_path), received_on=D(YEAR, 3, 12),
        )  # fmt: skip
        docs.attach_confirmation(
            school_id=school, year=YEAR, document_id=programme.document_id, measure="Семинар",
            stage="Май", title="Протокол", source=pdf_file(tmp_path, "p.pdf", "p"),
            dated_on=D(YEAR, 5, 20),
        )  # fmt: skip

        package = tmp_path / "usb" / "a.curator"
        package.parent.mkdir()
        laptop.service.export(package)
        result = office.service.import_(package)
        assert result.written

        arrived = _documents(office)
        [concept] = [d for d in arrived.documents(school, YEAR) if d.kind == "concept"]
        assert concept.status == DocumentStatus.REVISION
        assert concept.revision_deadline == D(YEAR, 4, 10)
        assert concept.reviews[0].marks == (CriterionMark("goals_measurable", "not_meets", "нет"),)
        assert arrived.file_path(concept.versions[0].attachment_id).read_bytes().startswith(b"%PDF")
        [confirmation] = arrived.confirmations(school, YEAR)
        assert arrived.file_path(confirmation.attachment_id).is_file()
        assert files_of(office.paths.attachments_dir) == files_of(laptop.paths.attachments_dir)

        before = dump(office.database)
        again = office.service.import_(package)
        assert not again.written and not again.reconciliation.has_changes
        assert dump(office.database) == before

        # The office receives version 2 and accepts it; the laptop gets it back by revision.
        v2 = arrived.receive_version(
            school_id=school, year=YEAR, kind="concept",
            source=pdf_file(tmp_path, "c2.pdf", "v2"), received_on=D(YEAR, 4, 5),
        )  # fmt: skip
        r2 = arrived.start_review(v2.id, started_on=D(YEAR, 4, 6))
        arrived.set_conclusion(r2.id, conclusion="accept", reviewed_on=D(YEAR, 4, 7))
        arrived.mark_uploaded(v2.id, uploaded_on=D(YEAR, 4, 9))
        back = tmp_path / "usb" / "b.curator"
        office.service.export(back)
        assert laptop.service.import_(back).written
        home = docs.document(concept.id)
        assert home.status == DocumentStatus.UPLOADED and len(home.versions) == 2
        assert docs.file_path(home.versions[1].attachment_id).is_file()
    finally:
        laptop.close()
        office.close()
