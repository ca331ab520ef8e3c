"""The rules a stored review of a school's document meets (концепция, программы): a known kind
of document and conclusion, dates in range, the criteria as an object of criterion → result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.enums import DocumentType, ReviewConclusion
from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    TEXT_LENGTH,
    Problems,
    choice_problem,
    collect,
    dates_problems,
    texts_problems,
)
from curator_desktop.i18n import _

CRITERION_VALUES = ("meets", "partly", "not_meets")
"""How a document meets one review criterion."""
REVIEW_TEXTS = {
    "title": NAME_LENGTH,
    "version_label": NAME_LENGTH,
    "comment": TEXT_LENGTH,
    "accept_reason": TEXT_LENGTH,
    "criteria_key": NAME_LENGTH,
    "criteria_version": NAME_LENGTH,
}
REVIEW_DATES = ("received_on", "reviewed_on", "revision_deadline", "started_on")

_TYPES = tuple(member.value for member in DocumentType)
_CONCLUSIONS = tuple(member.value for member in ReviewConclusion)


def _criteria_problem(criteria: Any) -> str | None:
    if criteria is None:
        return None
    if not isinstance(criteria, Mapping):
        return _("must be {expected}.").format(expected=_("an object {…}"))
    for result in criteria.values():
        if not isinstance(result, Mapping):
            return _("must be {expected}.").format(expected=_("an object {…}"))
        value = result.get("value")
        problem = choice_problem(value, CRITERION_VALUES, optional=True)
        if problem:
            return problem
        if not isinstance(result.get("comment", ""), str):
            return _("must be {expected}.").format(expected=_("a text in quotes"))
    return None


def _indicators_problem(indicators: Any) -> str | None:
    if indicators is None:
        return None
    if not isinstance(indicators, list) or not all(isinstance(i, Mapping) for i in indicators):
        return _("must be {expected}.").format(expected=_("a list […]"))
    for indicator in indicators:
        for name in ("name", "baseline", "target", "deadline"):
            value = indicator.get(name)
            if value is not None and not isinstance(value, str):
                return _("must be {expected}.").format(expected=_("a text in quotes"))
    return None


def _accept_problem(values: Mapping[str, Any]) -> str | None:
    """«Принять» with a criterion «does not meet» needs the reason written."""
    criteria = values.get("criteria")
    if values.get("conclusion") != ReviewConclusion.ACCEPT or not isinstance(criteria, Mapping):
        return None
    unmet = any(
        isinstance(result, Mapping) and result.get("value") == "not_meets"
        for result in criteria.values()
    )
    reason = values.get("accept_reason")
    if unmet and not (isinstance(reason, str) and reason.strip()):
        return _(
            "The document cannot be accepted while a criterion is marked «does not meet» "
            "unless the reason is written."
        )
    return None


def review_problems(values: Mapping[str, Any]) -> Problems:
    """A ``document_review`` record: kind and conclusion known, dates in range, texts not too
    long, criteria as ``{criterion: {"value": meets|partly|not_meets, "comment": text}}``,
    target indicators as a list of objects, and no «принять» over an unmet criterion without
    the reason."""
    problems = texts_problems(values, REVIEW_TEXTS)
    problems.update(dates_problems(values, REVIEW_DATES))
    return collect(
        problems,
        document_type=choice_problem(values.get("document_type", "concept"), _TYPES),
        conclusion=choice_problem(values.get("conclusion"), _CONCLUSIONS, optional=True),
        factor_code=texts_problems(values, {"factor_code": NAME_LENGTH}).get("factor_code"),
        criteria=_criteria_problem(values.get("criteria")),
        indicators=_indicators_problem(values.get("indicators")),
        accept_reason=_accept_problem(values),
    )
