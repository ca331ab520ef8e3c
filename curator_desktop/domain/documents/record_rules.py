"""The rules a stored school document, version or confirmation document meets (a form, a
service and an exchange import refuse the same values with the same words)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.enums import DocumentType
from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    TEXT_LENGTH,
    Problems,
    choice_problem,
    collect,
    dates_problems,
    number_problem,
    texts_problems,
    year_problem,
)

_TYPES = tuple(member.value for member in DocumentType)


def document_problems(values: Mapping[str, Any]) -> Problems:
    """A ``school_document`` record: a known kind, a cycle year, texts not too long."""
    problems = texts_problems(values, {"title": NAME_LENGTH, "factor_code": NAME_LENGTH})
    return collect(
        problems,
        kind=choice_problem(values.get("kind"), _TYPES),
        year=year_problem(values.get("year")),
    )


def version_problems(values: Mapping[str, Any]) -> Problems:
    """A ``document_version`` record: a number from 1, dates in range, texts not too long."""
    problems = texts_problems(values, {"received_from": NAME_LENGTH, "note": TEXT_LENGTH})
    problems.update(dates_problems(values, ("received_on", "medk_uploaded_on")))
    return collect(problems, number=number_problem(values.get("number", 1), low=1, high=10_000))


def confirmation_problems(values: Mapping[str, Any]) -> Problems:
    """A ``confirmation_document`` record: a cycle year, dates in range, texts not too long."""
    problems = texts_problems(
        values, {"measure": TEXT_LENGTH, "stage": NAME_LENGTH, "title": NAME_LENGTH}
    )
    problems.update(dates_problems(values, ("dated_on", "medk_uploaded_on")))
    return collect(problems, year=year_problem(values.get("year")))
