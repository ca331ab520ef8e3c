"""Rules of verifying one risk factor: what must be filled in, what may be activated.

Pure functions over plain values. Errors block a save; warnings (too many activated directions)
are shown but never block: the limit is a catalog setting, not a law.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.field_rules import text_problem
from curator_desktop.i18n import _, ngettext

ERROR = "error"
WARNING = "warning"

EDITABLE_FIELDS = (
    "questionnaire_level",
    "verdict",
    "adjusted_level",
    "justification",
    "activated",
    "verified_on",
    "medk_entered",
    "medk_entered_on",
)
"""The fields of a factor's verification the curator edits."""

NEEDS_JUSTIFICATION = frozenset({Verdict.REJECTED.value, Verdict.ADJUSTED.value})
CAN_ACTIVATE = frozenset({Verdict.CONFIRMED.value, Verdict.ADJUSTED.value})


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field it concerns, the message, and whether it blocks."""

    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class FactorState:
    """What the curator recorded about one factor (the values the rules look at)."""

    questionnaire_level: str = RiskLevel.NONE.value
    verdict: str | None = None
    adjusted_level: str | None = None
    justification: str = ""
    activated: bool = False
    verified_on: dt.date | None = None
    medk_entered: bool = False
    medk_entered_on: dt.date | None = None


class RiskRuleError(ValidationError):
    """A save refused by the rules; ``problems`` holds every error, each with its field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        errors = [p for p in problems if p.is_error]
        super().__init__("\n".join(p.message for p in errors), field=errors[0].field)
        self.problems = tuple(errors)


def _level_known(value: str | None) -> bool:
    return value in {level.value for level in RiskLevel}


def check_factor(state: FactorState, *, today: dt.date) -> list[Problem]:
    """The errors in one factor's verification (an empty list when it may be saved)."""
    problems: list[Problem] = []
    if not _level_known(state.questionnaire_level):
        problems.append(Problem("questionnaire_level", _("Choose the questionnaire level.")))
    verdict = state.verdict
    if verdict is not None and verdict not in {v.value for v in Verdict}:
        problems.append(Problem("verdict", _("Unknown verdict “{value}”.").format(value=verdict)))
    too_long = text_problem(state.justification)
    if too_long:
        problems.append(Problem("justification", too_long))
    elif verdict in NEEDS_JUSTIFICATION and not state.justification.strip():
        problems.append(
            Problem(
                "justification",
                _("Write a justification: it is required when the risk is not confirmed as is."),
            )
        )
    if verdict == Verdict.ADJUSTED:
        if not _level_known(state.adjusted_level):
            problems.append(Problem("adjusted_level", _("Choose the adjusted level.")))
        elif state.adjusted_level == state.questionnaire_level:
            problems.append(
                Problem(
                    "adjusted_level",
                    _("The adjusted level must differ from the questionnaire level."),
                )
            )
    elif state.adjusted_level is not None:
        problems.append(
            Problem(
                "adjusted_level", _("An adjusted level is given only with the verdict “Adjusted”.")
            )
        )
    if state.activated:
        problems.extend(_activation_problems(state))
    if state.verified_on is not None and state.verified_on > today:
        problems.append(Problem("verified_on", _("The verification date cannot be in the future.")))
    if state.medk_entered_on is not None:
        if not state.medk_entered:
            problems.append(
                Problem(
                    "medk_entered_on",
                    _("The IS MEDK date is given only when the factor was entered in IS MEDK."),
                )
            )
        elif state.medk_entered_on > today:
            problems.append(
                Problem("medk_entered_on", _("The IS MEDK date cannot be in the future."))
            )
    return problems


def _activation_problems(state: FactorState) -> list[Problem]:
    if state.verdict not in CAN_ACTIVATE:
        return [
            Problem(
                "activated",
                _("Only a confirmed or adjusted risk can be activated as a direction."),
            )
        ]
    level = (
        state.questionnaire_level if state.verdict == Verdict.CONFIRMED else state.adjusted_level
    )
    if level == RiskLevel.NONE:
        return [
            Problem(
                "activated",
                _("A factor whose level is “Risk not identified” cannot be activated."),
            )
        ]
    return []


def directions_warning(activated: int, maximum: int) -> Problem | None:
    """A warning when more directions are activated than the catalog recommends."""
    if maximum < 1 or activated <= maximum:
        return None
    message = ngettext(
        "No more than {n} direction is recommended; {count} are activated.",
        "No more than {n} directions are recommended; {count} are activated.",
        maximum,
    ).format(n=maximum, count=activated)
    return Problem("activated", message, WARNING)


def check_save(
    state: FactorState, *, activated_elsewhere: int, maximum: int, today: dt.date
) -> list[Problem]:
    """Errors of ``state`` and, when it is activated, the too-many-directions warning.

    ``activated_elsewhere`` counts the other factors of the same profile already activated.
    """
    problems = check_factor(state, today=today)
    if state.activated:
        warning = directions_warning(activated_elsewhere + 1, maximum)
        if warning is not None:
            problems.append(warning)
    return problems


def errors_of(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings_of(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]
