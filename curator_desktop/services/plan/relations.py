"""The curator's relation to a plan item in words: its label, the filters of the plan («Mine»,
«I take part», «All») and the reason shown next to it.

A stored item holds its relation (judged on import by :func:`domain.roadmap.relation.judge`, or
set by the curator). The reason is worded when the plan is read, in the user's language: «changed
by you» for the curator's correction, else the rule's reason when the rules still judge the item
the same way (a store from before the three relations, or rules changed since the import, may
hold a relation the rules no longer give: then no reason is claimed).
"""

from __future__ import annotations

from enum import StrEnum

from curator_desktop.domain.roadmap.document import RoadmapItem as Item
from curator_desktop.domain.roadmap.relation import MINE, Relation, judge
from curator_desktop.i18n import NP_, _, pgettext

_LABELS = {
    Relation.LEAD: NP_("relation", "leads"),
    Relation.SHARE: NP_("relation", "takes part"),
    Relation.ATTEND: NP_("relation", "attends"),
    Relation.NONE: NP_("relation", "not mine"),
}


def relation_of(value: str | None) -> Relation:
    """The stored code as a :class:`Relation` (an unknown one, from a newer version: none)."""
    try:
        return Relation(value or Relation.NONE)
    except ValueError:
        return Relation.NONE


def relation_label(relation: Relation | str) -> str:
    """«ведёт», «участвует», «посещает», «не моё» in Russian."""
    return pgettext(*_LABELS[relation_of(relation)])


def relation_choices() -> list[tuple[Relation, str]]:
    """Every relation with its label, for a combo box."""
    return [(relation, relation_label(relation)) for relation in Relation]


class RelationFilter(StrEnum):
    """What the plan shows: the curator's own items (default), those shared, or all."""

    MINE = "mine"
    SHARE = "share"
    ALL = "all"

    @property
    def relations(self) -> frozenset[Relation] | None:
        """What :meth:`PlanService.plan` takes (None: every item)."""
        return {
            RelationFilter.MINE: MINE,
            RelationFilter.SHARE: frozenset({Relation.SHARE}),
            RelationFilter.ALL: None,
        }[self]

    @property
    def label(self) -> str:
        return {
            RelationFilter.MINE: pgettext("plan filter", "Mine"),
            RelationFilter.SHARE: pgettext("plan filter", "I take part"),
            RelationFilter.ALL: pgettext("plan filter", "All"),
        }[self]

    @property
    def tip(self) -> str:
        return {
            RelationFilter.MINE: _("The items you lead and the events you attend"),
            RelationFilter.SHARE: _("The items you share with the school or others"),
            RelationFilter.ALL: _("Every item of the roadmap"),
        }[self]


def relation_reason(
    relation: Relation, *, set_by_user: bool, manual: bool, item: Item | None = None
) -> str:
    """Why the item has ``relation``, in the user's language (``item``: the item the rules
    judge; not needed for the curator's own items and corrections)."""
    if manual:
        return _("added by you")
    if set_by_user:
        return _("changed by you")
    if item is None:
        return ""
    judgement = judge(item)
    return judgement.reason if judgement.relation == relation else ""


def relation_text(relation: Relation, reason: str) -> str:
    """«ведёт — ответственные: кураторы»: the relation and, when known, why."""
    label = relation_label(relation)
    return _("{relation} — {reason}").format(relation=label, reason=reason) if reason else label
