"""Per-school parts of the curator's period report, each read for all schools in one query.

Risk profiles (the cycle year in force at the period's end), documents (the latest review of
each document at the period's end), recommendations given in the period with their state at
its end, and what the held visits noted: positive changes, problems and findings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.answers import answer_text
from curator_desktop.domain.checklists.items import is_answered, visible_items
from curator_desktop.domain.enums import (
    DocumentType,
    RecommendationStatus,
    ReviewConclusion,
    RiskLevel,
    Verdict,
    VisitType,
)
from curator_desktop.domain.risk.profile import effective_level
from curator_desktop.i18n import N_, NP_, _, pgettext
from curator_desktop.services.catalogs.builtin import active_factors_in
from curator_desktop.store.tables import (
    ChecklistAnswer,
    DocumentReview,
    Recommendation,
    RiskAssessment,
    Visit,
    VisitFinding,
)

QUOTE_LIMIT = 280
"""Characters a quoted answer keeps before it is cut with «…»."""

POSITIVE_ITEMS: dict[str, str | None] = {
    "summary.overall": N_("Overall assessment"),
    "summary.areas": N_("Areas"),
    "summary.description": None,
    "summary.positive_changes": None,
}
"""Checklist items that record positive changes, with a short label (None: the text alone)."""
PROBLEM_ITEMS: dict[str, str | None] = {
    "summary.problems": None,
    "summary.no_changes_reasons": N_("No positive changes"),
    "general.lag_reasons": N_("Lag behind the roadmap"),
}
"""Checklist items that record problems."""

STATE_LABELS = {
    "done": NP_("recommendation state", "Done"),
    "overdue": NP_("recommendation state", "Overdue"),
    "open": NP_("recommendation state", "In progress"),
    "cancelled": NP_("recommendation state", "Cancelled"),
}
"""A recommendation's state at the period's end."""


@dataclass(frozen=True)
class RiskLine:
    """A risk the verification kept, or an activated direction."""

    code: str
    name: str
    questionnaire_label: str
    level: str | None
    level_label: str
    verdict_label: str
    activated: bool


@dataclass(frozen=True)
class RiskPart:
    """A school's risk profile in the report: its year, the risks kept, and counts."""

    year: int | None
    lines: tuple[RiskLine, ...] = ()
    factors: int = 0
    verified: int = 0
    rejected: int = 0

    @property
    def activated(self) -> tuple[RiskLine, ...]:
        return tuple(line for line in self.lines if line.activated)


@dataclass(frozen=True)
class DocumentLine:
    """The latest review of one of a school's documents at the period's end."""

    document_type: str
    type_label: str
    title: str
    version: str
    reviewed_on: dt.date | None
    conclusion: str | None
    conclusion_label: str
    revision_deadline: dt.date | None
    versions: int
    revision_overdue: bool


@dataclass(frozen=True)
class RecommendationLine:
    """A recommendation given in the period, with its state at the period's end."""

    text: str
    factor_code: str | None
    responsible: str
    given_on: dt.date
    deadline: dt.date | None
    state: str
    """``done``, ``overdue``, ``open`` or ``cancelled``."""
    state_label: str
    closed_on: dt.date | None


@dataclass(frozen=True)
class Note:
    """Something a held visit noted: a short quote with its visit and an optional label."""

    date: dt.date
    visit_label: str
    label: str
    text: str
    quoted: bool = True
    """Free text the curator wrote (printed in quotes), not a chosen answer."""


def state_label(state: str) -> str:
    """A recommendation state's label in the current language."""
    return pgettext(*STATE_LABELS[state])


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters with «…»."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:—-")
    return cut + "…"


# --- risks ------------------------------------------------------------------------------------


def risks_of(
    session: Session, school_ids: list[str], year: int, language: str
) -> defaultdict[str, RiskPart]:
    """Each school's profile of its latest cycle year up to ``year`` (empty when it has none)."""
    query = (
        select(RiskAssessment)
        .where(col(RiskAssessment.school_id).in_(school_ids))
        .where(col(RiskAssessment.year) <= year)
        .where(col(RiskAssessment.deleted).is_(False))
        .order_by(col(RiskAssessment.updated_at))
    )
    rows: dict[str, dict[int, dict[str, RiskAssessment]]] = defaultdict(lambda: defaultdict(dict))
    for row in session.exec(query):
        rows[row.school_id][row.year][row.factor_code] = row
    factors_by_year: dict[int, list[Any]] = {}
    parts: defaultdict[str, RiskPart] = defaultdict(lambda: RiskPart(None))
    for school_id, years in rows.items():
        latest = max(years)
        if latest not in factors_by_year:
            factors_by_year[latest] = active_factors_in(session, latest)
        parts[school_id] = _risk_part(latest, factors_by_year[latest], years[latest], language)
    return parts


def _risk_part(
    year: int, factors: list[Any], assessments: Mapping[str, RiskAssessment], language: str
) -> RiskPart:
    lines, verified, rejected = [], 0, 0
    for factor in factors:
        row = assessments.get(factor.code)
        if row is None:
            continue
        verified += row.verdict is not None
        rejected += row.verdict == Verdict.REJECTED
        level = effective_level(row.questionnaire_level, row.verdict, row.adjusted_level)
        if not row.activated and level in (None, RiskLevel.NONE):
            continue
        name = factor.name_ru if language == "ru" else (factor.name_en or factor.name_ru)
        lines.append(
            RiskLine(
                code=factor.code,
                name=name,
                questionnaire_label=RiskLevel.label_for(row.questionnaire_level),
                level=level,
                level_label=RiskLevel.label_for(level) if level else _("Not verified"),
                verdict_label=Verdict.label_for(row.verdict) if row.verdict else "—",
                activated=row.activated,
            )
        )
    return RiskPart(year, tuple(lines), len(factors), verified, rejected)


# --- documents --------------------------------------------------------------------------------


def _review_date(review: DocumentReview) -> dt.date:
    return review.reviewed_on or review.received_on or review.created_at.date()


def documents_of(
    session: Session, school_ids: list[str], date_to: dt.date
) -> defaultdict[str, list[DocumentLine]]:
    """Per school, the latest review of each document up to ``date_to``, in document order."""
    query = (
        select(DocumentReview)
        .where(col(DocumentReview.school_id).in_(school_ids))
        .where(col(DocumentReview.deleted).is_(False))
    )
    reviews = [r for r in session.exec(query) if _review_date(r) <= date_to]
    reviews.sort(key=lambda r: (_review_date(r), r.created_at))
    grouped: dict[tuple[str, str, str], list[DocumentReview]] = defaultdict(list)
    for review in reviews:
        grouped[
            (review.school_id, review.document_type, review.factor_code or review.title)
        ].append(review)
    order = {t.value: n for n, t in enumerate(DocumentType)}
    result: defaultdict[str, list[DocumentLine]] = defaultdict(list)
    for (school_id, _type, _key), versions in sorted(
        grouped.items(), key=lambda kv: (order.get(kv[0][1], 99), kv[1][-1].title)
    ):
        latest = versions[-1]
        revise = latest.conclusion == ReviewConclusion.REVISE
        result[school_id].append(
            DocumentLine(
                document_type=latest.document_type,
                type_label=DocumentType.label_for(latest.document_type),
                title=latest.title or DocumentType.label_for(latest.document_type),
                version=latest.version_label,
                reviewed_on=latest.reviewed_on,
                conclusion=latest.conclusion,
                conclusion_label=ReviewConclusion.label_for(latest.conclusion)
                if latest.conclusion
                else _("Under review"),
                revision_deadline=latest.revision_deadline if revise else None,
                versions=len(versions),
                revision_overdue=bool(
                    revise and latest.revision_deadline and latest.revision_deadline < date_to
                ),
            )
        )
    return result


# --- recommendations --------------------------------------------------------------------------


def _state(rec: Recommendation, date_to: dt.date) -> str:
    closed_in_time = rec.closed_on is None or rec.closed_on <= date_to
    if rec.status == RecommendationStatus.DONE and closed_in_time:
        return "done"
    if rec.status == RecommendationStatus.CANCELLED and closed_in_time:
        return "cancelled"
    if rec.deadline is not None and rec.deadline < date_to:
        return "overdue"
    return "open"


def recommendations_of(
    session: Session, school_ids: list[str], date_from: dt.date, date_to: dt.date
) -> defaultdict[str, list[RecommendationLine]]:
    """Per school, the recommendations given in the period (at a visit of that date, or
    recorded then), by date given and deadline."""
    query = (
        select(Recommendation, Visit.actual_date, Visit.planned_date)
        .outerjoin(Visit, col(Visit.id) == col(Recommendation.visit_id))
        .where(col(Recommendation.school_id).in_(school_ids))
        .where(col(Recommendation.deleted).is_(False))
    )
    lines: list[tuple[str, RecommendationLine]] = []
    for rec, actual, planned in session.exec(query):
        given = actual or planned or rec.created_at.date()
        if not date_from <= given <= date_to:
            continue
        state = _state(rec, date_to)
        line = RecommendationLine(
            text=rec.text.strip(),
            factor_code=rec.factor_code,
            responsible=rec.responsible,
            given_on=given,
            deadline=rec.deadline,
            state=state,
            state_label=state_label(state),
            closed_on=rec.closed_on if state in ("done", "cancelled") else None,
        )
        lines.append((rec.school_id, line))
    lines.sort(key=lambda e: (e[1].given_on, e[1].deadline or dt.date.max, e[1].text))
    result: defaultdict[str, list[RecommendationLine]] = defaultdict(list)
    for school_id, line in lines:
        result[school_id].append(line)
    return result


# --- what the visits noted --------------------------------------------------------------------


def notes_of(
    session: Session, visits: list[Visit]
) -> tuple[
    defaultdict[str, list[Note]], defaultdict[str, list[Note]], defaultdict[str, list[Note]]
]:
    """Per school: positive changes, problems and findings the ``visits`` recorded, by date."""
    positive: defaultdict[str, list[Note]] = defaultdict(list)
    problems: defaultdict[str, list[Note]] = defaultdict(list)
    findings: defaultdict[str, list[Note]] = defaultdict(list)
    ids = [v.id for v in visits]
    if not ids:
        return positive, problems, findings
    keys = [*POSITIVE_ITEMS, *PROBLEM_ITEMS]
    answers: dict[str, dict[str, Any]] = defaultdict(dict)
    for visit_id, key, value in session.exec(
        select(ChecklistAnswer.visit_id, ChecklistAnswer.item_key, ChecklistAnswer.value)
        .where(col(ChecklistAnswer.visit_id).in_(ids))
        .where(col(ChecklistAnswer.lesson_id).is_(None))
        .where(col(ChecklistAnswer.item_key).in_(keys))
        .where(col(ChecklistAnswer.deleted).is_(False))
    ):
        answers[visit_id][key] = value
    found: dict[str, list[VisitFinding]] = defaultdict(list)
    for finding in session.exec(
        select(VisitFinding)
        .where(col(VisitFinding.visit_id).in_(ids))
        .where(col(VisitFinding.deleted).is_(False))
        .order_by(col(VisitFinding.factor_code))
    ):
        if finding.text.strip():
            found[finding.visit_id].append(finding)
    for visit in visits:
        when = visit.actual_date or visit.planned_date or visit.created_at.date()
        label = VisitType.label_for(visit.visit_type)
        shown = _shown_answers(visit.template_snapshot or {}, answers.get(visit.id, {}))
        for target, items in ((positive, POSITIVE_ITEMS), (problems, PROBLEM_ITEMS)):
            for key, short in items.items():
                if key in shown:
                    note = Note(when, label, _(short) if short else "", quote(shown[key]))
                    target[visit.school_id].append(note if not short else _unquoted(note, key))
        for finding in found.get(visit.id, ()):
            findings[visit.school_id].append(
                Note(when, label, finding.factor_code, quote(finding.text))
            )
    return positive, problems, findings


def _unquoted(note: Note, key: str) -> Note:
    """Chosen answers (a scale, options) are not quoted; free text is."""
    if key in ("summary.overall", "summary.areas"):
        return Note(note.date, note.visit_label, note.label, note.text, quoted=False)
    return note


def _shown_answers(content: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, str]:
    """The answered items among those shown, as text (hidden items' stale answers dropped)."""
    if not answers:
        return {}
    items = {item["key"]: item for item in visible_items(content, answers)}
    return {
        key: answer_text(items[key], value)
        for key, value in answers.items()
        if key in items and is_answered(value)
    }
