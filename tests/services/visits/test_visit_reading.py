"""Reading a visit with statements built once, columns straight into records: the records hold
what the stored rows hold, each read binds its own visit and sees the data as it is now, the
school's recommendations come in one query (the visit's own first), and the справка's data is
read in one transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from curator_desktop.domain.errors import NotFoundError
from curator_desktop.domain.visits.records import (
    AnswerRecord,
    AttachmentRecord,
    LessonRecord,
    ParticipantRecord,
    VisitRecord,
)
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.reports.visit import report as visit_report
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.recommendations import RecommendationRepository
from curator_desktop.store.rows import record_from
from curator_desktop.store.tables import (
    Attachment,
    ChecklistAnswer,
    CuratorProfile,
    LessonObservation,
    Recommendation,
    School,
    Visit,
    VisitParticipant,
)
from tests.engine_events import transactions_begun

TODAY = dt.date(2026, 11, 20)


class FixedDay(VisitService):
    def today(self) -> dt.date:
        return TODAY


@pytest.fixture
def service(database: Database, tmp_path: Path) -> VisitService:
    install_builtin_catalogs(database)
    return FixedDay(database, attachments_dir=tmp_path / "attachments")


def new_school(db: Database, name: str) -> str:
    with db.session() as session:
        school = School(full_name=f"МБОУ «{name}»", short_name=name)
        session.add(school)
    return school.id


def photo(folder: Path) -> Path:
    path = folder / "photo.png"
    Image.new("RGB", (8, 8), "green").save(path)
    return path


def test_the_records_hold_what_the_stored_rows_hold(
    service: VisitService, database: Database, tmp_path: Path
) -> None:
    """Columns read straight into the records give the values the ORM objects carry (dates,
    times, JSON, aware UTC times), field by field."""
    visit = service.create_visit(new_school(database, "Школа"), "planned", TODAY)
    service.update_visit(
        visit, start_time=dt.time(9, 30), next_visit_date=dt.date(2027, 1, 15), notes="Заметки"
    )
    lesson = service.add_lesson(visit, teacher="Иванова", class_name="7 А")
    service.set_answer(visit, "general.directions", ["R01", "R02"])
    service.set_answer(visit, "general.working_group_meetings", 3)
    service.set_answer(visit, "goals.goal_stated", 2, lesson_id=lesson)
    service.set_comment(visit, "goals.goal_stated", "Цель названа", lesson_id=lesson)
    service.add_participant(visit, full_name="Петров П. П.", position="директор", role="РГ")
    service.attach(visit, photo(tmp_path), item_key="general.medk_entered", caption="Скан")
    state = service.load(visit)
    with database.session() as session:
        row = session.get(Visit, visit)
        assert row is not None
        expected_visit = record_from(
            VisitRecord, row, school_name="Школа", template=row.template_snapshot
        )
        answers = session.exec(select(ChecklistAnswer)).all()
        expected_answers = {a.item_key: record_from(AnswerRecord, a) for a in answers}
        lessons = session.exec(select(LessonObservation)).all()
        expected_lessons = [
            record_from(LessonRecord, x, template=x.template_snapshot) for x in lessons
        ]
        people = session.exec(select(VisitParticipant)).all()
        expected_people = [record_from(ParticipantRecord, p) for p in people]
        files = session.exec(select(Attachment)).all()
        expected_files = [record_from(AttachmentRecord, f) for f in files]
    assert state.visit == expected_visit and state.visit.template
    assert state.answers == {
        key: value for key, value in expected_answers.items() if value.lesson_id is None
    }
    assert state.lesson_answers == {
        lesson: {"goals.goal_stated": expected_answers["goals.goal_stated"]}
    }
    assert state.lessons == expected_lessons
    assert state.participants == expected_people
    assert state.attachments == expected_files
    assert state.attachments[0].created_at.tzinfo is not None


def test_each_read_binds_its_visit_and_sees_the_changes(
    service: VisitService, database: Database, tmp_path: Path
) -> None:
    school = new_school(database, "Первая СОШ")
    first = service.create_visit(school, "planned", TODAY, template_key="planned-visit")
    second = service.create_visit(new_school(database, "Вторая СОШ"), "planned", TODAY)
    lesson = service.add_lesson(first, teacher="Иванова", subject="Математика")
    service.set_answer(first, "goals.lesson_plan", "yes", lesson_id=lesson)
    service.set_answer(second, "general.roadmap_followed", "no")
    before = service.load(first)
    other = service.load(second)
    assert before.visit.school_name == "Первая СОШ" and other.visit.school_name == "Вторая СОШ"
    assert [lesson.teacher for lesson in before.lessons] == ["Иванова"]
    assert before.answers == {} and list(other.answers) == ["general.roadmap_followed"]

    service.set_answer(first, "general.roadmap_followed", "partly")
    service.set_comment(first, "general.roadmap_followed", "Есть отставание")
    service.add_participant(first, full_name="Петров П. П.")
    service.set_finding(first, "R02", "Вакансии закрыты")
    service.add_recommendation(first, text="Провести семинар")
    service.attach(first, photo(tmp_path), lesson_id=lesson, caption="Урок")
    service.remove_lesson(lesson)
    service.update_visit(first, purpose="Мониторинг")
    after = service.load(first)

    answer = after.answers["general.roadmap_followed"]
    assert (answer.value, answer.comment) == ("partly", "Есть отставание")
    assert [p.full_name for p in after.participants] == ["Петров П. П."]
    assert after.lessons == [] and after.lesson_answers == {}
    assert after.attachments == []  # its lesson was removed
    assert after.findings == {"R02": "Вакансии закрыты"}
    assert [f.code for f in after.factors] == ["R02"]
    assert [r.text for r in after.recommendations] == ["Провести семинар"]
    assert after.visit.purpose == "Мониторинг"
    assert service.load(second) == other


def test_the_visits_recommendations_then_the_schools_open_ones(
    service: VisitService, database: Database
) -> None:
    school = new_school(database, "Школа")
    visit = service.create_visit(school, "planned", TODAY, with_checklist=False)
    earlier = service.create_visit(school, "planned", dt.date(2026, 3, 1), with_checklist=False)
    elsewhere = service.create_visit(new_school(database, "Другая"), "planned", TODAY)
    service.add_recommendation(visit, text="own, no deadline")
    closed = service.add_recommendation(visit, text="own, closed", deadline=dt.date(2026, 12, 1))
    service.update_recommendation(closed, status="done")
    service.add_recommendation(visit, text="own, soon", deadline=dt.date(2026, 11, 25))
    service.add_recommendation(earlier, text="earlier, open", deadline=dt.date(2026, 12, 5))
    done = service.add_recommendation(earlier, text="earlier, done", deadline=dt.date(2026, 4, 1))
    service.update_recommendation(done, status="done")
    service.add_recommendation(elsewhere, text="another school", deadline=dt.date(2026, 1, 1))
    with database.session() as session:
        session.add(Recommendation(school_id=school, text="no visit, open"))
        session.add(Recommendation(school_id=school, text="no visit, deleted", deleted=True))
        session.add(
            Recommendation(school_id=school, text="no visit, early", deadline=dt.date(2026, 1, 1))
        )

    state = service.load(visit)

    assert [r.text for r in state.recommendations] == [
        "own, soon", "own, closed", "own, no deadline",
        "no visit, early", "earlier, open", "no visit, open",
    ]  # fmt: skip
    assert state.recommendations[4].visit_date == dt.date(2026, 3, 1)
    assert {r.school_name for r in state.recommendations} == {"Школа"}
    repository = RecommendationRepository(database)  # each filter keeps its own statement
    assert [r.text for r in repository.open(school_id=school)] == [
        "no visit, early", "own, soon", "earlier, open", "own, no deadline", "no visit, open",
    ]  # fmt: skip
    assert len(repository.of_school(school)) == 7
    everywhere = repository.open()
    assert (everywhere[0].text, len(everywhere)) == ("another school", 6)


def test_a_deleted_visit_is_not_found(service: VisitService, database: Database) -> None:
    visit = service.create_visit(new_school(database, "Школа"), "planned", TODAY)
    service.load(visit)
    with database.session() as session:
        row = session.get(Visit, visit)
        assert row is not None
        row.deleted = True
    with pytest.raises(NotFoundError):
        service.load(visit)
    with pytest.raises(NotFoundError):
        service.load("no such visit")


def test_the_spravka_is_read_in_one_transaction(
    service: VisitService, database: Database, tmp_path: Path
) -> None:
    school = new_school(database, "Школа")
    with database.session() as session:
        session.add(CuratorProfile(full_name="Петрова А. И.", organisation="ИРО", region="Край"))
    visit = service.create_visit(school, "planned", TODAY, template_key="planned-visit")
    service.set_answer(visit, "general.roadmap_followed", "yes")
    service.add_recommendation(visit, text="Провести педсовет")
    with transactions_begun(database) as begun:
        data = visit_report.collect(database, visit, attachments_dir=tmp_path / "attachments")
    assert len(begun) == 1
    assert data.header.curator_name == "Петрова А. И." and data.header.region == "Край"
    assert data.header.school_short_name == "Школа"
    assert [r.text for r in data.recommendations] == ["Провести педсовет"]
    with transactions_begun(database) as begun:
        service.load(visit)
    assert len(begun) == 1
