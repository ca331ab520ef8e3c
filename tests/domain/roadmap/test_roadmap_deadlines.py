"""The Russian deadline parser on the real roadmaps' deadline cells and on synthetic forms."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from curator_desktop.domain.roadmap.deadlines import parse_deadline, recurrence_days
from curator_desktop.domain.roadmap.document import DateRange, Deadline, DeadlineKind
from curator_desktop.domain.roadmap.months import month_forms
from tests.conftest import ROADMAPS

# The deadline column (0-based) of each file's table.
DEADLINE_COLUMN = {
    "leningrad-oblast-2021.txt": 2,
    "smolensk-oblast-2021.txt": 3,
    "spb-vasileostrovsky-2021.txt": 4,
}
ITEM_NUMBER = re.compile(r"\d+(?:\.\d+)*\.?")

D, R, U, X = (
    DeadlineKind.DATED,
    DeadlineKind.RECURRING,
    DeadlineKind.UNDATED,
    DeadlineKind.UNPARSED,
)
YEAR_2021 = [("2021-01-01", "2021-12-31")]


def day(iso: str) -> list[tuple[str, str]]:
    return [(iso, iso)]


def month(year_month: str) -> list[tuple[str, str]]:
    first = dt.date.fromisoformat(year_month + "-01")
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return [(first.isoformat(), (following - dt.timedelta(days=1)).isoformat())]


def months(first: str, last: str) -> list[tuple[str, str]]:
    return [(month(first)[0][0], month(last)[0][1])]


# Cells copied verbatim from the three roadmaps (year 2021): text, kind, ranges, recurrence.
REAL: list[tuple[str, DeadlineKind, list[tuple[str, str]], str]] = [
    # leningrad-oblast-2021.txt, column «Дата реализации»
    ("До 25.01.2021", D, day("2021-01-25"), ""),
    ("До 27.01.2021", D, day("2021-01-27"), ""),
    ("26.01.2021", D, day("2021-01-26"), ""),
    ("28.01- 15.02.2021", D, [("2021-01-28", "2021-02-15")], ""),
    ("25-26.02.2021", D, [("2021-02-25", "2021-02-26")], ""),
    ("15.02.2021", D, day("2021-02-15"), ""),
    ("15-02-20.02", D, [("2021-02-15", "2021-02-20")], ""),
    ("24.02.2021", D, day("2021-02-24"), ""),
    ("26.02.2021", D, day("2021-02-26"), ""),
    ("05.03.2021", D, day("2021-03-05"), ""),
    ("До 10.03.2021", D, day("2021-03-10"), ""),
    ("10.03.2021-20.03.2021", D, [("2021-03-10", "2021-03-20")], ""),
    ("10.03.2021-02.04.2021", D, [("2021-03-10", "2021-04-02")], ""),
    ("2 и 4 среда каждого месяца", R, YEAR_2021, "monthly:wed:2,4"),
    ("Апрель – май 2021 г.", D, months("2021-04", "2021-05"), ""),
    ("Март – май 2021г.", D, months("2021-03", "2021-05"), ""),
    ("Март – май 2021 г.", D, months("2021-03", "2021-05"), ""),
    ("В течение года", D, YEAR_2021, ""),
    ("апрель 2021", D, month("2021-04"), ""),
    ("Май 2021", D, month("2021-05"), ""),
    ("Июнь 2021", D, month("2021-06"), ""),
    ("сентябрь – декабрь 2021", D, months("2021-09", "2021-12"), ""),
    ("сентябрь 2021", D, month("2021-09"), ""),
    ("октябрь 2021", D, month("2021-10"), ""),
    ("ноябрь 2021", D, month("2021-11"), ""),
    ("В течение всего периода реализации проекта", D, YEAR_2021, ""),
    ("Май-август 2021", D, months("2021-05", "2021-08"), ""),
    ("Март-апрель 2021", D, months("2021-03", "2021-04"), ""),
    ("Апрель-май", D, months("2021-04", "2021-05"), ""),
    ("Март – июнь 2021 г.", D, months("2021-03", "2021-06"), ""),
    ("Сентябрь 2021", D, month("2021-09"), ""),
    ("Март-май 2021", D, months("2021-03", "2021-05"), ""),
    ("Сентябрь-декабрь 2021", D, months("2021-09", "2021-12"), ""),
    ("Июнь 2021 года", D, month("2021-06"), ""),
    ("Август-сентябрь 2021", D, months("2021-08", "2021-09"), ""),
    ("Октябрь 2021 года", D, month("2021-10"), ""),
    ("Январь – февраль 2021 г.", D, months("2021-01", "2021-02"), ""),
    (
        "В течение года в соответствии с планов воспитательной работы школы",
        D,
        YEAR_2021,
        "",
    ),
    ("Октябрь 2021", D, month("2021-10"), ""),  # row 7.4 before «года» is joined to it
    ("декабрь 2021", D, month("2021-12"), ""),  # the wrapped half of row 2.9
    ("сентябрь –", X, [], ""),  # row 2.9 before its wrapped half is joined
    ("Дата реализации", X, [], ""),  # the header
    ("---", X, [], ""),
    # smolensk-oblast-2021.txt, column «Сроки»
    ("Февраль", D, month("2021-02"), ""),
    ("Май", D, month("2021-05"), ""),
    ("Март", D, month("2021-03"), ""),
    ("Апрель - май", D, months("2021-04", "2021-05"), ""),
    ("Апрель", D, month("2021-04"), ""),
    ("Июнь", D, month("2021-06"), ""),
    ("декабрь", D, month("2021-12"), ""),
    ("В течение 2021 года", D, YEAR_2021, ""),
    ("Июнь, ноябрь", D, month("2021-06") + month("2021-11"), ""),
    ("Июнь, декабрь", D, month("2021-06") + month("2021-12"), ""),
    ("Март-май", D, months("2021-03", "2021-05"), ""),
    ("Июнь- ноябрь", D, months("2021-06", "2021-11"), ""),
    ("Октябрь", D, month("2021-10"), ""),
    ("Август", D, month("2021-08"), ""),
    ("Ноябрь", D, month("2021-11"), ""),
    ("По", X, [], ""),  # row 10 broken across a page: «По» + «плану работы Совета»
    ("плану работы Совета", X, [], ""),
    ("Сроки", X, [], ""),
    # spb-vasileostrovsky-2021.txt, column «Сроки»
    ("январь", D, month("2021-01"), ""),
    ("Январь", D, month("2021-01"), ""),
    ("февраль", D, month("2021-02"), ""),
    ("Февраль-март", D, months("2021-02", "2021-03"), ""),
    ("Июнь-август", D, months("2021-06", "2021-08"), ""),
    ("сентябрь", D, month("2021-09"), ""),
    ("Сентябрь, октябрь", D, month("2021-09") + month("2021-10"), ""),
    ("Февраль - декабрь", D, months("2021-02", "2021-12"), ""),
    ("Февраль - ноябрь", D, months("2021-02", "2021-11"), ""),
    ("Февраль-ноябрь", D, months("2021-02", "2021-11"), ""),
    ("В течение учебного года", D, months("2021-01", "2021-05") + months("2021-09", "2021-12"), ""),
    ("В течение года (еженедельно)", R, YEAR_2021, "weekly"),
    ("Январь-февраль", D, months("2021-01", "2021-02"), ""),
    ("Февраль-апрель", D, months("2021-02", "2021-04"), ""),
    ("Октябрь-ноябрь", D, months("2021-10", "2021-11"), ""),
    ("июнь", D, month("2021-06"), ""),
    ("март", D, month("2021-03"), ""),
    ("май", D, month("2021-05"), ""),
    ("Март-апрель", D, months("2021-03", "2021-04"), ""),
]

SYNTHETIC: list[tuple[str, DeadlineKind, list[tuple[str, str]], str]] = [
    ("По плану работы Совета", U, [], ""),  # smolensk row 10 once joined
    ("по мере необходимости", U, [], ""),
    ("по плану ДИРО", U, [], ""),
    ("Постоянно", U, [], ""),
    ("март-декабрь 2022", D, months("2022-03", "2022-12"), ""),
    ("Сентябрь 2023 г., август 2024 г.", D, month("2023-09") + month("2024-08"), ""),
    ("2023-2024 уч.г.", D, [("2023-09-01", "2024-05-31")], ""),
    ("2023–24 учебный год", D, [("2023-09-01", "2024-05-31")], ""),
    ("2021/2022", D, [("2021-09-01", "2022-05-31")], ""),
    # the school year runs to August only where the text says so
    ("2023-2024 уч.г. (включая летний период)", D, [("2023-09-01", "2024-08-31")], ""),
    ("В течение 2021-2022 учебного года", D, [("2021-09-01", "2022-05-31")], ""),
    ("в течение учебного года, включая летний период", D, YEAR_2021, ""),
    ("В течение учебного года (по август)", D, YEAR_2021, ""),
    # another body's plan named with months keeps the months
    ("По плану работы Совета: март, октябрь", D, month("2021-03") + month("2021-10"), ""),
    ("по плану работы Совета (март, октябрь)", D, month("2021-03") + month("2021-10"), ""),
    ("по плану ДИРО, март – апрель", D, months("2021-03", "2021-04"), ""),
    ("В соответствии с планом ЛОИРО, апрель 2021", D, month("2021-04"), ""),
    ("2021-2022 гг.", D, [("2021-01-01", "2022-12-31")], ""),
    ("в 2022 году", D, [("2022-01-01", "2022-12-31")], ""),
    ("Июнь и декабрь 2022 г.", D, month("2022-06") + month("2022-12"), ""),
    ("декабрь; июнь", D, month("2021-06") + month("2021-12"), ""),
    ("в январе", D, month("2021-01"), ""),
    ("В ФЕВРАЛЕ 2021 ГОДА", D, month("2021-02"), ""),
    ("до конца февраля", D, day("2021-02-28"), ""),
    ("до конца года", D, day("2021-12-31"), ""),
    ("до конца I полугодия 2022 г.", D, day("2022-06-30"), ""),
    ("не позднее 15 марта", D, day("2021-03-15"), ""),
    ("до 1 июня 2021 года", D, day("2021-06-01"), ""),
    ("к 01.09", D, day("2021-09-01"), ""),
    ("01.09.21", D, day("2021-09-01"), ""),
    ("02.2021", D, month("2021-02"), ""),
    ("1 полугодие", D, months("2021-01", "2021-06"), ""),
    ("I полугодие 2021 г.", D, months("2021-01", "2021-06"), ""),
    ("II квартал 2021", D, months("2021-04", "2021-06"), ""),
    ("в четвёртом квартале", D, months("2021-10", "2021-12"), ""),
    ("IV кв. 2021 г.", D, months("2021-10", "2021-12"), ""),
    ("в течение I квартала", D, months("2021-01", "2021-03"), ""),
    ("1 декада марта", D, [("2021-03-01", "2021-03-10")], ""),
    ("3 декада февраля 2024", D, [("2024-02-21", "2024-02-29")], ""),
    ("25-26 февраля", D, [("2021-02-25", "2021-02-26")], ""),
    ("с 15 по 20 марта", D, [("2021-03-15", "2021-03-20")], ""),
    ("с 1 марта по 15 апреля 2021 г.", D, [("2021-03-01", "2021-04-15")], ""),
    ("Декабрь 2021 – январь 2022", D, [("2021-12-01", "2022-01-31")], ""),
    ("Март (по согласованию)", D, month("2021-03"), ""),
    # spaces and dashes of every kind; «ё»
    ("Апрель\u00a0—\u00a0май 2021\u202fг.", D, months("2021-04", "2021-05"), ""),
    ("  Март   −   май  ", D, months("2021-03", "2021-05"), ""),
    # recurrences
    ("ежемесячно", R, YEAR_2021, "monthly"),
    ("Ежеквартально", R, YEAR_2021, "quarterly"),
    ("ежемесячно в течение II полугодия", R, months("2021-07", "2021-12"), "monthly"),
    ("последняя пятница каждого месяца", R, YEAR_2021, "monthly:fri:-1"),
    ("1-й и 3-й понедельник месяца", R, YEAR_2021, "monthly:mon:1,3"),
    ("по пятницам", R, YEAR_2021, "weekly:fri"),
    ("каждый вторник", R, YEAR_2021, "weekly:tue"),
    ("еженедельно по средам, март – май 2021 г.", R, months("2021-03", "2021-05"), "weekly:wed"),
    ("до 5 числа каждого месяца", R, YEAR_2021, "monthly:day:5"),
]

UNPARSEABLE = [
    "до мая",  # by May 1st or May 31st?
    "в конце марта",
    "сентябрь – май",  # would need a year to roll over
    "Декабрь 2021 – январь",
    "31.02.2021",
    "5 квартал 2021",
    "2021-2023 уч.г.",
    "ежемесячно, ежеквартально",
    "7 среда каждого месяца",
    "до 25 числа",
    "в течение месяца",
    "по итогам мониторинга",
    "10:00",
    "1899 год",
    "до\u00a0мая\u00a0",
    "",
    "   ",
]


def _ranges(pairs: list[tuple[str, str]]) -> tuple[DateRange, ...]:
    return tuple(DateRange(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in pairs)


def _cells(name: str) -> set[str]:
    text = (ROADMAPS / name).read_text(encoding="utf-8")
    return {cell.strip() for line in text.splitlines() for cell in line.split("\t")}


def _deadline_cells() -> list[tuple[str, str]]:
    """(file, cell) for the deadline cell of every numbered row of the three roadmaps."""
    found = []
    for name, column in DEADLINE_COLUMN.items():
        for line in (ROADMAPS / name).read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) > column and ITEM_NUMBER.fullmatch(cells[0].strip()):
                found.append((name, cells[column].strip()))
    return found


def test_the_real_table_has_forty_strings_copied_verbatim_from_the_roadmaps() -> None:
    every_cell = set().union(*(_cells(name) for name in DEADLINE_COLUMN))
    texts = {text for text, *_ in REAL}
    assert len(texts) >= 40
    assert texts - every_cell == set()


@pytest.mark.parametrize(("text", "kind", "ranges", "recurrence"), REAL + SYNTHETIC)
def test_deadline_cells(
    text: str, kind: DeadlineKind, ranges: list[tuple[str, str]], recurrence: str
) -> None:
    deadline = parse_deadline(text, year=2021)
    assert deadline == Deadline(text, kind, _ranges(ranges), recurrence)


@pytest.mark.parametrize("text", UNPARSEABLE)
def test_unparseable_cells_are_kept_verbatim_and_never_guessed(text: str) -> None:
    assert parse_deadline(text, year=2021) == Deadline(text, DeadlineKind.UNPARSED)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Февраль", X),
        ("В течение года", X),
        ("ежемесячно", X),
        ("15-02-20.02", X),
        ("Июнь, декабрь 2021", D),  # the year of the last part is the cell's
        ("28.01- 15.02.2021", D),
        ("по плану ДИРО", U),
    ],
)
def test_without_a_document_year_only_cells_with_their_own_year_parse(
    text: str, kind: DeadlineKind
) -> None:
    assert parse_deadline(text, year=None).kind is kind


def test_the_documents_year_fills_in_and_a_later_part_lends_its_year() -> None:
    assert parse_deadline("Февраль", year=2024).ranges == _ranges(month("2024-02"))
    assert parse_deadline("до конца февраля", year=2024).ranges == _ranges(day("2024-02-29"))
    assert parse_deadline("июнь, декабрь 2022", year=2021).ranges == _ranges(
        month("2022-06") + month("2022-12")
    )


@pytest.mark.parametrize(
    ("form", "number"),
    [
        ("январь", 1), ("января", 1), ("январе", 1), ("январю", 1), ("январем", 1),
        ("февраля", 2), ("феврале", 2), ("февр", 2), ("марта", 3), ("марте", 3),
        ("мартом", 3), ("марту", 3), ("мая", 5), ("мае", 5), ("маем", 5), ("июне", 6),
        ("июлем", 7), ("августа", 8), ("августе", 8), ("сентябрем", 9), ("сент", 9),
        ("октябре", 10), ("ноября", 11), ("нояб", 11), ("декабрю", 12), ("дек", 12),
    ],
)  # fmt: skip
def test_month_forms_cover_every_case(form: str, number: int) -> None:
    assert month_forms()[form] == number


def test_every_month_name_of_babels_russian_locale_is_known() -> None:
    months_data = Locale("ru").months
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in months_data[context][width].items():
                assert month_forms()[name.casefold().rstrip(".")] == number


@pytest.mark.parametrize("number", range(1, 13))
def test_a_month_in_the_prepositional_parses_to_that_month(number: int) -> None:
    genitive = Locale("ru").months["format"]["wide"][number]
    text = f"в {genitive[:-1]}е 2021 г."  # января → январе, марта → марте
    assert parse_deadline(text, year=None).ranges == _ranges(month(f"2021-{number:02d}"))


def test_recurrence_days_of_the_second_and_fourth_wednesday() -> None:
    days = recurrence_days(parse_deadline("2 и 4 среда каждого месяца", year=2021))
    assert len(days) == 24
    assert days[:4] == [dt.date(2021, 1, 13), dt.date(2021, 1, 27), dt.date(2021, 2, 10),
                        dt.date(2021, 2, 24)]  # fmt: skip
    assert all(d.weekday() == 2 for d in days)
    assert all(d.day in range(8, 15) or d.day in range(22, 29) for d in days)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("по средам, март 2021", ["2021-03-03", "2021-03-10", "2021-03-17", "2021-03-24",
                                  "2021-03-31"]),
        ("последняя пятница месяца, I квартал 2021", ["2021-01-29", "2021-02-26", "2021-03-26"]),
        ("ежеквартально", ["2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31"]),
        ("31 числа каждого месяца, I квартал 2021", ["2021-01-31", "2021-02-28", "2021-03-31"]),
        ("ежемесячно, 10.03.2021-02.04.2021", ["2021-03-31", "2021-04-02"]),
        ("еженедельно, 01.03.2021-10.03.2021", ["2021-03-07", "2021-03-10"]),
        ("ежедневно, 25-26.02.2021", ["2021-02-25", "2021-02-26"]),
    ],
)  # fmt: skip
def test_recurrence_days(text: str, expected: list[str]) -> None:
    deadline = parse_deadline(text, year=2021)
    assert deadline.kind is DeadlineKind.RECURRING
    assert recurrence_days(deadline) == [dt.date.fromisoformat(d) for d in expected]


def test_monthly_recurrence_falls_on_each_months_last_day() -> None:
    days = recurrence_days(parse_deadline("ежемесячно", year=2024))
    assert len(days) == 12
    assert dt.date(2024, 2, 29) in days


def test_only_a_recurring_deadline_with_a_known_rule_has_recurrence_days() -> None:
    assert recurrence_days(parse_deadline("Март 2021", year=None)) == []
    assert recurrence_days(parse_deadline("по мере необходимости", year=2021)) == []
    whole_year = _ranges(YEAR_2021)
    assert recurrence_days(Deadline("?", DeadlineKind.RECURRING, whole_year, "hourly")) == []


def test_every_deadline_cell_of_the_three_roadmaps_lies_within_their_year() -> None:
    cells = _deadline_cells()
    assert len(cells) > 140
    parsed = 0
    for name, text in cells:
        deadline = parse_deadline(text, year=2021)
        assert deadline.text == text
        if deadline.parsed:
            parsed += 1
            assert deadline.ranges, (name, text)
            for bounds in deadline.ranges:
                assert dt.date(2021, 1, 1) <= bounds.start <= bounds.end <= dt.date(2021, 12, 31)
    # Only the halves of the three rows broken across lines are left unparsed.
    assert parsed >= len(cells) - 3


_PIECES = st.sampled_from(
    ["до", "с", "по", "в течение", "года", "конца", "и", ",", ";", "-", "–", "(", ")", "г.",
     "2021", "21", "15", "31", "02", "25.01.2021", "15.02", "02.2021", "март", "мая", "июне",
     "II", "квартал", "полугодие", "декада", "среда", "каждого месяца", "ежемесячно",
     "по средам", "уч.г.", "числа", "\u00a0", "ё", "по мере необходимости", "0", "99"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=8), st.sampled_from([None, 2021, 2024]))
def test_any_cell_gives_a_consistent_deadline_and_never_raises(
    pieces: list[str], year: int | None
) -> None:
    text = " ".join(pieces)
    deadline = parse_deadline(text, year=year)
    assert deadline.text == text
    assert bool(deadline.ranges) == deadline.parsed
    assert bool(deadline.recurrence) == (deadline.kind is DeadlineKind.RECURRING)
    assert list(deadline.ranges) == sorted(deadline.ranges, key=lambda r: (r.start, r.end))
    for bounds in deadline.ranges:
        assert bounds.start <= bounds.end
        assert bounds.start.year >= 1990 and bounds.end.year <= 2101
    if deadline.kind is DeadlineKind.RECURRING:
        assert all(any(r.contains(d) for r in deadline.ranges) for d in recurrence_days(deadline))
