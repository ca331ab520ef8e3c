"""What the «Экспертное заключение» prints, read from the store in one go: the review, its
document and version (from :class:`DocumentService`), the school, the curator, and the criteria
in force for the criteria texts."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from curator_desktop.domain.documents.criteria import CriteriaSet
from curator_desktop.domain.enums import DocumentType
from curator_desktop.domain.errors import NotFoundError
from curator_desktop.i18n import _, current_language
from curator_desktop.services.catalogs.builtin import current_catalog_in
from curator_desktop.services.documents.criteria_catalog import criteria_in_force
from curator_desktop.services.documents.service import DocumentService
from curator_desktop.services.reports.protocol.data import CuratorInfo, school_header
from curator_desktop.services.reports.review.types import (
    CriterionRow,
    IndicatorRow,
    ReviewReportData,
    VersionInfo,
)
from curator_desktop.store.database import Database
from curator_desktop.store.repositories.profile import author_in, profile_in
from curator_desktop.store.tables import DocumentReview, RiskFactor, School


def _direction(database: Database, code: str | None, language: str) -> str:
    """«R06 Высокая доля …» from the risk catalog in force (the code alone when unknown)."""
    if not code:
        return ""
    with database.session() as session:
        catalog = current_catalog_in(session)
        factor = None
        if catalog is not None:
            factor = session.exec(
                select(RiskFactor)
                .where(col(RiskFactor.catalog_id) == catalog.id)
                .where(col(RiskFactor.code) == code)
            ).first()
    if factor is None:
        return code
    name = factor.name_en if language == "en" and factor.name_en else factor.name_ru
    return f"{code} {name}"


def _curator(database: Database, review_id: str) -> CuratorInfo:
    """Who signs: the author of the review, else the store owner's profile."""
    with database.session() as session:
        author_id = session.exec(
            select(DocumentReview.author_id).where(col(DocumentReview.id) == review_id)
        ).first()
        profile = author_in(session, author_id) or profile_in(session)
        if profile is None:
            return CuratorInfo("", "", "", "")
        return CuratorInfo(
            profile.full_name, profile.position, profile.organisation, profile.region
        )


def _criteria_rows(criteria: CriteriaSet | None, review, catalog, language: str):
    """The rows in the order of the criteria file, then any marked criterion it lacks."""
    marks = {mark.criterion_id: mark for mark in review.marks}
    rows: list[CriterionRow] = []
    keys = criteria.keys() if criteria is not None else []
    for key in keys + [k for k in marks if k not in keys]:
        mark = marks.get(key)
        criterion = criteria.get(key) if criteria is not None else None
        rating = mark.result if mark is not None else None
        rows.append(
            CriterionRow(
                text=criterion.label(language) if criterion is not None else key,
                rating=rating,
                rating_label=catalog.rating_label(rating, language) if rating else "",
                comment=(mark.comment.strip() if mark is not None else ""),
            )
        )
    return tuple(rows)


def collect(
    database: Database, review_id: str, *, attachments_dir: Path | None = None
) -> ReviewReportData:
    """The opinion's data for ``review_id`` (``NotFoundError`` when there is no such review)."""
    service = DocumentService(database, attachments_dir=attachments_dir or Path("."))
    review = service.review(review_id)
    language = current_language()
    document = service.document(review.document_id) if review.document_id else None
    version = None
    if document is not None:
        version = next((v for v in document.versions if v.id == review.version_id), None)
    with database.session() as session:
        school = session.get(School, review.school_id)
        if school is None or school.deleted:
            raise NotFoundError(_("The school was not found."))
        header = school_header(school)
    catalog = criteria_in_force(database)
    criteria = catalog.kinds.get(review.kind)
    kind_label = (
        criteria.label(language) if criteria is not None else DocumentType.label_for(review.kind)
    )
    conclusion = review.conclusion
    number = version.number if version is not None else 0
    edition = f"{catalog.title.get(language) or catalog.title['ru']}, " + _(
        "version {version}"
    ).format(version=review.criteria_version or catalog.version)
    return ReviewReportData(
        language=language,
        review_id=review.id,
        year=document.year if document is not None else None,
        school=header,
        curator=_curator(database, review.id),
        kind=review.kind,
        kind_label=kind_label,
        document_title=(document.title if document is not None else review.title) or kind_label,
        direction=_direction(database, review.factor_code, language),
        version=VersionInfo(
            number=number,
            label=review.version_label,
            received_on=version.received_on if version is not None else None,
            received_from=version.received_from if version is not None else "",
            file_name=version.file_name if version is not None else "",
        ),
        reviewed_on=review.reviewed_on,
        criteria=_criteria_rows(criteria, review, catalog, language),
        criteria_edition=edition,
        shows_indicators=(
            criteria.target_indicators if criteria is not None else bool(review.indicators)
        ),
        indicators=tuple(
            IndicatorRow(i.name, i.baseline, i.target, i.deadline) for i in review.indicators
        ),
        remarks=review.remarks,
        conclusion=conclusion,
        conclusion_label=catalog.conclusion_label(conclusion, language) if conclusion else "",
        accept_reason=review.accept_reason,
        revision_deadline=review.revision_deadline,
    )
