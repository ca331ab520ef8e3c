"""Recognising a roadmap table's columns by their header wording, whatever the order.

Headers are matched by normalized stems («Сроки», «Срок», «Дата реализации», «Сроки исполнения»
are all the deadline), so a new wording of a known column is still found. Cells are cleaned
first: HTML fragments and markdown bold stripped, entities decoded, whitespace folded.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What a column of the roadmap's table holds."""

    NUMBER = "number"
    TITLE = "title"
    DESCRIPTION = "description"
    DEADLINE = "deadline"
    RESPONSIBLE = "responsible"
    INDICATOR = "indicator"
    CONTROL = "control"


# Checked in this order: the first role whose stem occurs in the header wins.
_STEMS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.CONTROL, ("контрол", "отчетност")),
    (Role.DEADLINE, ("срок", "дата", "период", "когда", "время проведен")),
    (Role.RESPONSIBLE, ("ответствен", "исполнител")),
    (Role.TITLE, ("мероприят", "наименован", "действи", "содержан", "событи")),
    (Role.INDICATOR, ("показател", "результат", "индикатор")),
    (Role.DESCRIPTION, ("описан", "комментар", "примечан", "пояснен")),
)
_NUMBER_HEADERS = frozenset({"№", "n", "no", "#", "номер", "№ п п", "п п", "n п п", "№ пп", "пп"})
_MAX_HEADER_CHARS = 80

_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")
_BREAKING_TAGS = frozenset({"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "hr"})
_BOLD = re.compile(r"\*\*")
_NOT_WORD = re.compile(r"[^\w№#]+")
_DASHES_ONLY = re.compile(r"[-–—_=|.\s]*")
ITEM_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]?")
"""An item number as printed: «1», «1.», «2.3», «2.1.4», «3)»."""


def clean_cell(text: object) -> str:
    """A cell as plain text: HTML tags and ``**`` removed, entities decoded, spaces folded."""
    if text is None:
        return ""
    value = str(text)
    if "<" in value:
        value = _TAG.sub(lambda tag: " " if tag.group(1).lower() in _BREAKING_TAGS else "", value)
    if "&" in value:
        value = html.unescape(value)
    value = _BOLD.sub("", value)
    return " ".join(value.split())


def is_blank(cells: Sequence[str]) -> bool:
    """True for a row with nothing but separators (``-- | ---``) or empty cells."""
    return all(_DASHES_ONLY.fullmatch(cell) for cell in cells)


def header_key(text: str) -> str:
    """A header's wording folded for matching: lower case, «ё» → «е», punctuation dropped."""
    folded = text.casefold().replace("ё", "е")
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def role_of_header(text: str) -> Role | None:
    """The role a header cell names, or None when its wording is not known."""
    key = header_key(text)
    if not key:
        return None
    if key in _NUMBER_HEADERS or key.startswith(("№", "номер п")):
        return Role.NUMBER
    if key.startswith("форм"):  # «Форма отчётности» is control; other «Форма …» an indicator
        return Role.CONTROL if "контрол" in key or "отчет" in key else Role.INDICATOR
    for role, stems in _STEMS:
        if any(stem in key for stem in stems):
            return role
    return None


@dataclass(frozen=True)
class ColumnMap:
    """The header row of a roadmap table and the role of each of its columns."""

    headers: tuple[str, ...]
    roles: tuple[Role | None, ...]

    @property
    def width(self) -> int:
        return len(self.roles)

    def columns(self, role: Role) -> tuple[int, ...]:
        """Indexes of the columns holding ``role``, left to right."""
        return tuple(index for index, found in enumerate(self.roles) if found is role)

    def first(self, role: Role) -> int | None:
        found = self.columns(role)
        return found[0] if found else None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(header_key(header) for header in self.headers)


def recognise_header(cells: Sequence[str]) -> ColumnMap | None:
    """The column map when ``cells`` is a roadmap header row (an activity and a deadline column).

    A second activity column («Мероприятия» next to «Содержание») becomes the description; when
    only a description column is found («Описание»), it is taken as the activity.
    """
    texts = tuple(clean_cell(cell) for cell in cells)
    if any(len(text) > _MAX_HEADER_CHARS for text in texts):
        return None
    roles: list[Role | None] = [role_of_header(text) for text in texts]
    titles = [index for index, role in enumerate(roles) if role is Role.TITLE]
    for index in titles[1:]:
        roles[index] = Role.DESCRIPTION
    if not titles:
        descriptions = [index for index, role in enumerate(roles) if role is Role.DESCRIPTION]
        if not descriptions:
            return None
        roles[descriptions[0]] = Role.TITLE
    if Role.DEADLINE not in roles:
        return None
    if Role.NUMBER not in roles and roles[0] is None and not texts[0]:
        roles[0] = Role.NUMBER  # an unlabelled first column: the numbers, if any
    return ColumnMap(headers=texts, roles=tuple(roles))


def is_header_repeat(cells: Sequence[str], header: ColumnMap) -> bool:
    """True for the header row printed again after a page break (or any other header row)."""
    keys = [header_key(clean_cell(cell)) for cell in cells]
    filled = [key for key in keys if key]
    if filled and filled == [key for key in header.keys if key]:
        return True
    return recognise_header(cells) is not None


def is_column_numbering(cells: Sequence[str]) -> bool:
    """True for the row «1 | 2 | 3 | 4 | 5» that numbers the columns under a header."""
    texts = [clean_cell(cell) for cell in cells]
    filled = [(index, text) for index, text in enumerate(texts) if text]
    if len(filled) < 3:
        return False
    return all(text.rstrip(".") == str(index + 1) for index, text in filled)
