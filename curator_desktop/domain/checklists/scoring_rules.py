"""Which checklist templates define a scored scale, and which items are the curator's own actions.

A sum of points means something only where a template was built as a scale (the lesson
observation sheet: each criterion 0–2); the facts a primary visit records or a document review's
criteria add up to nothing a reader should weigh. And an item recording what the curator did
(«the results were discussed with the teacher») says nothing about the school or the teacher, so
it is never scored. Both are data, shipped in ``resources/catalogs/checklist_scoring.json`` and
keyed by template id (every version of a template, and the snapshots visits keep of it).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from curator_desktop.domain.checklists.scoring import ChecklistScore, score_checklist

RULES_FILE = ("catalogs", "checklist_scoring.json")


@dataclass(frozen=True)
class ScoringRule:
    """How a template is scored: whether it defines a scale, and the items never scored."""

    scored: bool = False
    curator_actions: frozenset[str] = frozenset()


@functools.cache
def _rules() -> dict[str, ScoringRule]:
    from curator_desktop.paths import resource

    data = json.loads(resource(*RULES_FILE).read_text(encoding="utf-8"))
    return {
        key: ScoringRule(bool(rule.get("scored")), frozenset(rule.get("curator_actions", ())))
        for key, rule in data.get("templates", {}).items()
    }


def scoring_rule(content: Mapping[str, Any] | None) -> ScoringRule:
    """The rule of a template (its content or a visit's snapshot of it); a template not listed
    has no scored scale."""
    key = content.get("id") if isinstance(content, Mapping) else None
    return _rules().get(key, ScoringRule()) if isinstance(key, str) else ScoringRule()


def template_score(content: Mapping[str, Any], answers: Mapping[str, Any]) -> ChecklistScore | None:
    """The scores of a filled template that defines a scale (the curator's own actions left
    out); None for a template whose answers are not to be added up."""
    rule = scoring_rule(content)
    if not rule.scored:
        return None
    return score_checklist(content, answers, skip=rule.curator_actions)
