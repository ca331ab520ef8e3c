"""Demo risk profiles as a curator verifies them, and the reviews of the schools' documents."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from curator_desktop.domain import identity
from curator_desktop.domain.enums import DocumentType, ReviewConclusion, RiskLevel, Verdict
from curator_desktop.services.demo.context import DemoContext, DemoSchool
from curator_desktop.store.rows import free_id
from curator_desktop.store.tables import DocumentReview, RiskAssessment, RiskEvidence, Visit

_VERDICTS = (Verdict.CONFIRMED, Verdict.ADJUSTED, Verdict.REJECTED)
VERDICT_WEIGHTS = {
    "high": (70, 20, 10),
    "medium": (70, 20, 10),
    "low": (60, 25, 15),
    "none": (90, 10, 0),
}
"""How often a curator confirms, adjusts or rejects a questionnaire level."""


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
    """Questionnaire levels of ``year``, the curator's verdicts and the activated directions."""
    rng = ctx.rng
    levels = [RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW, RiskLevel.NONE]
    factors = [f for f in ctx.factors if (f.year_from or 0) <= year <= (f.year_to or 9999)]
    chosen = {f.code: rng.choices(levels, weights=(25, 30, 25, 20))[0].value for f in factors}
    while sum(v in ("high", "medium") for v in chosen.values()) < 3:
        chosen[rng.choice(sorted(chosen))] = RiskLevel.MEDIUM.value
    partial = data.seed.verification == "partial"
    for factor in factors:
        code, level = factor.code, chosen[factor.code]
        wanted = identity.assessment_id(data.school.id, code, year)
        row = RiskAssessment(
            id=free_id(ctx.session, RiskAssessment, wanted),
            school_id=data.school.id,
            year=year,
            factor_code=code,
        )
        row.questionnaire_level = level
        data.assessments[code] = row
        ctx.add(row, "assessment")
        if partial and level in ("low", "none"):
            continue
        verdict = rng.choices(_VERDICTS, weights=VERDICT_WEIGHTS[level])[0]
        row.verdict = verdict.value
        texts = ctx.seeds.risks.factors[code]
        if verdict == Verdict.ADJUSTED:
            row.adjusted_level, way = _adjusted(rng, level)
            row.justification = texts.up if way == "up" else texts.down
        elif verdict == Verdict.REJECTED:
            row.justification = texts.reject
        elif level in ("high", "medium") and rng.random() < 0.5:
            row.justification = rng.choice(ctx.seeds.risks.confirm_justifications)
    _activate(ctx, data)


def effective_level(row: RiskAssessment) -> str | None:
    """The level the verification kept (None when rejected or not verified)."""
    if row.verdict == Verdict.CONFIRMED:
        return row.questionnaire_level
    if row.verdict == Verdict.ADJUSTED:
        return row.adjusted_level
    return None


def _activate(ctx: DemoContext, data: DemoSchool) -> None:
    """Pick one to three directions among confirmed/adjusted risks, highest first."""
    rng = ctx.rng
    rank = {"high": 3, "medium": 2, "low": 1}
    rows = list(data.assessments.values())
    candidates = [r for r in rows if effective_level(r) in ("high", "medium")]
    if not candidates:
        top = max(rows, key=lambda r: rank.get(r.questionnaire_level, 0))
        top.verdict, top.adjusted_level = Verdict.CONFIRMED.value, None
        top.justification = rng.choice(ctx.seeds.risks.confirm_justifications)
        candidates = [top]
    candidates.sort(key=lambda r: (-rank[effective_level(r) or "low"], rng.random()))
    count = min(len(candidates), ctx.max_active, rng.choice((1, 2, 2, 3, 3)))
    for row in candidates[:count]:
        row.activated = True
    order = {f.code: f.sort_order for f in ctx.factors}
    data.activated = sorted((r.factor_code for r in candidates[:count]), key=order.__getitem__)


def stamp_verification(
    ctx: DemoContext, data: DemoSchool, after: dt.date, visit: Visit | None
) -> None:
    """Date the verification a week or two ``after`` the visit; some are entered in ИС МЭДК."""
    rng = ctx.rng
    verified_on = min(after + dt.timedelta(days=rng.randint(6, 14)), ctx.today)
    entered = data.seed.medk_entered and data.seed.verification == "full"
    for row in data.assessments.values():
        if row.verdict is None:
            continue
        row.verified_on = verified_on
        if entered:
            row.medk_entered = True
            row.medk_entered_on = min(verified_on + dt.timedelta(days=rng.randint(1, 6)), ctx.today)
        if visit is not None and row.verdict != Verdict.CONFIRMED:
            ctx.add(RiskEvidence(assessment_id=row.id, kind="visit", visit_id=visit.id), "evidence")


# --- document reviews -------------------------------------------------------------------------


def add_document_reviews(ctx: DemoContext, schools: Mapping[str, DemoSchool]) -> None:
    """The curator's reviews of the documents the schools submitted (``schools`` by key)."""
    rng, today, documents = ctx.rng, ctx.today, ctx.seeds.documents
    names = {f.code: f.name_ru for f in ctx.factors}
    for seed in documents.reviews:
        data = schools[seed.school]
        if seed.at_visit:  # reviewed at that visit (its checklist holds the same criteria)
            reviewed = next(v for v in data.visits if v.visit_type == seed.at_visit).planned_date
            received = reviewed - dt.timedelta(days=documents.received_days_before)  # type: ignore[operator]
        else:
            start = data.visits[0].planned_date + dt.timedelta(days=seed.after_primary)  # type: ignore[operator]
            received = min(start, today)
            reviewed = min(received + dt.timedelta(days=rng.randint(3, 8)), today)
        code = data.activated[0] if seed.document_type == DocumentType.ANTIRISK_PROGRAMME else None
        criteria = {}
        for criterion in documents.criteria:
            value = seed.criteria.get(criterion, "meets")
            comment = documents.criteria_comments[criterion] if value != "meets" else ""
            criteria[criterion] = {"value": value, "comment": comment}
        review = DocumentReview(
            school_id=data.school.id,
            document_type=seed.document_type,
            title=seed.title.format(
                school=data.school.short_name,
                factor=names.get(code or "", ""),
                year=ctx.year,
                year_to=ctx.year + 2,
            ),
            factor_code=code,
            version_label=seed.version,
            received_on=received,
            reviewed_on=reviewed,
            criteria=criteria,
            conclusion=seed.conclusion,
            comment=seed.comment,
        )
        if seed.conclusion == ReviewConclusion.REVISE:
            review.revision_deadline = reviewed + dt.timedelta(days=documents.revision_days)  # type: ignore[operator]
        ctx.add(review, "document")
