"""The protocol names who took part in the verification, the data it rested on, what answers each
risk (the antirisk programme, the curator's advice), the catalog edition used, and is signed by
the curator and the director; the same value reads the same in the protocol and the справка.
A store built through the services, real PDFs read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from curator_desktop.i18n import _, format_date
from curator_desktop.services.documents import DocumentService
from curator_desktop.services.reports.protocol import report as protocol_report
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RiskCatalog
from tests.services.reports.report_helpers import Rendered, flat, render_pdf
from tests.services.reports.school_year import CURATOR, DIRECTOR, SchoolYear, school_year

MARCH = dt.date(2026, 3, 10)
PROGRAMME = "Антирисковая программа «Современная школа: оснащение и использование»"


@pytest.fixture
def verified(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SchoolYear:
    """A primary visit with the working group, the risks verified at it, a programme and advice."""
    story = school_year(database, tmp_path, monkeypatch)
    visit_id = story.visit("primary", MARCH)
    story.visits.add_participant(visit_id, full_name=DIRECTOR, position="директор")
    story.visits.add_participant(
        visit_id, full_name="Матвеева Вера Павловна", position="заместитель директора"
    )
    with story.on(MARCH):
        story.fill(visit_id, profile__verification_sources=["vpr", "staffing"])
    story.recommend(
        visit_id,
        "Провести курсы по формирующему оцениванию",
        dt.date(2026, 5, 1),
        factor_code="R03",
    )
    story.complete(visit_id, MARCH)
    with story.on(dt.date(2026, 3, 20)):
        story.risks.save_factor(
            story.school_id,
            2026,
            "R01",
            {"questionnaire_level": "high", "verdict": "confirmed", "activated": True}
            | {"justification": "Оборудование не используется на уроках"},
        )
        story.risks.save_factor(
            story.school_id,
            2026,
            "R03",
            {"questionnaire_level": "high", "verdict": "adjusted", "adjusted_level": "medium"}
            | {"justification": "Курсы пройдены частично"},
        )
        story.risks.save_factor(story.school_id, 2026, "R05", {"questionnaire_level": "low"})
        story.risks.add_evidence(story.school_id, 2026, "R01", kind="visit", target_id=visit_id)
    documents = DocumentService(story.database, attachments_dir=story.folder / "attachments")
    version = documents.receive_version(
        school_id=story.school_id,
        year=2026,
        kind="antirisk_programme",
        factor_code="R01",
        title=PROGRAMME,
        source=None,
        received_on=dt.date(2026, 5, 28),
    )
    review = documents.start_review(version.id, started_on=dt.date(2026, 5, 29))
    documents.set_conclusion(review.id, conclusion="accept", reviewed_on=dt.date(2026, 6, 1))
    return story


def render(story: SchoolYear, today: dt.date | None = None) -> Rendered:
    data = protocol_report.collect(story.database, story.school_id, 2026, today=today)
    return render_pdf(
        protocol_report,
        data,
        story.folder / "protocol",
        story.folder / "cache",
        kind="protocol",
        document_number="ПВ-2026-0001",
    )


def test_the_protocol_names_the_participants_and_the_data_used(verified: SchoolYear) -> None:
    report = render(verified)
    text = report.text
    assert _("Participants of the verification") in text
    assert "Матвеева Вера Павловна" in text and flat(DIRECTOR) in text
    assert _("Data used for the verification") in text
    assert "national test (VPR) results for two years" in text
    assert "staffing table and vacancies" in text


def test_each_risk_is_answered_by_a_programme_or_a_measure(verified: SchoolYear) -> None:
    report = render(verified)
    measures = {m.code: m for m in report.data.measures}
    assert PROGRAMME in measures["R01"].programme
    assert [a.text for a in measures["R03"].advice] == ["Провести курсы по формирующему оцениванию"]
    assert "R02" not in measures  # no risk after verification, nothing to answer
    text = report.text
    assert _("Measures answering the risks") in text
    assert "Провести курсы по формирующему оцениванию" in text


def test_the_catalog_edition_and_its_source_are_named(verified: SchoolYear) -> None:
    report = render(verified)
    with verified.database.session() as session:
        catalog = session.exec(select(RiskCatalog)).first()
        assert catalog is not None
        session.expunge(catalog)
    assert flat(catalog.title_en) in report.text
    assert catalog.version in report.text
    assert _("the list shipped with Curator Desktop") in report.text


def test_the_protocol_is_signed_by_the_curator_and_the_director(verified: SchoolYear) -> None:
    report = render(verified)
    last = report.texts[-1]
    assert _("Protocol prepared by:") in last and _("I have read the protocol:") in last
    assert flat(CURATOR) in last and flat(DIRECTOR) in last
    info = PdfReader(report.path).metadata
    assert info is not None and info.author == CURATOR
    assert info.title == _("{title} No. {number}").format(
        title=report.meta.title, number="ПВ-2026-0001"
    )


def test_a_value_reads_the_same_in_the_protocol_and_the_spravka(verified: SchoolYear) -> None:
    protocol = protocol_report.collect(verified.database, verified.school_id, 2026)
    visit_id = verified.visit("planned", dt.date(2026, 4, 20), checklist=False)
    spravka = visit_report.collect(
        verified.database, visit_id, attachments_dir=verified.folder / "attachments"
    )
    printed = {row.factor.split()[0]: row.verdict for row in spravka.risk_rows}
    assert set(printed) == {"R01", "R03", "R05"}  # R05 is not verified yet
    for factor in protocol.factors:
        if factor.code in printed:
            assert printed[factor.code] == factor.verdict_label, factor.code


def test_the_measures_say_the_day_their_state_is_told_on(verified: SchoolYear) -> None:
    """The protocol of a March verification printed in June tells the recommendations' state
    «on» its own day, explicitly; ИС МЭДК is a date, not «entered on»; participants have a role
    in the verification, not in «the visit»."""
    june = dt.date(2026, 6, 15)
    report = render(verified, june)
    text = report.text
    assert _("The measures' state on {date}.").format(date=flat(format_date(june))) in text
    assert "Role in the visit" not in text and _("Role in the verification") in text
    assert "entered on" not in text
