"""Per-school parts of the curator's period report, each read for all schools in one query.

Documents (the latest review of each document by the report's «as of» day), recommendations
given at the visits held in the period with their state on that day, and what the held visits
noted: positive changes, problems and findings. The risk profiles are in :mod:`.risks`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from curator_desktop.domain.checklists.answers import answer_text
from curator_desktop.domain.checklists.items import is_answered, visible_items
from curator_desktop.domain.enums import (
    DocumentType,
    RecommendationStatus,
    ReviewConclusion,
    VisitType,
)
from curator_desktop.domain.visits.records import READ_ONLY_STATUSES
from curator_desktop.i18n import N_, NP_, _, pgettext
from curator_desktop.store.tables import (
    ChecklistAnswer,
    DocumentReview,
    Recommendation,
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
CHOSEN_ITEMS = frozenset({"summary.overall", "summary.areas"})
"""Of those, the answers chosen from a scale or options (printed unquoted)."""

STATE_LABELS = {
    "done": NP_("recommendation state", "Done"),
    "overdue": NP_("recommendation state", "Overdue"),
    "open": NP_("recommendation state", "In progress"),
    "cancelled": NP_("recommendation state", "Cancelled"),
}
"""A recommendation's state on the report's «as of» day."""
TARGETS_CRITERION = "indicators_baseline_target"
"""The review criterion «indicators have baseline and target values»."""
CRITERION_LABELS = {
    "meets": NP_("review criterion", "Meets"),
    "partly": NP_("review criterion", "Partly meets"),
    "not_meets": NP_("review criterion", "Does not meet"),
}


@dataclass(frozen=True)
class DocumentLine:
    """The latest review of one of a school's documents by the report's «as of» day."""

    document_type: str
    type_label: str
    factor_code: str | None
    """The direction of an antirisk programme."""
    title: str
    version: str
    reviewed_on: dt.date | None
    conclusion: str | None
    conclusion_label: str
    revision_deadline: dt.date | None
    versions: int
    revision_overdue: bool
    targets: str | None = None
    """How the document meets «indicators have baseline and target values» (a criterion
    value: ``meets``, ``partly``, ``not_meets``), if that was assessed."""
    targets_comment: str = ""

    @property
    def targets_label(self) -> str:
        """The assessment of the baseline and target values in the current language."""
        return pgettext(*CRITERION_LABELS[self.targets]) if self.targets in CRITERION_LABELS else ""


@dataclass(frozen=True)
class RecommendationLine:
    """A recommendation given at a visit held in the period, with its state on the report's
    «as of» day."""

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


# --- documents --------------------------------------------------------------------------------


def _review_date(review: DocumentReview) -> dt.date:
    return review.reviewed_on or review.received_on or review.created_at.date()


def documents_of(
    session: Session, school_ids: list[str], as_of: dt.date
) -> defaultdict[str, list[DocumentLine]]:
    """Per school, the latest review of each document up to ``as_of``, in document order."""
    query = (
        select(DocumentReview)
        .where(col(DocumentReview.school_id).in_(school_ids))
        .where(col(DocumentReview.deleted).is_(False))
    )
    reviews = [r for r in session.exec(query) if _review_date(r) <= as_of]
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
        result[school_id].append(_document_line(versions, as_of))
    return result


def _document_line(versions: list[DocumentReview], as_of: dt.date) -> DocumentLine:
    latest = versions[-1]
    revise = latest.conclusion == ReviewConclusion.REVISE
    targets = (latest.criteria or {}).get(TARGETS_CRITERION) or {}
    return DocumentLine(
        document_type=latest.document_type,
        type_label=DocumentType.label_for(latest.document_type),
        factor_code=latest.factor_code,
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
            revise and latest.revision_deadline and latest.revision_deadline < as_of
        ),
        targets=targets.get("value") or None,
        targets_comment=str(targets.get("comment") or "").strip(),
    )


# --- recommendations --------------------------------------------------------------------------


def _state(rec: Recommendation, as_of: dt.date) -> str:
    closed_in_time = rec.closed_on is None or rec.closed_on <= as_of
    if rec.status == RecommendationStatus.DONE and closed_in_time:
        return "done"
    if rec.status == RecommendationStatus.CANCELLED and closed_in_time:
        return "cancelled"
    if rec.deadline is not None and rec.deadline < as_of:
        return "overdue"
    return "open"


def recommendations_of(
    session: Session, school_ids: list[str], date_from: dt.date, date_to: dt.date, as_of: dt.date
) -> defaultdict[str, list[RecommendationLine]]:
    """Per school, the recommendations given in the period, by date given and deadline: those
    of the visits held (completed or later) in it, and those recorded then without a visit. A
    visit not finished yet is not counted, nor is what it recommends."""
    query = (
        select(Recommendation, Visit.actual_date, Visit.planned_date, Visit.status, Visit.deleted)
        .outerjoin(Visit, col(Visit.id) == col(Recommendation.visit_id))
        .where(col(Recommendation.school_id).in_(school_ids))
        .where(col(Recommendation.deleted).is_(False))
    )
    held = {s.value for s in READ_ONLY_STATUSES}
    lines: list[tuple[str, RecommendationLine]] = []
    for rec, actual, planned, status, deleted in session.exec(query):
        if rec.visit_id is not None and (status not in held or deleted):
            continue
        given = actual or planned or rec.created_at.date()
        if not date_from <= given <= date_to:
            continue
        state = _state(rec, as_of)
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
    session: Session, visits: list[Visit], *, tabulated: Collection[str] = ()
) -> tuple[
    defaultdict[str, list[Note]], defaultdict[str, list[Note]], defaultdict[str, list[Note]]
]:
    """Per school: positive changes, problems and findings the ``visits`` recorded, by date.
    The chosen answers (overall assessment, areas) of the ``tabulated`` visits are left to the
    monitoring table; their free texts are quoted here."""
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
                if key in shown and not (key in CHOSEN_ITEMS and visit.id in tabulated):
                    note = Note(when, label, _(short) if short else "", quote(shown[key]))
                    target[visit.school_id].append(note if not short else _unquoted(note, key))
        for finding in found.get(visit.id, ()):
            findings[visit.school_id].append(
                Note(when, label, finding.factor_code, quote(finding.text))
            )
    return positive, problems, findings


def _unquoted(note: Note, key: str) -> Note:
    """Chosen answers (a scale, options) are not quoted; free text is."""
    if key in CHOSEN_ITEMS:
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
