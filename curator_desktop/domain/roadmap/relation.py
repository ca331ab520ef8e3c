"""The curator's relation to a roadmap item: ведёт, участвует, посещает — or none — and why.

Contract (#23): ``judge(item)`` returns a :class:`Judgement`; the reason is a short phrase in the
user's language shown next to the relation. Placeholder body: the old single-flag rule, to be
replaced by the three-relation rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from curator_desktop.domain.roadmap.document import RoadmapItem
from curator_desktop.domain.roadmap.relevance import curator_reason


class Relation(StrEnum):
    """How a roadmap item concerns the curator."""

    LEAD = "lead"  # ведёт: the curator is the responsible executor or the step is the curator's own
    SHARE = "share"  # участвует: co-responsible with the school or others
    ATTEND = "attend"  # посещает: a seminar, webinar, meeting the curators must attend
    NONE = "none"  # not the curator's


MINE: frozenset[Relation] = frozenset({Relation.LEAD, Relation.ATTEND})
"""What «Мои» shows by default."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """The relation judged for one item and the reason shown to the user."""

    relation: Relation
    reason: str


def judge(item: RoadmapItem) -> Judgement:
    """The curator's relation to ``item`` with its reason."""
    reason = curator_reason(item)
    return Judgement(Relation.LEAD if reason else Relation.NONE, reason)
