"""The rules of verifying a risk factor: errors block, the directions limit only warns."""

from __future__ import annotations

import datetime as dt

import pytest

from curator_desktop.domain.errors import ValidationError
from curator_desktop.domain.risk.verification import (
    FactorState,
    Problem,
    RiskRuleError,
    check_factor,
    check_save,
    directions_warning,
    errors_of,
    warnings_of,
)

TODAY = dt.date(2026, 3, 20)


def _fields(state: FactorState) -> list[str]:
    return [p.field for p in check_factor(state, today=TODAY)]


def test_an_unverified_factor_and_a_plain_confirmation_are_valid() -> None:
    assert check_factor(FactorState(), today=TODAY) == []
    confirmed = FactorState(questionnaire_level="high", verdict="confirmed")
    assert check_factor(confirmed, today=TODAY) == []


@pytest.mark.parametrize("verdict", ["rejected", "adjusted"])
def test_justification_is_required_unless_confirmed(verdict: str) -> None:
    state = FactorState(
        questionnaire_level="medium",
        verdict=verdict,
        adjusted_level="low" if verdict == "adjusted" else None,
        justification="  \n",
    )
    problems = check_factor(state, today=TODAY)
    assert [p.field for p in problems] == ["justification"]
    assert problems[0].is_error
    justified = FactorState(
        questionnaire_level="medium",
        verdict=verdict,
        adjusted_level="low" if verdict == "adjusted" else None,
        justification="Кадровый дефицит не подтверждён штатным расписанием.",
    )
    assert check_factor(justified, today=TODAY) == []


def test_adjusted_needs_a_level_that_differs_from_the_questionnaire() -> None:
    base = {"questionnaire_level": "medium", "verdict": "adjusted", "justification": "x"}
    assert _fields(FactorState(**base)) == ["adjusted_level"]
    assert _fields(FactorState(**base, adjusted_level="medium")) == ["adjusted_level"]
    assert _fields(FactorState(**base, adjusted_level="extreme")) == ["adjusted_level"]
    assert _fields(FactorState(**base, adjusted_level="high")) == []


def test_an_adjusted_level_without_the_adjusted_verdict_is_refused() -> None:
    state = FactorState(questionnaire_level="medium", verdict="confirmed", adjusted_level="high")
    assert _fields(state) == ["adjusted_level"]


@pytest.mark.parametrize("verdict", [None, "rejected"])
def test_only_confirmed_or_adjusted_factors_can_be_activated(verdict: str | None) -> None:
    state = FactorState(
        questionnaire_level="high", verdict=verdict, justification="x", activated=True
    )
    assert _fields(state) == ["activated"]


def test_confirmed_and_adjusted_factors_can_be_activated_unless_no_risk_remains() -> None:
    confirmed = FactorState(questionnaire_level="high", verdict="confirmed", activated=True)
    adjusted = FactorState(
        questionnaire_level="low",
        verdict="adjusted",
        adjusted_level="medium",
        justification="x",
        activated=True,
    )
    assert _fields(confirmed) == []
    assert _fields(adjusted) == []
    no_risk = FactorState(questionnaire_level="none", verdict="confirmed", activated=True)
    assert _fields(no_risk) == ["activated"]


def test_medk_date_only_when_entered_and_never_in_the_future() -> None:
    assert _fields(FactorState(medk_entered_on=TODAY)) == ["medk_entered_on"]
    assert _fields(FactorState(medk_entered=True, medk_entered_on=TODAY)) == []
    assert _fields(FactorState(medk_entered=True)) == []
    future = TODAY + dt.timedelta(days=1)
    assert _fields(FactorState(medk_entered=True, medk_entered_on=future)) == ["medk_entered_on"]


def test_verified_date_not_in_the_future() -> None:
    assert _fields(FactorState(verified_on=TODAY)) == []
    assert _fields(FactorState(verified_on=TODAY + dt.timedelta(days=1))) == ["verified_on"]


def test_unknown_codes_are_refused() -> None:
    assert _fields(FactorState(questionnaire_level="severe")) == ["questionnaire_level"]
    assert _fields(FactorState(verdict="maybe")) == ["verdict"]


def test_directions_above_the_maximum_warn_in_plural_without_blocking() -> None:
    assert directions_warning(3, 3) is None
    warning = directions_warning(4, 3)
    assert warning is not None
    assert not warning.is_error
    assert "No more than 3 directions" in warning.message
    assert "4" in warning.message
    single = directions_warning(2, 1)
    assert single is not None and "No more than 1 direction is" in single.message


def test_check_save_adds_the_warning_only_for_an_activated_factor() -> None:
    active = FactorState(questionnaire_level="high", verdict="confirmed", activated=True)
    problems = check_save(active, activated_elsewhere=3, maximum=3, today=TODAY)
    assert errors_of(problems) == []
    assert [p.field for p in warnings_of(problems)] == ["activated"]
    idle = FactorState(questionnaire_level="high", verdict="confirmed")
    assert check_save(idle, activated_elsewhere=5, maximum=3, today=TODAY) == []
    assert check_save(active, activated_elsewhere=2, maximum=3, today=TODAY) == []


def test_rule_error_is_a_validation_error_carrying_only_the_errors() -> None:
    problems = [
        Problem("justification", "Write a justification."),
        Problem("activated", "Too many.", "warning"),
        Problem("verified_on", "Not in the future."),
    ]
    error = RiskRuleError(problems)
    assert isinstance(error, ValidationError)
    assert error.field == "justification"
    assert [p.field for p in error.problems] == ["justification", "verified_on"]
    assert error.user_message == "Write a justification.\nNot in the future."
