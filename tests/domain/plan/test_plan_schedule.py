"""Where a roadmap item stands on a day: due day, status and list, and matching editions."""

from __future__ import annotations

import datetime as dt

import pytest

from curator_desktop.domain.plan.schedule import (
    PlanBucket,
    PlanStatus,
    Standing,
    deadline_of,
    due_day,
    standing,
)
from curator_desktop.domain.roadmap.deadlines import parse_deadline
from curator_desktop.domain.roadmap.document import RoadmapItem
from curator_desktop.domain.roadmap.editions import ChangeKind, match_editions

TODAY = dt.date(2021, 4, 10)


def at(text: str, *, marked_done: bool = False, links_fulfilled: tuple[bool, ...] = ()) -> Standing:
    deadline = parse_deadline(text, year=2021)
    return standing(deadline, TODAY, marked_done=marked_done, links_fulfilled=links_fulfilled)


@pytest.mark.parametrize(
    ("text", "bucket", "due"),
    [
        ("До 25.01.2021", PlanBucket.OVERDUE, dt.date(2021, 1, 25)),
        ("апрель 2021", PlanBucket.THIS_MONTH, dt.date(2021, 4, 30)),
        ("10.04.2021", PlanBucket.THIS_MONTH, TODAY),
        ("Май 2021", PlanBucket.UPCOMING, dt.date(2021, 5, 31)),
        ("В течение года", PlanBucket.UPCOMING, dt.date(2021, 12, 31)),
        # the first range that has not ended: June is next, December after it
        ("Июнь, декабрь", PlanBucket.UPCOMING, dt.date(2021, 6, 30)),
        ("Март, июнь", PlanBucket.UPCOMING, dt.date(2021, 6, 30)),
        ("по мере необходимости", PlanBucket.NO_DATE, None),
        ("когда-нибудь потом", PlanBucket.NO_DATE, None),
    ],
)
def test_due_day_and_list(text: str, bucket: PlanBucket, due: dt.date | None) -> None:
    result = at(text)
    assert (result.bucket, result.due) == (bucket, due)


def test_overdue_counts_days_and_a_done_mark_ends_it() -> None:
    late = at("До 25.01.2021")
    assert late.status == PlanStatus.OVERDUE and late.days_overdue == 75
    done = at("До 25.01.2021", marked_done=True)
    assert (done.status, done.bucket, done.days_overdue) == (PlanStatus.DONE, PlanBucket.DONE, 0)


def test_links_make_an_item_done_only_when_every_one_is_fulfilled() -> None:
    assert at("Май 2021", links_fulfilled=(True, True)).status == PlanStatus.DONE
    assert at("Май 2021", links_fulfilled=(True, False)).status == PlanStatus.PLANNED
    assert at("Май 2021", links_fulfilled=()).status == PlanStatus.PLANNED


def test_a_recurring_item_is_due_on_its_next_occurrence() -> None:
    deadline = parse_deadline("2 и 4 среда каждого месяца", year=2021)
    due, current = due_day(deadline, TODAY)
    assert due == dt.date(2021, 4, 14)  # 2nd Wednesday of April 2021
    assert current is not None and current.contains(due)
    assert due_day(deadline, dt.date(2021, 4, 15))[0] == dt.date(2021, 4, 28)


def test_a_stored_deadline_is_rebuilt_as_it_was() -> None:
    original = parse_deadline("Июнь, декабрь", year=2021)
    ranges = [[r.start.isoformat(), r.end.isoformat()] for r in original.ranges]
    rebuilt = deadline_of(original.kind.value, ranges, original.text, original.recurrence)
    assert rebuilt == original
    assert deadline_of("from-a-newer-version", [], "x", "").kind.value == "unparsed"


def item(number: str, title: str, deadline: str = "Май") -> RoadmapItem:
    return RoadmapItem(number=number, section="", title=title, deadline_text=deadline)


def test_editions_are_matched_by_number_and_title() -> None:
    old = [
        item("1", "Назначение регионального координатора"),
        item("2", "Закрепление кураторов за школами"),
        item("3", "Первичное посещение школ кураторами"),
        item("4", "Региональное совещание"),
    ]
    new = [
        item("1", "Назначение регионального координатора"),
        item("2", "Закрепление кураторов за школами", deadline="Июнь"),  # deadline changed
        item("3", "Семинар для директоров"),  # new under a freed number
        item("5", "Первичное посещение школ кураторами (выезд)"),  # renumbered, reworded a bit
    ]
    changes = match_editions(old, new)
    kinds = [(c.kind, c.old_index, c.new_index) for c in changes]
    assert kinds == [
        (ChangeKind.SAME, 0, 0),
        (ChangeKind.CHANGED, 1, 1),
        (ChangeKind.ADDED, None, 2),
        (ChangeKind.CHANGED, 2, 3),
        (ChangeKind.REMOVED, 3, None),
    ]
    assert changes[1].fields == ("deadline_text",)
    assert set(changes[3].fields) == {"number", "title"}


def test_an_unchanged_edition_is_all_same() -> None:
    items = [item(str(n), f"Мероприятие номер {n}") for n in range(1, 40)]
    assert {c.kind for c in match_editions(items, list(items))} == {ChangeKind.SAME}
