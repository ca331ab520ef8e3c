"""What the справка says is true of its visit: recommendations and their statuses as of the visit's
day, the risk profile of the cycle the visit belongs to, what is printed frozen between versions,
numbers and versions per document and language, points only where a template has a scale, the
director and the author in the signatures, and the PDF's title and author. Real stores built
through the services on a moving clock, real PDFs read back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader

from curator_desktop.domain.enums import RecommendationStatus, RiskLevel, Verdict
from curator_desktop.i18n import _, format_date, pgettext
from curator_desktop.services.documents import DocumentService
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.services.reports.visit.types import RecommendationRow
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School
from tests.services.reports.report_helpers import flat, page_texts, render_pdf
from tests.services.reports.school_year import (
    CURATOR,
    DIRECTOR,
    ORGANISATION,
    POSITION,
    SchoolYear,
    school_year,
)

MARCH, APRIL, JUNE = dt.date(2026, 3, 10), dt.date(2026, 4, 15), dt.date(2026, 6, 26)


@dataclass
class Timeline:
    """The year's visits and the advice given at them (ids)."""

    story: SchoolYear
    march: str = ""
    april: str = ""
    june: str = ""
    advice: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def year(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Timeline:
    """Visits on 10.03, 15.04 and 26.06; advice given at each, closed between them."""
    story = school_year(database, tmp_path, monkeypatch)
    line = Timeline(story)
    line.march = story.visit("primary", MARCH)
    a1 = story.recommend(line.march, "Составить график работы «Точки роста»", JUNE)
    a2 = story.recommend(line.march, "Провести педсовет по итогам РПШ", dt.date(2026, 4, 1))
    a3 = story.recommend(line.march, "Утвердить план методической работы", dt.date(2026, 12, 1))
    story.complete(line.march, MARCH)
    story.close(a2, dt.date(2026, 4, 10))
    story.close(a3, dt.date(2026, 4, 1))
    line.april = story.visit("planned", APRIL, checklist=False)
    b1 = story.recommend(line.april, "Открыть кружок робототехники", dt.date(2026, 5, 20))
    story.complete(line.april, APRIL)
    with story.on(dt.date(2026, 5, 5)):
        story.visits.update_recommendation(a3, status="open")  # reopened
    story.close(a1, dt.date(2026, 6, 14))
    story.close(b1, dt.date(2026, 6, 20), status="cancelled")
    line.june = story.visit("planned", JUNE, checklist=False)
    story.recommend(line.june, "Провести родительское собрание", dt.date(2026, 9, 1))
    story.complete(line.june, JUNE)
    return line


def collect(story: SchoolYear, visit_id: str) -> visit_report.VisitReportData:
    return visit_report.collect(
        story.database, visit_id, attachments_dir=story.folder / "attachments"
    )


def rendered(story: SchoolYear, visit_id: str) -> tuple[visit_report.VisitReportData, str]:
    data = collect(story, visit_id)
    report = render_pdf(
        visit_report,
        data,
        story.folder / "pdf",
        story.folder / "cache",
        kind="visit",
        document_number="СП-2026-0001",
        draft=not data.completed,
    )
    return data, report.text


def statuses(rows: tuple[RecommendationRow, ...]) -> dict[str, str]:
    return {row.text: flat(row.status) for row in rows}


def done_on(day: dt.date, status: str = "done") -> str:
    label = RecommendationStatus.label_for(status)
    return flat(_("{status} on {date}").format(status=label, date=format_date(day)))


def test_a_report_shows_the_recommendations_as_of_its_visit(year: Timeline) -> None:
    data, text = rendered(year.story, year.april)
    opened = RecommendationStatus.label_for("open")
    assert statuses(data.recommendations) == {"Открыть кружок робототехники": opened}
    assert statuses(data.earlier_recommendations) == {
        "Составить график работы «Точки роста»": opened,  # done only on 14 June
        "Провести педсовет по итогам РПШ": done_on(dt.date(2026, 4, 10)),  # since 10 March
        "Утвердить план методической работы": done_on(dt.date(2026, 4, 1)),  # reopened later
    }
    assert "Провести родительское собрание" not in text  # given on 26 June
    assert "Составить график работы «Точки роста»" in text
    assert flat(format_date(dt.date(2026, 6, 14))) not in text
    assert _("Cancelled") not in text


def test_a_later_report_shows_what_happened_since_the_visit_before(year: Timeline) -> None:
    data, text = rendered(year.story, year.june)
    overdue = _("{status}, overdue").format(status=RecommendationStatus.label_for("open"))
    assert statuses(data.earlier_recommendations) == {
        "Составить график работы «Точки роста»": done_on(dt.date(2026, 6, 14)),
        "Открыть кружок робототехники": done_on(dt.date(2026, 6, 20), "cancelled"),
        "Утвердить план методической работы": RecommendationStatus.label_for("open"),
    }  # the advice closed on 10 April was reported in April
    assert "Провести педсовет по итогам РПШ" not in text
    assert statuses(data.recommendations) == {
        "Провести родительское собрание": RecommendationStatus.label_for("open")
    }
    later, _text = rendered(year.story, year.april)
    assert overdue not in {row.status for row in later.earlier_recommendations}


def test_a_january_final_visit_reports_the_cycle_it_closes(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = school_year(database, tmp_path, monkeypatch)
    with story.on(dt.date(2026, 3, 20)):
        story.risks.save_factor(
            story.school_id, 2026, "R01", {"questionnaire_level": "high", "verdict": "confirmed"}
        )
    final = story.visit("final", dt.date(2027, 1, 20), checklist=False)
    data, text = rendered(story, final)
    assert data.risk_year == 2026
    assert _("Cycle year {year}").format(year=2026) in text
    assert _("The school has no risk profile for this year.") not in text
    assert [row.factor.split()[0] for row in data.risk_rows] == ["R01"]
    primary = story.visit("primary", dt.date(2027, 1, 28), checklist=False)
    assert collect(story, primary).risk_year == 2027  # a primary visit opens the new cycle


def test_the_printed_status_and_the_number_stay_with_the_document(year: Timeline) -> None:
    service = year.story.reports()
    visit_id = year.april
    first = service.generate_visit(visit_id, language="en")
    second = service.generate_visit(visit_id, language="en")
    russian = service.generate_visit(visit_id, language="ru")
    other = service.generate_visit(year.june)
    texts = [" ".join(page_texts(service.path_of(r))) for r in (first, second)]
    completed = pgettext("visit status", "Completed")
    assert all(f"{_('Visit status')} {completed}" in text for text in texts)
    assert pgettext("visit status", "Report generated") not in texts[1]
    assert first.document_number == second.document_number == russian.document_number
    assert other.document_number != first.document_number
    assert (first.version, second.version, russian.version, other.version) == (1, 2, 1, 1)
    assert _("No. {number}, version {version}").format(
        number=first.document_number, version=2
    ) in flat(texts[1])


def test_points_only_where_the_template_has_a_scale(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = school_year(database, tmp_path, monkeypatch)
    primary = story.visit("primary", MARCH)
    story.complete(primary, MARCH)
    data, text = rendered(story, primary)
    assert data.checklist is not None
    assert not data.checklist.total_score and not any(s.score for s in data.checklist.sections)
    assert _("Total score") not in text
    visit_id = story.visit("planned", APRIL, checklist=False)
    lesson = story.visits.add_lesson(visit_id, teacher="Козлова Н. О.", subject="Математика")
    story.fill(visit_id, lesson_id=lesson, summary__discussed_with_teacher="no")
    draft, _draft_text = rendered(story, visit_id)
    (card,) = draft.lessons
    assert card.score == _("{score}, by the items filled in").format(
        score=_("{points} of {maximum} ({percent}%)").format(points=29, maximum=29, percent=100)
    )  # the curator's own «discussed with the teacher: no» costs the teacher nothing
    story.complete(visit_id, APRIL)
    final, text = rendered(story, visit_id)
    assert final.lessons[0].score == "29 of 29 (100%)"  # 14 required criteria of 0–2, one yes/no
    assert flat(_("Lesson score: {score}").format(score="29 of 29 (100%)")) in text


def test_the_signatures_name_the_author_and_the_director(year: Timeline) -> None:
    data, _text = rendered(year.story, year.april)
    report = render_pdf(
        visit_report,
        data,
        year.story.folder / "signed",
        year.story.folder / "cache",
        kind="visit",
        document_number="СП-2026-0009",
    )
    last = report.texts[-1]
    assert _("Report prepared by:") in last and _("I have read the report:") in last
    for value in (CURATOR, POSITION, ORGANISATION, DIRECTOR):
        assert flat(value) in last, value
    assert last.index(CURATOR) < last.index(DIRECTOR)
    assert flat(DIRECTOR) in report.texts[0]  # the header names the director too


def test_the_pdf_is_titled_with_its_number_and_authored_by_the_curator(year: Timeline) -> None:
    service = year.story.reports()
    record = service.generate_visit(year.april)
    info = PdfReader(service.path_of(record)).metadata
    assert info is not None
    assert info.title == _("{title} No. {number}").format(
        title=_("Visit report"), number=record.document_number
    )
    assert info.author == CURATOR


def risk_table(text: str) -> str:
    """The rows of the «risk profile verification» section of a справка's text."""
    start = text.index("R01 ", text.index(_("Risk profile verification")))
    return text[start : text.index(_("Recommendations"), start)]


def test_a_visit_before_the_verification_shows_the_profile_as_published(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = school_year(database, tmp_path, monkeypatch)
    with story.on(dt.date(2026, 2, 2)):  # the profile published before the visit
        story.risks.save_factor(story.school_id, 2026, "R01", {"questionnaire_level": "high"})
    primary = story.visit("primary", dt.date(2026, 2, 16))
    with story.on(dt.date(2026, 2, 16)):
        story.visits.set_finding(primary, "R01", "Оборудование используется эпизодически")
    story.complete(primary, dt.date(2026, 2, 16))
    with story.on(dt.date(2026, 3, 20)):  # verified weeks after the visit
        story.risks.save_factor(
            story.school_id,
            2026,
            "R01",
            {
                "verdict": "adjusted",
                "adjusted_level": "low",
                "justification": "Кадры укомплектованы",
            },
        )
    planned = story.visit("planned", dt.date(2026, 4, 15), checklist=False)
    data, text = rendered(story, primary)
    (row,) = data.risk_rows
    assert (row.verdict, row.adjusted_level, row.verified) == (_("Not verified"), "—", False)
    high, low = RiskLevel.label_for("high"), RiskLevel.label_for("low")
    assert row.questionnaire_level == high
    verified = f"{Verdict.label_for('adjusted')} {low}"
    published = _(
        "Not verified by the day of the visit: the levels are those of the questionnaire."
    )
    assert flat(published) in text
    assert risk_table(text).startswith(f"R01 {row.factor.split(' ', 1)[1]} {high}")
    assert verified not in risk_table(text) and _("Verdict") not in text
    (finding,) = data.findings
    assert finding.level == high  # the level of the day, not the one verified later
    assert f"{high} {finding.text}" in text
    later, text = rendered(story, planned)  # after the verification: its verdict
    assert later.risk_rows[0].verdict == Verdict.label_for("adjusted")
    assert verified in risk_table(text) and flat(published) not in text


@pytest.mark.usefixtures("russian")
def test_a_date_ending_a_sentence_takes_one_full_stop(year: Timeline) -> None:
    _data, text = rendered(year.story, year.april)
    assert "Состояние на дату посещения — 15 апреля 2026 г. " in flat(text)
    assert "г.." not in text


def test_a_review_concluded_after_the_visit_is_under_review_in_its_report(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = school_year(database, tmp_path, monkeypatch)
    documents = DocumentService(database, attachments_dir=tmp_path / "attachments")
    version = documents.receive_version(
        school_id=story.school_id,
        year=2026,
        kind="concept",
        source=None,
        received_on=dt.date(2026, 4, 10),
    )
    review = documents.start_review(version.id, started_on=dt.date(2026, 4, 12))
    visit_id = story.visit("planned", APRIL, checklist=False)
    documents.link_to_visit(review.id, visit_id)
    documents.set_conclusion(
        review.id,
        conclusion="revise",
        reviewed_on=dt.date(2026, 4, 30),  # two weeks after the visit
        revision_deadline=dt.date(2026, 5, 20),
        remarks="Нет измеримых показателей",
    )
    data, text = rendered(story, visit_id)
    (discussed,) = data.documents
    assert (discussed.conclusion, discussed.remarks) == (_("under review"), "")
    assert "Нет измеримых показателей" not in text
    assert flat(format_date(dt.date(2026, 5, 20))) not in text


def test_a_director_named_after_the_visit_does_not_sign_its_report(year: Timeline) -> None:
    with year.story.on(dt.date(2026, 9, 1)), year.story.database.session() as session:
        school = session.get(School, year.story.school_id)
        assert school is not None
        school.director_name = "Новикова Анна Сергеевна"
    data, text = rendered(year.story, year.april)
    assert data.header.director_name == DIRECTOR
    assert "Новикова" not in text
    september = year.story.visit("planned", dt.date(2026, 9, 15), checklist=False)
    assert collect(year.story, september).header.director_name == "Новикова Анна Сергеевна"
