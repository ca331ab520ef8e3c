"""Which rows an export takes: SQL conditions per table for a :class:`Scope`.

- full: every row, tombstones included, and the whole history;
- since: rows written or received after the watermark (``updated_at > since``, deletions
  included, or a local :class:`Receipt` after it, so what came from elsewhere travels on),
  the history rows after it and the whole history of every row it takes (the receiver finds
  its own revision among the ancestors of a record edited several times since);
- selection: the profile, risk catalogs, checklist templates and roadmaps always; the selected
  schools; their visits (only those whose date — actual, else planned — falls in the period when
  one is given) and what hangs from them (participants, lessons, answers, findings, attachments,
  reports); the schools' risk assessments, documents (versions, reviews, confirmation documents
  and their files) and recommendations (a review or recommendation of a visit only when the
  visit goes too); evidence whose visit, lesson and document go too; roadmap links
  to an exported visit, assessment, report or event; the curator's events with their files, and
  their analyses of the selected schools; the whole history of every exported row;
- setup: a coordinator's set-up package for one curator (:mod:`..setup.scope`).

Conditions are subqueries, never lists of ids, so a big selection costs no SQL parameters.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, union
from sqlmodel import col, select

from curator_desktop.services.exchange.package.format import (
    SCOPE_FULL,
    SCOPE_SELECTION,
    SCOPE_SETUP,
    SCOPE_SINCE,
    Scope,
)
from curator_desktop.services.exchange.records import HISTORY_TABLE, MODELS
from curator_desktop.store.tables import (
    Attachment,
    ChangeLog,
    ChecklistAnswer,
    ConfirmationDocument,
    DocumentReview,
    DocumentVersion,
    GeneratedReport,
    LessonObservation,
    Receipt,
    Recommendation,
    RiskAssessment,
    RiskEvidence,
    RoadmapLink,
    School,
    SchoolAssignment,
    SchoolDocument,
    Visit,
    VisitFinding,
    VisitParticipant,
)

Filters = dict[str, Any]
"""Table name → SQL condition on its model (None: every row)."""


def scope_filters(scope: Scope) -> Filters:
    """The condition on each data table (the history included) for ``scope``."""
    if scope.kind == SCOPE_FULL:
        return dict.fromkeys((*MODELS, HISTORY_TABLE))
    if scope.kind == SCOPE_SINCE:
        if scope.since is None:
            raise ValueError("a «since» scope without its watermark")
        filters: Filters = {t: _changed_since(t, m, scope.since) for t, m in MODELS.items()}
        filters[HISTORY_TABLE] = or_(col(ChangeLog.at) > scope.since, _history_of(filters))
        return filters
    if scope.kind == SCOPE_SELECTION:
        filters = _selection(scope)
        filters[HISTORY_TABLE] = _history_of(filters)
        return filters
    if scope.kind == SCOPE_SETUP:
        from curator_desktop.services.exchange.setup.scope import setup_filters

        filters = setup_filters(scope)
        filters[HISTORY_TABLE] = _history_of(filters)
        return filters
    raise ValueError(f"unknown scope kind {scope.kind!r}")


def _changed_since(table: str, model: Any, since: Any) -> Any:
    """Rows updated after ``since``, or received by this computer after it."""
    received = select(Receipt.entity_id).where(
        col(Receipt.entity) == table, col(Receipt.at) > since
    )
    return or_(col(model.updated_at) > since, col(model.id).in_(received))


def _optional(column: Any, ids: Any) -> Any:
    return or_(col(column).is_(None), col(column).in_(ids))


def _selection(scope: Scope) -> Filters:
    schools = tuple(scope.school_ids)
    day = func.coalesce(col(Visit.actual_date), col(Visit.planned_date))
    visit_where = [col(Visit.school_id).in_(schools)]
    if scope.date_from is not None:
        visit_where.append(day >= scope.date_from)
    if scope.date_to is not None:
        visit_where.append(day <= scope.date_to)
    visit = and_(*visit_where)
    visits = select(Visit.id).where(visit)
    lesson = col(LessonObservation.visit_id).in_(visits)
    lessons = select(LessonObservation.id).where(lesson)
    answer = col(ChecklistAnswer.visit_id).in_(visits)
    assessment = col(RiskAssessment.school_id).in_(schools)
    assessments = select(RiskAssessment.id).where(assessment)
    document = and_(
        col(DocumentReview.school_id).in_(schools), _optional(DocumentReview.visit_id, visits)
    )
    school_document = col(SchoolDocument.school_id).in_(schools)
    school_documents = select(SchoolDocument.id).where(school_document)
    version = col(DocumentVersion.document_id).in_(school_documents)
    confirmation = col(ConfirmationDocument.school_id).in_(schools)
    evidence = and_(
        col(RiskEvidence.assessment_id).in_(assessments),
        _optional(RiskEvidence.visit_id, visits),
        _optional(RiskEvidence.lesson_id, lessons),
        _optional(RiskEvidence.document_review_id, select(DocumentReview.id).where(document)),
    )
    owners = col(Attachment.owner_id)
    attachment = or_(
        and_(col(Attachment.owner_type) == "visit", owners.in_(visits)),
        and_(col(Attachment.owner_type) == "lesson", owners.in_(lessons)),
        and_(
            col(Attachment.owner_type) == "answer",
            owners.in_(select(ChecklistAnswer.id).where(answer)),
        ),
        col(Attachment.id).in_(select(RiskEvidence.attachment_id).where(evidence)),
        and_(
            col(Attachment.owner_type) == "document_version",
            owners.in_(select(DocumentVersion.id).where(version)),
        ),
        and_(
            col(Attachment.owner_type) == "confirmation",
            owners.in_(select(ConfirmationDocument.id).where(confirmation)),
        ),
        col(Attachment.owner_type) == "event",  # the curator's events go whole (#23)
    )
    report = or_(
        col(GeneratedReport.visit_id).in_(visits),
        and_(col(GeneratedReport.visit_id).is_(None), col(GeneratedReport.school_id).in_(schools)),
    )
    targets = union(
        visits, assessments, select(GeneratedReport.id).where(report), _events_selected()
    )
    filters: Filters = dict.fromkeys(MODELS)
    filters.update(
        {
            "school": col(School.id).in_(schools),
            "school_assignment": col(SchoolAssignment.school_id).in_(schools),
            "risk_assessment": assessment,
            "visit": visit,
            "visit_participant": col(VisitParticipant.visit_id).in_(visits),
            "lesson_observation": lesson,
            "checklist_answer": answer,
            "visit_finding": col(VisitFinding.visit_id).in_(visits),
            "recommendation": and_(
                col(Recommendation.school_id).in_(schools),
                _optional(Recommendation.visit_id, visits),
            ),
            "school_document": school_document,
            "document_version": version,
            "document_review": document,
            "confirmation_document": confirmation,
            "attachment": attachment,
            "risk_evidence": evidence,
            "generated_report": report,
            "roadmap_link": col(RoadmapLink.target_id).in_(targets),
        }
    )
    filters.update(_selfdiag_selection(schools))
    filters.update(_events_selection(schools))
    return filters


def _events_selected() -> Any:
    """Every live or deleted event (the curator's events go with any selection)."""
    from curator_desktop.store.tables import CuratorEvent

    return select(CuratorEvent.id)


def _events_selection(schools: tuple[str, ...]) -> Filters:
    """The curator's events go whole; their analyses only of the selected schools (#23)."""
    from curator_desktop.store.tables import EventAnalysis

    return {"event_analysis": col(EventAnalysis.school_id).in_(schools)}


def _selfdiag_selection(schools: tuple[str, ...]) -> Filters:
    """The selected schools' programmes by year and self-diagnosis rounds with their results,
    deficits and decisions (the self-diagnosis catalogs go always)."""
    from curator_desktop.store.tables import (
        SchoolProgramme,
        SelfdiagDecision,
        SelfdiagDeficit,
        SelfdiagResult,
        SelfdiagRound,
    )

    rounds = select(SelfdiagRound.id).where(col(SelfdiagRound.school_id).in_(schools))
    return {
        "school_programme": col(SchoolProgramme.school_id).in_(schools),
        "selfdiag_round": col(SelfdiagRound.school_id).in_(schools),
        "selfdiag_result": col(SelfdiagResult.round_id).in_(rounds),
        "selfdiag_deficit": col(SelfdiagDeficit.round_id).in_(rounds),
        "selfdiag_decision": col(SelfdiagDecision.round_id).in_(rounds),
    }


def _history_of(filters: Filters) -> Any:
    """The history rows of every row the record filters take."""
    parts = []
    for table, model in MODELS.items():
        where = filters[table]
        if where is None:
            parts.append(col(ChangeLog.entity) == table)
        else:
            ids = select(model.id).where(where)  # type: ignore[attr-defined]
            parts.append(and_(col(ChangeLog.entity) == table, col(ChangeLog.entity_id).in_(ids)))
    return or_(*parts)
