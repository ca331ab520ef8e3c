"""The form of the period reports: no heading left at the foot of a page, no Latin word in a
Russian report, one spelling for one value, table headers not broken inside a word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curator_desktop.domain.enums import ReviewConclusion, VisitType
from curator_desktop.i18n import _, set_language
from curator_desktop.services.reports.period import report as period_report
from curator_desktop.services.reports.period.parts import state_label
from curator_desktop.store.database import Database
from tests.services.reports.latin_words import latin_words
from tests.services.reports.period_helpers import (
    JUNE_END,
    YEAR_START,
    page_lines,
    render_period,
)
from tests.services.reports.report_helpers import Rendered, flat
from tests.services.reports.store_words import store_latin_words


def orphaned_headings(report: Rendered) -> list[tuple[int, str]]:
    """(page, heading) of every heading at the foot of a page without its content: the last
    line above the footer, or the last but one when the next page does not start with a
    heading (the one line below was not all of its content)."""
    headings = {flat(h) for h in period_report.headings(report.data)}
    pages = page_lines(report.path)
    found = []
    for number, lines in enumerate(pages[:-1], start=1):
        body = lines[:-1]  # the footer is drawn last
        following = pages[number][1:2]  # after the running header
        next_starts_block = bool(following) and following[0] in headings
        if body and body[-1] in headings:
            found.append((number, body[-1]))
        elif len(body) > 1 and body[-2] in headings and not next_starts_block:
            found.append((number, body[-2]))
    return found


@pytest.mark.parametrize("language", ["ru", "en"])
def test_no_heading_is_left_at_the_foot_of_a_page(
    demo: Database, tmp_path: Path, language: str
) -> None:
    set_language(language)
    try:  # the headings in the report's language
        reports = [
            render_period(demo, tmp_path, kind="final"),
            render_period(demo, tmp_path, YEAR_START, JUNE_END, kind="interim"),
        ]
        everyone = [s.school.id for s in reports[0].data.schools]
        for start in (1, 2, 3):  # other page breaks
            reports.append(render_period(demo, tmp_path, school_ids=everyone[start:]))
        for report in reports:
            assert orphaned_headings(report) == [], report.data.kind
    finally:
        set_language("en")


def test_a_russian_period_report_has_no_latin_word(demo: Database, tmp_path: Path) -> None:
    """Every kind, with and without the curator's texts and an approval line. (Passes once the
    Russian catalog has the period report's messages.)"""
    set_language("ru")
    try:
        reports = [
            render_period(demo, tmp_path, YEAR_START, JUNE_END, kind="interim"),
            render_period(demo, tmp_path, kind="final"),
            render_period(
                demo,
                tmp_path,
                kind="final",
                conclusions="Продолжить работу.",
                best_practices="Школьная служба медиации.",
                approved_by="Петрова И. С.",
            ),
        ]
    finally:
        set_language("en")
    allowed = store_latin_words(demo)  # what people typed may be Latin; the app's words not
    for report in reports:
        assert latin_words(report.text, allowed=allowed) == [], report.data.kind


def test_one_value_is_spelled_one_way(demo: Database, tmp_path: Path) -> None:
    """A visit type, a recommendation's state and a document's conclusion read the same in a
    table, a sentence and the totals."""
    report = render_period(demo, tmp_path)
    text = report.text
    answers = {v for s in report.data.schools for r in s.monitoring.rows for v in r.values}
    for answer in sorted((a for a in answers if " " in a), key=len, reverse=True):
        text = text.replace(answer, "")  # a checklist's own words («not done»), not our values
    for visit_type in VisitType:
        label = visit_type.label
        assert not re.search(rf"\b{re.escape(label.lower())}\b", text), label
    section = next(s for s in report.data.schools if s.recommendations)
    for state in ("done", "overdue", "open", "cancelled"):
        assert f"{state_label(state)}: {section.recommendations_in(state)}" in text
        assert not re.search(rf"\b{re.escape(state_label(state).lower())}\b", text), state
    for conclusion in ReviewConclusion:
        assert conclusion.label in text
    # A document's state («Принят», «На доработке») is another value than a review's conclusion
    # («Принять»): each keeps its own spelling, never lower-cased into a sentence.
    for status in ("Accepted", "Returned for revision"):
        assert not re.search(rf"\b{status.lower()}\b", text), status


def test_the_overview_headers_are_not_broken_inside_a_word(
    demo: Database, tmp_path: Path, russian: None
) -> None:
    report = render_period(demo, tmp_path)
    heading = _("{n}. Totals across the schools").format(n=len(report.data.schools) + 1)
    page = next(p for p in report.texts if heading in p)
    words = set(page.split())
    for header in (_("Visits held"), _("Recommendations given"), _("Activated directions")):
        for word in header.split():
            assert word in words, (header, word)
