"""Russian calendar words for the deadline parser, from babel's Russian locale data; tokens.

Months. babel gives the nominative (stand-alone wide: «январь»), the genitive (format wide:
«января») and abbreviations («янв.», «февр.», «сент.», stand-alone «март», «июнь»). The other
cases are derived from the genitive: drop its last letter to get the stem (января → январ,
марта → март, мая → ма). A genitive in «-я» marks a soft stem (январь, май, июнь …), which
takes prepositional «-е» (январе, мае), dative «-ю» (январю) and instrumental «-ем»/«-ём»
(январём, маем); a genitive in «-а» marks a hard stem (март, август): «-е» (марте), «-у»
(марту), «-ом» (мартом). Abbreviations match with or without their dot, and the first three
letters of every nominative are accepted too («фев», «сен», «ноя»).

Weekdays. babel's format wide names are nominative («среда», «вторник», «воскресенье»). By
their ending: feminine «-а» → accusative «-у», genitive «-ы», dative plural «-ам» (среду, среды,
по средам); masculine (consonant) → accusative as nominative, genitive «-а», dative plural
«-ам» (вторника, по вторникам); neuter «-е» → genitive «-я», dative plural «-ям»
(воскресенья, по воскресеньям).

All forms are compared after :func:`fold` (lower case, «ё» → «е»), so «январём» and «январем»
are one form. Also here: frequency phrases → recurrence rules (:func:`pull_frequency`) and the
days a rule falls on (:func:`rule_days`), and the tokenizer of deadline cells (:func:`tokenize`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # babel's 0 = Monday

_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u200b]+")
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043]")
_QUOTES = re.compile(r"[«»\"“”„]")


def fold(text: str) -> str:
    """Lower-case, «ё» → «е»: the form every word is compared in."""
    return text.casefold().replace("ё", "е")


def normalize(text: str) -> str:
    """Folded text with every dash as «-», every space as one « », quotes and end dots dropped."""
    text = _DASHES.sub("-", fold(text))
    text = _QUOTES.sub("", text)
    return _SPACES.sub(" ", text).strip(" .,;:")


def _russian_locale():  # -> babel.Locale
    from babel import Locale

    return Locale("ru")


@cache
def month_forms() -> dict[str, int]:
    """Every recognised form of a month name (folded, without dots) → month number 1–12."""
    months = _russian_locale().months
    forms: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in months[context][width].items():
                forms[fold(name).rstrip(".")] = number
    for number, genitive in months["format"]["wide"].items():
        genitive = fold(genitive)
        stem = genitive[:-1]
        endings = ("е", "ю", "ем") if genitive.endswith("я") else ("е", "у", "ом")
        for ending in endings:
            forms[stem + ending] = number
    for number, nominative in months["stand-alone"]["wide"].items():
        forms.setdefault(fold(nominative)[:3], number)
    return forms


@cache
def weekday_forms() -> dict[str, int]:
    """Singular forms of weekday names (folded) → babel's index (0 = Monday)."""
    forms: dict[str, int] = {}
    for index, name in _russian_locale().days["format"]["wide"].items():
        name = fold(name)
        forms[name] = index
        if name.endswith("а"):
            forms[name[:-1] + "у"] = index
            forms[name[:-1] + "ы"] = index
        elif name.endswith("е"):
            forms[name[:-1] + "я"] = index
        else:
            forms[name + "а"] = index
    return forms


@cache
def weekday_plural_forms() -> dict[str, int]:
    """Dative plural of weekday names, as in «по средам» (folded) → babel's index."""
    forms: dict[str, int] = {}
    for index, name in _russian_locale().days["format"]["wide"].items():
        name = fold(name)
        if name.endswith("а"):
            forms[name[:-1] + "ам"] = index
        elif name.endswith("е"):
            forms[name[:-1] + "ям"] = index
        else:
            forms[name + "ам"] = index
    return forms


_ORDINAL_STEMS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "последн": -1}
_ORDINAL_ENDINGS = re.compile(
    r"(?:ый|ий|ой|ая|яя|ое|ее|ую|юю|ого|его|ом|ем|ей|ых|их|ья|ье|ью|ьего|ьей)"
)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def ordinal_word(word: str) -> int | None:
    """«первое», «второй», «третьей», «последнюю» → 1, 2, 3, -1; None for any other word."""
    for stem, value in _ORDINAL_STEMS.items():
        if word.startswith(stem) and _ORDINAL_ENDINGS.fullmatch(word[len(stem) :]):
            return value
    return None


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the given words, longest first (so «среду» beats «сред»)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ORDINAL = r"(?:\d(?:-?[а-я]{1,2})?|[а-я]+)"
_SPECIFIC: tuple[str, ...] = (
    # «2 и 4 среда каждого месяца», «последняя пятница месяца»
    rf"(?:кажд(?:ый|ую|ое|ая)\s+)?(?P<ords>{_ORDINAL}(?:\s*(?:,|\sи)\s*{_ORDINAL})*)\s+(?P<wd>{{wd}})"
    r"\s+(?:каждого\s+месяца|ежемесячно|месяца)",
    # «до 5 числа каждого месяца», «ежемесячно до 5-го числа»
    r"(?:до\s+)?(?P<day>\d{1,2})(?:-?го)?\s+числа\s+(?:каждого\s+месяца|ежемесячно)",
    r"ежемесячно,?\s+(?:до\s+)?(?P<day2>\d{1,2})(?:-?го)?\s+числа",
    # «по средам», «еженедельно по средам», «каждую среду», «еженедельно в среду»
    r"(?:еженедельно\s+)?по\s+(?P<wdp>{wdp})",
    r"(?:еженедельно,?\s+(?:в|во)\s+|кажд(?:ый|ую|ое)\s+)(?P<wd2>{wd})",
)
_PLAIN = {
    "monthly": r"ежемесячно|каждый\s+месяц|(?:1\s+|один\s+)?раз\s+в\s+месяц",
    "quarterly": r"ежеквартально|каждый\s+квартал|(?:1\s+|один\s+)?раз\s+в\s+квартал",
    "weekly": r"еженедельно|каждую\s+неделю|(?:1\s+|один\s+)?раз\s+в\s+неделю",
    "daily": r"ежедневно|каждый\s+день",
}


@cache
def _frequency_patterns() -> tuple[re.Pattern[str], ...]:
    wd, wdp = alternation(weekday_forms()), alternation(weekday_plural_forms())
    specific = [p.replace("{wd}", wd).replace("{wdp}", wdp) for p in _SPECIFIC]
    specific += [f"(?P<{name}>{p})" for name, p in _PLAIN.items()]
    return tuple(re.compile(rf"(?<![а-я\d])(?:{p})(?![а-я])") for p in specific)


def pull_frequency(norm: str) -> tuple[str | None, str]:
    """Find one frequency phrase in normalized text: (rule, the text without it).

    The rule is «» when there is none and None when it is doubtful (two frequencies, an ordinal
    that is not one, a day of the month past 31).
    """
    for pattern in _frequency_patterns():
        match = pattern.search(norm)
        if match is None:
            continue
        rest = normalize(norm[: match.start()] + " " + norm[match.end() :])
        rule = _rule(match)
        again, _ = pull_frequency(rest)
        if rule is None or again != "":
            return None, norm
        return rule, rest
    return "", norm


def _rule(match: re.Match[str]) -> str | None:
    found = {k: v for k, v in match.groupdict().items() if v}
    if "ords" in found:
        numbers = [_ordinal(o) for o in re.split(r"\s*(?:,|\sи)\s*", found["ords"])]
        if None in numbers or len(set(numbers)) != len(numbers):
            return None
        code = WEEKDAY_CODES[weekday_forms()[found["wd"]]]
        return f"monthly:{code}:" + ",".join(str(n) for n in numbers)
    if "day" in found or "day2" in found:
        day = int(found.get("day") or found["day2"])
        return f"monthly:day:{day}" if 1 <= day <= 31 else None
    if "wdp" in found:
        return f"weekly:{WEEKDAY_CODES[weekday_plural_forms()[found['wdp']]]}"
    if "wd2" in found:
        return f"weekly:{WEEKDAY_CODES[weekday_forms()[found['wd2']]]}"
    return next(iter(found))


def _ordinal(text: str) -> int | None:
    digits = re.match(r"\d", text)
    if digits:
        return int(digits.group()) if 1 <= int(digits.group()) <= 5 else None
    return ordinal_word(text)


_TOKEN = re.compile(
    r"(?P<date>(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})\.(?P<y1>\d{4}|\d{2})(?!\d))"
    r"|(?P<monthyear>(?P<m2>\d{1,2})\.(?P<y2>\d{4})(?!\d))"
    r"|(?P<daymonth>(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})(?!\d))"
    r"|(?P<dashdate>(?P<d4>\d{1,2})-(?P<m4>\d{1,2})(?=-\d))"  # «15-02-20.02»
    r"|(?P<year>\d{4})(?!\d)"
    r"|(?P<num>\d{1,2})(?:-?(?:й|я|е|ю|го|ой|ый|ий|ая|ое|ую))?(?!\d)"
    r"|(?P<word>[a-zа-я]+)\.?"
    r"|(?P<dash>-)|(?P<slash>/)|(?P<sep>[,;])|(?P<space>\s+)|(?P<other>.)"
)


@dataclass(frozen=True)
class Token:
    """A word, number, date or sign of a deadline cell."""

    kind: str  # date, monthyear, year, num, ord, month, word, dash, slash, sep, other
    text: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None


def tokenize(norm: str) -> list[Token]:
    """Normalized text → tokens; spaces dropped.

    Kinds: date («25.01.2021», «15.02», the «15-02» of «15-02-20.02»), monthyear («02.2021»),
    year, num («1-й» → 1), month, ord («II», «первое», «последняя»), word, dash, slash, sep, other.
    """
    tokens: list[Token] = []
    for match in _TOKEN.finditer(norm):
        kind = match.lastgroup or "other"
        text = match.group()
        if match.group("date"):
            y = int(match.group("y1"))
            y = y + 2000 if y < 100 else y
            tokens.append(Token("date", text, int(match.group("d1")), int(match.group("m1")), y))
        elif match.group("monthyear"):
            tokens.append(
                Token("monthyear", text, None, int(match.group("m2")), int(match.group("y2")))
            )
        elif match.group("daymonth"):
            tokens.append(Token("date", text, int(match.group("d3")), int(match.group("m3"))))
        elif match.group("dashdate"):
            tokens.append(Token("date", text, int(match.group("d4")), int(match.group("m4"))))
        elif match.group("year"):
            tokens.append(Token("year", text, year=int(text)))
        elif match.group("num"):
            tokens.append(Token("num", text, day=int(match.group("num"))))
        elif match.group("word"):
            tokens.append(_word_token(match.group("word")))
        elif kind != "space":
            tokens.append(Token(kind, text))
    return tokens


def _word_token(word: str) -> Token:
    if word in month_forms():
        return Token("month", word, month=month_forms()[word])
    number = ROMAN.get(word) or ordinal_word(word)
    if number:
        return Token("ord", word, day=number)
    return Token("word", word)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month; ValueError for a month outside 1–12."""
    last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
    return dt.date(year, month, 1), dt.date(year, month, last)


def rule_days(rule: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days from ``start`` to ``end`` a recurrence rule (see :func:`pull_frequency`) falls on.

    ``daily``: every day; ``weekly:wed``: each Wednesday; ``monthly:wed:2,4``: the 2nd and 4th
    Wednesday of each month (-1: the last); ``monthly:day:15``: the 15th (or the month's last day
    when shorter). ``weekly``/``monthly``/``quarterly`` alone: the last day of each period, and
    ``end`` when the last period is cut short. An unknown rule gives [].
    """
    every = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    match rule.split(":"):
        case ["daily"]:
            return every
        case ["weekly", code] if code in WEEKDAY_CODES:
            return [d for d in every if d.weekday() == WEEKDAY_CODES.index(code)]
        case ["weekly"]:
            return [d for d in every if d.weekday() == 6 or d == end]
        case ["monthly" | "quarterly" as period]:
            step = 1 if period == "monthly" else 3
            ends = [
                d for d in every if d.month % step == 0 and d == month_bounds(d.year, d.month)[1]
            ]
            return ends + ([end] if end not in ends else [])
        case ["monthly", "day", number] if number.isdigit():
            wanted = int(number)
            return [d for d in every if d.day == min(wanted, month_bounds(d.year, d.month)[1].day)]
        case ["monthly", code, numbers] if code in WEEKDAY_CODES:
            weekday = WEEKDAY_CODES.index(code)
            wanted = _ints(numbers)
            return [d for d in every if d.weekday() == weekday and _nth(d) & wanted]
    return []


def _nth(day: dt.date) -> set[int]:
    """Which occurrence of its weekday in the month this day is: {2} or {4, -1} (the last)."""
    last = month_bounds(day.year, day.month)[1].day
    return {(day.day - 1) // 7 + 1} | ({-1} if day.day + 7 > last else set())


def _ints(numbers: str) -> set[int]:
    return {int(n) for n in numbers.split(",") if n.lstrip("-").isdigit()}


_ACTIVITY_FREQUENCIES = (
    ("weekly", re.compile(r"(?<![а-я])еженедельн")),
    ("monthly", re.compile(r"(?<![а-я])ежемесячн")),
    ("quarterly", re.compile(r"(?<![а-я])ежеквартальн")),
    ("daily", re.compile(r"(?<![а-я])ежедневн")),
)


def activity_frequency(text: str) -> str:
    """The frequency an activity names by its adjective («Участие в еженедельных вебинарах» →
    ``weekly``); "" for none or for more than one."""
    folded = fold(text)
    found = [rule for rule, pattern in _ACTIVITY_FREQUENCIES if pattern.search(folded)]
    return found[0] if len(found) == 1 else ""
