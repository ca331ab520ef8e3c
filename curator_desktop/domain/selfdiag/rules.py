"""Rules of the self-diagnosis records: one function per stored record (what the service and an
exchange import check alike), and a round's results against the catalog in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from curator_desktop.domain.enums import Programme
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    Problems,
    choice_problem,
    collect,
    date_problem,
    number_problem,
    text_problem,
    year_problem,
)
from curator_desktop.domain.selfdiag.catalog import TOTAL, SelfdiagCatalog
from curator_desktop.domain.selfdiag.levels import LEVEL_ORDER
from curator_desktop.domain.selfdiag.records import SelfdiagRound
from curator_desktop.i18n import NP_, _, format_date, pgettext

LEVELS = tuple(level.value for level in LEVEL_ORDER)
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "round_date": NP_("selfdiag field", "Round date"),
    "label": NP_("selfdiag field", "Round name"),
    "source": NP_("selfdiag field", "Source"),
    "school_type": NP_("selfdiag field", "School type"),
    "notes": NP_("selfdiag field", "Notes"),
    "direction": NP_("selfdiag field", "Direction"),
    "points": NP_("selfdiag field", "Points"),
    "maximum": NP_("selfdiag field", "Maximum"),
    "level": NP_("selfdiag field", "Level"),
    "indicator": NP_("selfdiag field", "Indicator"),
    "text": NP_("selfdiag field", "Deficit"),
    "critical": NP_("selfdiag field", "Critical"),
    "total_points": NP_("selfdiag field", "Total points"),
    "total_maximum": NP_("selfdiag field", "Total maximum"),
    "overall_level": NP_("selfdiag field", "Overall level"),
    "what": NP_("selfdiag field", "Decision"),
    "responsible": NP_("selfdiag field", "Responsible"),
    "deadline": NP_("selfdiag field", "Deadline"),
    "done_on": NP_("selfdiag field", "Done on"),
}
"""A record's field in the user's words (the form's labels)."""


def field_name(field: str) -> str:
    """``field`` of a self-diagnosis record in the user's words (the code when unknown)."""
    return pgettext(*FIELD_NAMES[field]) if field in FIELD_NAMES else field


def _points_problems(values: Mapping[str, Any], points: str, maximum: str) -> Problems:
    problems = collect(
        {},
        **{
            points: number_problem(values.get(points), optional=True),
            maximum: number_problem(values.get(maximum), optional=True),
        },
    )
    given = not problems and values.get(points) is not None and values.get(maximum) is not None
    if given and values[points] > values[maximum]:
        problems[points] = _("{points} points is more than the maximum {maximum}.").format(
            points=values[points], maximum=values[maximum]
        )
    return problems


def catalog_record_problems(values: Mapping[str, Any]) -> Problems:
    """A stored catalog: its key, version and a content that reads as a catalog."""
    from curator_desktop.domain.selfdiag.catalog_file import parse_catalog

    problems = collect(
        {},
        catalog_key=text_problem(values.get("catalog_key"), NAME_LENGTH, required=True),
        version=text_problem(values.get("version"), NAME_LENGTH, required=True),
    )
    content = values.get("content")
    try:
        catalog = parse_catalog(content or {}, source=str(values.get("catalog_key") or ""))
    except ValidationError as exc:
        problems.setdefault("content", exc.user_message)
    else:
        if (catalog.catalog_key, catalog.version) != (
            values.get("catalog_key"),
            values.get("version"),
        ):
            problems.setdefault("content", _("The content is another catalog version."))
    return problems


def programme_record_problems(values: Mapping[str, Any]) -> Problems:
    return collect(
        {},
        year=year_problem(values.get("year")),
        programme=choice_problem(values.get("programme"), [p.value for p in Programme]),
    )


def round_record_problems(values: Mapping[str, Any], *, today: dt.date | None = None) -> Problems:
    """A round: a date (not after ``today`` when given), texts, total within its maximum."""
    day = values.get("round_date")
    problems: Problems = {}
    if day is None:
        problems["round_date"] = _("must not be empty.")
    else:
        collect(problems, round_date=date_problem(day) or future_problem(day, today))
    collect(
        problems,
        label=text_problem(values.get("label"), NAME_LENGTH),
        source=text_problem(values.get("source"), NAME_LENGTH),
        school_type=text_problem(values.get("school_type"), NAME_LENGTH),
        notes=text_problem(values.get("notes")),
        overall_level=choice_problem(values.get("overall_level"), LEVELS, optional=True),
    )
    problems.update(
        {
            k: v
            for k, v in _points_problems(values, "total_points", "total_maximum").items()
            if k not in problems
        }
    )
    return problems


def future_problem(day: dt.date, today: dt.date | None) -> str | None:
    """A round cannot be dated after today (its results are not known yet)."""
    if today is not None and day > today:
        return _(
            "{date} is in the future: a round's results are recorded once it was held."
        ).format(date=format_date(day))
    return None


def result_record_problems(values: Mapping[str, Any]) -> Problems:
    problems = collect(
        {},
        direction=text_problem(values.get("direction"), NAME_LENGTH, required=True),
        level=choice_problem(values.get("level"), LEVELS, optional=True),
    )
    problems.update(
        {
            k: v
            for k, v in _points_problems(values, "points", "maximum").items()
            if k not in problems
        }
    )
    return problems


def deficit_record_problems(values: Mapping[str, Any]) -> Problems:
    problems = collect(
        {},
        direction=text_problem(values.get("direction"), NAME_LENGTH, required=True),
        indicator=text_problem(values.get("indicator"), NAME_LENGTH),
        text=text_problem(values.get("text")),
    )
    if (
        not problems
        and not (values.get("indicator") or "").strip()
        and not (values.get("text") or "").strip()
    ):
        problems["text"] = _("A deficit needs its indicator or a text.")
    if not isinstance(values.get("critical", False), bool):
        problems["critical"] = _("must be true or false.")
    return problems


def decision_record_problems(values: Mapping[str, Any]) -> Problems:
    problems = collect(
        {},
        what=text_problem(values.get("what"), required=True),
        direction=text_problem(values.get("direction"), NAME_LENGTH),
        indicator=text_problem(values.get("indicator"), NAME_LENGTH),
        responsible=text_problem(values.get("responsible"), NAME_LENGTH),
        notes=text_problem(values.get("notes")),
        deadline=date_problem(values.get("deadline")),
        done_on=date_problem(values.get("done_on")),
    )
    if values.get("done_on") is not None and not values.get("done"):
        problems.setdefault("done_on", _("A decision not done has no date done."))
    return problems


@dataclass(frozen=True)
class RoundProblem:
    """A round's result that does not fit the catalog: the direction (None: the round
    itself or its total), the field, the problem in words."""

    direction: str | None
    field: str
    problem: str
    indicator: str = ""


def round_problems(
    draft: SelfdiagRound, catalog: SelfdiagCatalog, *, today: dt.date
) -> list[RoundProblem]:
    """What in ``draft`` breaks the rules or does not fit ``catalog`` (empty: it may be stored):
    unknown directions or indicators, points above the maximum, a date in the future."""
    found: list[RoundProblem] = []
    values = {
        "round_date": draft.round_date,
        "label": draft.label,
        "source": draft.source,
        "school_type": draft.school_type,
        "notes": draft.notes,
        "overall_level": draft.overall_level.value if draft.overall_level else None,
        "total_points": draft.total_points,
        "total_maximum": draft.total_maximum,
    }
    for name, problem in round_record_problems(values, today=today).items():
        found.append(
            RoundProblem(
                TOTAL if name.startswith("total") or name == "overall_level" else None,
                name,
                problem,
            )
        )
    year, kind = draft.school_year, draft.school_type or None
    seen: set[str] = set()
    for result in draft.results:
        direction = catalog.direction(result.direction)
        if direction is None:
            found.append(
                RoundProblem(
                    result.direction,
                    "direction",
                    _("“{code}” is not a direction of the catalog {key} {version}.").format(
                        code=result.direction, key=catalog.catalog_key, version=catalog.version
                    ),
                )
            )
            continue
        if result.direction in seen:
            found.append(
                RoundProblem(result.direction, "direction", _("The direction is given twice."))
            )
        seen.add(result.direction)
        maximum = (
            result.maximum
            if result.maximum is not None
            else catalog.maximum_for(result.direction, year, kind)
        )
        values = {
            "direction": result.direction,
            "points": result.points,
            "maximum": maximum,
            "level": result.level.value if result.level else None,
        }
        for name, problem in result_record_problems(values).items():
            found.append(RoundProblem(result.direction, name, problem))
        for deficit in result.deficits:
            if deficit.direction != result.direction:
                found.append(
                    RoundProblem(
                        result.direction,
                        "indicator",
                        _("The deficit is of another direction."),
                        deficit.indicator,
                    )
                )
            known = catalog.indicators_for(result.direction, year, kind)
            if (
                deficit.indicator
                and known is not None
                and catalog.find_indicator(result.direction, deficit.indicator, year, kind) is None
            ):
                found.append(
                    RoundProblem(
                        result.direction,
                        "indicator",
                        _(
                            "“{code}” is not an indicator of the direction «{direction}» in the "
                            "catalog."
                        ).format(code=deficit.indicator, direction=direction.name_ru),
                        deficit.indicator,
                    )
                )
            for name, problem in deficit_record_problems(
                {
                    "direction": deficit.direction,
                    "indicator": deficit.indicator,
                    "text": deficit.text,
                    "critical": deficit.critical,
                }
            ).items():
                found.append(RoundProblem(result.direction, name, problem, deficit.indicator))
    total_max = (
        draft.total_maximum
        if draft.total_maximum is not None
        else catalog.maximum_for(TOTAL, year, kind)
    )
    if (
        draft.total_points is not None
        and total_max is not None
        and draft.total_points > total_max
        and draft.total_maximum is None
    ):
        found.append(
            RoundProblem(
                TOTAL,
                "total_points",
                _("{points} points is more than the maximum {maximum}.").format(
                    points=draft.total_points, maximum=total_max
                ),
            )
        )
    return found
