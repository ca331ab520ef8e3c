"""Checklist answers as text: what a stored value looks like to the curator (no store, no Qt).

Template texts are ``{"ru": ..., "en": ...}`` objects; :func:`localized` picks the current
language. :func:`answer_text` turns a stored value into the words shown in comparisons and
reports: translated yes/no/partly/n.a., a scale point's label (its words, not «2 — label»: the
points are a template's business, summed where it defines a scale), option labels for choices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.checklists.items import is_answered, is_number
from curator_desktop.i18n import NP_, current_language, format_date, format_number, pgettext

NO_ANSWER = "—"
"""What an unanswered item shows."""

_YES_NO_PARTLY = {
    "yes": NP_("checklist answer", "Yes"),
    "no": NP_("checklist answer", "No"),
    "partly": NP_("checklist answer", "Partly"),
    "na": NP_("checklist answer", "N/A"),
}


def localized(texts: Any, *, lang: str | None = None) -> str:
    """The text of a template's translated object in ``lang`` (default: the current language).

    Falls back to Russian, then to any text; a plain string is returned as is.
    """
    if isinstance(texts, str):
        return texts
    if not isinstance(texts, Mapping) or not texts:
        return ""
    lang = lang or current_language()
    for key in (lang, "ru", "en"):
        value = texts.get(key)
        if isinstance(value, str) and value:
            return value
    return str(next(iter(texts.values())))


def yes_no_partly_label(value: str) -> str:
    """«Yes», «No», «Partly», «N/A» in the current language (unknown codes as they are)."""
    label = _YES_NO_PARTLY.get(value)
    return pgettext(*label) if label else value


def _option_label(item: Mapping[str, Any], value: Any) -> str:
    for option in item.get("options", []):
        if option.get("value") == value:
            return localized(option.get("label")) or str(value)
    return str(value)


def _scale_text(item: Mapping[str, Any], value: Any) -> str:
    """A scale point's words («улучшение»); the number only for a point without a label."""
    labels = (item.get("scale") or {}).get("labels") or {}
    return localized(labels.get(str(value))) or str(value)


def _date_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    try:
        return format_date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def answer_text(item: Mapping[str, Any], value: Any) -> str:
    """The stored ``value`` of ``item`` as the curator reads it; «—» when not answered."""
    if not is_answered(value):
        return NO_ANSWER
    kind = item.get("type")
    if kind == "yes_no_partly":
        return yes_no_partly_label(str(value))
    if kind == "scale":
        return _scale_text(item, value)
    if kind == "number" and is_number(value):
        return format_number(value)
    if kind == "date":
        return _date_text(value)
    if kind == "choice":
        return _option_label(item, value)
    if kind == "multi_choice":
        values = value if isinstance(value, list) else [value]
        return ", ".join(_option_label(item, v) for v in values)
    return str(value)


def same_answer(first: Any, second: Any) -> bool:
    """Whether two stored values are the same answer (unanswered alike, choice order aside)."""
    if not is_answered(first) or not is_answered(second):
        return is_answered(first) == is_answered(second)
    if isinstance(first, list) and isinstance(second, list):
        return sorted(map(str, first)) == sorted(map(str, second))
    return bool(first == second)
