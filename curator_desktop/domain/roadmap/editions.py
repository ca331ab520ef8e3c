"""Matching the items of a roadmap's new edition to the items already in the store.

Regional roadmaps are amended by new orders (Smolensk's № 422-ОД restates № 189-ОД): items keep
their numbers mostly, are reworded, renumbered, added and dropped. Matching, in order:

1. the same number and the same title (normalized);
2. the same number and a similar title (similarity ≥ 0.6);
3. a very similar title under any number (≥ 0.85): renumbered;

whatever is left is *added* (new edition only) or *removed* (old edition only). A matched
pair is *changed* when any compared field differs, else *same*.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from curator_desktop.domain.roadmap.document import RoadmapItem
from curator_desktop.domain.text import normalize_search

COMPARED_FIELDS = (
    "number",
    "section",
    "title",
    "description",
    "deadline_text",
    "responsible",
    "indicator",
    "control",
)
SAME_NUMBER_SIMILARITY = 0.6
RENUMBERED_SIMILARITY = 0.85


class ChangeKind(StrEnum):
    SAME = "same"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class ItemChange:
    """One item across two editions; ``old_index``/``new_index`` point into the inputs."""

    kind: ChangeKind
    old_index: int | None
    new_index: int | None
    fields: tuple[str, ...] = ()


def _title_key(item: RoadmapItem) -> str:
    return normalize_search(item.title)


def similarity(a: str, b: str, *, at_least: float = 0.0) -> float:
    """How alike two normalized titles are (0…1); 0 as soon as it cannot reach ``at_least``."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    score = matcher.ratio()
    return score if score >= at_least else 0.0


def differing(old: RoadmapItem, new: RoadmapItem) -> tuple[str, ...]:
    return tuple(f for f in COMPARED_FIELDS if getattr(old, f) != getattr(new, f))


Rule = Callable[[int, int], float]


def match_editions(old: Sequence[RoadmapItem], new: Sequence[RoadmapItem]) -> list[ItemChange]:
    """Every item of both editions once, in the new edition's order, removed ones last."""
    old_keys = [_title_key(item) for item in old]
    new_keys = [_title_key(item) for item in new]
    pairs: dict[int, int] = {}  # new index → old index
    free_old = dict.fromkeys(range(len(old)))  # ordered set

    def exact(i: int, j: int) -> float:
        return float(old[i].number == new[j].number and old_keys[i] == new_keys[j])

    def same_number(i: int, j: int) -> float:
        if not old[i].number or old[i].number != new[j].number:
            return 0.0
        return similarity(old_keys[i], new_keys[j], at_least=SAME_NUMBER_SIMILARITY)

    def renumbered(i: int, j: int) -> float:
        return similarity(old_keys[i], new_keys[j], at_least=RENUMBERED_SIMILARITY)

    for rule in (exact, same_number, renumbered):
        for j in range(len(new)):
            if j in pairs:
                continue
            scores = [(rule(i, j), -i) for i in free_old]
            best = max(scores, default=(0.0, 0))
            if best[0] > 0:
                pairs[j] = -best[1]
                del free_old[-best[1]]
    changes: list[ItemChange] = []
    for j, item in enumerate(new):
        if j in pairs:
            i = pairs[j]
            fields = differing(old[i], item)
            kind = ChangeKind.CHANGED if fields else ChangeKind.SAME
            changes.append(ItemChange(kind, i, j, fields))
        else:
            changes.append(ItemChange(ChangeKind.ADDED, None, j))
    changes.extend(ItemChange(ChangeKind.REMOVED, i, None) for i in free_old)
    return changes
