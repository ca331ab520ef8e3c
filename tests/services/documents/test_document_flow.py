"""The Озерецкая school's March–June through the documents service, step by step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.domain.documents import CriterionMark, DocumentStatus, TargetIndicator
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.services.visits.files import stored_path
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    Attachment,
    DocumentReview,
    DocumentVersion,
    SchoolDocument,
)
from tests.services.documents.document_fixtures import (
    YEAR,
    add_school,
    docx_file,
    pdf_file,
    service,
)

D = dt.date
ALL_MEET = [
    CriterionMark(key, "meets")
    for key in (
        "matches_profile",
        "goals_measurable",
        "indicators_baseline_target",
        "measures_lead_to_tasks",
        "deadlines_responsible",
        "documents_consistent",
        "monitoring_planned",
    )
]


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return len(session.exec(select(model)).all())


def test_expected_documents_follow_the_profile(database: Database, tmp_path: Path) -> None:
    docs = service(database, tmp_path)
    school = add_school(database)
    listed = docs.documents(school, YEAR)
    assert [(d.kind, d.factor_code) for d in listed] == [
        ("concept", None),
        ("medium_term_programme", None),
        ("antirisk_programme", "R01"),
        ("antirisk_programme", "R04"),
    ]
    assert {d.status for d in listed} == {DocumentStatus.MISSING}
    assert not any(d.present for d in listed)
    minpros = add_school(database, programme="minpros_school", name="Школа Минпросвещения")
    kinds = [d.kind for d in docs.documents(minpros, YEAR)]
    assert kinds == ["development_programme"]


def test_march_to_june(database: Database, tmp_path: Path) -> None:
    docs = service(database, tmp_path)
    school = add_school(database)
    # March: the concept and an antirisk programme per activated direction are received.
    concept = docs.receive_version(
        school_id=school,
        year=YEAR,
        kind="concept",
        source=pdf_file(tmp_path),
        received_on=D(YEAR, 3, 10),
        received_from="Директор Петрова А. В.",
    )
    assert concept.number == 1 and concept.file_name == "concept.pdf"
    assert stored_path(tmp_path / "attachments", concept.sha256).is_file()
    programmes = {
        code: docs.receive_version(
            school_id=school,
            year=YEAR,
            kind="antirisk_programme",
            factor_code=code,
            source=docx_file(tmp_path, f"{code}.docx", code),
            received_on=D(YEAR, 3, 12),
        )
        for code in ("R01", "R04")
    }
    by_kind = {(d.kind, d.factor_code): d for d in docs.documents(school, YEAR)}
    assert by_kind[("concept", None)].status == DocumentStatus.RECEIVED
    assert by_kind[("antirisk_programme", "R04")].status == DocumentStatus.RECEIVED
    assert by_kind[("medium_term_programme", None)].status == DocumentStatus.MISSING

    # The concept is reviewed and returned for revision with remarks and a deadline.
    review = docs.start_review(concept.id, started_on=D(YEAR, 3, 14))
    assert docs.document(concept.document_id).status == DocumentStatus.UNDER_REVIEW
    marks = [*ALL_MEET[:1], CriterionMark("goals_measurable", "not_meets", "Цели не измеримы")]
    docs.save_review(review.id, marks=marks, remarks="Уточнить цели")
    with pytest.raises(ValidationError):  # «на доработку» needs a deadline
        docs.set_conclusion(review.id, conclusion="revise", reviewed_on=D(YEAR, 3, 20))
    returned = docs.set_conclusion(
        review.id,
        conclusion="revise",
        reviewed_on=D(YEAR, 3, 20),
        revision_deadline=D(YEAR, 4, 10),
        remarks="Цели сформулировать измеримо; указать базовые значения.",
    )
    assert returned.conclusion == "revise" and returned.revision_deadline == D(YEAR, 4, 10)
    state = docs.document(concept.document_id, as_of=D(YEAR, 4, 1))
    assert state.status == DocumentStatus.REVISION and not state.overdue
    late = docs.document(concept.document_id, as_of=D(YEAR, 4, 15))
    assert late.overdue
    groups = {(e.group, e.summary.kind) for e in docs.worklist(D(YEAR, 4, 15), year=YEAR)}
    assert ("overdue", "concept") in groups
    assert ("awaiting", "antirisk_programme") in groups

    # April: version 2 arrives, is accepted and uploaded to ИС МЭДК.
    second = docs.receive_version(
        school_id=school,
        year=YEAR,
        kind="concept",
        source=pdf_file(tmp_path, "concept-2.pdf", "v2"),
        received_on=D(YEAR, 4, 8),
    )
    assert second.number == 2
    assert not docs.document(concept.document_id, as_of=D(YEAR, 4, 15)).overdue
    review2 = docs.start_review(second.id, started_on=D(YEAR, 4, 9))
    docs.save_review(review2.id, marks=ALL_MEET)
    with pytest.raises(ValidationError):  # not accepted yet: no upload
        docs.mark_uploaded(second.id, uploaded_on=D(YEAR, 4, 20))
    docs.set_conclusion(review2.id, conclusion="accept", reviewed_on=D(YEAR, 4, 14))
    docs.mark_uploaded(second.id, uploaded_on=D(YEAR, 4, 20))
    final = docs.document(concept.document_id)
    assert final.status == DocumentStatus.UPLOADED and final.medk_uploaded_on == D(YEAR, 4, 20)
    assert [e.status for e in final.history] == [
        DocumentStatus.RECEIVED,
        DocumentStatus.UNDER_REVIEW,
        DocumentStatus.REVISION,
        DocumentStatus.RECEIVED,
        DocumentStatus.UNDER_REVIEW,
        DocumentStatus.ACCEPTED,
        DocumentStatus.UPLOADED,
    ]
    assert docs.document(concept.document_id, as_of=D(YEAR, 4, 16)).status == (
        DocumentStatus.ACCEPTED
    )

    # The antirisk programme's review records target indicators.
    r1 = docs.start_review(programmes["R01"].id, started_on=D(YEAR, 4, 2))
    indicator = TargetIndicator(
        "Доля обучающихся с низкими результатами", "18 %", "12 %", D(YEAR, 12, 20)
    )
    saved = docs.save_review(r1.id, marks=ALL_MEET, indicators=[indicator])
    assert saved.indicators == (indicator,)
    docs.set_conclusion(r1.id, conclusion="accept", reviewed_on=D(YEAR, 4, 5))

    # May–June: two confirmation documents of the programme's measures.
    first = docs.attach_confirmation(
        school_id=school,
        year=YEAR,
        document_id=programmes["R01"].document_id,
        measure="Методический семинар по формирующему оцениванию",
        stage="Май",
        title="Протокол семинара",
        source=pdf_file(tmp_path, "protocol.pdf", "p"),
        dated_on=D(YEAR, 5, 20),
    )
    docs.attach_confirmation(
        school_id=school,
        year=YEAR,
        document_id=programmes["R01"].document_id,
        measure="Взаимопосещение уроков",
        stage="Июнь",
        title="Лист посещения",
        source=None,
        dated_on=D(YEAR, 6, 5),
        medk_uploaded_on=D(YEAR, 6, 10),
    )
    docs.mark_confirmation_uploaded(first.id, uploaded_on=D(YEAR, 6, 1))
    confirmations = docs.confirmations(school, YEAR)
    assert [c.medk_uploaded_on for c in confirmations] == [D(YEAR, 6, 1), D(YEAR, 6, 10)]
    assert confirmations[0].file_name == "protocol.pdf"
    assert len(docs.document(programmes["R01"].document_id).confirmations) == 2


def test_accepting_over_an_unmet_criterion_needs_the_reason(
    database: Database, tmp_path: Path
) -> None:
    docs = service(database, tmp_path)
    school = add_school(database)
    version = docs.receive_version(
        school_id=school, year=YEAR, kind="concept", source=None, received_on=D(YEAR, 3, 1)
    )
    review = docs.start_review(version.id, started_on=D(YEAR, 3, 2))
    docs.save_review(review.id, marks=[CriterionMark("monitoring_planned", "not_meets")])
    with pytest.raises(ValidationError) as refused:
        docs.set_conclusion(review.id, conclusion="accept", reviewed_on=D(YEAR, 3, 3))
    assert refused.value.field == "accept_reason"
    assert docs.review(review.id).conclusion is None
    done = docs.set_conclusion(
        review.id,
        conclusion="accept",
        reviewed_on=D(YEAR, 3, 3),
        accept_reason="Мониторинг описан в среднесрочной программе.",
    )
    assert done.conclusion == "accept"
    with pytest.raises(ValidationError):  # concluded: no more edits
        docs.save_review(review.id, remarks="ещё")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("concept.pdf", b"PK\x03\x04 not a pdf", "do not match"),
        ("concept.docx", b"%PDF-1.4 a pdf named docx", "do not match"),
        ("concept.docx", b"PK\x03\x04broken zip", "do not match"),
        ("concept.exe", b"MZ", "must be one of"),
        ("concept.pdf", b"", "empty"),
    ],
)
def test_a_bad_file_leaves_nothing(
    database: Database, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    docs = service(database, tmp_path)
    school = add_school(database)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationError) as refused:
        docs.receive_version(
            school_id=school, year=YEAR, kind="concept", source=path, received_on=D(YEAR, 3, 1)
        )
    assert words in refused.value.user_message
    for model in (SchoolDocument, DocumentVersion, DocumentReview, Attachment):
        assert _count(database, model) == 0
    assert not (tmp_path / "attachments").exists() or not any(
        p.is_file() and not p.name.startswith(".") for p in (tmp_path / "attachments").rglob("*")
    )


def test_too_large_and_missing_files(database: Database, tmp_path: Path) -> None:
    docs = service(database, tmp_path)
    school = add_school(database)
    big = tmp_path / "scan.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(101 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(ValidationError, match="larger than"):
        docs.receive_version(
            school_id=school, year=YEAR, kind="concept", source=big, received_on=D(YEAR, 3, 1)
        )
    with pytest.raises(ValidationError, match="does not exist"):
        docs.receive_version(
            school_id=school,
            year=YEAR,
            kind="concept",
            source=tmp_path / "nowhere.pdf",
            received_on=D(YEAR, 3, 1),
        )
    with pytest.raises(ValidationError, match="direction"):
        docs.receive_version(
            school_id=school,
            year=YEAR,
            kind="antirisk_programme",
            source=None,
            received_on=D(YEAR, 3, 1),
        )
    with pytest.raises(NotFoundError):
        docs.start_review("no-such-version", started_on=D(YEAR, 3, 1))
    assert _count(database, SchoolDocument) == 0
