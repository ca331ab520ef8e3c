"""Demo checklist answers: plausible values and comments for the items a visit shows.

Values are drawn by item type, or given (a visit's overrides, a fixed day of the cycle); the
monitoring items named in ``progress`` never move back from one stage to the next, and an item
named in ``not_worse_than`` is never worse than the earlier item it names; a value with
``option_conditions`` only follows the answers it needs, and a lesson's stage minutes add up
to the lesson. An item that
owes a file when answered (``attachments: required``) is left unanswered: the demo attaches no
scans to it. Items a template adds later are answered by their type, so a new template version
needs no change here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from curator_desktop.domain.checklists.items import condition_holds, iter_items
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.store.tables import ChecklistAnswer, Visit

YES_NO_WEIGHTS = {"yes": 68, "partly": 20, "no": 9, "na": 3}
SCALE_WEIGHTS = (10, 40, 50)
_YES_NO_RANK = {"no": 0, "partly": 1, "yes": 2}


def _progressed(
    ctx: DemoContext, item: Mapping[str, Any], value: Any, previous: Any, way: str
) -> Any:
    """``value`` moved so it is no worse (``up``: no lower; ``down``: no higher) than the
    ``previous`` stage's answer."""
    if item["type"] == "yes_no_partly":
        if value not in _YES_NO_RANK or previous not in _YES_NO_RANK:
            return value
        pick = max if way == "up" else min
        return pick(value, previous, key=_YES_NO_RANK.__getitem__)
    numbers = (value, previous)
    if any(isinstance(n, bool) or not isinstance(n, int | float) for n in numbers):
        return value
    if item["type"] == "scale":
        return max(value, previous) if way == "up" else min(value, previous)
    step = ctx.rng.randint(1, 4)
    if way == "up":
        return min(max(value, previous + step), item.get("max", previous + step))
    return max(min(value, previous - step), item.get("min", 0))


def _holds(condition: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """Every item of ``condition`` was answered with one of its values (a multiple choice:
    with any of them)."""
    for key, accepted in condition.items():
        value = answers.get(key)
        chosen = value if isinstance(value, list) else [value]
        if not any(v in accepted for v in chosen):
            return False
    return True


def _allowed(
    conditions: Mapping[str, Mapping[str, Any]], answers: Mapping[str, Any]
) -> Callable[[Any], bool]:
    """Whether a value may be chosen: its conditions (if any) hold on the answers so far."""

    def allowed(value: Any) -> bool:
        needs = conditions.get(value if isinstance(value, str) else str(value))
        return needs is None or _holds(needs, answers)

    return allowed


def _lesson_minutes(ctx: DemoContext, content: Mapping[str, Any]) -> dict[str, int]:
    """Minutes of a lesson's stages that add up to the lesson (the last stage takes the rest),
    drawn from their ranges; {} for a checklist without the stages."""
    seeds = ctx.seeds.answers
    keys = {item["key"] for item in iter_items(content)}
    stages = seeds.lesson_stages
    if not seeds.lesson_minutes or not stages or not set(stages) <= keys:
        return {}
    minutes = {key: ctx.rng.randint(*seeds.number_ranges[key]) for key in stages[:-1]}
    minutes[stages[-1]] = seeds.lesson_minutes - sum(minutes.values())
    return minutes


def _text(
    ctx: DemoContext,
    data: DemoSchool,
    key: str,
    answers: Mapping[str, Any],
    fill: Mapping[str, str],
) -> str:
    """A text for ``key`` that agrees with the answers given so far (one whose conditions hold,
    or one without conditions): one not written anywhere yet if there is such (each school
    and lesson describes its own), a fitting one first; else one not yet written at this
    school."""
    seeds = ctx.seeds.answers
    texts = seeds.text_answers.get(key, seeds.generic_text)
    conditions = seeds.text_conditions
    fitting = [t for t in texts if t in conditions and _holds(conditions[t], answers)]
    plain = [t for t in texts if t not in conditions]
    choices = fitting or plain or list(texts)
    unseen = [t for t in fitting if t not in ctx.texts_used]
    unseen = unseen or [t for t in plain if t not in ctx.texts_used]
    text = ctx.rng.choice(unseen or [t for t in choices if t not in data.texts_used] or choices)
    data.texts_used.add(text)
    ctx.texts_used.add(text)
    return text.format(**fill)


def _value(
    ctx: DemoContext,
    data: DemoSchool,
    item: Mapping[str, Any],
    when: dt.date,
    fill: Mapping[str, str],
    answers: Mapping[str, Any],
) -> Any:
    rng, key, kind, seeds = ctx.rng, item["key"], item["type"], ctx.seeds.answers
    allowed = _allowed(seeds.option_conditions.get(key, {}), answers)
    if kind == "yes_no_partly":
        weights = {v: w for v, w in YES_NO_WEIGHTS.items() if allowed(v)}
        if key not in seeds.na_allowed:
            weights.pop("na", None)
        return rng.choices(list(weights), weights=list(weights.values()))[0]
    if kind == "scale":
        low, high = item["scale"]["min"], item["scale"]["max"]
        values = list(range(low, high + 1))
        weights = list(SCALE_WEIGHTS[-len(values) :]) if len(values) <= 3 else [1] * len(values)
        fit = [(v, w) for v, w in zip(values, weights, strict=True) if allowed(v)]
        return rng.choices([v for v, _ in fit], weights=[w for _, w in fit])[0]
    if kind == "number":
        default = (item.get("min", 0), min(item.get("max", 10), 10))
        low, high = seeds.number_ranges.get(key, default)
        return rng.randint(low, high)
    if kind in ("text", "long_text"):
        return _text(ctx, data, key, answers, fill)
    if kind == "date":
        low, high = seeds.date_offsets.get(key, (0, 0))
        return (when + dt.timedelta(days=rng.randint(low, high))).isoformat()
    values = [option["value"] for option in item["options"] if allowed(option["value"])]
    if not values:
        return [] if kind == "multi_choice" else None
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
            return rng.choice(seeds.comments_by_item.get(item["key"], seeds.comments_shortfall))
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
    previous: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Answer the shown items in order (all of them, or the first ``fraction`` of the
    template) on the day ``when``; ``previous``: the answers of the stage before, which the
    ``progress`` items move on from. Returns the answers given."""
    items = list(iter_items(content))
    fill = {"deputy": data.school.deputy_name, "director": data.school.director_name}
    seeds = ctx.seeds.answers
    fixed: dict[str, Any] = {
        key: ctx.cycle_day(day).isoformat() for key, day in seeds.cycle_dates.items()
    }
    fixed |= _lesson_minutes(ctx, content)
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
        if not _holds(seeds.item_conditions.get(key, {}), answers):
            continue  # the answers before say there is nothing to tell here
        if item.get("attachments") == "required" and key not in overrides:
            continue
        if key in overrides:
            value = overrides[key]
        elif key in fixed:
            value = fixed[key]
        else:
            value = _value(ctx, data, item, when, fill, answers)
            bound = answers.get(seeds.not_above.get(key, ""))
            if isinstance(bound, int) and isinstance(value, int):
                value = max(item.get("min", 0), bound - ctx.rng.randint(0, 3))
            floor = answers.get(seeds.not_worse_than.get(key, ""))
            if floor is not None:
                value = _progressed(ctx, item, value, floor, "up")
            if previous and key in seeds.progress and key in previous:
                value = _progressed(ctx, item, value, previous[key], seeds.progress[key])
        answers[key] = value
        answer = ChecklistAnswer(
            visit_id=visit.id,
            lesson_id=lesson_id,
            item_key=key,
            value=value,
            comment="" if lesson_id else _comment(ctx, item, value),
        )
        ctx.add(answer, "answer", day=when)
    return answers
