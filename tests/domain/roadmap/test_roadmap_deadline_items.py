"""Deadlines of real roadmap items (#23): the school year, two report dates, another body's plan,
and the frequency an activity names."""

from __future__ import annotations

import datetime as dt

from curator_desktop.domain.plan.schedule import due_day
from curator_desktop.domain.roadmap.deadlines import item_deadline, parse_deadline, recurrence_days
from curator_desktop.domain.roadmap.document import DateRange, DeadlineKind
from tests.domain.roadmap.test_roadmap_text import LENINGRAD, SMOLENSK, SPB, item, roadmap


def _deadline(name: str, number: str):
    return item_deadline(item(name, number), year=roadmap(name).document.year)


def _range(start: str, end: str) -> DateRange:
    return DateRange(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_during_the_school_year_leaves_out_the_summer() -> None:
    seminars = item(SPB, "2.3.8")
    assert seminars.deadline_text == "В течение учебного года"
    deadline = _deadline(SPB, "2.3.8")
    assert deadline.kind is DeadlineKind.DATED
    assert deadline.ranges == (
        _range("2021-01-01", "2021-05-31"),
        _range("2021-09-01", "2021-12-31"),
    )
    assert not any(r.contains(dt.date(2021, 7, 15)) for r in deadline.ranges)


def test_an_interim_and_a_final_report_are_two_due_dates() -> None:
    report = item(SMOLENSK, "16")
    assert report.deadline_text == "Июнь, декабрь"
    deadline = _deadline(SMOLENSK, "16")
    assert deadline.ranges == (
        _range("2021-06-01", "2021-06-30"),
        _range("2021-12-01", "2021-12-31"),
    )
    assert due_day(deadline, dt.date(2021, 5, 10))[0] == dt.date(2021, 6, 30)  # the interim one
    assert due_day(deadline, dt.date(2021, 7, 1))[0] == dt.date(2021, 12, 31)  # then the final


def test_another_bodys_plan_without_months_stays_undated_and_with_months_keeps_them() -> None:
    council = item(SMOLENSK, "10")
    assert council.deadline_text == "По плану работы Совета"
    assert _deadline(SMOLENSK, "10").kind is DeadlineKind.UNDATED
    with_months = parse_deadline(f"{council.deadline_text}: март, октябрь", year=2021)
    assert with_months.ranges == (
        _range("2021-03-01", "2021-03-31"),
        _range("2021-10-01", "2021-10-31"),
    )
    lectures = _deadline(LENINGRAD, "7.2")  # «В течение года в соответствии с планов …»
    assert lectures.ranges == (_range("2021-01-01", "2021-12-31"),)


def test_the_weekly_webinars_keep_their_weekly_repeat() -> None:
    webinars = item(LENINGRAD, "1.15")
    assert webinars.title == "Участие в еженедельных методических вебинарах"
    assert parse_deadline(webinars.deadline_text, year=2021).kind is DeadlineKind.DATED
    deadline = _deadline(LENINGRAD, "1.15")
    assert (deadline.kind, deadline.recurrence) == (DeadlineKind.RECURRING, "weekly")
    assert deadline.ranges == (_range("2021-03-10", "2021-04-02"),)
    assert recurrence_days(deadline) == [
        dt.date(2021, 3, 14),
        dt.date(2021, 3, 21),
        dt.date(2021, 3, 28),
        dt.date(2021, 4, 2),
    ]


def test_a_frequency_in_the_cell_wins_and_other_items_are_as_their_cell() -> None:
    assert _deadline(LENINGRAD, "1.16").recurrence == "monthly:wed:2,4"
    assert _deadline(SPB, "2.3.13").recurrence == "weekly"  # «В течение года (еженедельно)»
    for name in (LENINGRAD, SMOLENSK, SPB):
        year = roadmap(name).document.year
        for entry in roadmap(name).items:
            if (name, entry.number) == (LENINGRAD, "1.15"):
                continue
            assert item_deadline(entry, year=year) == parse_deadline(entry.deadline_text, year=year)
