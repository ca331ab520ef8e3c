"""Checklist templates as data: item types, which items are shown, which answers are valid.

A template is a JSON object of sections holding items; an item may carry a condition naming an
earlier item and the answer that shows it. Pure functions over that structure, no store.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any

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


def answer_is_valid(item: Mapping[str, Any], value: Any, *, single: bool = False) -> bool:
    """Whether ``value`` can answer ``item`` (``single``: one option of a multi-choice item)."""
    kind = item["type"]
    if kind == "yes_no_partly":
        return value in YES_NO_PARTLY
    if kind == "scale":
        scale = item["scale"]
        return is_int(value) and scale["min"] <= value <= scale["max"]
    if kind == "number":
        low, high = item.get("min"), item.get("max")
        return (
            is_number(value) and (low is None or value >= low) and (high is None or value <= high)
        )
    if kind in ("text", "long_text"):
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    options = {option["value"] for option in item["options"]}
    if kind == "choice" or single:
        return value in options
    return isinstance(value, list) and all(v in options for v in value)


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
