"""The «Экспертное заключение» from a real store: a review of an antirisk programme returned for
revision, then the accepted version 2; the PDF read back as text, in Russian and English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curator_desktop.domain.documents import CriterionMark, TargetIndicator
from curator_desktop.domain.documents.criteria import load_criteria
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.i18n import _
from curator_desktop.services.reports.review import build_review_report
from curator_desktop.services.reports.service import ReportService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import CuratorProfile, GeneratedReport
from tests.services.documents.document_fixtures import YEAR, add_school, docx_file, service
from tests.services.reports.latin_words import latin_words
from tests.services.reports.report_helpers import page_texts
from tests.services.reports.store_words import store_latin_words

D = dt.date


def _curator(db: Database) -> None:
    with db.session() as session:
        session.add(
            CuratorProfile(
                full_name="Иванова Мария Сергеевна",
                position="методист",
                organisation="ЛОИРО",
                region="Ленинградская область",
            )
        )


def _returned_review(db: Database, tmp_path: Path) -> tuple[str, str]:
    """An antirisk programme of R1, version 1 reviewed «на доработку»: (school id, review id)."""
    _curator(db)
    docs = service(db, tmp_path)
    school = add_school(db)
    version = docs.receive_version(
        school_id=school,
        year=YEAR,
        kind="antirisk_programme",
        factor_code="R1",
        source=docx_file(tmp_path, "arp_r1_v1.docx"),
        received_on=D(YEAR, 3, 20),
        received_from="Петрова А. В., заместитель директора",
    )
    review = docs.start_review(version.id, started_on=D(YEAR, 3, 21))
    keys = load_criteria("antirisk_programme").keys()
    marks = [CriterionMark(key, "meets") for key in keys]
    marks[2] = CriterionMark(keys[2], "not_meets", "Нет базовых значений показателей 3 и 4.")
    marks[4] = CriterionMark(keys[4], "partly", "Не указаны ответственные за мероприятие 2.3.")
    docs.save_review(
        review.id,
        marks=marks,
        indicators=[
            TargetIndicator(
                "Доля обучающихся с рисками учебной неуспешности", "18 %", "10 %", D(YEAR, 12, 25)
            ),
        ],
        remarks="Добавить базовые значения показателей 3 и 4.",
    )
    docs.set_conclusion(
        review.id,
        conclusion="revise",
        reviewed_on=D(YEAR, 3, 27),
        revision_deadline=D(YEAR, 4, 10),
    )
    return school, review.id


def _reports(db: Database, tmp_path: Path) -> ReportService:
    return ReportService(
        db,
        reports_dir=tmp_path / "reports",
        cache_dir=tmp_path / "cache",
        attachments_dir=tmp_path / "attachments",
    )


def test_the_opinion_in_russian(database: Database, tmp_path: Path, russian: None) -> None:
    _school, review_id = _returned_review(database, tmp_path)
    reports = _reports(database, tmp_path)
    record = reports.generate_review(review_id)
    texts = page_texts(reports.path_of(record))
    text = " ".join(texts)
    assert record.kind == "review"
    assert record.document_number == f"ЭЗ-{dt.date.today().year}-0001"
    assert "Экспертное заключение" in text
    assert "Антирисковая программа" in text
    assert "версия 1" in text and "20 марта 2026 г." in text
    assert "Петрова А. В., заместитель директора" in text
    assert "Для показателей указаны базовые и целевые значения" in text
    assert "не соответствует" in text and "Нет базовых значений показателей 3 и 4." in text
    assert "частично соответствует" in text
    assert "Целевые показатели программы" in text and "18 %" in text and "10 %" in text
    assert "25 декабря 2026 г." in text
    assert "Добавить базовые значения показателей 3 и 4." in text
    assert "на доработку" in text and "10 апреля 2026 г." in text
    assert "Заключение подготовил(а):" in text and "Иванова Мария Сергеевна" in text
    assert texts[-1].count("Страница") == 1
    assert latin_words(text, allowed=store_latin_words(database)) == []


def test_the_opinion_in_english_and_its_versions(database: Database, tmp_path: Path) -> None:
    _school, review_id = _returned_review(database, tmp_path)
    reports = _reports(database, tmp_path)
    first = reports.generate_review(review_id, language="en")
    second = reports.generate_review(review_id, language="en")
    text = " ".join(page_texts(reports.path_of(second)))
    assert (first.version, second.version) == (1, 2)
    assert first.document_number == second.document_number
    assert second.review_id == review_id
    assert "Expert opinion" in text and "version 2" in text
    assert "does not meet" in text and "return for revision" in text
    assert "Opinion prepared by:" in text
    assert "Target indicators of the programme" in text
    listed = reports.reports(school_id=_school)
    assert {r.subject for r in listed} == {"МБОУ «Озерецкая СОШ», Antirisk programme R1"}


def test_a_review_without_conclusion_is_a_draft_without_indicators_section(
    database: Database, tmp_path: Path
) -> None:
    _curator(database)
    docs = service(database, tmp_path)
    school = add_school(database)
    version = docs.receive_version(
        school_id=school,
        year=YEAR,
        kind="concept",
        source=docx_file(tmp_path, "concept.docx"),
        received_on=D(YEAR, 3, 20),
    )
    review = docs.start_review(version.id, started_on=D(YEAR, 3, 21))
    target = tmp_path / "out" / "opinion.pdf"
    target.parent.mkdir()
    record = build_review_report(_reports(database, tmp_path), review.id, target, language="en")
    text = " ".join(page_texts(target))
    assert "DRAFT" in text
    assert "no conclusion yet" in text
    assert "not rated" in text
    assert "Target indicators" not in text
    with database.session() as session:
        assert session.get(GeneratedReport, record.id).review_id == review.id


def test_an_unknown_review(database: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        _reports(database, tmp_path).generate_review("no-such-review")
    assert _("Expert opinion")
