"""Demo risk profiles: the questionnaire levels published in February, and the curator's
verification in March (verdicts, justifications, activated directions, entry into ИС МЭДК), each
written on its day of the story so the profile's history reads as it happened."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from curator_desktop.domain import identity
from curator_desktop.domain.enums import RiskLevel, Verdict
from curator_desktop.services.demo.calendar import workday_before, workday_within
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.store.rows import free_id
from curator_desktop.store.tables import RiskAssessment, RiskEvidence, Visit

_VERDICTS = (Verdict.CONFIRMED, Verdict.ADJUSTED, Verdict.REJECTED)
VERDICT_WEIGHTS = {
    "high": (70, 20, 10),
    "medium": (70, 20, 10),
    "low": (60, 25, 15),
    "none": (90, 10, 0),
}
"""How often a curator confirms, adjusts or rejects a questionnaire level."""
_RANK = {"high": 3, "medium": 2, "low": 1}


def _adjusted(rng: random.Random, level: str) -> tuple[str, str]:
    """A level the curator moved to and which way (``up``/``down``)."""
    options = {
        RiskLevel.HIGH: [(RiskLevel.MEDIUM, "down")],
        RiskLevel.MEDIUM: [(RiskLevel.LOW, "down"), (RiskLevel.HIGH, "up")],
        RiskLevel.LOW: [(RiskLevel.MEDIUM, "up"), (RiskLevel.NONE, "down")],
        RiskLevel.NONE: [(RiskLevel.LOW, "up")],
    }[RiskLevel(level)]
    new, way = rng.choice(options)
    return new.value, way


def add_risk_profile(ctx: DemoContext, data: DemoSchool, year: int) -> None:
    """The questionnaire levels of ``year`` as published, and the verdicts the curator will
    reach (kept in ``data.verdicts`` until :func:`verify` writes them)."""
    rng = ctx.rng
    levels = [RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW, RiskLevel.NONE]
    factors = [f for f in ctx.factors if (f.year_from or 0) <= year <= (f.year_to or 9999)]
    chosen = {f.code: rng.choices(levels, weights=(25, 30, 25, 20))[0].value for f in factors}
    while sum(v in ("high", "medium") for v in chosen.values()) < 3:
        chosen[rng.choice(sorted(chosen))] = RiskLevel.MEDIUM.value
    partial = data.seed.verification == "partial"
    published = ctx.cycle_day(ctx.seeds.visits.cycle.profile_published, year=year)
    for factor in factors:
        code, level = factor.code, chosen[factor.code]
        wanted = identity.assessment_id(data.school.id, code, year)
        row = RiskAssessment(
            id=free_id(ctx.session, RiskAssessment, wanted),
            school_id=data.school.id,
            year=year,
            factor_code=code,
            questionnaire_level=level,
        )
        data.assessments[code] = row
        ctx.add(row, "assessment", day=published)
        if partial and level in ("low", "none"):
            continue
        verdict = rng.choices(_VERDICTS, weights=VERDICT_WEIGHTS[level])[0]
        plan: dict[str, Any] = {"verdict": verdict.value}
        texts = ctx.seeds.risks.factors[code]
        if verdict == Verdict.ADJUSTED:
            plan["adjusted_level"], way = _adjusted(rng, level)
            plan["justification"] = texts.up if way == "up" else texts.down
        elif verdict == Verdict.REJECTED:
            plan["justification"] = texts.reject
        elif level in ("high", "medium") and rng.random() < 0.5:
            plan["justification"] = rng.choice(ctx.seeds.risks.confirm_justifications)
        data.verdicts[code] = plan
    _activate(ctx, data)


def effective_level(data: DemoSchool, code: str) -> str | None:
    """The level the verification keeps for ``code`` (None when rejected or not verified)."""
    plan = data.verdicts.get(code)
    if plan is None:
        return None
    if plan["verdict"] == Verdict.CONFIRMED:
        return data.assessments[code].questionnaire_level
    if plan["verdict"] == Verdict.ADJUSTED:
        return plan["adjusted_level"]
    return None


def top_risks(data: DemoSchool, count: int) -> list[str]:
    """The ``count`` highest risks the verification keeps (none «not identified»)."""
    codes = sorted(data.verdicts, key=lambda c: -_RANK.get(effective_level(data, c) or "", 0))
    return [c for c in codes[:count] if effective_level(data, c) not in (None, RiskLevel.NONE)]


def _activate(ctx: DemoContext, data: DemoSchool) -> None:
    """Pick one to three directions among confirmed/adjusted risks, highest first."""
    rng = ctx.rng
    codes = list(data.assessments)
    candidates = [c for c in codes if effective_level(data, c) in ("high", "medium")]
    if not candidates:
        top = max(codes, key=lambda c: _RANK.get(data.assessments[c].questionnaire_level, 0))
        data.verdicts[top] = {
            "verdict": Verdict.CONFIRMED.value,
            "justification": rng.choice(ctx.seeds.risks.confirm_justifications),
        }
        candidates = [top]
    candidates.sort(key=lambda c: (-_RANK[effective_level(data, c) or "low"], rng.random()))
    count = min(len(candidates), ctx.max_active, rng.choice((1, 2, 2, 3, 3)))
    order = {f.code: f.sort_order for f in ctx.factors}
    data.activated = sorted(candidates[:count], key=order.__getitem__)


def verify(ctx: DemoContext, data: DemoSchool, day: dt.date, visit: Visit | None) -> None:
    """Write the verification on ``day`` (the directions are activated with it); the visit is
    the evidence of every verdict that differs from the questionnaire. Some schools enter the
    verified profile into ИС МЭДК within the week."""
    rng = ctx.rng
    entered = data.seed.medk_entered and data.seed.verification == "full"
    medk_day = workday_before(min(day + dt.timedelta(days=rng.randint(1, 6)), ctx.today))
    verified = [(code, row) for code, row in data.assessments.items() if code in data.verdicts]
    ctx.change_many(
        day,
        [
            (row, {"verified_on": day, "activated": code in data.activated, **data.verdicts[code]})
            for code, row in verified
        ],
    )
    for code, row in verified:
        if visit is not None and data.verdicts[code]["verdict"] != Verdict.CONFIRMED:
            evidence = RiskEvidence(assessment_id=row.id, kind="visit", visit_id=visit.id)
            ctx.add(evidence, "evidence", day=day)
    if entered:
        entry = {"medk_entered": True, "medk_entered_on": medk_day}
        ctx.change_many(medk_day, [(row, entry) for _code, row in verified])


def verification_day(ctx: DemoContext, primary: dt.date) -> dt.date:
    """A week or two after the primary visit, inside the cycle's verification window."""
    first, last = (ctx.cycle_day(d) for d in ctx.seeds.visits.cycle.verification)
    return workday_within(primary + dt.timedelta(days=ctx.rng.randint(6, 14)), first, last)
