"""Which roadmap items concern the curator, and why.

An item concerns the curator when its responsible names кураторы in any word form (куратор,
кураторам, кураторской… — never «координатор»), when it is one of the curator's own steps
(посещение / выезд, верификация, отчёт куратора, подтверждающие документы, мониторинг позитивных
изменений), or when its activity, description or indicator names кураторы. The reason is a short
phrase in the user's language shown next to the mark; the curator can toggle the mark anyway.
"""

from __future__ import annotations

import re

from curator_desktop.domain.roadmap.document import RoadmapItem
from curator_desktop.i18n import N_, _

_CURATOR = re.compile(r"(?<![а-яё])куратор[а-яё]*", re.I)

# The curator's own steps, each with the words that name it in any form; checked in this order.
_STEPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (N_("curator's report"), re.compile(r"(?<![а-яё])отч[её]т\w*\s+(?:\w+\s+)?куратор", re.I)),
    (N_("verification"), re.compile(r"(?<![а-яё])верифи[кц]", re.I)),
    (N_("visit"), re.compile(r"(?<![а-яё])(?:посещ[ае]|посет|выезд|выезж)", re.I)),
    (N_("confirmation documents"), re.compile(r"подтвержда\w*\s+документ", re.I)),
    (N_("monitoring of positive change"), re.compile(r"позитивн\w*\s+изменени", re.I)),
)


def curator_reason(item: RoadmapItem) -> str:
    """Why ``item`` concerns the curator («ответственные: кураторы», «шаг куратора: посещение»
    in Russian), or "" when it does not."""
    if _CURATOR.search(item.responsible):
        return _("responsible: curators")
    text = " ".join((item.title, item.description, item.indicator, item.control))
    for step, pattern in _STEPS:
        if pattern.search(text):
            return _("curator's step: {step}").format(step=_(step))
    for label, value in (
        (N_("activity"), item.title),
        (N_("description"), item.description),
        (N_("indicators"), item.indicator),
        (N_("control"), item.control),
    ):
        if _CURATOR.search(value):
            return _("{field}: curators").format(field=_(label))
    return ""
