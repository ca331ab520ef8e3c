"""The rules a stored risk verification and its evidence meet, whoever writes them: the risk
profile editor (through :mod:`curator_desktop.services.risk`) and an exchange import.

A verification meets :func:`.verification.check_factor` and is dated in a cycle year the app
works with; a piece of evidence is of a known kind and names what it refers to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from curator_desktop.domain.field_rules import (
    NAME_LENGTH,
    Problems,
    collect,
    dates_problems,
    shown,
    text_problem,
    year_problem,
)
from curator_desktop.domain.risk.verification import FactorState, check_factor
from curator_desktop.i18n import N_, _

EVIDENCE_KINDS: dict[str, str] = {
    "visit": N_("Visit"),
    "lesson": N_("Observed lesson"),
    "document": N_("Document review"),
    "attachment": N_("Photo or file"),
    "note": N_("Note"),
}
"""Evidence kinds (stored codes) and their English names."""
EVIDENCE_TARGETS: dict[str, str] = {
    "visit": "visit_id",
    "lesson": "lesson_id",
    "document": "document_review_id",
    "attachment": "attachment_id",
}
"""The column naming what each kind of evidence (but a note) refers to."""
_STATE_FIELDS = tuple(f.name for f in fields(FactorState))
_DEFAULTS = FactorState()


def cycle_year_problem(year: Any) -> str | None:
    """A cycle year must be a year the app works with."""
    return year_problem(year)


def assessment_problems(values: Mapping[str, Any], *, today: dt.date) -> Problems:
    """A ``risk_assessment`` record: a cycle year in range, a factor code, and the verification
    rules (:func:`check_factor`; ``today`` bounds the dates)."""
    state = FactorState(
        **{name: values.get(name, getattr(_DEFAULTS, name)) for name in _STATE_FIELDS}
    )
    problems = dates_problems(values, ("verified_on", "medk_entered_on"))
    for problem in check_factor(state, today=today):
        problems.setdefault(problem.field, problem.message)
    return collect(
        problems,
        year=cycle_year_problem(values.get("year")),
        factor_code=text_problem(values.get("factor_code"), NAME_LENGTH, required=True),
    )


def evidence_problem(kind: Any, note: str, target: Any) -> tuple[str, str] | None:
    """(field, problem) when a piece of evidence of ``kind`` cannot be linked: an unknown kind,
    a note without text, another kind without what it refers to (``target``)."""
    if not isinstance(kind, str) or kind not in EVIDENCE_KINDS:
        return "kind", _("Unknown kind of evidence “{kind}”.").format(kind=shown(kind))
    if kind == "note":
        return ("note", _("Write the note.")) if not note.strip() else None
    if not target:
        return "target", _("Choose what the evidence refers to among this school's records.")
    return None


def evidence_problems(values: Mapping[str, Any]) -> Problems:
    """A ``risk_evidence`` record: a known kind, a note's text or what it refers to."""
    kind = values.get("kind", "note")
    note = values.get("note") or ""
    problems = collect({}, note=text_problem(note))
    if problems:
        return problems
    found = evidence_problem(kind, note, values.get(EVIDENCE_TARGETS.get(str(kind), "")))
    if found is not None:
        field, problem = found
        problems[EVIDENCE_TARGETS.get(str(kind), field) if field == "target" else field] = problem
    return problems
