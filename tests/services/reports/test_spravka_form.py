"""The form of every справка and protocol of the demo store: no Latin word in a Russian one
beyond what is Latin by nature or typed so by people, and no heading left at the foot of a page.
Real PDFs, read back page by page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import col, select

from curator_desktop.i18n import _, set_language
from curator_desktop.services.reports.protocol import report as protocol_report
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.services.reports.visit.lesson_card import lesson_title
from curator_desktop.store.database import Database
from curator_desktop.store.tables import RiskAssessment, Visit
from tests.services.reports.latin_words import latin_words
from tests.services.reports.report_helpers import Rendered, render_pdf
from tests.services.reports.store_words import store_latin_words


def every_report(db: Database, folder: Path) -> Iterator[tuple[str, Rendered, list[str]]]:
    """Each visit's справка and each school's protocol of each year: (name, report, the
    headings it prints)."""
    with db.session() as session:
        visits = session.exec(select(Visit.id).where(col(Visit.deleted).is_(False))).all()
        profiles = session.exec(
            select(RiskAssessment.school_id, RiskAssessment.year).distinct()
        ).all()
    for number, visit_id in enumerate(visits, start=1):
        data = visit_report.collect(db, visit_id, attachments_dir=folder / "attachments")
        report = render_pdf(
            visit_report,
            data,
            folder / "visits",
            folder / "cache",
            kind="visit",
            document_number=f"СП-2026-{number:04d}",
            draft=not data.completed,
        )
        headings = [*visit_report.section_titles(data), _("Recommendations of earlier visits")]
        headings += [lesson_title(lesson) for lesson in data.lessons]
        headings += [lesson.sheet for lesson in data.lessons if lesson.sheet]
        headings += [data.checklist.title] if data.checklist else []
        yield f"visit {data.header.visit_date}", report, headings
    for number, (school_id, year) in enumerate(profiles, start=1):
        protocol = protocol_report.collect(db, school_id, year)
        report = render_pdf(
            protocol_report,
            protocol,
            folder / "protocols",
            folder / "cache",
            kind="protocol",
            document_number=f"ПВ-2026-{number:04d}",
        )
        yield f"protocol {school_id} {year}", report, protocol_report.section_titles()


def test_a_russian_spravka_or_protocol_has_no_latin_word(
    demo: Database, tmp_path: Path, russian: None
) -> None:
    allowed = store_latin_words(demo)
    found = {
        name: words
        for name, report, _headings in every_report(demo, tmp_path)
        if (words := sorted(set(latin_words(report.text, allowed=allowed))))
    }
    assert found == {}


def page_lines(path: Path) -> list[list[str]]:
    """Each page's non-empty lines (whitespace collapsed), in drawing order."""
    return [
        [" ".join(line.split()) for line in page.extract_text().splitlines() if line.strip()]
        for page in PdfReader(path).pages
    ]


def _body(lines: list[str]) -> list[str]:
    """A page's lines without its footer (the document number line and «page X of Y»)."""
    while lines and (lines[-1].startswith(("№", "No.")) or _("Page") in lines[-1]):
        lines = lines[:-1]
    return lines


@pytest.mark.parametrize("language", ["ru", "en"])
def test_no_heading_is_left_at_the_foot_of_a_page(
    demo: Database, tmp_path: Path, language: str
) -> None:
    set_language(language)
    try:
        left = []
        for name, report, headings in every_report(demo, tmp_path):
            flat_headings = {" ".join(h.split()) for h in headings}
            for page, lines in enumerate(page_lines(report.path)[:-1], start=1):
                body = _body(lines)
                if body and body[-1] in flat_headings:
                    left.append((name, page, body[-1]))
    finally:
        set_language("en")
    assert left == []
