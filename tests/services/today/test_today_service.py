"""«Сегодня» on a store built with the services: which visits, recommendations, documents, plan
items, completed visits and events each section lists, with the boundary days of each rule.

The day is Wednesday 9 December 2026: its week runs from Monday 7 to Sunday 13 December."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from curator_desktop.domain.events import Event
from curator_desktop.services.documents import DocumentService
from curator_desktop.services.events.service import EventService
from curator_desktop.services.plan.service import PlanService
from curator_desktop.services.reports.service import ReportService
from curator_desktop.services.today.agenda import Agenda, Place, Target, TodaySection
from curator_desktop.services.today.service import SHOWN, TodayService
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School

D = dt.date
TODAY = D(2026, 12, 9)


class Stores:
    """The services a test writes with, and the one it reads."""

    def __init__(self, database: Database, tmp_path: Path) -> None:
        self.database = database
        self.visits = VisitService(database, attachments_dir=tmp_path / "attachments")
        self.documents = DocumentService(database, attachments_dir=tmp_path / "attachments")
        self.plan = PlanService(database)
        self.events = EventService(database)
        self.today = TodayService(
            database, documents=self.documents, plan=self.plan, events=self.events
        )

    def school(self, name: str) -> str:
        with self.database.session() as session:
            school = School(full_name=f"МБОУ «{name}»", short_name=name)
            session.add(school)
            session.flush()
            return school.id

    def planned(self, school_id: str, day: dt.date, visit_type: str = "planned") -> str:
        return self.visits.create_visit(school_id, visit_type, day, with_checklist=False)

    def held(
        self,
        school_id: str,
        day: dt.date,
        visit_type: str = "planned",
        advice: tuple[dict[str, object], ...] = (),
    ) -> str:
        """A visit held and completed on ``day``, giving the recommendations ``advice``."""
        visit_id = self.planned(school_id, day, visit_type)
        self.visits.update_visit(visit_id, actual_date=day, purpose="Мониторинг")
        self.visits.add_participant(visit_id, full_name="Матвеева Валентина Петровна")
        for fields in advice:
            self.visits.add_recommendation(visit_id, **fields)
        self.visits.complete(visit_id)
        return visit_id

    def recommendation_ids(self, visit_id: str) -> dict[str, str]:
        """Text → id of the visit's recommendations."""
        state = self.visits.load(visit_id)
        return {r.text: r.id for r in state.recommendations if r.visit_id == visit_id}

    def agenda(self, day: dt.date = TODAY) -> Agenda:
        return self.today.agenda(day)


@pytest.fixture
def stores(database: Database, tmp_path: Path) -> Stores:
    return Stores(database, tmp_path)


def section(agenda: Agenda, key: str) -> TodaySection | None:
    return next((s for s in agenda.sections if s.key == key), None)


def targets(agenda: Agenda, key: str) -> list[str]:
    found = section(agenda, key)
    return [e.target.id for e in found.entries] if found is not None else []


def test_an_empty_store_has_no_sections_and_says_how_to_start(stores: Stores) -> None:
    agenda = stores.agenda()
    assert agenda.empty and agenda.total == 0
    assert (agenda.has_schools, agenda.has_roadmap, agenda.next_visit) == (False, False, None)


def test_a_day_with_nothing_due_points_at_the_next_visit(stores: Stores) -> None:
    school = stores.school("Озерецкая СОШ")
    later = stores.planned(school, D(2026, 12, 21))
    stores.planned(school, D(2027, 1, 20))
    agenda = stores.agenda()
    assert agenda.empty and agenda.has_schools and not agenda.has_roadmap
    assert agenda.next_visit is not None
    assert (agenda.next_visit.visit_id, agenda.next_visit.day) == (later, D(2026, 12, 21))
    assert agenda.next_visit.school == "Озерецкая СОШ"


def test_visits_overdue_and_due_by_sunday_are_listed_overdue_first(stores: Stores) -> None:
    school, other = stores.school("Озерецкая СОШ"), stores.school("Никольская СОШ")
    long_overdue = stores.planned(school, D(2026, 11, 20))
    monday = stores.planned(other, D(2026, 12, 7))  # this week, but passed: overdue
    today = stores.planned(school, TODAY)
    sunday = stores.planned(other, D(2026, 12, 13))
    next_monday = stores.planned(school, D(2026, 12, 14))
    stores.held(other, D(2026, 12, 8), "unplanned")  # completed: nothing to hold
    carried = stores.planned(school, D(2026, 10, 1), "final")  # done by a later visit instead
    stores.held(school, D(2026, 10, 5), "final")

    agenda = stores.agenda()
    assert targets(agenda, "visits") == [long_overdue, monday, today, sunday]
    visits = section(agenda, "visits")
    assert visits is not None and visits.total == 4 and visits.more is None
    assert visits.title == "Visits: overdue and this week"
    late = [e.late for e in visits.entries]
    assert late == [True, True, False, False]
    assert visits.entries[0].next_step.startswith("Overdue by 19 days")
    assert visits.entries[2].next_step == "Today"
    assert visits.entries[0].target == Target(Place.VISIT, long_overdue, school)
    assert next_monday not in targets(agenda, "visits") and carried not in targets(agenda, "visits")
    assert agenda.next_visit is not None and agenda.next_visit.visit_id == next_monday


def test_without_overdue_visits_the_heading_says_this_week(stores: Stores) -> None:
    stores.planned(stores.school("Озерецкая СОШ"), D(2026, 12, 11))
    visits = section(stores.agenda(), "visits")
    assert visits is not None and visits.title == "Visits this week"


def test_recommendations_are_overdue_from_the_day_after_their_deadline(stores: Stores) -> None:
    school = stores.school("Озерецкая СОШ")
    advice = (
        {"text": "Провести педсовет", "deadline": D(2026, 12, 8)},
        {"text": "Закрепить наставников", "deadline": TODAY},
        {"text": "Без срока"},
        {"text": "Выполнено", "deadline": D(2026, 11, 1)},
        {"text": "Обновить сайт", "deadline": D(2026, 11, 30), "responsible": "Иванова"},
    )
    visit = stores.held(school, D(2026, 11, 1), advice=advice)
    done = stores.recommendation_ids(visit)["Выполнено"]
    stores.visits.update_recommendation(done, status="done")

    agenda = stores.agenda()
    recommendations = section(agenda, "recommendations")
    assert recommendations is not None and recommendations.total == 2
    assert [e.text for e in recommendations.entries] == ["Обновить сайт", "Провести педсовет"]
    first = recommendations.entries[0]
    assert first.next_step == "Overdue by 9 days · Иванова" and first.late
    assert first.day == D(2026, 11, 30)
    assert first.target == Target(Place.VISIT, visit, school)


def test_documents_awaiting_review_and_overdue_revisions_are_listed(stores: Stores) -> None:
    docs = stores.documents
    waiting_school = stores.school("Озерецкая СОШ")
    late_school, fresh_school = stores.school("Никольская СОШ"), stores.school("СОШ № 2")
    waiting = docs.receive_version(
        school_id=waiting_school, year=2026, kind="concept", source=None, received_on=D(2026, 12, 1)
    )
    for school, deadline in ((late_school, D(2026, 12, 8)), (fresh_school, TODAY)):
        version = docs.receive_version(
            school_id=school, year=2026, kind="concept", source=None, received_on=D(2026, 11, 2)
        )
        review = docs.start_review(version.id, started_on=D(2026, 11, 3))
        docs.set_conclusion(
            review.id,
            conclusion="revise",
            reviewed_on=D(2026, 11, 10),
            revision_deadline=deadline,
            remarks="Цели сформулировать измеримо",
        )

    documents = section(stores.agenda(), "documents")
    assert documents is not None and documents.total == 2
    late, awaiting = documents.entries
    assert (late.target.school_id, late.day, late.late) == (late_school, D(2026, 12, 8), True)
    assert late.next_step == "Overdue by 1 day — Remind the school: the revision is overdue"
    assert late.target.place == Place.DOCUMENTS
    assert (awaiting.target.school_id, awaiting.day) == (waiting_school, D(2026, 12, 1))
    assert awaiting.next_step == "Review it" and not awaiting.late
    assert awaiting.text == "Development concept"
    assert waiting.document_id == awaiting.target.id


def test_the_plan_lists_my_items_due_this_month_not_done(stores: Stores) -> None:
    plan = stores.plan
    end_of_month = plan.add_item("Итоговое посещение", "31.12.2026")
    first_of_month = plan.add_item("Совещание кураторов", "01.12.2026")
    plan.add_item("Отчёт за ноябрь", "30.11.2026")  # overdue, but of another month
    plan.add_item("Семинар в январе", "01.01.2027")
    done = plan.add_item("Сделано", "15.12.2026")
    plan.set_done(done, True, D(2026, 12, 2))
    shared = plan.add_item("Педсовет школы", "20.12.2026")
    plan.set_relation(shared, "share")

    agenda = stores.agenda()
    assert agenda.has_roadmap
    items = section(agenda, "plan")
    assert items is not None and items.total == 2
    assert targets(agenda, "plan") == [first_of_month, end_of_month]
    overdue, due = items.entries
    assert overdue.late and overdue.next_step.startswith("Overdue by 8 days · leads")
    assert not due.late and due.day == D(2026, 12, 31) and due.text == "Итоговое посещение"
    assert due.target == Target(Place.PLAN_ITEM, end_of_month)


def test_completed_visits_without_a_report_of_the_last_thirty_days(
    stores: Stores, tmp_path: Path
) -> None:
    school = stores.school("Озерецкая СОШ")
    oldest_listed = stores.held(school, D(2026, 11, 9))  # 30 days before
    stores.held(school, D(2026, 11, 8))  # 31 days: history
    reported = stores.held(school, D(2026, 12, 2), "final")
    recent = stores.held(school, D(2026, 12, 7), "final")
    reports = ReportService(
        stores.database,
        reports_dir=tmp_path / "reports",
        cache_dir=tmp_path / "cache",
        attachments_dir=tmp_path / "attachments",
    )
    reports.generate_visit(reported)

    agenda = stores.agenda()
    assert targets(agenda, "reports") == [oldest_listed, recent]
    entry = section(agenda, "reports").entries[0]  # type: ignore[union-attr]
    assert entry.next_step == "Generate its report" and entry.text == "Planned: Мониторинг"
    assert entry.target == Target(Place.VISIT, oldest_listed, school)


def test_events_not_marked_lately_then_those_of_the_next_fortnight(stores: Stores) -> None:
    def webinar(day: dt.date, topic: str, attendance: str = "planned") -> str:
        event = Event(id="", day=day, topic=topic, kind="webinar", organiser="ЛОИРО")
        created = stores.events.create(event)
        if attendance != "planned":
            stores.events.update(replace(created, attendance=attendance))
        return created.id

    today = webinar(TODAY, "Сегодня")
    last = webinar(D(2026, 12, 23), "Через две недели")
    webinar(D(2026, 12, 24), "Через пятнадцать дней")
    unmarked = webinar(D(2026, 11, 25), "Две недели назад, не отмечен")
    webinar(D(2026, 11, 24), "Пятнадцать дней назад")
    webinar(D(2026, 12, 8), "Вчера, был", "attended")

    agenda = stores.agenda()
    assert targets(agenda, "events") == [unmarked, today, last]
    events = section(agenda, "events")
    assert events is not None and events.title == "Events: to mark and coming up"
    past, first, _last = events.entries
    assert past.late and past.next_step == "Mark whether you attended · ЛОИРО"
    assert (first.text, first.next_step) == ("Webinar: Сегодня", "Today · ЛОИРО")
    assert first.target == Target(Place.EVENT, today) and not first.late


def test_events_coming_up_without_any_to_mark(stores: Stores) -> None:
    stores.events.create(Event(id="", day=D(2026, 12, 15), topic="Семинар"))
    events = section(stores.agenda(), "events")
    assert events is not None and events.title == "Events coming up"


def test_a_long_section_shows_its_first_entries_and_counts_them_all(stores: Stores) -> None:
    school = stores.school("Озерецкая СОШ")
    late = D(2026, 12, 2)
    advice = tuple({"text": f"Рекомендация {n}", "deadline": late} for n in range(SHOWN + 3))
    stores.held(school, D(2026, 12, 1), advice=advice)
    recommendations = section(stores.agenda(), "recommendations")
    assert recommendations is not None
    assert (recommendations.total, len(recommendations.entries)) == (SHOWN + 3, SHOWN)
    assert recommendations.more == Target(Place.PAGE, "visits")


def test_sections_come_in_their_order(stores: Stores) -> None:
    school = stores.school("Озерецкая СОШ")
    advice = ({"text": "Провести педсовет", "deadline": D(2026, 12, 2)},)
    stores.held(school, D(2026, 12, 1), advice=advice)
    stores.planned(school, D(2026, 12, 10))
    stores.plan.add_item("Совещание", "20.12.2026")
    stores.events.create(Event(id="", day=D(2026, 12, 15), topic="Семинар"))
    keys = [s.key for s in stores.agenda().sections]
    assert keys == ["visits", "recommendations", "plan", "reports", "events"]
