"""The visit service on real stores: snapshots, answers, read-only completion, reopening,
findings, recommendations, comparison with the previous visit and loading the demo store."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from curator_desktop.domain.checklists.answers import answer_text, localized
from curator_desktop.domain.checklists.items import iter_items, visible_items
from curator_desktop.domain.errors import (
    IncompleteVisitError,
    NotFoundError,
    ReadOnlyVisitError,
    ValidationError,
)
from curator_desktop.i18n import format_date, set_language
from curator_desktop.services.catalogs.builtin import install_builtin_catalogs
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    ChangeLog,
    ChecklistAnswer,
    ChecklistTemplate,
    LessonObservation,
    Recommendation,
    RiskAssessment,
    School,
    Visit,
    VisitFinding,
    VisitParticipant,
)
from tests.engine_events import sql_statements
from tests.services.visits.visit_fields import fill_visit_fields

TODAY = dt.date(2026, 11, 20)
READ_ONLY_MESSAGE = "This visit is completed. Reopen it to make changes."


class FixedDayService(VisitService):
    def today(self) -> dt.date:
        return TODAY


@pytest.fixture
def service(database: Database, tmp_path: Path) -> VisitService:
    install_builtin_catalogs(database)
    return FixedDayService(
        database, attachments_dir=tmp_path / "data" / "attachments", device_id="device-a"
    )


@pytest.fixture
def school_id(database: Database) -> str:
    with database.session() as session:
        school = School(full_name="МБОУ «Тестовая СОШ»", short_name="Тестовая СОШ")
        session.add(school)
    return school.id


def sample_value(item: dict[str, Any]) -> Any:
    """A valid answer of each type (the highest scale point, the first option)."""
    kind = item["type"]
    if kind == "yes_no_partly":
        return "yes"
    if kind == "scale":
        return item["scale"]["max"]
    if kind == "number":
        return item.get("min") or 1
    if kind == "date":
        return "2026-11-20"
    if kind == "choice":
        return item["options"][0]["value"]
    if kind == "multi_choice":
        return [item["options"][0]["value"]]
    return "Отмечено"


def fill_required(
    service: VisitService,
    visit_id: str,
    content: dict[str, Any],
    *,
    lesson_id: str | None = None,
    given: dict[str, Any] | None = None,
    skip: tuple[str, ...] = (),
    visit_fields: bool = True,
) -> dict[str, Any]:
    """Answer every shown required item (``given`` first), as a curator would, item by item;
    for the visit's own checklist also fill the fields a completion needs (``visit_fields``)."""
    if lesson_id is None and visit_fields:
        fill_visit_fields(service, visit_id)
    answers = dict(given or {})
    for key, value in answers.items():
        service.set_answer(visit_id, key, value, lesson_id=lesson_id)
    for item in iter_items(content):
        shown = {i["key"] for i in visible_items(content, answers)}
        key = item["key"]
        if key in answers or key in skip or key not in shown or not item.get("required"):
            continue
        answers[key] = sample_value(item)
        service.set_answer(visit_id, key, answers[key], lesson_id=lesson_id)
    return answers


def _visit(db: Database, visit_id: str) -> Visit:
    with db.session() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        return visit


def _rows(db: Database, table: Any, *conditions: Any) -> list[Any]:
    with db.session() as session:
        return list(session.exec(select(table).where(*conditions)))


# --- creating and templates -------------------------------------------------------------------


def test_a_visit_keeps_its_snapshot_when_the_template_changes(
    service: VisitService, database: Database, school_id: str
) -> None:
    with database.session() as session:
        v1 = session.exec(
            select(ChecklistTemplate).where(ChecklistTemplate.template_key == "planned-visit")
        ).one()
        content = copy.deepcopy(v1.content)
    old_id = service.create_visit(school_id, "planned", dt.date(2026, 10, 5))
    old = service.load(old_id).visit
    assert old.status == "planned" and old.template == content
    assert _visit(database, old_id).template_id == v1.id

    meetings = "general.working_group_meetings"  # a number item, 0 to 20
    newer = copy.deepcopy(content)
    newer["version"] = content["version"] + 1
    for section in newer["sections"]:
        section["items"] = [item for item in section["items"] if item["key"] != meetings]
    with database.session() as session:
        session.add(
            ChecklistTemplate(
                template_key="planned-visit",
                version=newer["version"],
                purpose="visit",
                content=newer,
            )
        )
        row = session.get(ChecklistTemplate, v1.id)
        edited = copy.deepcopy(row.content)
        next(i for i in iter_items(edited) if i["key"] == meetings)["max"] = 1  # edited in place
        row.content = edited
    new_id = service.create_visit(school_id, "planned", dt.date(2026, 11, 5))
    assert service.load(new_id).visit.template == newer
    assert service.load(old_id).visit.template == content
    # The old visit answers against its own snapshot: the item dropped from v2 and the bound
    # tightened in the edited row are still what the snapshot says.
    service.set_answer(old_id, meetings, 12)
    assert service.load(old_id).answers[meetings].value == 12
    with pytest.raises(ValidationError) as caught:
        service.set_answer(new_id, meetings, 12)
    assert caught.value.field == meetings


def test_create_visit_chooses_by_type_or_key(
    service: VisitService, database: Database, school_id: str
) -> None:
    primary = service.create_visit(school_id, "primary", None)
    remote = service.create_visit(school_id, "remote", None)
    chosen = service.create_visit(school_id, "planned", None, template_key="monitoring")
    assert service.load(primary).visit.template["id"] == "primary-visit"
    assert service.load(remote).visit.template["id"] == "documents-review"
    assert service.load(chosen).visit.template["id"] == "monitoring"

    with database.session() as session:
        for row in session.exec(select(ChecklistTemplate)):
            if row.purpose in ("documents", "monitoring"):
                row.deleted = True
    bare = service.create_visit(school_id, "remote", dt.date(2026, 12, 1))
    assert service.load(bare).visit.template is None
    assert _visit(database, bare).template_id is None


def test_create_visit_refuses_bad_input_and_writes_nothing(
    service: VisitService, database: Database, school_id: str
) -> None:
    with pytest.raises(NotFoundError):
        service.create_visit("no-such-school", "planned", None)
    with pytest.raises(ValidationError) as caught:
        service.create_visit(school_id, "weekly", None)
    assert caught.value.field == "visit_type"
    with pytest.raises(ValidationError) as caught:
        service.create_visit(school_id, "planned", None, template_key="no-such-template")
    assert caught.value.field == "template_key"
    assert _rows(database, Visit) == []


def test_templates_for_offers_the_newest_in_the_current_language(service: VisitService) -> None:
    planned = service.templates_for("planned")
    assert [key for key, _title in planned] == ["planned-visit", "documents-review", "monitoring"]
    assert planned[0][1] == "Implementation of the antirisk programmes"
    assert [key for key, _title in service.templates_for("primary")] == ["primary-visit"]
    set_language("ru")
    titles = dict(service.templates_for("planned"))
    assert titles["planned-visit"] == "Реализация антирисковых программ"
    assert all(key != "lesson-observation" for key, _t in service.templates_for("primary"))


# --- answers ----------------------------------------------------------------------------------


def test_set_answer_checks_the_snapshot_and_starts_the_visit(
    service: VisitService, database: Database, school_id: str
) -> None:
    visit_id = service.create_visit(school_id, "primary", dt.date(2026, 11, 20))
    for key, value in (
        ("no.such.item", "yes"),
        ("intro.director_met", "maybe"),
        ("intro.working_group_size", 31),
        ("summary.readiness", 3),
        ("plan.next_visit_date", "20.11.2026"),
        ("plan.documents_planned", ["concept", "poem"]),
    ):
        with pytest.raises(ValidationError) as caught:
            service.set_answer(visit_id, key, value)
        assert caught.value.field == key
    assert _rows(database, ChecklistAnswer) == []
    assert _visit(database, visit_id).status == "planned"
    service.set_answer(visit_id, "intro.director_met", None)  # clearing is not an answer
    assert _visit(database, visit_id).status == "planned"

    service.set_answer(visit_id, "intro.director_met", "partly")
    service.set_comment(visit_id, "intro.director_met", "Директор был на совещании")
    assert _visit(database, visit_id).status == "in_progress"
    service.set_answer(visit_id, "intro.director_met", None)
    answer = service.load(visit_id).answers["intro.director_met"]
    assert answer.value is None and answer.comment == "Директор был на совещании"
    assert len(_rows(database, ChecklistAnswer)) == 1


def test_update_visit_checks_rules_and_logs_only_real_changes(
    service: VisitService, database: Database, school_id: str
) -> None:
    visit_id = service.create_visit(school_id, "planned", dt.date(2026, 11, 20))
    service.update_visit(visit_id, purpose="Мониторинг", start_time=dt.time(10), notes="")
    service.update_visit(visit_id, purpose="Мониторинг", start_time=dt.time(10))
    logged = _rows(
        database, ChangeLog, ChangeLog.entity_id == visit_id, ChangeLog.action == "update"
    )
    assert sorted(row.field for row in logged) == ["purpose", "start_time"]

    cases = [
        ({"end_time": dt.time(9, 30)}, "end_time"),
        ({"start_time": dt.time(12)} | {"end_time": dt.time(11)}, "end_time"),
        ({"next_visit_date": dt.date(2026, 11, 1)}, "next_visit_date"),
        ({"visit_type": "weekly"}, "visit_type"),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationError) as caught:
            service.update_visit(visit_id, **fields)
        assert caught.value.field == field
    with pytest.raises(ValueError):
        service.update_visit(visit_id, colour="red")
    with pytest.raises(ValueError):
        service.update_visit(visit_id, planned_date="2026-11-20")
    service.update_visit(visit_id, end_time=dt.time(12, 30), next_visit_date=dt.date(2027, 1, 20))
    visit = service.load(visit_id).visit
    assert (visit.start_time, visit.end_time) == (dt.time(10), dt.time(12, 30))
    assert visit.next_visit_date == dt.date(2027, 1, 20)


# --- completing and reopening -----------------------------------------------------------------


def test_complete_lists_exactly_the_missing_answers(
    service: VisitService, database: Database, school_id: str
) -> None:
    visit_id = service.create_visit(school_id, "primary", None)
    content = service.load(visit_id).visit.template
    # «No» to «director met» shows a required reason; «plan.medk_access» is left unanswered.
    fill_required(
        service,
        visit_id,
        content,
        given={"intro.director_met": "no"},
        skip=("intro.director_absent_reason", "plan.medk_access"),
    )
    lesson_id = service.add_lesson(
        visit_id, teacher="Иванова М. В.", subject="Математика", class_name="7 А"
    )
    lesson_content = service.load(visit_id).lessons[0].template
    fill_required(
        service, visit_id, lesson_content, lesson_id=lesson_id, skip=("summary.growth_points",)
    )

    with pytest.raises(IncompleteVisitError) as caught:
        service.complete(visit_id)
    missing = caught.value.missing
    assert str(caught.value) == "3 required entries are missing."
    assert [(m.item_key, m.section_key, m.lesson_id) for m in missing] == [
        ("intro.director_absent_reason", "intro", None),
        ("plan.medk_access", "plan", None),
        ("summary.growth_points", "summary", lesson_id),
    ]
    assert missing[0].section_title == "Meeting the administration and the working group"
    assert missing[2].lesson_label == "Lesson: Математика, 7 А — Иванова М. В."
    assert service.missing_required(visit_id) == missing
    assert _visit(database, visit_id).status == "in_progress"

    service.set_answer(visit_id, "intro.director_met", "yes")  # hides the reason again
    service.set_answer(visit_id, "plan.medk_access", "partly")
    service.set_answer(visit_id, "summary.growth_points", "Работа с целями", lesson_id=lesson_id)
    assert service.missing_required(visit_id) == []
    service.complete(visit_id)
    visit = service.load(visit_id).visit
    assert visit.status == "completed" and visit.read_only
    assert visit.actual_date == TODAY and visit.completed_at is not None


def test_a_removed_lesson_no_longer_blocks_completion(
    service: VisitService, school_id: str
) -> None:
    visit_id = service.create_visit(school_id, "primary", dt.date(2026, 11, 2))
    fill_required(service, visit_id, service.load(visit_id).visit.template)
    lesson_id = service.add_lesson(visit_id)
    assert {m.lesson_id for m in service.missing_required(visit_id)} == {lesson_id}
    assert service.missing_required(visit_id)[0].lesson_label == "Lesson 1"
    service.remove_lesson(lesson_id)
    service.complete(visit_id)
    assert service.load(visit_id).visit.actual_date == TODAY


def _completed_visit(service: VisitService, school_id: str) -> str:
    visit_id = service.create_visit(school_id, "primary", dt.date(2026, 11, 18))
    fill_required(service, visit_id, service.load(visit_id).visit.template)
    service.complete(visit_id)
    return visit_id


def test_a_completed_visit_refuses_writes_until_reopened(
    service: VisitService, database: Database, school_id: str, tmp_path: Path
) -> None:
    visit_id = _completed_visit(service, school_id)
    state_before = service.load(visit_id)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    writes = [
        lambda: service.update_visit(visit_id, purpose="Изменено"),
        lambda: service.set_answer(visit_id, "intro.director_met", "no"),
        lambda: service.set_comment(visit_id, "intro.director_met", "Комментарий"),
        lambda: service.add_participant(visit_id, full_name="Петров П. П."),
        lambda: service.add_lesson(visit_id),
        lambda: service.set_finding(visit_id, "R01", "Вывод"),
        lambda: service.add_recommendation(visit_id, text="Совет"),
        lambda: service.attach(visit_id, photo),
        lambda: service.complete(visit_id),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyVisitError) as caught:
            write()
        assert str(caught.value) == READ_ONLY_MESSAGE
    assert service.load(visit_id) == state_before

    service.reopen(visit_id, "Директор попросил исправить дату")
    visit = _visit(database, visit_id)
    assert (visit.status, visit.completed_at) == ("in_progress", None)
    logged = _rows(
        database,
        ChangeLog,
        ChangeLog.entity == "visit",
        ChangeLog.entity_id == visit_id,
        ChangeLog.action == "reopen",
    )
    assert len(logged) == 1
    assert logged[0].new_value == "Директор попросил исправить дату"
    assert logged[0].field is None
    assert (logged[0].revision, logged[0].device_id) == (visit.revision, "device-a")
    service.update_visit(visit_id, purpose="Изменено")
    assert service.load(visit_id).visit.purpose == "Изменено"


# --- participants, findings, factors ----------------------------------------------------------


def test_participants_keep_their_order_and_leave_tombstones(
    service: VisitService, database: Database, school_id: str
) -> None:
    visit_id = service.create_visit(school_id, "planned", None)
    first = service.add_participant(visit_id, full_name="Иванова М. В.", role="Директор")
    second = service.add_participant(visit_id)
    service.update_participant(second, full_name="Петров П. П.", position="Учитель")
    service.update_participant(second, full_name="Петров П. П.")
    with pytest.raises(ValueError):
        service.add_participant(visit_id, age="40")
    service.remove_participant(first)
    assert [(p.id, p.full_name) for p in service.load(visit_id).participants] == [
        (second, "Петров П. П.")
    ]
    removed = _rows(database, VisitParticipant, VisitParticipant.id == first)[0]
    assert removed.deleted and removed.deleted_at is not None
    with pytest.raises(NotFoundError):
        service.update_participant(first, full_name="Снова")


def test_findings_and_the_factors_of_the_visit_year(
    service: VisitService, database: Database, school_id: str
) -> None:
    with database.session() as session:
        for code, year, level, verdict, adjusted in (
            ("R04", 2026, "high", None, None),  # not verified yet: the questionnaire's level
            ("R02", 2026, "medium", "confirmed", None),
            ("R03", 2026, "high", "rejected", None),  # rejected: no risk left
            ("R05", 2026, "high", "adjusted", "low"),
            ("R01", 2026, "none", None, None),
            ("R10", 2025, "high", "confirmed", None),  # another year
        ):
            session.add(
                RiskAssessment(
                    school_id=school_id,
                    year=year,
                    factor_code=code,
                    questionnaire_level=level,
                    verdict=verdict,
                    adjusted_level=adjusted,
                )
            )
    visit_id = service.create_visit(school_id, "planned", dt.date(2026, 10, 1))
    state = service.load(visit_id)
    assert [(f.code, f.level) for f in state.factors] == [
        ("R02", "medium"),
        ("R04", "high"),
        ("R05", "low"),
    ]
    assert state.factors[0].name == "Shortage of teaching staff"

    service.set_finding(visit_id, "R04", "Индивидуальные маршруты не составлены")
    service.set_finding(visit_id, "R09", "Родители приходят редко")
    service.set_finding(visit_id, "R04", "Маршруты составлены для 5 классов")
    state = service.load(visit_id)
    assert state.findings == {
        "R04": "Маршруты составлены для 5 классов",
        "R09": "Родители приходят редко",
    }
    assert [f.code for f in state.factors] == ["R02", "R04", "R05", "R09"]
    assert state.factors[-1].level is None
    service.set_finding(visit_id, "R09", "  ")
    assert service.load(visit_id).findings.keys() == {"R04"}
    rows = _rows(database, VisitFinding, VisitFinding.factor_code == "R09")
    assert [row.deleted for row in rows] == [True]
    service.set_finding(visit_id, "R09", "Снова")  # the same row comes back
    assert len(_rows(database, VisitFinding, VisitFinding.factor_code == "R09")) == 1
    with pytest.raises(ValidationError) as caught:
        service.set_finding(visit_id, "R99", "Нет такого фактора")
    assert caught.value.field == "factor_code"


# --- recommendations --------------------------------------------------------------------------


def test_recommendations_status_stays_editable_after_completion(
    service: VisitService, database: Database, school_id: str
) -> None:
    first = service.create_visit(school_id, "primary", dt.date(2026, 10, 1))
    fill_required(service, first, service.load(first).visit.template)
    kept_open = service.add_recommendation(
        first, text="Составить ИОМ", responsible="Петрова А. А.", deadline=dt.date(2026, 12, 1)
    )
    closed = service.add_recommendation(first, text="Обновить сайт", factor_code="R01")
    service.update_recommendation(closed, status="done", progress_note="Сделано")
    done = _rows(database, Recommendation, Recommendation.id == closed)[0]
    assert (done.status, done.closed_on) == ("done", TODAY)
    service.complete(first)

    with pytest.raises(ReadOnlyVisitError):
        service.update_recommendation(kept_open, text="Другой текст")
    with pytest.raises(ReadOnlyVisitError):
        service.update_recommendation(kept_open, deadline=dt.date(2027, 1, 1))
    with pytest.raises(ReadOnlyVisitError):
        service.remove_recommendation(kept_open)
    with pytest.raises(ValidationError) as caught:
        service.update_recommendation(kept_open, status="postponed")
    assert caught.value.field == "status"
    service.update_recommendation(kept_open, progress_note="Начато", text="Составить ИОМ")
    service.update_recommendation(closed, status="open")
    reopened = _rows(database, Recommendation, Recommendation.id == closed)[0]
    assert (reopened.status, reopened.closed_on) == ("open", None)

    later = service.create_visit(school_id, "planned", dt.date(2026, 11, 25))
    own = service.add_recommendation(later, text="Провести педсовет")
    service.update_recommendation(closed, status="cancelled")
    state = service.load(later)
    assert [(r.id, r.visit_id) for r in state.recommendations] == [
        (own, later),
        (kept_open, first),
    ]
    assert state.recommendations[1].progress_note == "Начато"
    assert state.recommendations[1].visit_date == TODAY  # completed today, its actual date
    service.update_recommendation(kept_open, status="done")  # closed from the later visit
    assert [r.id for r in service.load(later).recommendations] == [own]


# --- comparison -------------------------------------------------------------------------------


def test_compare_with_previous_lists_changed_answers_as_text(
    service: VisitService, school_id: str
) -> None:
    first = service.create_visit(school_id, "planned", dt.date(2026, 3, 10))
    between = service.create_visit(school_id, "remote", dt.date(2026, 6, 1))  # another checklist
    second = service.create_visit(school_id, "planned", dt.date(2026, 10, 10))
    assert service.compare_with_previous(first).previous_visit_id is None
    for key, value in {
        "general.directions": ["R04", "R10"],
        "general.roadmap_followed": "partly",
        "general.working_group_meetings": 2,
        "r04.indicators": 1,
        "summary.problems": "Нет кадров",
    }.items():
        service.set_answer(first, key, value)
    service.set_answer(between, "received.documents", ["concept"])
    for key, value in {
        "general.directions": ["R10", "R04"],  # the same choice in another order
        "general.roadmap_followed": "yes",
        "general.working_group_meetings": 2,
        "r04.indicators": 2,
        "summary.positive_changes": "Выросла успеваемость",
    }.items():
        service.set_answer(second, key, value)

    comparison = service.compare_with_previous(second)
    assert (comparison.previous_visit_id, comparison.previous_date) == (
        first,
        dt.date(2026, 3, 10),
    )
    content = service.load(second).visit.template
    item = next(i for i in iter_items(content) if i["key"] == "r04.indicators")
    labels = item["scale"]["labels"]
    assert [(c.item_key, c.previous, c.current) for c in comparison.changes] == [
        ("general.roadmap_followed", "Partly", "Yes"),
        ("r04.indicators", labels["1"]["en"], labels["2"]["en"]),
        ("summary.positive_changes", "—", "Выросла успеваемость"),
        ("summary.problems", "Нет кадров", "—"),
    ]
    assert comparison.changes[0].section_title == "Overall progress of the programmes"
    assert comparison.changes[0].item_text == "The school roadmap is on schedule"

    set_language("ru")
    assert service.compare_with_previous(second).changes[0].item_text == (
        "Дорожная карта школы выполняется без отставания"
    )


def test_answer_text_shows_each_type() -> None:
    scale = {
        "type": "scale",
        "scale": {"min": 0, "max": 2, "labels": {"2": {"ru": "да", "en": "fully"}}},
    }
    choice = {
        "type": "multi_choice",
        "options": [
            {"value": "a", "label": {"ru": "Первый", "en": "First"}},
            {"value": "b", "label": {"ru": "Второй", "en": "Second"}},
        ],
    }
    assert answer_text({"type": "yes_no_partly"}, "na") == "N/A"
    assert answer_text({"type": "yes_no_partly"}, None) == "—"
    assert answer_text(scale, 2) == "fully"  # the words, not the point
    assert answer_text(scale, 1) == "1"
    assert answer_text(choice, ["b", "a"]) == "Second, First"
    assert answer_text(choice, []) == "—"
    assert answer_text({"type": "choice", **choice}, "a") == "First"
    assert answer_text({"type": "date"}, "2026-11-20") == format_date(dt.date(2026, 11, 20))
    assert answer_text({"type": "number"}, 5000) == "5,000"
    assert answer_text({"type": "text"}, "") == "—"
    set_language("ru")
    assert answer_text(choice, ["a"]) == "Первый"
    assert answer_text(scale, 2) == "да"
    assert localized({"ru": "Текст", "en": "Text"}) == "Текст"


# --- loading ----------------------------------------------------------------------------------


@pytest.fixture
def demo_service(database: Database, tmp_path: Path) -> VisitService:
    create_demo_store(database, today=TODAY)
    return FixedDayService(database, attachments_dir=tmp_path / "attachments")


def test_load_on_the_demo_store_matches_the_tables(
    demo_service: VisitService, database: Database
) -> None:
    visits = _rows(database, Visit)
    assert len(visits) > 5
    with database.session() as session:
        answers = session.exec(
            select(ChecklistAnswer.visit_id, ChecklistAnswer.lesson_id, func.count())
            .where(col(ChecklistAnswer.deleted).is_(False))
            .group_by(ChecklistAnswer.visit_id, ChecklistAnswer.lesson_id)
        ).all()
    counts = {(visit_id, lesson_id): n for visit_id, lesson_id, n in answers}
    for visit in visits:
        state = demo_service.load(visit.id)
        assert state.visit.id == visit.id and state.visit.template == visit.template_snapshot
        assert len(state.answers) == counts.get((visit.id, None), 0)
        lessons = _rows(database, LessonObservation, LessonObservation.visit_id == visit.id)
        assert [lesson.id for lesson in state.lessons] == [
            lesson.id for lesson in sorted(lessons, key=lambda x: x.sort_order)
        ]
        for lesson in lessons:
            assert len(state.lesson_answers[lesson.id]) == counts.get((visit.id, lesson.id), 0)
        participants = _rows(database, VisitParticipant, VisitParticipant.visit_id == visit.id)
        assert len(state.participants) == len(participants)
        findings = _rows(database, VisitFinding, VisitFinding.visit_id == visit.id)
        assert state.findings == {f.factor_code: f.text for f in findings}
        assert set(state.findings) <= {f.code for f in state.factors}
        school_recs = _rows(database, Recommendation, Recommendation.school_id == visit.school_id)
        expected = {r.id for r in school_recs if r.visit_id == visit.id} | {
            r.id for r in school_recs if r.visit_id != visit.id and r.status == "open"
        }
        assert {r.id for r in state.recommendations} == expected
        own = [r for r in state.recommendations if r.visit_id == visit.id]
        assert state.recommendations[: len(own)] == own
        assert all(f.level != "none" or f.code in state.findings for f in state.factors)


def test_load_takes_the_same_queries_for_a_big_visit(
    service: VisitService, database: Database, school_id: str, tmp_path: Path
) -> None:
    small = service.create_visit(school_id, "planned", dt.date(2026, 11, 2))
    big = service.create_visit(school_id, "planned", dt.date(2026, 11, 3))
    content = service.load(big).visit.template
    with database.session() as session:  # 300 answers written directly, to keep the test quick
        lessons = [
            LessonObservation(visit_id=big, sort_order=n, template_snapshot=content)
            for n in range(7)
        ]
        session.add_all(lessons)
        session.add_all(VisitParticipant(visit_id=big, full_name=f"Участник {n}") for n in range(7))
        session.flush()
        for lesson_id in [None, *(lesson.id for lesson in lessons)]:
            session.add_all(
                ChecklistAnswer(visit_id=big, lesson_id=lesson_id, item_key=item["key"], value=1)
                for item in iter_items(content)
            )
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"png")
    service.attach(big, photo, item_key="general.directions")
    service.attach(small, photo)

    with sql_statements(database) as seen:
        state = service.load(small)
        small_count = len(seen)
        seen.clear()
        state = service.load(big)
    assert len(seen) == small_count
    answered = len(state.answers) + sum(len(a) for a in state.lesson_answers.values())
    assert answered >= 200 and len(state.attachments) == 1
