"""Figures across the schools of a period report: schools by status in the programme, visits by
type, recommendations by state, documents by conclusion, activated directions and the changes
of risk levels (questionnaires → verification → now) of this cycle year's profiles, monitoring
stages held."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from curator_desktop.domain.enums import SchoolStatus, VisitType
from curator_desktop.services.reports.period.monitoring import Monitoring
from curator_desktop.services.reports.period.parts import DocumentLine, RecommendationLine
from curator_desktop.services.reports.period.risks import LevelChanges, RiskPart


class CountedSchool(Protocol):
    """What the totals read of a school's part of the report."""

    @property
    def short_name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def visit_counts(self) -> Sequence[tuple[str, str, int]]: ...
    @property
    def risks(self) -> RiskPart: ...
    @property
    def documents(self) -> Sequence[DocumentLine]: ...
    @property
    def recommendations(self) -> Sequence[RecommendationLine]: ...
    @property
    def monitoring(self) -> Monitoring: ...


@dataclass(frozen=True)
class DirectionTotal:
    """A risk direction and the schools that activated it this cycle year."""

    code: str
    name: str
    schools: tuple[str, ...]


@dataclass(frozen=True)
class Totals:
    """Figures across every school of the report."""

    schools: int
    statuses: tuple[tuple[str, str, int], ...]
    """(status, label, schools) for each status present, in the enum's order."""
    visits: tuple[tuple[str, str, int], ...]
    """(visit type, label, count) for each type held at least once, in the enum's order."""
    recommendations_given: int
    recommendations_done: int
    recommendations_overdue: int
    recommendations_open: int
    recommendations_cancelled: int
    documents_accepted: int
    documents_to_revise: int
    documents_under_review: int
    directions: tuple[DirectionTotal, ...]
    level_changes: tuple[LevelChanges, LevelChanges] = (LevelChanges(), LevelChanges())
    """The lines of this cycle year's risk tables counted by the change of their level: at
    verification against the questionnaires, and on the «as of» day against verification."""
    profiles: int = 0
    """Schools with a risk profile of this cycle year (whose lines are counted)."""
    stages: tuple[tuple[str, int], ...] = ()
    """(stage label, schools where it was held) for each stage of the report."""

    @property
    def visit_total(self) -> int:
        return sum(count for _type, _label, count in self.visits)

    @property
    def taking_part(self) -> int:
        """Schools taking part in the programme (status «active»)."""
        return sum(n for status, _label, n in self.statuses if status == SchoolStatus.ACTIVE)


def _in_order(counter: Counter[str], labels: dict[str, str], order: list[str]) -> tuple:
    rank = {code: n for n, code in enumerate(order)}
    keys = sorted(counter, key=lambda k: (rank.get(k, len(rank)), k))
    return tuple((k, labels[k], counter[k]) for k in keys)


def totals_of(sections: Sequence[CountedSchool]) -> Totals:
    """The totals of the schools' parts."""
    visits: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    labels: dict[str, str] = {}
    directions: dict[str, tuple[str, list[str]]] = {}
    states: Counter[str] = Counter()
    conclusions: Counter[str] = Counter()
    verification, since = LevelChanges(), LevelChanges()
    profiles = 0
    stages: dict[str, int] = {}
    for section in sections:
        statuses[section.status] += 1
        labels[section.status] = SchoolStatus.label_for(section.status)
        for visit_type, label, count in section.visit_counts:
            visits[visit_type] += count
            labels[visit_type] = label
        states.update(rec.state for rec in section.recommendations)
        conclusions.update(doc.conclusion or "" for doc in section.documents)
        for stage in section.monitoring.stages:
            stages[stage.label] = stages.get(stage.label, 0) + bool(stage.held_on)
        if not section.risks.current:
            continue
        profiles += 1
        verification += section.risks.verification_changes
        since += section.risks.changes_since_verification
        for risk in section.risks.activated:
            directions.setdefault(risk.code, (risk.name, []))[1].append(section.short_name)
    return Totals(
        schools=len(sections),
        statuses=_in_order(statuses, labels, [s.value for s in SchoolStatus]),
        visits=_in_order(visits, labels, [t.value for t in VisitType]),
        recommendations_given=sum(states.values()),
        recommendations_done=states["done"],
        recommendations_overdue=states["overdue"],
        recommendations_open=states["open"],
        recommendations_cancelled=states["cancelled"],
        documents_accepted=conclusions["accept"],
        documents_to_revise=conclusions["revise"],
        documents_under_review=conclusions[""],
        directions=tuple(
            DirectionTotal(code, name, tuple(schools))
            for code, (name, schools) in sorted(directions.items())
        ),
        level_changes=(verification, since),
        profiles=profiles,
        stages=tuple(stages.items()),
    )
