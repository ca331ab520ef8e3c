"""The stages of the monitoring of positive changes (мониторинг наступления позитивных изменений)
in the period report: per school, each stage's answers side by side.

A stage is a held visit whose checklist answers the stage item (``period.stage``); its options
(«1 этап (июнь)», «2 этап (октябрь–ноябрь)») come from the monitoring template, so the stages
are data, not code. The interim report shows the first stage and any other held in its period;
the final one every stage, a stage not held yet as a column of dashes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.answers import NO_ANSWER, answer_text, localized
from curator_desktop.domain.checklists.items import is_answered, is_number, visible_items
from curator_desktop.store.tables import ChecklistAnswer, ChecklistTemplate, Visit

STAGE_ITEM = "period.stage"
DATA_DATE_ITEM = "period.data_date"
OVERALL_ITEM = "summary.overall"
DESCRIPTION_ITEM = "summary.description"
PURPOSE = "monitoring"
TABLE_TYPES = frozenset({"yes_no_partly", "scale", "number", "date", "choice", "multi_choice"})
"""Item types shown in the table (free text is quoted under «positive changes» instead)."""
SKIPPED_SECTIONS = frozenset({"period"})


@dataclass(frozen=True)
class MonitoringStage:
    """One stage of the monitoring at one school: held (its visit's date) or not yet."""

    key: str
    label: str
    held_on: dt.date | None = None
    data_date: dt.date | None = None
    top_assessment: bool = False
    """The overall assessment is the top of its scale («изменения наступили»)."""
    description: str = ""
    """The curator's description of the positive changes, as written."""


@dataclass(frozen=True)
class MonitoringRow:
    """One indicator of the monitoring and its answer at each stage («—» when none)."""

    key: str
    text: str
    factors: tuple[str, ...]
    values: tuple[str, ...]


@dataclass(frozen=True)
class Monitoring:
    """A school's monitoring stages in the report and the indicators answered at any of them."""

    stages: tuple[MonitoringStage, ...] = ()
    rows: tuple[MonitoringRow, ...] = ()

    @property
    def held(self) -> tuple[MonitoringStage, ...]:
        return tuple(stage for stage in self.stages if stage.held_on)

    def row(self, key: str) -> MonitoringRow | None:
        """The row of the item ``key``, if it was answered at any stage."""
        return next((row for row in self.rows if row.key == key), None)


def _sections(content: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for section in content.get("sections", []) if isinstance(content, Mapping) else ():
        for item in section.get("items", []):
            yield str(section.get("key", "")), item


def _stage_options(session: Session, snapshots: list[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(value, label) of each stage: from the newest monitoring template, else the visits'."""
    templates = session.exec(
        select(ChecklistTemplate.content)
        .where(col(ChecklistTemplate.purpose) == PURPOSE)
        .where(col(ChecklistTemplate.deleted).is_(False))
        .order_by(col(ChecklistTemplate.version).desc())
    ).all()
    options: dict[str, str] = {}
    for content in [*templates, *snapshots]:
        for _section, item in _sections(content):
            if item.get("key") == STAGE_ITEM:
                for option in item.get("options", []):
                    options.setdefault(option["value"], localized(option.get("label")))
    return sorted(options.items())


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if is_answered(value) else None
    except ValueError:
        return None


def _top_of_scale(item: Mapping[str, Any] | None, value: Any) -> bool:
    scale = (item or {}).get("scale") or {}
    return is_number(value) and value == scale.get("max")


def monitoring_of(
    session: Session, visits: list[Visit], *, every_stage: bool
) -> tuple[defaultdict[str, Monitoring], set[str]]:
    """Per school, the stages held at ``visits`` (the latest visit of each stage) and, with
    ``every_stage``, every stage of the template; else the first and those held. Also the ids
    of the visits tabulated."""
    ids = [v.id for v in visits]
    answers: dict[str, dict[str, Any]] = defaultdict(dict)
    if ids:
        for visit_id, key, value in session.exec(
            select(ChecklistAnswer.visit_id, ChecklistAnswer.item_key, ChecklistAnswer.value)
            .where(col(ChecklistAnswer.visit_id).in_(ids))
            .where(col(ChecklistAnswer.lesson_id).is_(None))
            .where(col(ChecklistAnswer.deleted).is_(False))
        ):
            answers[visit_id][key] = value
    staged = [v for v in visits if is_answered(answers[v.id].get(STAGE_ITEM))]
    options = _stage_options(session, [v.template_snapshot or {} for v in staged])
    by_school: dict[str, dict[str, Visit]] = defaultdict(dict)
    for visit in staged:  # in date order: the latest of a stage wins
        by_school[visit.school_id][str(answers[visit.id][STAGE_ITEM])] = visit
    result: defaultdict[str, Monitoring] = defaultdict(lambda: _empty(options, every_stage))
    for school_id, stages in by_school.items():
        result[school_id] = _school(stages, answers, options, every_stage)
    return result, {v.id for stages in by_school.values() for v in stages.values()}


def _shown_keys(options: list[tuple[str, str]], held: Mapping[str, Any], every: bool) -> list:
    keys = [value for value, _label in options]
    keys += sorted(set(held) - set(keys))
    return [k for n, k in enumerate(keys) if every or n == 0 or k in held]


def _empty(options: list[tuple[str, str]], every_stage: bool) -> Monitoring:
    labels = dict(options)
    keys = _shown_keys(options, {}, every_stage)
    return Monitoring(tuple(MonitoringStage(k, labels.get(k, k)) for k in keys))


def _school(
    stages: Mapping[str, Visit],
    answers: Mapping[str, Mapping[str, Any]],
    options: list[tuple[str, str]],
    every_stage: bool,
) -> Monitoring:
    labels = dict(options)
    keys = _shown_keys(options, stages, every_stage)
    columns: list[MonitoringStage] = []
    items: dict[str, tuple[str, Mapping[str, Any]]] = {}
    shown: dict[str, set[str]] = {}
    """Per stage, the items shown (a hidden item's answer is stale: «—»)."""
    for key in keys:
        visit = stages.get(key)
        if visit is None:
            columns.append(MonitoringStage(key, labels.get(key, key)))
            continue
        given = answers[visit.id]
        snapshot = visit.template_snapshot or {}
        visible = shown[key] = {item["key"] for item in visible_items(snapshot, given)}
        index = {}
        for section, item in _sections(snapshot):
            index[item["key"]] = item
            if (
                section not in SKIPPED_SECTIONS
                and item.get("type") in TABLE_TYPES
                and item["key"] in visible
            ):
                items.setdefault(item["key"], (section, item))
        columns.append(
            MonitoringStage(
                key,
                labels.get(key, key),
                held_on=visit.actual_date or visit.planned_date or visit.created_at.date(),
                data_date=_date(given.get(DATA_DATE_ITEM)),
                top_assessment=_top_of_scale(index.get(OVERALL_ITEM), given.get(OVERALL_ITEM)),
                description=" ".join(str(given.get(DESCRIPTION_ITEM) or "").split()),
            )
        )
    rows = []
    for item_key, (_section, item) in items.items():
        values = tuple(
            answer_text(item, answers[stages[k].id].get(item_key))
            if item_key in shown.get(k, ())
            else NO_ANSWER
            for k in keys
        )
        if any(value != NO_ANSWER for value in values):
            rows.append(
                MonitoringRow(
                    item_key,
                    localized(item.get("text")),
                    tuple(item.get("risk_factors", ())),
                    values,
                )
            )
    return Monitoring(tuple(columns), tuple(rows))
