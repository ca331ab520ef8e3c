"""Checklist templates as data: item types, which items are shown, which answers are valid.

A template is a JSON object of sections holding items; an item may carry a condition naming an
earlier item and the answer that shows it. Pure functions over that structure, no store.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from curator_desktop.domain.field_rules import FIRST_DAY, LAST_DAY, TEXT_LENGTH, shown
from curator_desktop.i18n import _

ITEM_TYPES = (
    "yes_no_partly",
    "scale",
    "number",
    "text",
    "long_text",
    "date",
    "choice",
    "multi_choice",
)
PURPOSES = ("visit", "lesson", "documents", "monitoring")
ATTACH_MODES = ("none", "optional", "required")
YES_NO_PARTLY = ("yes", "no", "partly", "na")
MAX_NUMBER = 10**12
"""The largest number answer (either sign): more digits than any count or sum a school has."""


def is_int(value: Any) -> bool:
    """A whole number (``bool`` is not one)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    """An int or float (``bool`` is not one)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def iter_items(content: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every item of a template, in order."""
    for section in content.get("sections", []):
        yield from section.get("items", [])


def item_index(content: Any) -> dict[str, Mapping[str, Any]]:
    """Item key → item of a template snapshot (empty for none, or one that is not a template)."""
    index: dict[str, Mapping[str, Any]] = {}
    sections = content.get("sections") if isinstance(content, Mapping) else None
    for section in sections if isinstance(sections, list) else ():
        items = section.get("items") if isinstance(section, Mapping) else None
        for item in items if isinstance(items, list) else ():
            if isinstance(item, Mapping) and isinstance(item.get("key"), str):
                index.setdefault(item["key"], item)
    return index


def _is_date_text(value: Any) -> bool:
    if not isinstance(value, str) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is None:
        return False
    try:
        return FIRST_DAY <= dt.date.fromisoformat(value) <= LAST_DAY
    except ValueError:
        return False


def answer_is_valid(item: Mapping[str, Any], value: Any, *, single: bool = False) -> bool:
    """Whether ``value`` can answer ``item`` (``single``: one option of a multi-choice item):
    a code, a whole number on the scale, a finite number within the item's bounds (and
    :data:`MAX_NUMBER`), a text, a real date (ISO text) in the years the app works with, one or
    several of the options."""
    kind = item["type"]
    if kind == "yes_no_partly":
        return isinstance(value, str) and value in YES_NO_PARTLY
    if kind == "scale":
        scale = item["scale"]
        return is_int(value) and scale["min"] <= value <= scale["max"]
    if kind == "number":
        low, high = item.get("min"), item.get("max")
        return (
            is_number(value)
            and math.isfinite(value)
            and abs(value) <= MAX_NUMBER
            and (low is None or value >= low)
            and (high is None or value <= high)
        )
    if kind in ("text", "long_text"):
        return isinstance(value, str) and len(value) <= TEXT_LENGTH
    if kind == "date":
        return _is_date_text(value)
    options = {option["value"] for option in item["options"]}
    if kind == "choice" or single:
        return isinstance(value, str) and value in options
    return isinstance(value, list) and all(isinstance(v, str) and v in options for v in value)


def answer_problem(items: Mapping[str, Mapping[str, Any]], item_key: Any, value: Any) -> str | None:
    """Why ``value`` cannot be stored as the answer to ``item_key`` of a checklist whose items
    are ``items`` (:func:`item_index`): no such item, or a value of the wrong kind for it (None,
    «not answered», fits every item). None when it can."""
    item = items.get(item_key) if isinstance(item_key, str) else None
    if item is None:
        return _("The checklist has no item “{key}”.").format(key=shown(item_key))
    if value is not None and not answer_is_valid(item, value):
        return _("This answer does not fit the item “{key}”.").format(key=shown(item_key))
    return None


def condition_holds(target: Mapping[str, Any], answer: Any, expected: Any) -> bool:
    """Whether ``answer`` to the ``target`` item meets a condition's ``equals`` value."""
    if target["type"] == "multi_choice":
        return isinstance(answer, list) and expected in answer
    return answer == expected


def visible_items(content: Mapping[str, Any], answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The items shown for ``answers`` (item key → value).

    An item with a condition is shown only when the item it names is shown and answered with
    ``equals`` (for a multi-choice item: when ``equals`` is among the chosen values).
    """
    shown: dict[str, dict[str, Any]] = {}
    for item in iter_items(content):
        condition = item.get("condition")
        if condition:
            target = shown.get(condition["item"])
            if target is None:
                continue
            if not condition_holds(target, answers.get(condition["item"]), condition["equals"]):
                continue
        shown[item["key"]] = item
    return list(shown.values())


def is_answered(value: Any) -> bool:
    """Whether a stored answer value counts as an answer (empty text and lists do not)."""
    return value is not None and value != "" and value != []


def missing_required(content: Mapping[str, Any], answers: Mapping[str, Any]) -> list[str]:
    """Keys of the shown required items that have no answer yet."""
    return [
        item["key"]
        for item in visible_items(content, answers)
        if item.get("required") and not is_answered(answers.get(item["key"]))
    ]


def unmet_requirements(
    content: Mapping[str, Any],
    answers: Mapping[str, Any],
    comments: Mapping[str, str],
    attached: Collection[str],
) -> list[tuple[str, str]]:
    """(item key, what is missing: "answer", "comment" or "attachment"), in template order.

    A required comment or attachment is owed by a shown, answered item, unless the answer is
    «not applicable»; ``attached`` holds the keys that have a file.
    """
    unmet: list[tuple[str, str]] = []
    for item in visible_items(content, answers):
        key, value = item["key"], answers.get(item["key"])
        if not is_answered(value):
            if item.get("required"):
                unmet.append((key, "answer"))
            continue
        if value == "na":
            continue
        if item.get("comment") == "required" and not (comments.get(key) or "").strip():
            unmet.append((key, "comment"))
        if item.get("attachments") == "required" and key not in attached:
            unmet.append((key, "attachment"))
    return unmet
