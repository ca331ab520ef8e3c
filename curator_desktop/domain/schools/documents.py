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
REVIEW_TEXTS = {"title": NAME_LENGTH, "version_label": NAME_LENGTH, "comment": TEXT_LENGTH}
REVIEW_DATES = ("received_on", "reviewed_on", "revision_deadline")

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


def review_problems(values: Mapping[str, Any]) -> Problems:
    """A ``document_review`` record: kind and conclusion known, dates in range, texts not too
    long, criteria as ``{criterion: {"value": meets|partly|not_meets, "comment": text}}``."""
    problems = texts_problems(values, REVIEW_TEXTS)
    problems.update(dates_problems(values, REVIEW_DATES))
    return collect(
        problems,
        document_type=choice_problem(values.get("document_type", "concept"), _TYPES),
        conclusion=choice_problem(values.get("conclusion"), _CONCLUSIONS, optional=True),
        factor_code=texts_problems(values, {"factor_code": NAME_LENGTH}).get("factor_code"),
        criteria=_criteria_problem(values.get("criteria")),
    )
