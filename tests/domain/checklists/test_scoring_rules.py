"""Points only where a template defines a scored scale; the curator's own actions never count."""

from __future__ import annotations

import json
from typing import Any

from curator_desktop.domain.checklists.items import iter_items
from curator_desktop.domain.checklists.scoring_rules import scoring_rule, template_score
from curator_desktop.paths import resource_dir


def builtin(name: str) -> dict[str, Any]:
    path = resource_dir() / "checklists" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_only_the_lesson_sheet_is_a_scored_scale() -> None:
    scored = {
        name: scoring_rule(builtin(name)).scored
        for name in ("lesson-observation", "primary-visit", "planned-visit", "documents-review")
    }
    assert scored == {
        "lesson-observation": True,
        "primary-visit": False,
        "planned-visit": False,
        "documents-review": False,
    }
    assert template_score(builtin("primary-visit"), {"intro.director_met": "yes"}) is None
    assert not scoring_rule({"id": "a-coordinators-own"}).scored


def test_the_curators_own_action_is_never_scored() -> None:
    content = builtin("lesson-observation")
    best = {
        item["key"]: item["scale"]["max"] if item["type"] == "scale" else "yes"
        for item in iter_items(content)
        if item["type"] in ("scale", "yes_no_partly")
    }
    discussed = "summary.discussed_with_teacher"
    top = template_score(content, best)
    not_discussed = template_score(content, {**best, discussed: "no"})
    assert top is not None and not_discussed is not None
    assert top.total == not_discussed.total and top.total.percent == 100.0
    assert top.total.scored == len(best) - 1


def test_the_rules_name_items_the_templates_have() -> None:
    from curator_desktop.domain.checklists.scoring_rules import _rules

    for name, rule in _rules().items():
        keys = {item["key"] for item in iter_items(builtin(name))}
        assert rule.curator_actions <= keys, name
