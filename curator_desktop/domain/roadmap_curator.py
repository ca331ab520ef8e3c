"""Which roadmap items concern the curator, and why.

An item concerns the curator when its responsible names кураторы in any word form (куратор,
кураторам, кураторской… — never «координатор»), when it is one of the curator's own steps
(посещение / выезд, верификация, отчёт куратора, подтверждающие документы, мониторинг позитивных
изменений), or when its activity, description or indicator names кураторы. The reason is a short
Russian phrase shown next to the mark; the curator can toggle the mark anyway.
"""

from __future__ import annotations

import re

from curator_desktop.domain.roadmap import RoadmapItem

_CURATOR = re.compile(r"(?<![а-яё])куратор[а-яё]*", re.I)

# The curator's own steps, each with the words that name it in any form; checked in this order.
_STEPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("отчёт куратора", re.compile(r"(?<![а-яё])отч[её]т\w*\s+(?:\w+\s+)?куратор", re.I)),
    ("верификация", re.compile(r"(?<![а-яё])верифи[кц]", re.I)),
    ("посещение", re.compile(r"(?<![а-яё])(?:посещ[ае]|посет|выезд|выезж)", re.I)),
    ("подтверждающие документы", re.compile(r"подтвержда\w*\s+документ", re.I)),
    ("мониторинг позитивных изменений", re.compile(r"позитивн\w*\s+изменени", re.I)),
)


def curator_reason(item: RoadmapItem) -> str:
    """Why ``item`` concerns the curator («ответственные: кураторы», «шаг куратора: посещение»),
    or "" when it does not."""
    if _CURATOR.search(item.responsible):
        return "ответственные: кураторы"
    text = " ".join((item.title, item.description, item.indicator, item.control))
    for step, pattern in _STEPS:
        if pattern.search(text):
            return f"шаг куратора: {step}"
    for label, value in (
        ("мероприятие", item.title),
        ("описание", item.description),
        ("показатели", item.indicator),
        ("контроль", item.control),
    ):
        if _CURATOR.search(value):
            return f"{label}: кураторы"
    return ""
