"""EventService over a real store: recording and attendance, the coming fortnight, the events
attended in a period (per school by its analysis), a series from a recurring plan item, an event
fulfilling its plan item, materials, and soft deletes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.events import Event, SchoolAnalysis
from curator_desktop.domain.plan.schedule import PlanStatus
from curator_desktop.services.events import EventService
from curator_desktop.services.plan.service import PlanService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import (
    Attachment,
    CuratorEvent,
    EventAnalysis,
    RoadmapItem,
    RoadmapLink,
    School,
)

TODAY = dt.date(2026, 9, 15)
SEPT = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))


class FixedDayService(EventService):
    def today(self) -> dt.date:
        return TODAY


@pytest.fixture
def service(database: Database, tmp_path: Path) -> EventService:
    return FixedDayService(database, device_id="test", attachments_dir=tmp_path / "files")


def add_school(database: Database, name: str) -> str:
    with database.session() as session:
        school = School(full_name=f"МОУ «{name}»", short_name=name)
        session.add(school)
        session.flush()
        return school.id


def add_item(database: Database, *, recurrence: str = "", deadline_text: str = "") -> str:
    with database.session() as session:
        item = RoadmapItem(
            number="1.15",
            title="Еженедельные вебинары для кураторов",
            deadline_text=deadline_text,
            deadline_kind="recurring" if recurrence else "unparsed",
            deadline_ranges=[["2026-09-01", "2026-12-31"]],
            deadline_start=dt.date(2026, 9, 1),
            deadline_end=dt.date(2026, 12, 31),
            recurrence=recurrence,
        )
        session.add(item)
        session.flush()
        return item.id


def webinar(day: dt.date, **changes: object) -> Event:
    values: dict[str, object] = {
        "id": "",
        "day": day,
        "topic": "Работа с антирисковыми программами",
        "kind": "webinar",
        "event_format": "remote",
        "organiser": "ЛОИРО",
    }
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


def test_an_event_is_recorded_and_marked_attended(service: EventService) -> None:
    planned = service.create(webinar(dt.date(2026, 9, 9), start_time=dt.time(15)))
    assert planned.id and planned.attendance == "planned" and not planned.attended
    attended = service.update(
        webinar(dt.date(2026, 9, 9), id=planned.id, attendance="attended", notes="Слушала")
    )
    assert attended.attended and attended.notes == "Слушала"
    assert [e.id for e in service.events()] == [planned.id]
    with service.database.session() as session:
        row = session.get(CuratorEvent, planned.id)
        assert row is not None and row.device_id == "test"


def test_a_future_event_cannot_be_marked_attended(service: EventService) -> None:
    with pytest.raises(ValidationError) as caught:
        service.create(webinar(dt.date(2026, 9, 20), attendance="attended"))
    assert caught.value.field == "attendance"
    assert service.events() == []


def test_upcoming_lists_the_planned_events_of_the_next_fortnight(service: EventService) -> None:
    soon = service.create(webinar(dt.date(2026, 9, 23)))
    service.create(webinar(dt.date(2026, 10, 14)))  # beyond two weeks
    service.create(webinar(dt.date(2026, 9, 9), attendance="attended"))  # past
    assert [e.id for e in service.upcoming(TODAY)] == [soon.id]
    assert len(service.upcoming(TODAY, days=30)) == 2


def test_attended_between_keeps_to_the_period_and_the_school(
    service: EventService, database: Database
) -> None:
    first = add_school(database, "СОШ № 1")
    second = add_school(database, "СОШ № 2")
    meeting = service.create(
        webinar(
            dt.date(2026, 9, 2),
            kind="meeting",
            topic="Рабочее совещание кураторов",
            attendance="attended",
            analyses=(SchoolAnalysis(first, "Проведён педсовет по ВПР"),),
        )
    )
    service.create(webinar(dt.date(2026, 9, 9), attendance="missed"))
    service.create(webinar(dt.date(2026, 8, 26), attendance="attended"))
    found = service.attended_between(*SEPT)
    assert [e.id for e in found] == [meeting.id]
    assert found[0].analyses[0].school_name == "СОШ № 1"
    assert [e.id for e in service.attended_between(*SEPT, school_id=first)] == [meeting.id]
    assert service.attended_between(*SEPT, school_id=second) == []


def test_an_analysis_changed_and_removed_is_kept_as_a_tombstone(
    service: EventService, database: Database
) -> None:
    school = add_school(database, "СОШ № 1")
    event = service.create(
        webinar(dt.date(2026, 9, 2), analyses=(SchoolAnalysis(school, "Первый текст"),))
    )
    changed = service.update(
        webinar(event.day, id=event.id, analyses=(SchoolAnalysis(school, "Второй текст"),))
    )
    assert [a.text for a in changed.analyses] == ["Второй текст"]
    assert service.update(webinar(event.day, id=event.id)).analyses == ()
    with database.session() as session:
        rows = session.exec(select(EventAnalysis)).all()
        assert [(r.text, r.deleted) for r in rows] == [("Второй текст", True)]


def test_an_attended_event_fulfils_its_plan_item(service: EventService, database: Database) -> None:
    item = add_item(database)
    plan = PlanService(database)

    def status() -> PlanStatus:
        entries = plan.plan(TODAY, relations=None).entries
        return next(e for e in entries if e.item_id == item).standing.status

    event = service.create(webinar(dt.date(2026, 9, 9), plan_item_id=item))
    assert event.plan_item_id == item
    assert status() != PlanStatus.DONE
    service.update(webinar(event.day, id=event.id, plan_item_id=item, attendance="attended"))
    assert status() == PlanStatus.DONE
    service.update(webinar(event.day, id=event.id, attendance="attended"))  # unlinked
    assert status() != PlanStatus.DONE
    with database.session() as session:
        links = session.exec(select(RoadmapLink)).all()
        assert [(link.target_type, link.deleted) for link in links] == [("event", True)]


def test_a_series_from_a_recurring_plan_item(service: EventService, database: Database) -> None:
    item = add_item(database, recurrence="monthly:wed:2,4", deadline_text="2 и 4 среда")
    choice = next(c for c in service.plan_choices() if c.item_id == item)
    assert choice.recurrence == "monthly:wed:2,4" and choice.label.startswith("1.15. ")
    made = service.create_series(
        item, webinar(dt.date(2026, 9, 1)), dt.date(2026, 9, 1), dt.date(2026, 10, 31)
    )
    assert [e.day for e in made] == [
        dt.date(2026, 9, 9),
        dt.date(2026, 9, 23),
        dt.date(2026, 10, 14),
        dt.date(2026, 10, 28),
    ]
    assert {e.plan_item_id for e in made} == {item}
    assert len({e.series_id for e in made}) == 1 and made[0].series_id
    assert all(e.attendance == "planned" for e in made)
    more = service.create_series(
        item, webinar(dt.date(2026, 9, 1)), dt.date(2026, 10, 1), dt.date(2026, 11, 30)
    )
    assert [e.day for e in more] == [dt.date(2026, 11, 11), dt.date(2026, 11, 25)]
    with pytest.raises(ValidationError):  # every day made already
        service.create_series(item, webinar(TODAY), dt.date(2026, 9, 1), dt.date(2026, 9, 30))


def test_a_series_of_an_item_without_a_repeat_is_refused(
    service: EventService, database: Database
) -> None:
    item = add_item(database)
    with pytest.raises(ValidationError):
        service.create_series(item, webinar(TODAY), TODAY, TODAY + dt.timedelta(days=30))
    assert service.events() == []


def test_materials_are_attached_once_and_go_with_a_deleted_event(
    service: EventService, database: Database, tmp_path: Path
) -> None:
    event = service.create(webinar(dt.date(2026, 9, 9)))
    source = tmp_path / "программа семинара.pdf"
    source.write_bytes(b"%PDF-1.4 test")
    first = service.attach(event.id, source)
    again = service.attach(event.id, source)
    assert first.id == again.id and first.owner_type == "event"
    assert service.attachment_path(first.sha256).read_bytes() == b"%PDF-1.4 test"
    assert service.event(event.id).attachments == 1
    service.delete(event.id)
    assert service.events() == []
    with database.session() as session:
        assert session.get(Attachment, first.id).deleted  # type: ignore[union-attr]
        assert session.get(CuratorEvent, event.id).deleted  # type: ignore[union-attr]
