"""The risk-profile verification protocol on the demo store and real PDFs: every section, the
school's header, every factor with its verdict, levels, justification and evidence, the activated
directions, the chart, the dates, signatures and page numbers, in Russian and in English."""

from __future__ import annotations

import uuid
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from sqlmodel import col, select

from curator_desktop.domain.enums import Programme, RiskLevel, Verdict
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.i18n import _, format_date, set_language
from curator_desktop.services.reports.protocol import report as protocol_report
from curator_desktop.services.risk.profiles import RiskProfileService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RiskAssessment, School
from tests.services.reports.report_helpers import (
    TODAY,
    Rendered,
    check_page_numbers,
    curator_profile,
    flat,
    render_pdf,
)

YEAR = 2026


def render(db: Database, school_id: str, folder: Path, year: int = YEAR) -> Rendered:
    data = protocol_report.collect(db, school_id, year)
    return render_pdf(
        protocol_report,
        data,
        folder,
        folder / "cache",
        kind="protocol",
        document_number="ПВ-2026-0001",
    )


def school_with_profile(db: Database, name_part: str = "Каменнобродская") -> School:
    with db.session() as session:
        school = session.exec(
            select(School).where(col(School.short_name).contains(name_part))
        ).one()
        session.expunge(school)
    return school


def assessments(db: Database, school_id: str, year: int = YEAR) -> list[RiskAssessment]:
    with db.session() as session:
        rows = session.exec(
            select(RiskAssessment)
            .where(col(RiskAssessment.school_id) == school_id)
            .where(col(RiskAssessment.year) == year)
            .where(col(RiskAssessment.deleted).is_(False))
        ).all()
        for row in rows:
            session.expunge(row)
    return list(rows)


def check_protocol(report: Rendered, db: Database, school: School) -> None:
    """What every protocol shows, in the current language."""
    text = report.text
    check_page_numbers(report)
    assert report.pages >= 2
    for title in [protocol_report.describe(report.data)[0], *protocol_report.section_titles()]:
        assert flat(title) in text, title
    profile = curator_profile(db)
    curator = [profile.full_name, profile.position, profile.organisation]
    header = [school.full_name, school.region, school.inn, school.municipality]
    header += [school.director_name, Programme.label_for(school.programme), *curator]
    for value in header:
        assert flat(value) in text, value
    rows = {row.factor_code: row for row in assessments(db, school.id)}
    factors = report.data.factors
    assert [f.code for f in factors] == sorted(rows)  # every factor of the catalog, in order
    for factor in factors:
        row = rows[factor.code]
        assert f"{factor.code} " in text
        assert flat(factor.name) in text, factor.name
        assert factor.questionnaire_label == RiskLevel.label_for(row.questionnaire_level)
        assert factor.verdict_label == Verdict.label_for(row.verdict)
        if row.justification:
            assert flat(row.justification) in text
        for evidence in factor.evidence:
            assert flat(evidence) in text
    for level in {RiskLevel.label_for(r.questionnaire_level) for r in rows.values()}:
        assert level in text
    for verdict in {Verdict.label_for(r.verdict) for r in rows.values()}:
        assert verdict in text
    activated = sorted(code for code, row in rows.items() if row.activated)
    assert [f.code for f in report.data.activated] == activated
    count = _("Directions activated: {n} (at most {m} recommended).").format(
        n=len(activated), m=report.data.max_directions
    )
    assert flat(count) in text
    verified_on = {row.verified_on for row in rows.values() if row.verified_on}
    assert len(verified_on) == 1
    assert flat(format_date(verified_on.pop())) in text
    entered = max(row.medk_entered_on for row in rows.values() if row.medk_entered_on)
    assert flat(format_date(entered)) in text
    # the chart (its legend) and the signatures
    assert flat(_("Level from the questionnaires")) in text
    assert flat(_("Level after verification")) in text
    assert _("(signature)") in text
    assert _("Protocol prepared by:") in report.texts[-1]
    assert _("I have read the protocol:") in report.texts[-1]


def test_russian_protocol_shows_every_factor_and_value(
    demo: Database, tmp_path: Path, russian: None
) -> None:
    school = school_with_profile(demo)
    report = render(demo, school.id, tmp_path)
    check_protocol(report, demo, school)
    text = report.text
    assert "Протокол верификации рискового профиля" in text
    assert "Подтверждён" in text and "Скорректирован" in text
    assert "Риск не выявлен" in text and "Посещение: Первичное" in text
    assert "ИНН" in text and "Регион" in text
    # the first page's QR code carries the report's id and data hash
    page = pypdfium2.PdfDocument(report.path)[0]
    image = page.render(scale=3).to_pil()
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert report.meta.qr_payload() in decoded


def test_english_protocol_has_the_same_layout(demo: Database, tmp_path: Path) -> None:
    school = school_with_profile(demo)
    english = render(demo, school.id, tmp_path)
    check_protocol(english, demo, school)
    assert "Risk profile verification protocol" in english.text
    assert "Confirmed" in english.text and "Risk factor" in english.text
    assert "Low level of school equipment" in english.text  # the factor names in English
    set_language("ru")
    try:
        russian = render(demo, school.id, tmp_path)
    finally:
        set_language("en")
    assert russian.pages == english.pages
    assert english.meta.data_sha256 != russian.meta.data_sha256  # the language is in the data


def test_unverified_factors_evidence_and_counts(demo: Database, tmp_path: Path) -> None:
    """A partly verified profile: unverified rows say so, linked notes are printed, the counts
    of verdicts match the store."""
    school = school_with_profile(demo, "Никольская")
    service = RiskProfileService(demo, today=TODAY)
    rows = assessments(demo, school.id)
    target = next(r for r in rows if r.verdict == Verdict.CONFIRMED)
    note = "Справка о кадровом обеспечении от 12.03.2026"
    service.add_evidence(school.id, YEAR, target.factor_code, kind="note", note=note)
    report = render(demo, school.id, tmp_path)
    text = report.text
    assert flat(note) in text
    unverified = [r for r in rows if r.verdict is None]
    assert unverified, "the demo's partly verified school has unverified factors"
    assert _("Not verified") in text
    assert len(report.data.verified) == len(rows) - len(unverified)
    summary = _("{n} of {m}").format(n=len(rows) - len(unverified), m=len(rows))
    assert flat(f"{_('Factors verified')} {summary}") in text
    for verdict in Verdict:  # each verdict's count on its own row, its label as everywhere
        assert f"{verdict.label} {sum(r.verdict == verdict for r in rows)}" in text


def test_unknown_school_or_year_fails_clearly(demo: Database) -> None:
    school = school_with_profile(demo)
    with pytest.raises(NotFoundError):
        protocol_report.collect(demo, str(uuid.uuid4()), YEAR)
    with pytest.raises(NotFoundError, match=str(YEAR - 5)):
        protocol_report.collect(demo, school.id, YEAR - 5)


def test_the_school_of_last_year_gets_last_years_protocol(demo: Database, tmp_path: Path) -> None:
    school = school_with_profile(demo, "Ракитинская")
    report = render(demo, school.id, tmp_path, year=YEAR - 1)
    assert report.data.year == YEAR - 1
    assert _("Cycle year {year}").format(year=YEAR - 1) in report.text
    assert len(report.data.factors) == len(assessments(demo, school.id, YEAR - 1))
