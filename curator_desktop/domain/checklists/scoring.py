"""Scores of a filled checklist: per section and in total, and progress of the required items.

Only the items shown for the answers (see
:func:`~curator_desktop.domain.checklists.items.visible_items`) and answered with a valid value
count. A yes / partly / no item is worth 1, ½ or 0 out of 1; «not applicable» leaves the total
(neither points nor maximum). A scale item scores ``value − min`` out of ``max − min``. Other answer
types are not scored, nor are the items passed as ``skip``. Whether a template's points make a
scale worth printing at all is :mod:`.scoring_rules`'s business.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from curator_desktop.domain.checklists.items import answer_is_valid, is_answered, visible_items

YES_NO_POINTS = {"yes": 1.0, "partly": 0.5, "no": 0.0}
"""Points of a yes / no / partly answer out of 1; «na» is not scored."""


@dataclass(frozen=True)
class Score:
    """Points out of a maximum, with how many shown items were answered and how many scored."""

    points: float = 0.0
    maximum: float = 0.0
    answered: int = 0
    scored: int = 0

    @property
    def percent(self) -> float | None:
        """Points as a percentage of the maximum; None when nothing was scored."""
        return None if self.maximum <= 0 else 100.0 * self.points / self.maximum

    def __add__(self, other: Score) -> Score:
        return Score(
            self.points + other.points,
            self.maximum + other.maximum,
            self.answered + other.answered,
            self.scored + other.scored,
        )


@dataclass(frozen=True)
class ChecklistScore:
    """The score of each section (by section key, in template order) and of the whole list."""

    sections: Mapping[str, Score]
    total: Score


def item_points(item: Mapping[str, Any], value: Any) -> tuple[float, float] | None:
    """(points, maximum) an answer earns, or None when it is not scored (n.a., unscored type)."""
    kind = item["type"]
    if kind == "yes_no_partly":
        points = YES_NO_POINTS.get(value)
        return None if points is None else (points, 1.0)
    if kind == "scale":
        low, high = item["scale"]["min"], item["scale"]["max"]
        return float(value - low), float(high - low)
    return None


def score_checklist(
    content: Mapping[str, Any], answers: Mapping[str, Any], *, skip: Collection[str] = ()
) -> ChecklistScore:
    """Score the shown, validly answered items of ``content`` for ``answers`` (key → value);
    the items keyed in ``skip`` count as answered but are never scored."""
    shown = {item["key"] for item in visible_items(content, answers)}
    sections: dict[str, Score] = {}
    for section in content.get("sections", []):
        score = Score()
        for item in section.get("items", []):
            value = answers.get(item["key"])
            if item["key"] not in shown or not is_answered(value):
                continue
            if not answer_is_valid(item, value):
                continue
            earned = None if item["key"] in skip else item_points(item, value)
            if earned is None:
                score += Score(answered=1)
            else:
                score += Score(earned[0], earned[1], answered=1, scored=1)
        sections[section["key"]] = score
    total = sum(sections.values(), Score())
    return ChecklistScore(sections=sections, total=total)


def required_progress(content: Mapping[str, Any], answers: Mapping[str, Any]) -> tuple[int, int]:
    """(answered, total) of the required items shown for ``answers``."""
    required = [item for item in visible_items(content, answers) if item.get("required")]
    done = sum(1 for item in required if is_answered(answers.get(item["key"])))
    return done, len(required)
