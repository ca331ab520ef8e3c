"""Russian deadline cells of a roadmap → date ranges, recurrences, or the text kept as it is.

Decisions (each is what a curator reading the cell would take it to mean, never a guess):

- «До 25.01.2021», «не позднее 15 марта», «к 1 июня», «по 15.03»: a single-day range on that
  day ("by this day"). «до конца февраля», «до конца года»: the single last day of the period.
  «до мая» (no day) could mean May 1st or May 31st: UNPARSED.
- «В течение года», «в течение всего периода реализации проекта»: the whole ``year`` — a roadmap
  is the plan of one year, and that is the period it means.
- «В течение учебного года»: the school months of that year, January–May and September–December
  (summer holidays are not the school year); the whole year where the text reaches August
  («…, включая летний период», «(по август)»).
- «2023-2024 уч.г.», «2021/2022»: the school year, 01.09.2023 – 31.05.2024 (to 31.08.2024 where
  the text reaches August). «2021-2022 гг.»: 01.01.2021 – 31.12.2022. Quarters, half-years
  («1 полугодие», «II квартал»), a decade of a month («1 декада марта»): their calendar days.
- Frequencies make a RECURRING deadline; its ranges are the period given, or the whole ``year``:
  «2 и 4 среда каждого месяца» → ``monthly:wed:2,4``; «последняя пятница месяца» →
  ``monthly:fri:-1``; «15 числа каждого месяца» → ``monthly:day:15``; «по средам», «каждую
  среду» → ``weekly:wed``; «ежемесячно» → ``monthly``; «ежеквартально» → ``quarterly``;
  «еженедельно» → ``weekly``; «ежедневно» → ``daily``. For ``monthly``/``quarterly``/``weekly``
  without a day, :func:`recurrence_days` gives the last day of each period (a monthly duty is due
  by the month's end; a week ends on Sunday), clipped to the range.
- «по мере необходимости», «по плану ДИРО», «постоянно», «в соответствии с …» (with no date in
  the cell): UNDATED. A date followed by such a clause («В течение года в соответствии с планом
  …», «Март (по согласованию)») keeps the date, and so do months after it: another body's plan
  named with months («По плану работы Совета: март, октябрь») is due in those months.
- An item's activity may name its frequency when the cell does not («Участие в еженедельных
  методических вебинарах», 10.03–02.04): :func:`item_deadline` makes it RECURRING in the cell's
  ranges.
- A cell listing several periods («Июнь, декабрь»; «;»; «и») gives several ranges, sorted.
- A part without a year takes it from the other end of its range («28.01- 15.02.2021»), then
  from a later part («июнь, декабрь 2021»), then from ``year``; still none → UNPARSED. A range
  never rolls over into the next year: one that would end before it starts is UNPARSED, and so
  is any year outside 1990–2100 and any impossible date (31.02).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from curator_desktop.domain.roadmap.document import DateRange, Deadline, DeadlineKind, RoadmapItem
from curator_desktop.domain.roadmap.months import (
    Token,
    activity_frequency,
    alternation,
    month_bounds,
    month_forms,
    normalize,
    pull_frequency,
    rule_days,
    tokenize,
)

__all__ = ["item_deadline", "parse_deadline", "recurrence_days"]

YEAR_WINDOW = (1990, 2100)
_YEAR_WORDS = frozenset({"г", "гг", "год", "года", "году"})
_WHOLE_PERIOD_WORDS = frozenset(
    {"всего", "весь", "всей", "текущего", "календарного", "учебного", "года", "год"}
    | {"периода", "реализации", "проекта", "срока"}
)
_UNDATED = re.compile(
    r"(?:по (?:мере|(?:отдельному )?(?:плану|графику)|запрос|заявк|согласовани|необходимост"
    r"|требовани|решени)|в соответствии с|согласно|постоянно|регулярно|систематически)"
)
_QUALIFIERS = (("в", "соответствии"), ("согласно",), ("по", "плану"), ("по", "графику"))
_QUALIFIERS += (("по", "согласованию"), ("по", "мере"), ("по", "необходимости"))
_BY_DAY = (("не", "позднее"), ("не", "позже"), ("в", "срок", "до"), ("срок", "до"))
_BY_DAY += (("до",), ("к",), ("по",))
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_SCHOOL_YEAR_WORDS = re.compile(r"учебн|(?<![а-я])уч\.?\s?г")
_IN_THE_SCHOOL_YEAR = re.compile(
    r"(?:в течение|на протяжении)\s+(?:всего\s+|текущего\s+)?учебного\s+года"
)
_TO_AUGUST = re.compile(
    r"\s*[,(]?\s*(?:включая\s+(?:летн[а-я]*(?:\s+период[а-я]*)?|лето|август[а-я]*)"
    r"|(?:до|по)\s+(?:конца\s+)?август[а-я]*)\s*\)?"
)
_SCHOOL_MONTHS = {False: "январь-май, сентябрь-декабрь", True: "январь-декабрь"}


@dataclass(frozen=True)
class _Atom:
    """One period of a cell before its year is known: a day, month, quarter, year …"""

    kind: str  # day, month, quarter, half, decade, year, school
    year: int | None = None
    month: int | None = None
    day: int | None = None
    index: int = 0  # quarter 1–4, half 1–2, decade 1–3; the school year's last month (5 or 8)

    def bounds(self) -> tuple[dt.date, dt.date]:
        """First and last day; ValueError for impossible dates or indexes."""
        y = self.year
        if y is None or not YEAR_WINDOW[0] <= y <= YEAR_WINDOW[1]:
            raise ValueError(f"year out of range: {y}")
        if self.kind == "day":
            day = dt.date(y, self.month or 0, self.day or 0)
            return day, day
        if self.kind == "month":
            return month_bounds(y, self.month or 0)
        if self.kind == "year":
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if self.kind == "school":
            return dt.date(y, 9, 1), month_bounds(y + 1, self.index or 5)[1]
        limit = {"quarter": 4, "half": 2, "decade": 3}[self.kind]
        if not 1 <= self.index <= limit:
            raise ValueError(f"no {self.kind} {self.index}")
        if self.kind == "decade":
            first, last = month_bounds(y, self.month or 0)
            start = first.replace(day=10 * self.index - 9)
            return start, (last if self.index == 3 else first.replace(day=10 * self.index))
        months = 12 // limit
        return (
            month_bounds(y, months * (self.index - 1) + 1)[0],
            month_bounds(y, months * self.index)[1],
        )


@dataclass(frozen=True)
class _Span:
    """A part of a cell: from the start of ``first`` to the end of ``last`` (or only that end)."""

    first: _Atom
    last: _Atom
    end_only: bool = False

    @property
    def explicit_year(self) -> int | None:
        return self.last.year if self.last.year is not None else self.first.year

    def with_year(self, year: int) -> _Span:
        def fill(atom: _Atom) -> _Atom:
            return atom if atom.year is not None else replace(atom, year=year)

        return _Span(fill(self.first), fill(self.last), self.end_only)

    def to_range(self) -> DateRange:
        end = self.last.bounds()[1]
        return DateRange(end if self.end_only else self.first.bounds()[0], end)


def parse_deadline(text: str, *, year: int | None) -> Deadline:
    """Read a Russian deadline cell; ``year`` (the document's) fills in a missing year."""
    unparsed = Deadline(text, DeadlineKind.UNPARSED)
    norm = normalize(text)
    if not norm:
        return unparsed
    if _UNDATED.match(norm):
        if not _mentions_a_date(norm):
            return Deadline(text, DeadlineKind.UNDATED)
        norm = _from_the_first_date(norm)
    norm, to_august = _pull_to_august(norm)
    norm = _IN_THE_SCHOOL_YEAR.sub(_SCHOOL_MONTHS[to_august], norm)
    rule, norm = _pull_rule(norm)
    if rule is None:
        return unparsed
    parts = _split(_without_qualifier(tokenize(norm)))
    spans: list[_Span] = []
    for part in parts:
        span = _parse_part(part)
        if span is None:
            return unparsed
        spans.append(_to_august(span) if to_august else span)
    if not spans:
        if not rule:
            return unparsed
        spans.append(_Span(_Atom("year"), _Atom("year")))
    try:
        ranges = sorted(set(_fill_years(spans, year)), key=lambda r: (r.start, r.end))
    except ValueError:
        return unparsed
    kind = DeadlineKind.RECURRING if rule else DeadlineKind.DATED
    return Deadline(text, kind, tuple(ranges), rule)


def item_deadline(item: RoadmapItem, *, year: int | None) -> Deadline:
    """An item's deadline: its cell (:func:`parse_deadline`), made RECURRING in the cell's ranges
    when the cell names no frequency and the activity does («еженедельных вебинарах»)."""
    deadline = parse_deadline(item.deadline_text, year=year)
    if deadline.kind is not DeadlineKind.DATED:
        return deadline
    rule = activity_frequency(f"{item.title} {item.description}")
    return replace(deadline, kind=DeadlineKind.RECURRING, recurrence=rule) if rule else deadline


def _from_the_first_date(norm: str) -> str:
    """«по плану работы совета: март, октябрь» → «март, октябрь»: the clause naming another
    body's plan dropped, the months it names kept."""
    found = _first_date().search(norm)
    if found is None:
        return norm
    depth, kept = 0, []
    for char in norm[found.start() :]:  # an «)» whose «(» was in the dropped clause goes too
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            depth, char = 0, " "
        kept.append(char)
    return normalize("".join(kept))


@cache
def _first_date() -> re.Pattern[str]:
    """A digit or a month name: where the dates of a cell begin."""
    return re.compile(rf"\d|(?<![а-я])(?:{alternation(month_forms())})(?![а-я])")


def _pull_to_august(norm: str) -> tuple[str, bool]:
    """A school year «включая летний период», «(по август)»: the text without it, and whether
    the school year runs to August."""
    if not _SCHOOL_YEAR_WORDS.search(norm):
        return norm, False
    found = _TO_AUGUST.search(norm)
    if found is None:
        return norm, False
    return normalize(f"{norm[: found.start()]} {norm[found.end() :]}"), True


def _to_august(span: _Span) -> _Span:
    def reach(atom: _Atom) -> _Atom:
        return replace(atom, index=8) if atom.kind == "school" else atom

    return _Span(reach(span.first), reach(span.last), span.end_only)


def _mentions_a_date(norm: str) -> bool:
    words = re.findall(r"[a-zа-я]+", norm)
    return any(ch.isdigit() for ch in norm) or any(w in month_forms() for w in words)


def _pull_rule(norm: str) -> tuple[str | None, str]:
    """The recurrence rule («» for none; None when doubtful) and the text left without it.

    Parentheses may hold a frequency («В течение года (еженедельно)») or a qualifier that does
    not change the dates («Март (по согласованию)»); anything else in them is doubtful.
    """
    inners = [normalize(m.group(1)) for m in _PARENTHESES.finditer(norm)]
    rule, rest = pull_frequency(_PARENTHESES.sub(" ", norm))
    if rule is None:
        return None, rest
    for inner in inners:
        inner_rule, inner_rest = pull_frequency(inner)
        if inner_rule is None or (inner_rule and (rule or inner_rest)):
            return None, rest
        if inner_rule:
            rule = inner_rule
        elif not _is_qualifier(_Cursor(tokenize(inner))):
            return None, rest
    return rule, normalize(rest)


def _without_qualifier(tokens: list[Token]) -> list[Token]:
    """Drop a trailing clause like «в соответствии с планом работы школы и ОМСУ»."""
    for start in range(1, len(tokens)):
        if _is_qualifier(_Cursor(tokens[start:])):
            return tokens[:start]
    return tokens


def _split(tokens: list[Token]) -> list[list[Token]]:
    """Parts separated by «,», «;» and «и»; empty parts dropped."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind == "sep" or (token.kind == "word" and token.text == "и"):
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


class _Cursor:
    """Reads the tokens of one part."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self, ahead: int = 0) -> Token:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else Token("end")

    def take(self) -> Token:
        token = self.peek()
        self.at += 1
        return token

    @property
    def done(self) -> bool:
        return self.at >= len(self.tokens)

    def words(self, *words: str) -> bool:
        """Consume these words in a row, or nothing."""
        for ahead, word in enumerate(words):
            token = self.peek(ahead)
            if token.kind not in ("word", "month", "ord") or token.text != word:
                return False
        self.at += len(words)
        return True

    def kind(self, kind: str) -> bool:
        if self.peek().kind != kind:
            return False
        self.at += 1
        return True

    def skip_year_words(self) -> None:
        while self.peek().kind == "word" and self.peek().text in _YEAR_WORDS:
            self.at += 1

    def optional_year(self) -> int | None:
        if self.peek().kind != "year":
            return None
        year = self.take().year
        self.skip_year_words()
        return year


def _parse_part(tokens: list[Token]) -> _Span | None:
    cursor = _Cursor(tokens)
    span = _prefixed(cursor)
    return span if span is not None and cursor.done else None


def _is_qualifier(cursor: _Cursor) -> bool:
    """The rest is a clause that narrows nothing we could read («в соответствии с планом …»)."""
    return any(cursor.words(*words) for words in _QUALIFIERS)


def _prefixed(c: _Cursor) -> _Span | None:
    """A part with its leading preposition: «в течение», «до конца», «до», «с … по», «в»."""
    if c.words("в", "течение") or c.words("на", "протяжении"):
        return _whole_year(c, _WHOLE_PERIOD_WORDS) or _span(c)
    if any(c.words(*w) for w in (("до", "конца"), ("к", "концу"), ("не", "позднее", "конца"))):
        span = _whole_year(c, frozenset({"текущего", "календарного", "года"})) or _span(c)
        return span and _Span(span.last, span.last, end_only=True)
    if any(c.words(*w) for w in _BY_DAY):
        span = _span(c)
        single = span is not None and span.first is span.last and span.first.kind == "day"
        return span if single else None
    if c.words("с") or c.words("со"):
        first = _atom(c)
        if first is None or not (c.words("по") or c.words("до") or c.kind("dash")):
            return None
        last = _atom(c)
        return _join(first, last) if last else None
    if not c.words("в"):
        c.words("во")
    return _span(c)


def _whole_year(c: _Cursor, allowed: frozenset[str]) -> _Span | None:
    """«года», «всего периода реализации проекта» …: the whole year of the document."""
    start = c.at
    while c.peek().kind == "word" and c.peek().text in allowed:
        c.at += 1
    taken = {t.text for t in c.tokens[start : c.at]}
    if taken & {"год", "года", "периода", "срока"}:
        return _Span(_Atom("year"), _Atom("year"))
    c.at = start
    return None


def _span(c: _Cursor) -> _Span | None:
    """One period, or two joined by a dash; «2023-2024 уч.г.» and «2021/2022» are school years."""
    first = _atom(c)
    if first is None:
        return None
    if first.kind == "year" and c.peek().kind in ("dash", "slash"):
        slash = c.take().kind == "slash"
        second = c.take()
        if second.kind == "num" and second.day is not None:
            second = Token("year", year=first.year // 100 * 100 + second.day)  # «2023-24»
        if second.kind != "year" or second.year is None:
            return None
        c.skip_year_words()
        if slash or _school_words(c):
            if second.year != first.year + 1:
                return None
            school = _Atom("school", year=first.year, index=5)
            return _Span(school, school)
        return _join(first, _Atom("year", year=second.year))
    if c.kind("dash"):
        last = _atom(c)
        return _join(first, last) if last else None
    if first.kind == "day" and first.month is None:
        return None
    return _Span(first, first)


def _school_words(c: _Cursor) -> bool:
    """«уч.г.», «учебный год», «учебного года»."""
    if c.peek().kind == "word" and c.peek().text.startswith("уч"):
        c.at += 1
        c.skip_year_words()
        return True
    return False


def _join(first: _Atom, last: _Atom) -> _Span | None:
    """A range; a bare day takes the month of the other end, a missing year its year."""
    if first.kind == "day" and first.month is None:
        if last.kind != "day":
            return None
        first = replace(first, month=last.month)
    if first.year is None and last.year is not None:
        first = replace(first, year=last.year)
    elif last.year is None and first.year is not None:
        last = replace(last, year=first.year)
    return _Span(first, last)


def _atom(c: _Cursor) -> _Atom | None:
    token = c.peek()
    if token.kind == "date":
        c.take()
        if token.year is not None:
            c.skip_year_words()
        return _Atom("day", token.year, token.month, token.day)
    if token.kind == "monthyear":
        c.take()
        c.skip_year_words()
        return _Atom("month", token.year, token.month)
    if token.kind == "month":
        c.take()
        return _Atom("month", c.optional_year(), token.month)
    if token.kind == "year":
        c.take()
        c.skip_year_words()
        return _Atom("year", token.year)
    if token.kind in ("num", "ord") and token.day is not None:
        return _numbered(c, token.day, numeral=token.kind == "num")
    return None


def _numbered(c: _Cursor, number: int, *, numeral: bool) -> _Atom | None:
    """A number or ordinal: «15 марта», «25-» (a day), «II квартал», «1 полугодие», «2 декада»."""
    following = c.peek(1)
    word = following.text if following.kind == "word" else ""
    if numeral and following.kind == "month":
        c.at += 2
        return _Atom("day", c.optional_year(), following.month, number)
    if word.startswith("квартал") or word == "кв":
        kind = "quarter"
    elif word.startswith("полугод"):
        kind = "half"
    elif word.startswith("декад"):
        c.at += 2
        month = c.take()
        if month.kind != "month":
            return None
        return _Atom("decade", c.optional_year(), month.month, index=number)
    elif numeral and (following.kind == "dash" or following.text in ("по", "до")):
        c.at += 1  # the first day of «25-26 февраля», «с 15 по 20 марта»
        return _Atom("day", day=number)
    else:
        return None
    c.at += 2
    return _Atom(kind, c.optional_year(), index=number)


def _fill_years(spans: list[_Span], year: int | None) -> list[DateRange]:
    """Ranges of the parts, a missing year taken from a later part, else ``year``."""
    ranges: list[DateRange] = []
    for index, span in enumerate(spans):
        if span.first.year is None or span.last.year is None:
            later = [s.explicit_year for s in spans[index + 1 :] if s.explicit_year is not None]
            fill = later[0] if later else year
            if fill is None:
                raise ValueError("no year")
            span = span.with_year(fill)
        ranges.append(span.to_range())  # ValueError when it would end before it starts
    return ranges


def recurrence_days(deadline: Deadline) -> list[dt.date]:
    """The concrete days of a RECURRING deadline within its ranges; [] for any other."""
    if deadline.kind is not DeadlineKind.RECURRING:
        return []
    days: set[dt.date] = set()
    for bounds in deadline.ranges:
        days.update(rule_days(deadline.recurrence, bounds.start, bounds.end))
    return sorted(days)
