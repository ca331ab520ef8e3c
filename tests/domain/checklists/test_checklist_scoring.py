"""Scoring a filled checklist: yes/partly/no, scales, «not applicable» and hidden items."""

from __future__ import annotations

import json
from typing import Any

import pytest

from curator_desktop.domain.checklists.scoring import (
    ChecklistScore,
    Score,
    required_progress,
    score_checklist,
)
from curator_desktop.paths import resource_dir


def _item(key: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"key": key, "text": {"ru": key, "en": key}, "type": kind, **extra}


CONTENT: dict[str, Any] = {
    "sections": [
        {
            "key": "a",
            "items": [
                _item("a.yes", "yes_no_partly", required=True),
                _item("a.partly", "yes_no_partly"),
                _item("a.no", "yes_no_partly", required=True),
                _item("a.na", "yes_no_partly"),
                _item("a.why", "text", required=True, condition={"item": "a.no", "equals": "no"}),
                _item(
                    "a.hidden",
                    "yes_no_partly",
                    required=True,
                    condition={"item": "a.yes", "equals": "no"},
                ),
            ],
        },
        {
            "key": "b",
            "items": [
                _item("b.scale", "scale", scale={"min": 1, "max": 5}, required=True),
                _item("b.count", "number", min=0),
                _item("b.pick", "choice", options=[{"value": "x"}]),
                _item("b.unanswered", "scale", scale={"min": 0, "max": 2}),
            ],
        },
        {"key": "c", "items": [_item("c.na", "yes_no_partly")]},
    ]
}
ANSWERS: dict[str, Any] = {
    "a.yes": "yes",
    "a.partly": "partly",
    "a.no": "no",
    "a.na": "na",
    "a.why": "нет кадров",
    "a.hidden": "no",  # stored earlier, but its condition no longer holds
    "b.scale": 4,
    "b.count": 12,
    "b.pick": "x",
    "c.na": "na",
}


def test_sections_and_total() -> None:
    result = score_checklist(CONTENT, ANSWERS)
    assert isinstance(result, ChecklistScore)
    assert list(result.sections) == ["a", "b", "c"]
    # yes 1 + partly 0.5 + no 0 out of 3; n.a. and the hidden item leave the total.
    assert result.sections["a"] == Score(points=1.5, maximum=3.0, answered=5, scored=3)
    # scale 1..5 answered 4 → 3 out of 4; number and choice are answered but not scored.
    assert result.sections["b"] == Score(points=3.0, maximum=4.0, answered=3, scored=1)
    assert result.sections["c"] == Score(points=0.0, maximum=0.0, answered=1, scored=0)
    assert result.total == Score(points=4.5, maximum=7.0, answered=9, scored=4)
    assert result.sections["a"].percent == pytest.approx(50.0)
    assert result.total.percent == pytest.approx(100 * 4.5 / 7)
    assert result.sections["c"].percent is None


def test_not_applicable_changes_neither_points_nor_maximum() -> None:
    with_na = score_checklist(CONTENT, ANSWERS).total
    without = score_checklist(CONTENT, {k: v for k, v in ANSWERS.items() if v != "na"}).total
    assert (with_na.points, with_na.maximum) == (without.points, without.maximum)
    assert with_na.answered == without.answered + 2


def test_a_hidden_item_counts_once_its_condition_holds() -> None:
    answers = {**ANSWERS, "a.yes": "no"}  # now «a.hidden» is shown, answered «no»
    section = score_checklist(CONTENT, answers).sections["a"]
    assert section == Score(points=0.5, maximum=4.0, answered=6, scored=4)


def test_invalid_and_empty_answers_are_ignored() -> None:
    answers = {"a.yes": "maybe", "a.partly": "", "b.scale": 9, "b.unanswered": None}
    result = score_checklist(CONTENT, answers)
    assert result.total == Score()
    assert result.total.percent is None


def test_required_progress_follows_what_is_shown() -> None:
    assert required_progress(CONTENT, {}) == (0, 3)  # a.yes, a.no, b.scale
    assert required_progress(CONTENT, {"a.no": "no"}) == (1, 4)  # a.why appears
    assert required_progress(CONTENT, ANSWERS) == (4, 4)  # a.hidden stays hidden
    assert required_progress(CONTENT, {**ANSWERS, "a.yes": "no"}) == (5, 5)
    assert required_progress(CONTENT, {**ANSWERS, "a.why": ""}) == (3, 4)


def test_a_builtin_template_scores_between_zero_and_its_maximum() -> None:
    path = resource_dir() / "checklists" / "lesson-observation.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    best: dict[str, Any] = {}
    for section in content["sections"]:
        for item in section["items"]:
            if item["type"] == "scale":
                best[item["key"]] = item["scale"]["max"]
            elif item["type"] == "yes_no_partly":
                best[item["key"]] = "yes"
    top = score_checklist(content, best)
    assert top.total.percent == pytest.approx(100.0)
    assert top.total.scored == len(best)
    worst = {key: (0 if isinstance(value, int) else "no") for key, value in best.items()}
    assert score_checklist(content, worst).total.percent == pytest.approx(0.0)
