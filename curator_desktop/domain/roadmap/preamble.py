"""The document a roadmap table comes from, read off the text printed before the table.

The letterhead names the issuer («КОМИТЕТ ОБЩЕГО И ПРОФЕССИОНАЛЬНОГО ОБРАЗОВАНИЯ ЛЕНИНГРАДСКОЙ
ОБЛАСТИ»), the first short line with «№» the order number and, on it or just above, its date
(«31» марта 2021 года, « 17 » август 20 21 г., 01.02.2021). The title is the last line before the
table that starts like one («План-график …», «Дорожная карта …», with its wrapped continuation),
else the last paragraph naming a plan; the programme year is taken from the title, else from the
order's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

_MONTH_STEMS = (
    ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("ма", 5), ("июн", 6),
    ("июл", 7), ("авг", 8), ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12),
)  # fmt: skip
_YEAR = r"((?:19|20)\s?\d{2})"
_DATE_PATTERNS = (
    re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    re.compile(r"«?\s*(\d{1,2})\s*»?\s+([а-яё]{3,})\s+" + _YEAR + r"(?!\d)", re.I),
    re.compile(r"«\s*(\d{1,2})\s*»\s*(\d{1,2})\s+" + _YEAR + r"(?!\d)"),
)
_NUMBER = re.compile(r"№\s*(.+?)\s*(?:\s(?:от|г\.)\s.*)?$")
_SPACED_HYPHEN = re.compile(r"\s*([-–/])\s*")
_DOCUMENT_KINDS = re.compile(
    r"^(?:р\s?а\s?с\s?п\s?о\s?р\s?я\s?ж\s?е\s?н\s?и\s?е|п\s?р\s?и\s?к\s?а\s?з|поручение|"
    r"постановление|решение|письмо)\b",
    re.I,
)
_ORGANS = (
    "комитет", "департамент", "министерство", "управление", "администрация", "отдел",
    "правительство", "мэрия", "комиссия", "главное управление", "агентство", "служба",
)  # fmt: skip
_PLAN_WORDS = re.compile(r"план|график|дорожн\w*\s+карт|мероприяти", re.I)
_TITLE_START = re.compile(
    r"^(?:план\b|план\W+график|дорожн\w*\s+карт|комплекс\w*\s+мер|перечень\s+мер|график\b)", re.I
)
_APPENDIX_PREFIX = re.compile(r"^[Пп]риложение(?:\s+№?\s*\d+)?[.:]?\s+(?=[А-ЯЁ])")
_CONTINUES = re.compile(r"^[a-zа-яё«(\"]")
_SKIPPED_TITLE = re.compile(r"^(?:\d|[-–•]|в соответствии|на основании|цель|приложение)", re.I)
_MAX_TITLE = 400
_LETTERHEAD_LINES = 25
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_NAMED_AFTER = re.compile(r"^(?:област|район|кра[йяюе]\b|краем|округ|федераци)")
_NAMED_BEFORE = re.compile(r"^(?:республик|город|г\.$)")
_CAPITALISED = re.compile(r"^(?:республик|федераци)")
_CITIES = ("москв", "санкт-петербург", "севастопол")


def _lines(text_lines: Sequence[str]) -> list[str]:
    return [" ".join(line.replace("**", "").split()) for line in text_lines]


def paragraphs(text_lines: Sequence[str]) -> list[str]:
    """Consecutive non-empty lines joined: a paragraph wrapped over several lines is one."""
    result: list[str] = []
    current: list[str] = []
    for line in [*_lines(text_lines), ""]:
        if line:
            current.append(line)
        elif current:
            result.append(" ".join(current))
            current = []
    return result


def tidy_case(text: str) -> str:
    """An ALL-CAPS heading in ordinary case, keeping place names capitalised: «ЛЕНИНГРАДСКОЙ
    ОБЛАСТИ» → «Ленинградской области», «РЕСПУБЛИКИ ДАГЕСТАН» → «Республики Дагестан»."""
    if any(char.islower() for char in text):
        return text
    words = text.lower().split()
    capital = [index == 0 or word.startswith(_CITIES) for index, word in enumerate(words)]
    for index, word in enumerate(words):
        if _NAMED_AFTER.match(word):  # the adjective before: «Смоленской области»
            capital[index - 1 if index else 0] = True
        if _NAMED_BEFORE.match(word) and index + 1 < len(words):  # «города Волгограда»
            capital[index + 1] = True
        if _CAPITALISED.match(word):  # «Республики Дагестан», «Российской Федерации»
            capital[index] = True
    return " ".join(
        "-".join(part[:1].upper() + part[1:] for part in word.split("-")) if up else word
        for word, up in zip(words, capital, strict=True)
    )


def find_issuer(text_lines: Sequence[str]) -> str:
    """The authority in the letterhead: the last organ's name before the document's kind."""
    lines = _lines(text_lines)
    head: list[str] = []
    for line in lines[:_LETTERHEAD_LINES]:
        if (
            _DOCUMENT_KINDS.match(line)
            or "№" in line
            or any(p.search(line) for p in _DATE_PATTERNS)
        ):
            break
        head.append(line)
    start = None
    for index, line in enumerate(head):
        if line.casefold().startswith(_ORGANS):
            start = index
    if start is None:
        return ""
    parts = [head[start]]
    capitals = head[start].isupper()
    for line in head[start + 1 :]:
        if not line or any(char.isdigit() for char in line) or line.isupper() != capitals:
            break
        parts.append(line)
    return tidy_case(" ".join(parts))


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text``, or None."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            day, month_text, year_text = match.groups()
            month = _month(month_text)
            year = int(year_text.replace(" ", ""))
            if month is None:
                continue
            try:
                return dt.date(year, month, int(day))
            except ValueError:
                continue
    return None


def _month(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    folded = text.casefold()
    if folded in ("мая", "май", "мае", "маю", "маем"):
        return 5
    for stem, month in _MONTH_STEMS:
        if stem != "ма" and folded.startswith(stem):
            return month
    return None


def find_order(text_lines: Sequence[str]) -> tuple[str, dt.date | None]:
    """The order's number and date: the first short line with «№», the date on it or above."""
    lines = [line for line in _lines(text_lines) if line]
    for index, line in enumerate(lines):
        if "№" not in line or len(line) > 80:
            continue
        match = _NUMBER.search(line)
        number = _SPACED_HYPHEN.sub(r"\1", match.group(1)).strip(" .,") if match else ""
        if not number or not any(char.isalnum() for char in number):
            continue
        before = line.split("№", 1)[0]
        nearby = [before, *reversed(lines[max(0, index - 3) : index]), line.split("№", 1)[1]]
        date = next((found for text in nearby if (found := parse_date(text))), None)
        return number, date
    return "", None


def find_title(text_lines: Sequence[str]) -> str:
    """The roadmap's title: the last line before the table that starts like one («План-график …»,
    with its wrapped lowercase continuation), else the last paragraph that names a plan."""
    lines = _lines(text_lines)
    for index in range(len(lines) - 1, -1, -1):
        line = _APPENDIX_PREFIX.sub("", lines[index])
        if _TITLE_START.match(line) and len(line) <= _MAX_TITLE:
            parts = [line]
            for following in lines[index + 1 :]:
                if not following or not _CONTINUES.match(following):
                    break
                parts.append(following)
            return tidy_case(" ".join(parts))
    found = [
        text
        for text in paragraphs(text_lines)
        if _PLAN_WORDS.search(text) and not _SKIPPED_TITLE.match(text) and len(text) <= _MAX_TITLE
    ]
    return tidy_case(found[-1]) if found else ""


def years_in(text: str) -> list[int]:
    """Every four-digit year of this century written in ``text``."""
    return [int(year) for year in _YEAR_IN_TEXT.findall(text)]


def find_year(title: str, order_date: dt.date | None) -> int | None:
    """The programme year: the first year in the title, else the order's year."""
    match = _YEAR_IN_TEXT.search(title)
    if match:
        return int(match.group(1))
    return order_date.year if order_date else None
