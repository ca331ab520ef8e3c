"""The period report's section of events: the events the curator attended in the period, in
Russian with no Latin word, and the analysis of the report's schools' measures under each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from curator_desktop.domain.events import Event, SchoolAnalysis
from curator_desktop.i18n import set_language
from curator_desktop.services.events import EventService
from curator_desktop.services.reports.period import report as period_report
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School
from tests.services.reports.latin_words import latin_words
from tests.services.reports.period_helpers import JUNE_END, YEAR_START, render_period

MADE_ON = dt.date(2026, 7, 1)


def add_school(database: Database, name: str) -> str:
    with database.session() as session:
        school = School(full_name=f"МОУ «{name}»", short_name=name, region="Смоленская область")
        session.add(school)
        session.flush()
        return school.id


def record_events(database: Database) -> tuple[str, str]:
    """Two schools; a meeting with an analysis of each, a webinar, one missed seminar, one
    attended after the period."""
    first, second = add_school(database, "СОШ № 1"), add_school(database, "СОШ № 2")
    service = EventService(database)
    service.create(
        Event(
            id="",
            day=dt.date(2026, 3, 11),
            topic="Рабочее совещание кураторов",
            kind="meeting",
            organiser="ГАУ ДПО СОИРО",
            attendance="attended",
            start_time=dt.time(10),
            analyses=(
                SchoolAnalysis(first, "Проведён педагогический совет по итогам ВПР."),
                SchoolAnalysis(second, "Открыт кружок робототехники."),
            ),
        )
    )
    service.create(
        Event(
            id="",
            day=dt.date(2026, 4, 8),
            topic="Установочный вебинар для участников проекта",
            kind="webinar",
            event_format="remote",
            organiser="ФГБУ «ФИОКО»",
            attendance="attended",
        )
    )
    service.create(
        Event(id="", day=dt.date(2026, 4, 22), topic="Пропущенный семинар", attendance="missed")
    )
    service.create(
        Event(id="", day=dt.date(2026, 6, 30), topic="Семинар после отчёта", attendance="attended")
    )
    return first, second


def test_the_interim_report_lists_the_attended_events_in_russian(
    database: Database, tmp_path: Path
) -> None:
    first, _second = record_events(database)
    set_language("ru")
    try:
        report = render_period(
            database, tmp_path, YEAR_START, dt.date(2026, 6, 15), kind="interim", today=MADE_ON
        )
        headings = period_report.headings(report.data)
    finally:
        set_language("en")
    text = report.text
    assert "4. Мероприятия, в которых участвовал куратор" in headings
    assert "Мероприятия, в которых участвовал куратор" in text
    assert "Рабочее совещание кураторов" in text and "Совещание" in text
    assert "Установочный вебинар для участников проекта" in text and "Дистанционно" in text
    assert "Пропущенный семинар" not in text  # missed
    assert "Семинар после отчёта" not in text  # after the period
    assert "Проведён педагогический совет по итогам ВПР." in text
    assert "Открыт кружок робототехники." in text
    assert latin_words(text) == []
    assert text.index("Мероприятия, в которых") < text.index("Выводы")
    only_first = period_report.collect(
        database, YEAR_START, JUNE_END, kind="interim", school_ids=[first], today=MADE_ON
    )
    assert [a for e in only_first.events for a in e.analyses] == [
        ("СОШ № 1", "Проведён педагогический совет по итогам ВПР.")
    ]


def test_a_period_without_events_says_so(database: Database, tmp_path: Path) -> None:
    add_school(database, "СОШ № 1")
    report = render_period(database, tmp_path, YEAR_START, JUNE_END, kind="interim", today=MADE_ON)
    assert "Events attended by the curator" in report.text
    assert "No attended event is recorded for the period." in report.text
