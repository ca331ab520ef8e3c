"""Every built-in checklist template, filled so that conditions hide some items and sections: a
new visit (or an observed lesson) for each, on the window's store."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from curator_desktop.domain.checklists.items import iter_items
from curator_desktop.paths import resource_dir

DAY = dt.date(2026, 11, 20)


def builtin_templates() -> list[dict[str, Any]]:
    """The contents of the shipped templates, by file name."""
    folder = resource_dir() / "checklists"
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def condition_answers(content: dict[str, Any], *, every: bool) -> dict[str, Any]:
    """Answers to the items that conditions look at. ``every``: a multi-choice item gets every
    value a condition looks for and any other item the first one; else each gets only the
    last, so that items and whole sections stay hidden and the shown numbers are not the
    template's positions."""
    wanted: dict[str, list[Any]] = {}
    for item in iter_items(content):
        condition = item.get("condition")
        if condition:
            values = wanted.setdefault(condition["item"], [])
            if condition["equals"] not in values:
                values.append(condition["equals"])
    kinds = {item["key"]: item["type"] for item in iter_items(content)}
    answers: dict[str, Any] = {}
    for key, values in wanted.items():
        if kinds[key] == "multi_choice":
            answers[key] = values if every else values[-1:]
        else:
            answers[key] = values[0] if every else values[-1]
    return answers


def new_visit(context: Any, content: dict[str, Any], answers: dict[str, Any]) -> tuple[str, str]:
    """A new visit with ``content``'s checklist (or, for a lesson sheet, a visit with one
    observed lesson) answered with ``answers``: (visit id, lesson id or "")."""
    school_id = context.schools.choices()[0][0]
    service = context.visit_service
    lesson = content["purpose"] == "lesson"
    key = None if lesson else content["id"]
    visit_id = service.create_visit(school_id, "planned", DAY, template_key=key)
    lesson_id = ""
    if lesson:
        lesson_id = service.add_lesson(visit_id, teacher="Иванова А. П.", subject="Математика")
    for item_key, value in answers.items():
        service.set_answer(visit_id, item_key, value, lesson_id=lesson_id or None)
    return visit_id, lesson_id
