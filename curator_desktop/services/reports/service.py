"""Generating the PDF reports and keeping them in the store: numbers, versions, files, hashes.

One ``generate_*`` call collects a report's data (in the chosen language), renders it to a
temporary file in the reports folder, moves it into place atomically as ``<report id>.pdf`` and
records it in one transaction: a ``GeneratedReport`` row with the file's and the data's SHA-256,
the next version of the same subject in its language and the subject's document number (every
version and language of one document share it; a new document takes the next of its kind and
year); a completed visit becomes «report generated» in the same transaction. A visit not
completed yet gets a draft report and keeps its status.

Limitation: the language is process-wide (:func:`curator_desktop.i18n.set_language`), so a report
in another language than the interface's switches it for the time of the generation. Generations
are serialised by a module-level lock, and the language is restored afterwards; a string the GUI
translates on another thread meanwhile may come out in the report's language. When the report's
language is the interface's (the usual case) nothing is switched.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import defer
from sqlmodel import Session, select

from curator_desktop.domain.enums import ReportKind, VisitStatus
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.reports.records import ReportRecord
from curator_desktop.domain.risk.cycle import cycle_year
from curator_desktop.domain.visits.records import READ_ONLY_STATUSES
from curator_desktop.i18n import (
    SUPPORTED_LANGUAGES,
    _,
)
from curator_desktop.services.reports.form.meta import ReportMeta, data_hash
from curator_desktop.services.reports.period.curator_texts import (
    CuratorTexts,
    load_texts,
    save_texts,
)
from curator_desktop.services.reports.queries import (
    completed_visits_query,
    language_of_job,
    reports_query,
    visit_facts,
)
from curator_desktop.services.reports.storage import (
    PERIOD_KINDS,
    next_number,
    next_version,
    record_of,
    same_subject,
    subject_number,
    subjects_of,
    write_atomically,
)
from curator_desktop.services.reports.stored_data import stored_data
from curator_desktop.store.database import Database
from curator_desktop.store.tables import GeneratedReport, School, Visit, new_id
from curator_desktop.store.types import utc_now

log = logging.getLogger(__name__)

RENDERER_MODULES = {
    "visit": "curator_desktop.services.reports.visit.report",
    "protocol": "curator_desktop.services.reports.protocol.report",
    "period": "curator_desktop.services.reports.period.report",
    "review": "curator_desktop.services.reports.review.report",
    "selfdiag": "curator_desktop.services.reports.selfdiag.report",
    "consultations": "curator_desktop.services.reports.selfdiag.schedule",
    "region": "curator_desktop.services.reports.region.report",
}

_GENERATION_LOCK = threading.RLock()
"""Serialises generations: each switches the process-wide language."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class _Job:
    """One report to make: how to collect its data and which subject it belongs to."""

    kind: str
    renderer: str
    collect: Callable[[Any], Any]
    visit_id: str | None = None
    school_id: str | None = None
    year: int | None = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    draft: bool = False
    review_id: str | None = None


class ReportService:
    """Makes the reports, stores them with number, version and hashes, and lists them.

    ``renderers`` maps "visit" / "protocol" / "period" to a module-like object with
    ``collect``, ``describe`` and ``render``; by default the real report modules (tests of the
    storage logic pass small fakes).
    """

    def __init__(
        self,
        database: Database,
        *,
        reports_dir: Path,
        cache_dir: Path,
        device_id: str = "",
        attachments_dir: Path | None = None,
        renderers: Mapping[str, Any] | None = None,
    ) -> None:
        self._db = database
        self.reports_dir = Path(reports_dir)
        self.cache_dir = Path(cache_dir)
        self._device_id = device_id
        self._attachments_dir = Path(attachments_dir or self.reports_dir.parent / "attachments")
        self._renderers = dict(renderers) if renderers is not None else {}
        self._pages: dict[str, int] = {}

    @property
    def database(self) -> Database:
        return self._db

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._db.session() as session:
            if self._device_id:
                session.info["device_id"] = self._device_id
            yield session

    # --- generating -----------------------------------------------------------------------

    def generate_visit(
        self, visit_id: str, *, language: str | None = None, lesson_annex: bool = False
    ) -> ReportRecord:
        """The справка of one visit (a draft when the visit is not completed yet);
        ``lesson_annex``: the lesson observation cards as annexes, one lesson a page."""
        with self._session() as session, stored_data(ReportKind.VISIT.value, visit_id):
            visit = session.exec(visit_facts(), params={"visit_id": visit_id}).first()
        if visit is None:
            raise NotFoundError(
                _("The visit {id} was not found; it may have been deleted.").format(id=visit_id)
            )
        when = visit.actual_date or visit.planned_date
        job = _Job(
            kind=ReportKind.VISIT.value,
            renderer="visit",
            collect=lambda module: module.collect(
                self._db,
                visit_id,
                attachments_dir=self._attachments_dir,
                **({"lesson_annex": True} if lesson_annex else {}),
            ),
            visit_id=visit_id,
            school_id=visit.school_id,
            year=cycle_year(when, visit_type=visit.visit_type) if when else None,
            draft=visit.status not in READ_ONLY_STATUSES,
        )
        return self._generate(job, language)

    def generate_protocol(
        self, school_id: str, year: int, *, language: str | None = None
    ) -> ReportRecord:
        """The risk-profile verification protocol of a school for a cycle year."""
        self._require_schools([school_id], ReportKind.PROTOCOL.value)
        job = _Job(
            kind=ReportKind.PROTOCOL.value,
            renderer="protocol",
            collect=lambda module: module.collect(self._db, school_id, year),
            school_id=school_id,
            year=year,
        )
        return self._generate(job, language)

    def generate_period(
        self,
        date_from: dt.date,
        date_to: dt.date,
        *,
        kind: str = ReportKind.INTERIM.value,
        school_ids: Sequence[str] | None = None,
        language: str | None = None,
        conclusions: str = "",
        best_practices: str = "",
        approved_by: str | None = None,
    ) -> ReportRecord:
        """The curator's interim or final report for a period (all schools or a selection),
        with the curator's ``conclusions`` and ``best_practices`` (ruled lines to write on when
        empty) and a «Согласовано» line for ``approved_by`` (none when None, blank when "")."""
        if kind not in PERIOD_KINDS:
            raise ValidationError(_("Unknown kind of curator report: {kind}.").format(kind=kind))
        if date_from > date_to:
            raise ValidationError(_("The period must not end before it begins."), field="date_to")
        selection = list(dict.fromkeys(school_ids)) if school_ids else None
        if selection:
            self._require_schools(selection, kind)
        job = _Job(
            kind=kind,
            renderer="period",
            collect=lambda module: module.collect(
                self._db,
                date_from,
                date_to,
                kind=kind,
                school_ids=selection,
                conclusions=conclusions,
                best_practices=best_practices,
                approved_by=approved_by,
            ),
            school_id=selection[0] if selection and len(selection) == 1 else None,
            year=cycle_year(date_to),
            period_from=date_from,
            period_to=date_to,
        )
        record = self._generate(job, language)
        texts = CuratorTexts(conclusions.strip(), best_practices.strip(), approved_by)
        try:  # the PDF prints them already: a texts file not written only empties the next form
            save_texts(self.reports_dir, record.id, texts)
        except OSError:
            log.warning("The texts of report %s were not kept", record.id, exc_info=True)
        return record

    def period_texts(
        self,
        date_from: dt.date,
        date_to: dt.date,
        *,
        kind: str,
        school_ids: Sequence[str] | None = None,
        language: str | None = None,
    ) -> CuratorTexts | None:
        """What the curator wrote into the newest version of this period report (in
        ``language`` if there is one, else in any), to start the next version from; None when
        no version kept its texts."""
        selection = list(dict.fromkeys(school_ids)) if school_ids else None
        subject = _Job(
            kind=kind,
            renderer="period",
            collect=lambda module: None,
            school_id=selection[0] if selection and len(selection) == 1 else None,
            period_from=date_from,
            period_to=date_to,
        )
        with self._session() as session:
            rows = list(session.exec(same_subject(select(GeneratedReport), subject)))
        rows.sort(key=lambda r: (r.language == language, r.generated_at, r.version), reverse=True)
        for row in rows:
            texts = load_texts(self.reports_dir, row.id)
            if texts is not None:
                return texts
        return None

    def generate_selfdiag(
        self,
        date_from: dt.date,
        date_to: dt.date,
        *,
        school_id: str | None = None,
        language: str | None = None,
    ) -> ReportRecord:
        """The analytical справка on the self-diagnosis rounds of the period: of one school, or
        across every school that has one (``school_id`` None)."""
        return self._generate(self._period_job("selfdiag", date_from, date_to, school_id), language)

    def generate_consultation_schedule(
        self, date_from: dt.date, date_to: dt.date, *, language: str | None = None
    ) -> ReportRecord:
        """The consultation schedule (график консультирования) of the period."""
        return self._generate(self._period_job("consultations", date_from, date_to), language)

    def generate_region(
        self,
        date_from: dt.date,
        date_to: dt.date,
        *,
        kind: str = "summary",
        language: str | None = None,
    ) -> ReportRecord:
        """The coordinator's analytical справка on the region for the period: ``kind``
        "monitoring", "visits", "documents" or "summary" (as of the period's end, or today)."""
        from curator_desktop.services.reports.region.data import KINDS

        if kind not in KINDS:
            raise ValidationError(_("Unknown kind of region report: {kind}.").format(kind=kind))
        job = replace(
            self._period_job(f"region_{kind}", date_from, date_to),
            renderer="region",
            collect=lambda module: module.collect(self._db, date_from, date_to, kind=kind),
        )
        return self._generate(job, language)

    def _period_job(
        self, kind: str, date_from: dt.date, date_to: dt.date, school_id: str | None = None
    ) -> _Job:
        """A report of ``kind`` over a period (renderer ``kind``, its ``collect(database,
        date_from, date_to, school_id=…)``), about one school or all."""
        if date_from > date_to:
            raise ValidationError(_("The period must not end before it begins."), field="date_to")
        if school_id is not None:
            self._require_schools([school_id], kind)
        return _Job(
            kind=kind,
            renderer=kind,
            collect=lambda module: module.collect(
                self._db, date_from, date_to, school_id=school_id
            ),
            school_id=school_id,
            year=cycle_year(date_to),
            period_from=date_from,
            period_to=date_to,
        )

    def generate_review(self, review_id: str, *, language: str | None = None) -> ReportRecord:
        """The «Экспертное заключение» on one review (a draft while it has no conclusion)."""
        from curator_desktop.services.documents.service import DocumentService

        review = DocumentService(self._db, attachments_dir=self._attachments_dir).review(review_id)
        job = _Job(
            kind=ReportKind.REVIEW.value,
            renderer="review",
            collect=lambda module: module.collect(
                self._db, review_id, attachments_dir=self._attachments_dir
            ),
            school_id=review.school_id,
            year=cycle_year(review.reviewed_on or review.started_on or dt.date.today()),
            draft=review.conclusion is None,
            review_id=review_id,
        )
        return self._generate(job, language)

    def generate_visits(
        self,
        visit_ids: Sequence[str],
        *,
        language: str | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        lesson_annex: bool = False,
    ) -> list[ReportRecord]:
        """Reports for several visits; ``progress(done, total)`` after each, stopping between
        reports once ``cancelled()`` is true (``lesson_annex``: as :meth:`generate_visit`).
        Returns the reports made."""
        made: list[ReportRecord] = []
        total = len(visit_ids)
        for visit_id in visit_ids:
            if cancelled is not None and cancelled():
                break
            made.append(self.generate_visit(visit_id, language=language, lesson_annex=lesson_annex))
            if progress is not None:
                progress(len(made), total)
        return made

    def _generate(self, job: _Job, language: str | None) -> ReportRecord:
        if language is not None and language not in SUPPORTED_LANGUAGES:
            raise ValidationError(
                _("Unknown report language: {lang}.").format(lang=language), field="language"
            )
        module = self._renderer(job.renderer)
        report_id = new_id()
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        target = self.reports_dir / f"{report_id}.pdf"
        with _GENERATION_LOCK:  # the number read here is the one the row takes below
            with language_of_job(language) as lang:
                with stored_data(job.kind, job.visit_id or job.school_id):
                    data = job.collect(module)
                    title, subject = module.describe(data)
                generated_at = utc_now()
                with self._session() as session:
                    number = subject_number(session, job) or next_number(
                        session, job.kind, generated_at.astimezone().year
                    )
                    version = next_version(session, job, lang)
                meta = ReportMeta(
                    report_id=report_id,
                    kind=job.kind,
                    title=title,
                    subject=subject,
                    document_number=number,
                    generated_at=generated_at,
                    data_sha256=data_hash(data),
                    language=lang,
                    draft=job.draft,
                    version=version,
                )
                with stored_data(job.kind, job.visit_id or job.school_id):
                    pages, file_hash = write_atomically(
                        target,
                        lambda path: module.render(data, path, meta, image_cache=self.cache_dir),
                    )
            try:  # back in the interface's language: the record as the lists show it
                record = self._record(job, meta, version, file_hash)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
        self._pages[report_id] = pages
        log.info("Report %s %s v%d: %d pages", number, job.kind, version, pages)
        return record

    def _record(self, job: _Job, meta: ReportMeta, version: int, file_sha256: str) -> ReportRecord:
        """One transaction: the report's row and, for a completed visit, its new status; the
        report as listed."""
        with self._session() as session:
            row = GeneratedReport(
                id=meta.report_id,
                kind=job.kind,
                title=meta.title,
                visit_id=job.visit_id,
                school_id=job.school_id,
                review_id=job.review_id,
                year=job.year,
                period_from=job.period_from,
                period_to=job.period_to,
                language=meta.language,
                file_sha256=file_sha256,
                data_sha256=meta.data_sha256,
                version=version,
                document_number=meta.document_number,
                generated_at=meta.generated_at,
            )
            session.add(row)
            if job.visit_id is not None:  # its status alone: the snapshot is never needed
                visit = session.get(Visit, job.visit_id, options=[defer(Visit.template_snapshot)])
                if visit is not None and visit.status == VisitStatus.COMPLETED.value:
                    visit.status = VisitStatus.REPORT_GENERATED.value
            return record_of(row, subjects_of(session, [row])[row.id])

    def _renderer(self, name: str) -> Any:
        if name not in self._renderers:
            self._renderers[name] = importlib.import_module(RENDERER_MODULES[name])
        return self._renderers[name]

    def _require_schools(self, school_ids: Sequence[str], kind: str) -> None:
        with self._session() as session:
            for school_id in school_ids:
                with stored_data(kind, school_id):
                    school = session.get(School, school_id)
                if school is None or school.deleted:
                    raise NotFoundError(
                        _("The school {id} was not found; it may have been deleted.").format(
                            id=school_id
                        )
                    )

    # --- reading --------------------------------------------------------------------------

    def reports(
        self, *, visit_id: str | None = None, school_id: str | None = None
    ) -> list[ReportRecord]:
        """Generated reports, newest first (every version), of a visit or a school if given."""
        with self._session() as session:
            rows = list(session.exec(reports_query(visit_id=visit_id, school_id=school_id)))
            subjects = subjects_of(session, rows)
        return [record_of(row, subjects[row.id]) for row in rows]

    def path_of(self, record: ReportRecord) -> Path:
        """Where the report's PDF is kept."""
        return self.reports_dir / record.file_name

    def pages_of(self, record: ReportRecord) -> int | None:
        """The page count of a report this service generated (None for one it did not)."""
        return self._pages.get(record.id)

    def completed_visits(
        self, date_from: dt.date, date_to: dt.date, *, include_reported: bool = False
    ) -> list[str]:
        """Ids of the completed visits dated within the period (by date), for a batch; with
        ``include_reported`` also those whose report was already generated or uploaded."""
        query = completed_visits_query(date_from, date_to, include_reported=include_reported)
        with self._session() as session:
            return list(session.exec(query))
