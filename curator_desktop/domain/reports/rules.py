"""The rules a stored record of a generated report meets: a known kind and language, a version
from 1, a year and a period the app works with (a period does not end before it begins)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from curator_desktop.domain.enums import ReportKind
from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    Problems,
    choice_problem,
    collect,
    dates_problems,
    number_problem,
    texts_problems,
    year_problem,
)
from curator_desktop.i18n import SUPPORTED_LANGUAGES, _

REPORT_TEXTS = {"title": NAME_LENGTH, "document_number": NAME_LENGTH}
_KINDS = tuple(member.value for member in ReportKind)
_SHA256 = re.compile(r"(?:[0-9a-f]{64})?")


def period_problem(start: Any, end: Any) -> str | None:
    """A period must not end before it begins."""
    if start is not None and end is not None and end < start:
        return _("The period must not end before it begins.")
    return None


def _digest_problem(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and _SHA256.fullmatch(value)):
        return None
    return _("must be a SHA-256 checksum (64 hexadecimal digits), not “{value}”.").format(
        value=str(value)[:40]
    )


def report_problems(values: Mapping[str, Any]) -> Problems:
    """A ``generated_report`` record: kind and language known, a version from 1, the year and
    period in range, checksums of the right form, texts not too long."""
    problems = texts_problems(values, REPORT_TEXTS)
    problems.update(dates_problems(values, ("period_from", "period_to")))
    return collect(
        problems,
        kind=choice_problem(values.get("kind"), _KINDS),
        language=choice_problem(values.get("language", "ru"), SUPPORTED_LANGUAGES),
        version=number_problem(values.get("version", 1), low=1),
        year=year_problem(values.get("year"), optional=True),
        period_to=period_problem(values.get("period_from"), values.get("period_to")),
        file_sha256=_digest_problem(values.get("file_sha256")),
        data_sha256=_digest_problem(values.get("data_sha256")),
    )
