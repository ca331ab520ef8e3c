"""The register of generated reports: document numbers, versions, the atomic file write,
hashes, and the rows read back as :class:`ReportRecord` with their subject."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Integer, cast, func
from sqlmodel import Session, col, select

from curator_desktop.domain.enums import DocumentType, ReportKind
from curator_desktop.domain.reports.records import ReportRecord
from curator_desktop.durable import fsync_dir
from curator_desktop.i18n import format_date
from curator_desktop.services.reports.form.meta import Written
from curator_desktop.store.repositories.profile import profile_in
from curator_desktop.store.tables import DocumentReview, GeneratedReport, School, Visit

NUMBER_PREFIXES = {
    ReportKind.VISIT.value: "СП",
    ReportKind.PROTOCOL.value: "ПВ",
    ReportKind.INTERIM.value: "ОК",
    ReportKind.FINAL.value: "ОК",
    ReportKind.REVIEW.value: "ЭЗ",
    ReportKind.SELFDIAG.value: "АС",
    ReportKind.CONSULTATIONS.value: "ГК",
    ReportKind.REGION_MONITORING.value: "АС",
    ReportKind.REGION_VISITS.value: "АС",
    ReportKind.REGION_DOCUMENTS.value: "АС",
    ReportKind.REGION_SUMMARY.value: "АС",
}
"""Document number prefixes (the same in English reports: they are the same documents)."""
PERIOD_KINDS = (ReportKind.INTERIM.value, ReportKind.FINAL.value)


class SubjectKey(Protocol):
    """What a report is about: the fields that decide its versions."""

    kind: str
    visit_id: str | None
    school_id: str | None
    year: int | None
    period_from: dt.date | None
    period_to: dt.date | None


def next_number(session: Session, kind: str, year: int) -> str:
    """«СП-2026-0007»: the next number of the kind's prefix in the year, for a document not
    numbered yet (:func:`subject_number` gives a numbered one's); deleted rows count;
    a number whose end after the prefix is not all digits does not), found by the database
    (one row back, however many reports the year has)."""
    prefix = f"{NUMBER_PREFIXES[kind]}-{year}-"
    number = col(GeneratedReport.document_number)
    serial = func.substr(number, len(prefix) + 1)
    query = (
        select(func.max(cast(serial, Integer)))
        .where(number.startswith(prefix, autoescape=True))
        .where(serial != "")
        .where(serial.op("NOT GLOB")("*[^0-9]*"))
    )
    return f"{prefix}{(session.exec(query).one() or 0) + 1:04d}"


def _same_subject(query: Any, job: SubjectKey) -> Any:
    """``query`` narrowed to the reports of ``job``'s subject: the same visit; school and year;
    period, kind and school."""
    query = query.where(GeneratedReport.kind == job.kind)
    if job.kind == ReportKind.VISIT.value:
        return query.where(GeneratedReport.visit_id == job.visit_id)
    if job.kind == ReportKind.REVIEW.value:
        return query.where(GeneratedReport.review_id == getattr(job, "review_id", None))
    if job.kind == ReportKind.PROTOCOL.value:
        return query.where(
            GeneratedReport.school_id == job.school_id, GeneratedReport.year == job.year
        )
    school = col(GeneratedReport.school_id)
    return query.where(
        GeneratedReport.period_from == job.period_from,
        GeneratedReport.period_to == job.period_to,
        school.is_(None) if job.school_id is None else school == job.school_id,
    )


def same_subject(query: Any, job: SubjectKey) -> Any:
    """``query`` narrowed to the live (not deleted) reports of ``job``'s subject."""
    return _same_subject(query, job).where(col(GeneratedReport.deleted).is_(False))


def subject_number(session: Session, job: SubjectKey) -> str | None:
    """The document number the subject was given by its first report (deleted ones count: the
    number stays the document's), None for a subject never reported. Every version and every
    language of one document carries its number."""
    query = _same_subject(select(GeneratedReport.document_number), job)
    query = query.where(col(GeneratedReport.document_number) != "")
    return session.exec(query.order_by(col(GeneratedReport.generated_at)).limit(1)).first()


def next_version(session: Session, job: SubjectKey, language: str) -> int:
    """Previous versions of the same subject in ``language`` + 1: a copy in another language
    is that language's own first version of the same document."""
    query = _same_subject(select(func.max(GeneratedReport.version)), job)
    query = query.where(GeneratedReport.language == language)
    return int(session.exec(query).one() or 0) + 1


def write_atomically(target: Path, render: Callable[[Path], Written]) -> Written:
    """Render into a temporary file beside ``target`` (the renderer gives its pages and hash),
    flush it to disk, then move it into place, its folder's entry flushed too; nothing is left
    behind when rendering fails."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    try:
        written = render(temporary)
        with temporary.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return written


def _school_name(school: Any) -> str:
    return (school.short_name or school.full_name) if school is not None else "—"


def subjects_of(session: Session, rows: Sequence[GeneratedReport]) -> dict[str, str]:
    """The printed subject of each report (by id), derived from what it is linked to, as the
    report modules print it: «school, visit date», «school, year», «period, curator»."""
    visit_ids = {row.visit_id for row in rows if row.visit_id}
    visit_columns = select(Visit.id, Visit.school_id, Visit.actual_date, Visit.planned_date)
    visits = {v.id: v for v in session.exec(visit_columns.where(col(Visit.id).in_(visit_ids)))}
    school_ids = {row.school_id for row in rows if row.school_id}
    school_ids |= {v.school_id for v in visits.values()}
    school_columns = select(School.id, School.short_name, School.full_name)
    schools = {s.id: s for s in session.exec(school_columns.where(col(School.id).in_(school_ids)))}
    curator = ""
    if any(row.kind in PERIOD_KINDS for row in rows):
        profile = profile_in(session)
        curator = profile.full_name if profile is not None else ""
    reviewed = _reviewed_documents(session, {row.review_id for row in rows if row.review_id})
    subjects = {}
    for row in rows:
        visit = visits.get(row.visit_id or "")
        school = schools.get(visit.school_id if visit else row.school_id or "")
        period = f"{format_date(row.period_from, 'short')} – {format_date(row.period_to, 'short')}"
        if row.kind in PERIOD_KINDS:
            subjects[row.id] = f"{period}, {curator}" if curator else period
        elif visit is None and row.period_from is not None:  # a справка or schedule of a period
            subjects[row.id] = f"{_school_name(school)}, {period}" if school else period
        elif visit is not None:
            day = visit.actual_date or visit.planned_date
            subjects[row.id] = f"{_school_name(school)}, {format_date(day)}"
        elif row.review_id is not None:  # an «Экспертное заключение»: the document reviewed
            subjects[row.id] = f"{_school_name(school)}, {reviewed.get(row.review_id, '')}"
        else:
            subjects[row.id] = f"{_school_name(school)}, {row.year}"
    return subjects


def _reviewed_documents(session: Session, review_ids: set[str | None]) -> dict[str, str]:
    """The document each review is of, as a report's subject names it («Концепция развития»,
    «Антирисковая программа R06»)."""
    if not review_ids:
        return {}
    columns = select(DocumentReview.id, DocumentReview.document_type, DocumentReview.factor_code)
    rows = session.exec(columns.where(col(DocumentReview.id).in_(review_ids)))
    return {
        r.id: " ".join(p for p in (DocumentType.label_for(r.document_type), r.factor_code) if p)
        for r in rows
    }


def record_of(row: GeneratedReport, subject: str) -> ReportRecord:
    return ReportRecord(
        id=row.id,
        kind=row.kind,
        title=row.title,
        subject=subject,
        visit_id=row.visit_id,
        school_id=row.school_id,
        year=row.year,
        period_from=row.period_from,
        period_to=row.period_to,
        language=row.language,
        version=row.version,
        document_number=row.document_number,
        generated_at=row.generated_at,
        file_sha256=row.file_sha256,
        data_sha256=row.data_sha256,
        review_id=row.review_id,
    )
