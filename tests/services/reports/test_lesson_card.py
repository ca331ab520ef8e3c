"""The lesson observation card of the справка: what the sheet (version 3) records about the
lesson — the purpose of the observation, the lesson's kind, the textbook series, the students
present and on the roll, the minutes of each stage and the start and motivation stage — printed
in the card, the teacher's acknowledgement under it; a lesson filled with an older sheet still
printed as it was filled."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.store.database import Database
from curator_desktop.store.tables import LessonObservation
from tests.services.reports.latin_words import latin_words
from tests.services.reports.report_helpers import flat, render_pdf
from tests.services.reports.school_year import SchoolYear, school_year

DAY = dt.date(2026, 10, 14)
TEACHER = "Гордеева Алла Ивановна"


@pytest.fixture
def story(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SchoolYear:
    return school_year(database, tmp_path, monkeypatch)


def _lesson(story: SchoolYear, visit_id: str) -> str:
    with story.on(DAY):
        story.visits.add_participant(visit_id, full_name=TEACHER, position="учитель математики")
        return story.visits.add_lesson(
            visit_id,
            teacher=TEACHER,
            subject="Математика",
            class_name="7 А",
            topic="Линейная функция",
            lesson_type="Комбинированный",
        )


def _render(story: SchoolYear, visit_id: str) -> tuple[visit_report.VisitReportData, list[str]]:
    data = visit_report.collect(
        story.database, visit_id, attachments_dir=story.folder / "attachments"
    )
    report = render_pdf(
        visit_report,
        data,
        story.folder / "pdf",
        story.folder / "cache",
        kind="visit",
        document_number="СП-2026-0001",
        draft=not data.completed,
    )
    lines = [
        " ".join(line.split())
        for page in PdfReader(report.path).pages
        for line in page.extract_text().splitlines()
    ]
    return data, lines


def test_the_card_prints_what_the_sheet_records_about_the_lesson(
    story: SchoolYear, russian: None
) -> None:
    visit_id = story.visit("planned", DAY, checklist=False)
    lesson_id = _lesson(story, visit_id)
    with story.on(DAY):
        story.fill(
            visit_id,
            lesson_id=lesson_id,
            lesson__observation_purpose="recommendations_check",
            lesson__kind="workshop",
            lesson__textbook="Макарычев Ю. Н. и др. Алгебра. 7 класс",
            lesson__pupils_on_roll=26,
            lesson__pupils_present=23,
            structure__start_motivation=1,
            structure__minutes_start=4,
            structure__minutes_review=6,
            structure__minutes_new=15,
            structure__minutes_practice=10,
            structure__independent_work_minutes=7,
            structure__minutes_reflection=3,
        )
        story.visits.set_comment(
            visit_id, "lesson.observation_purpose", "рекомендации от 15.04", lesson_id=lesson_id
        )
        story.visits.complete(visit_id)
    data, lines = _render(story, visit_id)
    card = data.lessons[0]
    assert dict(card.head) == {
        "Цель посещения урока": "проверка выполнения рекомендаций — рекомендации от 15.04",
        "Вид урока": "урок-практикум",
        "УМК (учебник, авторы)": "Макарычев Ю. Н. и др. Алгебра. 7 класс",
        "Обучающихся в классе по списку": "26",
        "Присутствовало обучающихся на уроке": "23",
    }
    text = flat(" ".join(lines))
    assert latin_words(text) == []
    for label, value in card.head:
        assert flat(f"{label} {value}") in text
    # the head is not repeated among the numbered items: they start with goal setting
    assert [s.title for s in card.sections][:2] == ["Целеполагание", "Этапы урока и время"]
    assert "1.1 Цель посещения урока" not in text
    stages = {row.question: row.answer for row in card.sections[1].items}
    assert stages["Организационный этап и мотивация, мин"] == "4"
    assert stages["Изучение нового материала, мин"] == "15"
    assert stages["Рефлексия и домашнее задание, мин"] == "3"
    start = (
        "Организационный этап и мотивация: обучающиеся включены в работу, создан настрой на урок"
    )
    assert stages[start] == "проявляется частично"  # the scale point's words, not «1 — …»
    assert "Изучение нового материала, мин 15" in text
    # the teacher acknowledges the results: the line, the name, signature and date captions
    ending = text[text.index("С результатами наблюдения ознакомлен(а)") :]
    assert ending.index(TEACHER) < ending.index("(подпись)") < ending.index("(дата)") < 200


def test_a_lesson_filled_with_the_older_sheet_prints_as_it_was_filled(
    story: SchoolYear, russian: None
) -> None:
    """A lesson keeps the sheet it was filled with (version 2: no head section, no stage
    minutes): its card prints that sheet's items and nothing of version 3."""
    visit_id = story.visit("planned", DAY, checklist=False)
    lesson_id = _lesson(story, visit_id)
    with story.database.session() as session:
        lesson = session.get(LessonObservation, lesson_id)
        assert lesson is not None and lesson.template_snapshot["version"] == 3
        older = copy.deepcopy(lesson.template_snapshot)
        older["version"] = 2
        older["sections"] = [s for s in older["sections"] if s["key"] != "lesson"]
        for section in older["sections"]:
            section["items"] = [
                item
                for item in section["items"]
                if not item["key"].startswith(("structure.minutes_", "structure.start_"))
            ]
        lesson.template_snapshot = older
    with story.on(DAY):
        story.fill(visit_id, lesson_id=lesson_id, structure__independent_work_minutes=12)
        story.visits.complete(visit_id)
    data, lines = _render(story, visit_id)
    card = data.lessons[0]
    text = flat(" ".join(lines))
    assert card.head == ()
    assert "Цель посещения урока" not in text and "Вид урока" not in text
    assert "Время самостоятельной работы обучающихся, мин 12" in text
    assert card.sections[0].title == "Целеполагание"
    assert "С результатами наблюдения ознакомлен(а)" in text
