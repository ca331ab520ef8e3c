"""What the demo's справки, protocol and expert reviews say is true: the same verified level as
the period reports, a checklist titled for its visit, no claim of copies attached that are not,
answers in words, the activated directions against the high risks, the measures with their
statuses, a remark that does not run ahead of its upload, one spelling of the curator's employer,
and distinct positive changes per school. One demo store (built on a December day), real PDFs read
back."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import col, select

from curator_desktop.domain.enums import RecommendationStatus, RiskLevel
from curator_desktop.i18n import _, set_language
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.reports.protocol import report as protocol_report
from curator_desktop.services.reports.review import report as review_report
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.services.reports.visit.lesson_card import lesson_title
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChecklistAnswer,
    CuratorProfile,
    DocumentReview,
    LessonObservation,
    Recommendation,
    RiskAssessment,
    School,
    Visit,
)
from tests.services.reports.report_helpers import Rendered, flat, render_pdf

TODAY = dt.date(2026, 12, 8)
CODED_ANSWER = re.compile(r"(?<![\d.,])[0-2] — [а-яё]")
"""A scale answer printed with its point («2 — улучшение»)."""


@dataclass
class Demo:
    db: Database
    folder: Path

    def visits(self, **where: str) -> list[str]:
        with self.db.session() as session:
            query = select(Visit.id).join(School, col(School.id) == col(Visit.school_id))
            for name, value in where.items():
                query = query.where(getattr(Visit, name) == value)
            query = query.where(col(Visit.deleted).is_(False))
            return list(session.exec(query.order_by(Visit.planned_date)).all())

    def visit(self, school: str, visit_type: str, day: dt.date) -> str:
        with self.db.session() as session:
            found = session.exec(
                select(Visit.id)
                .join(School, col(School.id) == col(Visit.school_id))
                .where(col(School.short_name).contains(school))
                .where(Visit.visit_type == visit_type, Visit.planned_date == day)
            ).one()
        return found

    def school(self, name: str) -> str:
        with self.db.session() as session:
            return session.exec(
                select(School.id).where(col(School.short_name).contains(name))
            ).one()

    def spravka(self, visit_id: str, **options: bool) -> Rendered:
        data = visit_report.collect(
            self.db, visit_id, attachments_dir=self.folder / "attachments", **options
        )
        return render_pdf(
            visit_report,
            data,
            self.folder / "pdf",
            self.folder / "cache",
            kind="visit",
            document_number="СП-2026-0001",
            draft=not data.completed,
        )

    def protocol(self, school_id: str, year: int = 2026) -> Rendered:
        data = protocol_report.collect(self.db, school_id, year)
        return render_pdf(
            protocol_report,
            data,
            self.folder / "pdf",
            self.folder / "cache",
            kind="protocol",
            document_number="ПВ-2026-0001",
        )

    def review(self, review_id: str) -> Rendered:
        data = review_report.collect(self.db, review_id, attachments_dir=self.folder / "att")
        return render_pdf(
            review_report,
            data,
            self.folder / "pdf",
            self.folder / "cache",
            kind="review",
            document_number="ЭЗ-2026-0001",
        )


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, migrated_store_template: Path
) -> Iterator[Path]:
    """The demo store of ``TODAY``, built once for the module."""
    folder = tmp_path_factory.mktemp("demo-truths")
    target = folder / "curator.sqlite3"
    shutil.copy2(migrated_store_template, target)
    db = Database(target, device_id="test-device")
    create_demo_store(db, today=TODAY)
    db.close()
    yield target


@pytest.fixture
def demo(built: Path, tmp_path: Path) -> Iterator[Demo]:
    db = Database(built, device_id="test-device")
    set_language("ru")
    yield Demo(db, tmp_path)
    set_language("en")
    db.close()


def _squeezed(text: str) -> str:
    """The text without spaces and hyphens (a wrapped cell breaks words with a hyphen)."""
    return re.sub(r"[\s\u00ad\-‐]", "", text)


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_a_rejected_factor_reads_risk_not_identified_as_in_the_period_reports(
    demo: Demo,
) -> None:
    """Problem 11: «Не подтверждён» with the level «—»; the period reports say «Риск не выявлен»."""
    with demo.db.session() as session:
        rejected = session.exec(
            select(RiskAssessment.school_id, RiskAssessment.factor_code).where(
                RiskAssessment.verdict == "rejected", RiskAssessment.year == 2026
            )
        ).all()
    assert rejected
    school_id, code = rejected[0]
    with demo.db.session() as session:
        last = session.exec(
            select(Visit.id)
            .where(Visit.school_id == school_id, Visit.status != "planned")
            .where(Visit.visit_type != "primary")
            .order_by(col(Visit.planned_date).desc())
        ).first()
    assert last is not None
    report = demo.spravka(last)
    row = next(r for r in report.data.risk_rows if r.factor.startswith(code))
    assert row.adjusted_level == RiskLevel.NONE.label
    verification = _between(report.text, "Верификация рискового профиля", "Рекомендации")
    assert "Уровень после верификации" in verification
    assert "Не подтверждён Риск не выявлен" in verification
    protocol = demo.protocol(school_id)
    assert "Не подтверждён Риск не выявлен" in protocol.text


def test_the_final_visit_prints_a_checklist_titled_for_it(demo: Demo) -> None:
    """Problem 13: an «Итоговое» visit printed «Плановое посещение: реализация …»."""
    finals = demo.visits(visit_type="final")
    assert finals
    for visit_id in finals[:2]:
        report = demo.spravka(visit_id)
        assert report.data.checklist is not None
        assert "Плановое посещение" not in report.text


def test_no_spravka_claims_copies_attached_that_are_not(demo: Demo) -> None:
    """Problem 14: «копии приложены к справке» next to «Фотографии не приложены»."""
    for visit_id in demo.visits(status="completed"):
        report = demo.spravka(visit_id)
        if not report.data.photos:
            assert "приложены к справке" not in report.text, report.data.header


def test_documents_entered_in_medk_agree_with_the_evidence_of_each_direction(
    demo: Demo,
) -> None:
    """Problem 14: 1.4 «подтверждающие документы внесены в ИС МЭДК: Да», 2.2 «подтверждено
    документами: Нет» in the same справка."""
    checked = 0
    for visit_id in demo.visits(status="completed"):
        report = demo.spravka(visit_id)
        checklist = report.data.checklist
        if checklist is None:
            continue
        rows = [row for section in checklist.sections for row in section.items]
        entered = [r for r in rows if "внесены в ИС МЭДК" in r.question]
        if not entered or entered[0].answer != "Да":
            continue
        checked += 1
        evidence = [r for r in rows if r.question.startswith("Выполнение мероприятий подтвер")]
        assert all(r.answer == "Да" for r in evidence), report.data.header
        assert "подтверждено документами Нет" not in report.text
    assert checked


def test_scale_answers_print_their_words(demo: Demo) -> None:
    """Problem 25: «2 — улучшение», «1 — изменения наступили частично», «0 — не проявляется»."""
    with demo.db.session() as session:
        with_lessons = set(session.exec(select(LessonObservation.visit_id)).all())
    final = demo.visit("Озерецкая", "final", dt.date(2026, 12, 3))
    assert final in with_lessons
    for visit_id in [final, *demo.visits(visit_type="planned", status="completed")[:3]]:
        report = demo.spravka(visit_id)
        assert not CODED_ANSWER.findall(report.text), CODED_ANSWER.findall(report.text)
    report = demo.spravka(final)
    assert "проявляется в полной мере" in report.text
    assert "Баллы по карте наблюдения" in report.text  # the sheet's scale keeps its total


def test_the_protocol_names_the_high_risks_not_activated(demo: Demo) -> None:
    """Problem 20: «Активировано направлений: 2 из 3 рекомендуемых», the third never named."""
    school = demo.school("Озерецкая")
    report = demo.protocol(school)
    part = _between(report.text, "2. Активированные рисковые направления", "3. Меры")
    assert "рекомендуемых" not in part  # «2 из 3 рекомендуемых»: three directions to name
    activated = len(report.data.activated)
    count = _("Directions activated: {n} (at most {m} recommended).")
    assert flat(count.format(n=activated, m=report.data.max_directions)) in part
    high = [
        f
        for f in report.data.factors
        if f.effective_level == RiskLevel.HIGH.value and not f.activated
    ]
    assert high  # the demo's Озерецкая leaves a high risk without a direction
    for factor in high:
        assert f"{factor.code} " in part


def test_the_protocol_measures_leave_out_cancelled_advice_and_give_statuses(
    demo: Demo,
) -> None:
    """Problem 21: a recommendation cancelled on 06.03.2026 listed as a measure, no status."""
    school = demo.school("Озерецкая")
    with demo.db.session() as session:
        advice = session.exec(
            select(Recommendation.text, Recommendation.status)
            .where(Recommendation.school_id == school, col(Recommendation.factor_code).is_not(None))
            .where(col(Recommendation.deleted).is_(False))
        ).all()
    cancelled = [text for text, status in advice if status == RecommendationStatus.CANCELLED]
    done = [text for text, status in advice if status == RecommendationStatus.DONE]
    assert cancelled and done
    report = demo.protocol(school)
    measures = _between(report.text, "3. Меры", "4. ")
    for text in cancelled:
        assert " ".join(text.split()[:4]) not in measures
    assert "Выполнена" in measures


def test_an_accepting_review_does_not_say_the_indicators_were_uploaded_before_they_were(
    demo: Demo,
) -> None:
    """Problem 22: «показатели внесены в ИС МЭДК» on 15.04, uploaded on 22.04."""
    with demo.db.session() as session:
        reviews = session.exec(
            select(DocumentReview.id).where(DocumentReview.conclusion == "accept")
        ).all()
    assert reviews
    for review_id in reviews[:6]:
        report = demo.review(review_id)
        assert "внесены в ИС МЭДК" not in report.text


def test_the_curators_employer_is_spelled_one_way(demo: Demo) -> None:
    """Problem 23: the full name in section 1, «ГАУ ДПО «ВИРО»» among the participants."""
    with demo.db.session() as session:
        profile = session.exec(select(CuratorProfile)).first()
    assert profile is not None and profile.organisation
    primary = demo.visit("Озерецкая", "primary", dt.date(2026, 2, 25))
    school = demo.school("Озерецкая")
    for report in (demo.spravka(primary), demo.protocol(school)):
        assert profile.organisation in report.text
        assert "«ВИРО»" not in report.text


def test_each_school_describes_its_own_positive_changes(demo: Demo) -> None:
    """Problem 24: one sentence was the positive change of four schools."""
    schools: dict[str, set[str]] = defaultdict(set)
    with demo.db.session() as session:
        rows = session.exec(
            select(ChecklistAnswer.value, Visit.school_id)
            .join(Visit, col(Visit.id) == col(ChecklistAnswer.visit_id))
            .where(
                col(ChecklistAnswer.item_key).in_(
                    ["summary.description", "summary.positive_changes"]
                )
            )
        ).all()
    for value, school_id in rows:
        schools[str(value)].add(school_id)
    assert schools
    shared = {text: len(ids) for text, ids in schools.items() if len(ids) > 1}
    assert shared == {}
    printed: dict[str, set[str]] = defaultdict(set)  # and as the справки print them
    questions = ("Позитивные изменения, отмеченные куратором", "Описание позитивных изменений")
    for visit_id in demo.visits(status="completed"):
        report = demo.spravka(visit_id)
        checklist = report.data.checklist
        for section in checklist.sections if checklist else ():
            for row in section.items:
                if row.question.startswith(questions) and row.answer != "—":
                    opening = " ".join(row.answer.split()[:2])  # a cell's lines interleave
                    assert _squeezed(opening) in _squeezed(report.text)
                    printed[row.answer].add(report.data.school_id)
    assert printed and all(len(ids) == 1 for ids in printed.values())


def test_the_lesson_cards_can_be_annexed_one_lesson_a_page(demo: Demo) -> None:
    """Issue 20: «optionally one annex page per lesson»; the default справка is unchanged."""
    final = demo.visit("Озерецкая", "final", dt.date(2026, 12, 3))
    inline = demo.spravka(final)
    annexed = demo.spravka(final, lesson_annex=True)
    lessons = inline.data.lessons
    assert lessons and not inline.data.lesson_annex and annexed.data.lesson_annex
    assert not any("Annex" in page or "Приложение" in page for page in inline.texts)
    signed = next(i for i, page in enumerate(annexed.texts) if "Со справкой ознакомлен" in page)
    for number, lesson in enumerate(lessons, start=1):
        heading = _("Annex {number} to the visit report").format(number=number)
        pages = [i for i, page in enumerate(annexed.texts) if heading in page]
        assert len(pages) == 1 and pages[0] > signed  # after the signatures, a page of its own
        page = annexed.texts[pages[0]]
        assert page.index(heading) < page.index(flat(lesson_title(lesson)))
        assert flat(lesson.teacher) in page
    body = " ".join(annexed.texts[: signed + 1])
    assert _("Annex {number}").format(number=1) in body  # the section points to the annex
    assert "Цель урока сформулирована" not in body  # the sheet's items are in the annex only
    assert "Цель урока сформулирована" in inline.text
