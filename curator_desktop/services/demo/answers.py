"""Demo checklist answers: plausible values and comments for the items a visit shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.checklists.items import condition_holds, iter_items
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.store.tables import ChecklistAnswer, Visit

YES_NO_WEIGHTS = {"yes": 68, "partly": 20, "no": 9, "na": 3}
SCALE_WEIGHTS = (10, 40, 50)


def _value(
    ctx: DemoContext, item: Mapping[str, Any], when: dt.date, fill: Mapping[str, str]
) -> Any:
    rng, key, kind, seeds = ctx.rng, item["key"], item["type"], ctx.seeds.answers
    if kind == "yes_no_partly":
        weights = dict(YES_NO_WEIGHTS)
        if key not in seeds.na_allowed:
            weights.pop("na")
        return rng.choices(list(weights), weights=list(weights.values()))[0]
    if kind == "scale":
        low, high = item["scale"]["min"], item["scale"]["max"]
        values = list(range(low, high + 1))
        weights = list(SCALE_WEIGHTS[-len(values) :]) if len(values) <= 3 else None
        return rng.choices(values, weights=weights)[0]
    if kind == "number":
        default = (item.get("min", 0), min(item.get("max", 10), 10))
        low, high = seeds.number_ranges.get(key, default)
        return rng.randint(low, high)
    if kind in ("text", "long_text"):
        return rng.choice(seeds.text_answers.get(key, seeds.generic_text)).format(**fill)
    if kind == "date":
        low, high = seeds.date_offsets.get(key, (0, 0))
        return (when + dt.timedelta(days=rng.randint(low, high))).isoformat()
    values = [option["value"] for option in item["options"]]
    if kind == "choice":
        return rng.choices(values, weights=[3 ** (len(values) - i) for i in range(len(values))])[0]
    picked = rng.sample(values, rng.randint(1, max(1, len(values) - 1)))
    return [value for value in values if value in picked]


def _comment(ctx: DemoContext, item: Mapping[str, Any], value: Any) -> str:
    rng, mode, seeds = ctx.rng, item.get("comment", "none"), ctx.seeds.answers
    if mode == "none":
        return ""
    criterion = item["key"].rsplit(".", 1)[-1]
    remarks = ctx.seeds.documents.criteria_comments
    if value in ("partly", "not_meets") and criterion in remarks:
        return remarks[criterion]
    if item["type"] == "yes_no_partly":
        if value in ("partly", "no") and (mode == "required" or rng.random() < 0.7):
            return rng.choice(seeds.comments_shortfall)
        if value == "yes" and rng.random() < 0.08:
            return rng.choice(seeds.comments_fine)
    return rng.choice(seeds.comments_fine) if mode == "required" else ""


def add_answers(
    ctx: DemoContext,
    data: DemoSchool,
    visit: Visit,
    content: Mapping[str, Any],
    when: dt.date,
    overrides: Mapping[str, Any],
    *,
    fraction: float = 1.0,
    lesson_id: str | None = None,
) -> None:
    """Answer the shown items in order (all of them, or the first ``fraction`` of the template)."""
    items = list(iter_items(content))
    fill = {"deputy": data.school.deputy_name, "director": data.school.director_name}
    shown: dict[str, Mapping[str, Any]] = {}
    answers: dict[str, Any] = {}
    for item in items[: round(len(items) * fraction)]:
        condition = item.get("condition")
        if condition:
            target = shown.get(condition["item"])
            if target is None or not condition_holds(
                target, answers.get(condition["item"]), condition["equals"]
            ):
                continue
        shown[item["key"]] = item
        key = item["key"]
        value = overrides[key] if key in overrides else _value(ctx, item, when, fill)
        answers[key] = value
        answer = ChecklistAnswer(
            visit_id=visit.id,
            lesson_id=lesson_id,
            item_key=key,
            value=value,
            comment=_comment(ctx, item, value),
        )
        ctx.add(answer, "answer")
