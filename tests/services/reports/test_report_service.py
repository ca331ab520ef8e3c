"""The report service on real stores and real files: numbers, versions, the atomic write, hashes,
the visit's status, drafts, the language switch, listing, batches — first with small stand-in
renderers (the storage logic), then with the real report modules."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from curator_desktop.domain.enums import VisitStatus
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.i18n import _, current_language, set_language
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.reports.form.meta import ReportMeta, Written, data_hash
from curator_desktop.services.reports.protocol import report as protocol_report
from curator_desktop.services.reports.service import ReportService
from curator_desktop.services.visits.service import VisitService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import GeneratedReport, School, Visit
from tests.services.visits.visit_fields import fill_visit_fields

TODAY = dt.date(2026, 11, 20)
RUSSIAN_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                  "сентября", "октября", "ноября", "декабря")  # fmt: skip


@dataclass(frozen=True)
class FakeData:
    """What a stand-in collect returns: the language and a translated word, as a report would."""

    kind: str
    key: str
    language: str
    word: str


class FakeRenderer:
    """A report module stand-in: remembers each call, writes a small file, can be made to fail."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.metas: list[ReportMeta] = []
        self.fail: Exception | None = None
        self.during_render: Any = None

    def collect(self, db: Database, *args: Any, **kwargs: Any) -> FakeData:
        return FakeData(
            self.kind, repr((args, sorted(kwargs))), current_language(), _("Error: {message}")
        )

    def describe(self, data: FakeData) -> tuple[str, str]:
        return f"{data.kind} title", f"{data.kind} subject"

    def render(
        self, data: FakeData, target: Path, meta: ReportMeta, *, image_cache: Path
    ) -> Written:
        self.metas.append(meta)
        content = f"%PDF-fake {meta.report_id} {data}".encode()
        target.write_bytes(content)
        if self.during_render is not None:
            self.during_render()
        if self.fail is not None:
            raise self.fail
        return Written(3, hashlib.sha256(content).hexdigest())


@pytest.fixture
def fakes() -> dict[str, FakeRenderer]:
    return {name: FakeRenderer(name) for name in ("visit", "protocol", "period")}


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "reports"


@pytest.fixture
def service(database: Database, reports_dir: Path, fakes: dict[str, FakeRenderer]) -> ReportService:
    return ReportService(
        database,
        reports_dir=reports_dir,
        cache_dir=reports_dir.parent / "cache",
        device_id="device-r",
        renderers=fakes,
    )


@pytest.fixture
def visits(database: Database, tmp_path: Path) -> VisitService:
    return FixedDayVisits(database, attachments_dir=tmp_path / "data" / "attachments")


@pytest.fixture
def school_id(database: Database) -> str:
    with database.session() as session:
        school = School(full_name="МБОУ «Тестовая СОШ»", short_name="Тестовая СОШ")
        session.add(school)
    return school.id


@dataclass
class Bench:
    """The usual arguments of a service test, in one fixture."""

    service: ReportService
    visits: VisitService
    school_id: str
    database: Database
    fakes: dict[str, FakeRenderer]


@pytest.fixture
def bench(
    service: ReportService,
    visits: VisitService,
    school_id: str,
    database: Database,
    fakes: dict[str, FakeRenderer],
) -> Bench:
    return Bench(service, visits, school_id, database, fakes)


class FixedDayVisits(VisitService):
    def today(self) -> dt.date:
        return TODAY


def new_visit(visits: VisitService, school_id: str, *, complete: bool) -> str:
    visit_id = visits.create_visit(school_id, "planned", TODAY, with_checklist=False)
    if complete:
        fill_visit_fields(visits, visit_id)
        visits.complete(visit_id)
    return visit_id


def status_of(db: Database, visit_id: str) -> str:
    with db.session() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        return visit.status


def stored_rows(db: Database) -> list[GeneratedReport]:
    with db.session() as session:
        return list(session.exec(select(GeneratedReport)))


# --- storage logic with stand-in renderers --------------------------------------------------


def test_a_completed_visit_gets_a_stored_report_and_a_new_status(
    service: ReportService, visits: VisitService, school_id: str, database: Database
) -> None:
    visit_id = new_visit(visits, school_id, complete=True)
    record = service.generate_visit(visit_id)
    path = service.path_of(record)
    assert path == service.reports_dir / f"{record.id}.pdf"
    assert path.read_bytes().startswith(b"%PDF-fake " + record.id.encode())
    assert record.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record.version == 1
    assert record.visit_id == visit_id and record.school_id == school_id
    assert record.year == TODAY.year
    assert (record.title, record.subject) == ("visit title", "Тестовая СОШ, 20 November 2026")
    assert service.pages_of(record) == 3
    assert status_of(database, visit_id) == VisitStatus.REPORT_GENERATED.value
    [row] = stored_rows(database)
    assert (row.id, row.file_sha256, row.document_number) == (
        record.id,
        record.file_sha256,
        record.document_number,
    )
    assert row.device_id == "device-r"


def test_the_data_hash_is_the_hash_of_the_collected_data(
    service: ReportService, visits: VisitService, school_id: str, fakes: dict[str, FakeRenderer]
) -> None:
    visit_id = new_visit(visits, school_id, complete=True)
    record = service.generate_visit(visit_id)
    meta = fakes["visit"].metas[-1]
    expected = FakeData("visit", repr(((visit_id,), ["attachments_dir"])), "en", "Error: {message}")
    assert record.data_sha256 == meta.data_sha256 == data_hash(expected)
    assert meta.report_id == record.id and meta.document_number == record.document_number
    assert meta.draft is False


def test_an_unfinished_visit_gets_a_draft_and_keeps_its_status(bench: Bench) -> None:
    visit_id = new_visit(bench.visits, bench.school_id, complete=False)
    record = bench.service.generate_visit(visit_id)
    assert bench.fakes["visit"].metas[-1].draft is True
    assert status_of(bench.database, visit_id) == VisitStatus.PLANNED.value
    assert bench.service.reports(visit_id=visit_id) == [record]


def test_generating_again_adds_a_version_and_keeps_the_old_ones(
    service: ReportService, visits: VisitService, school_id: str, database: Database
) -> None:
    visit_id = new_visit(visits, school_id, complete=True)
    other = new_visit(visits, school_id, complete=True)
    first = service.generate_visit(visit_id)
    second = service.generate_visit(visit_id, language="ru")
    third = service.generate_visit(visit_id, language="en")
    elsewhere = service.generate_visit(other)
    # versions run per language: the Russian copy is the first Russian version
    assert (first.version, second.version, third.version, elsewhere.version) == (1, 1, 2, 1)
    assert status_of(database, visit_id) == VisitStatus.REPORT_GENERATED.value
    listed = service.reports(visit_id=visit_id)
    assert [r.id for r in listed] == [third.id, second.id, first.id]
    assert [r.language for r in listed] == ["en", "ru", "en"]
    assert all(service.path_of(r).exists() for r in listed)
    assert [r.id for r in service.reports()] == [elsewhere.id, third.id, second.id, first.id]
    assert len(service.reports(school_id=school_id)) == 4


def test_protocol_and_period_versions_follow_their_subject(
    service: ReportService, school_id: str, database: Database
) -> None:
    with database.session() as session:
        second_school = School(full_name="МОУ «Вторая СОШ»")
        session.add(second_school)
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    assert service.generate_protocol(school_id, 2026).version == 1
    assert service.generate_protocol(school_id, 2026).version == 2
    assert service.generate_protocol(school_id, 2025).version == 1
    assert service.generate_protocol(second_school.id, 2026).version == 1
    assert service.generate_period(start, end).version == 1
    assert service.generate_period(start, end).version == 2
    assert service.generate_period(start, end, kind="final").version == 1
    assert service.generate_period(start, end, school_ids=[school_id]).version == 1
    assert service.generate_period(start, dt.date(2026, 12, 31)).version == 1


def test_numbers_run_per_prefix_and_year(
    service: ReportService, visits: VisitService, school_id: str, store_file: Path
) -> None:
    """A document keeps its number through its versions and languages; a new one takes the
    next of its prefix and year."""
    year = dt.datetime.now().astimezone().year
    visit_id = new_visit(visits, school_id, complete=True)
    other = new_visit(visits, school_id, complete=True)
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    numbers = [
        service.generate_visit(visit_id).document_number,
        service.generate_visit(visit_id).document_number,
        service.generate_protocol(school_id, 2026).document_number,
        service.generate_period(start, end).document_number,
        service.generate_period(start, end, kind="final").document_number,
        service.generate_visit(visit_id, language="ru").document_number,
        service.generate_visit(other).document_number,
        service.generate_period(start, end).document_number,
    ]
    assert numbers == [
        f"СП-{year}-0001",
        f"СП-{year}-0001",
        f"ПВ-{year}-0001",
        f"ОК-{year}-0001",
        f"ОК-{year}-0002",
        f"СП-{year}-0001",
        f"СП-{year}-0002",
        f"ОК-{year}-0001",
    ]
    # a deleted report keeps its number taken; another year's numbers do not count
    with sqlite3.connect(store_file) as connection:
        connection.execute(
            "UPDATE generated_report SET deleted = 1, document_number = ? "
            "WHERE document_number = ?",
            (f"СП-{year}-0041", f"СП-{year}-0002"),
        )
        connection.execute(
            "UPDATE generated_report SET document_number = ? WHERE document_number = ?",
            (f"ПВ-{year - 1}-0099", f"ПВ-{year}-0001"),
        )
    third = new_visit(visits, school_id, complete=True)
    assert service.generate_visit(third).document_number == f"СП-{year}-0042"
    assert service.generate_visit(other).document_number == f"СП-{year}-0041"  # still its own
    assert service.generate_protocol(school_id, 2025).document_number == f"ПВ-{year}-0001"


def test_a_failed_render_leaves_no_file_no_row_and_the_language(bench: Bench) -> None:
    visit_id = new_visit(bench.visits, bench.school_id, complete=True)
    bench.fakes["visit"].fail = RuntimeError("disk full")
    with pytest.raises(RuntimeError, match="disk full"):
        bench.service.generate_visit(visit_id, language="ru")
    assert list(bench.service.reports_dir.iterdir()) == []
    assert stored_rows(bench.database) == []
    assert status_of(bench.database, visit_id) == VisitStatus.COMPLETED.value
    assert current_language() == "en"


def test_a_failed_transaction_removes_the_file(bench: Bench, store_file: Path) -> None:
    visit_id = new_visit(bench.visits, bench.school_id, complete=False)

    def delete_the_visit() -> None:  # another writer removes the visit while the PDF is written
        with sqlite3.connect(store_file) as connection:
            connection.execute("DELETE FROM visit WHERE id = ?", (visit_id,))

    bench.fakes["visit"].during_render = delete_the_visit
    with pytest.raises(IntegrityError):
        bench.service.generate_visit(visit_id)
    assert list(bench.service.reports_dir.iterdir()) == []
    assert stored_rows(bench.database) == []


def test_a_successful_write_leaves_only_the_report(
    service: ReportService, visits: VisitService, school_id: str
) -> None:
    records = [service.generate_visit(new_visit(visits, school_id, complete=True))]
    records.append(service.generate_protocol(school_id, 2026))
    names = sorted(p.name for p in service.reports_dir.iterdir())
    assert names == sorted(r.file_name for r in records)


def test_the_report_language_is_set_for_generation_and_restored(
    service: ReportService, visits: VisitService, school_id: str, fakes: dict[str, FakeRenderer]
) -> None:
    visit_id = new_visit(visits, school_id, complete=True)
    service.generate_visit(visit_id, language="ru")
    assert fakes["visit"].metas[-1].language == "ru"
    assert current_language() == "en"
    set_language("ru")
    record = service.generate_visit(visit_id)
    assert record.language == "ru" and current_language() == "ru"
    service.generate_protocol(school_id, 2026, language="en")
    assert fakes["protocol"].metas[-1].language == "en"
    assert current_language() == "ru"
    with pytest.raises(ValidationError):
        service.generate_visit(visit_id, language="de")


def test_collect_runs_in_the_report_language(
    service: ReportService, school_id: str, fakes: dict[str, FakeRenderer]
) -> None:
    seen: list[FakeData] = []
    original = fakes["protocol"].collect

    def collect(*args: Any, **kwargs: Any) -> FakeData:
        data = original(*args, **kwargs)
        seen.append(data)
        return data

    fakes["protocol"].collect = collect  # type: ignore[method-assign]
    service.generate_protocol(school_id, 2026, language="ru")
    assert seen[-1].language == "ru" and seen[-1].word == "Ошибка: {message}"
    service.generate_protocol(school_id, 2026, language="en")
    assert seen[-1].language == "en" and seen[-1].word == "Error: {message}"


def test_unknown_ids_and_bad_periods_are_refused(
    service: ReportService, school_id: str, database: Database
) -> None:
    with pytest.raises(NotFoundError, match="visit nope was not found"):
        service.generate_visit("nope")
    with pytest.raises(NotFoundError, match="school nope was not found"):
        service.generate_protocol("nope", 2026)
    with pytest.raises(NotFoundError, match="school nope was not found"):
        service.generate_period(dt.date(2026, 1, 1), dt.date(2026, 2, 1), school_ids=["nope"])
    with pytest.raises(ValidationError):
        service.generate_period(dt.date(2026, 3, 1), dt.date(2026, 2, 1))
    with pytest.raises(ValidationError):
        service.generate_period(dt.date(2026, 1, 1), dt.date(2026, 2, 1), kind="weekly")
    assert stored_rows(database) == []
    set_language("ru")
    with pytest.raises(NotFoundError) as caught:
        service.generate_visit("nope")
    assert "nope" in caught.value.user_message


def test_listed_subjects_come_from_the_linked_records(
    service: ReportService, visits: VisitService, school_id: str
) -> None:
    visit_record = service.generate_visit(new_visit(visits, school_id, complete=True))
    protocol = service.generate_protocol(school_id, 2026)
    period = service.generate_period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    listed = {r.id: r for r in service.reports()}
    assert listed[visit_record.id].subject == "Тестовая СОШ, 20 November 2026"
    assert listed[protocol.id].subject == "Тестовая СОШ, 2026"
    assert "2026" in listed[period.id].subject
    assert listed[period.id].period_from == dt.date(2026, 1, 1)
    assert listed[protocol.id].title == "protocol title"


def test_a_batch_reports_progress_and_stops_when_cancelled(
    service: ReportService, visits: VisitService, school_id: str
) -> None:
    ids = [new_visit(visits, school_id, complete=True) for _ in range(4)]
    steps: list[tuple[int, int]] = []
    made = service.generate_visits(
        ids, progress=lambda done, total: steps.append((done, total)), cancelled=lambda: False
    )
    assert [r.visit_id for r in made] == ids
    assert steps == [(1, 4), (2, 4), (3, 4), (4, 4)]
    stopped = service.generate_visits(ids, cancelled=lambda: len(service.reports()) >= 6)
    assert len(stopped) == 2


def test_completed_visits_of_a_period(
    service: ReportService, visits: VisitService, school_id: str
) -> None:
    done = new_visit(visits, school_id, complete=True)
    new_visit(visits, school_id, complete=False)
    reported = new_visit(visits, school_id, complete=True)
    service.generate_visit(reported)
    later = visits.create_visit(school_id, "planned", None, with_checklist=False)
    visits.update_visit(later, actual_date=dt.date(2026, 10, 30))
    fill_visit_fields(visits, later)
    visits.complete(later)
    assert service.completed_visits(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == [done]
    assert set(
        service.completed_visits(
            dt.date(2026, 10, 30), dt.date(2026, 11, 30), include_reported=True
        )
    ) == {done, reported, later}


# --- the real report modules ----------------------------------------------------------------


@pytest.fixture
def demo(database: Database, tmp_path: Path) -> ReportService:
    create_demo_store(database, today=TODAY)
    return ReportService(
        database,
        reports_dir=tmp_path / "data" / "reports",
        cache_dir=tmp_path / "cache" / "report-images",
    )


def demo_visit(database: Database, status: str) -> tuple[str, str]:
    with database.session() as session:
        visit = session.exec(select(Visit).where(Visit.status == status)).first()
        assert visit is not None
        school = session.get(School, visit.school_id)
        assert school is not None
        return visit.id, school.short_name or school.full_name


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), " ".join(text.split())  # lines wrapped in the PDF joined again


def qr_payloads(path: Path) -> list[str]:
    """The QR codes on the first page, rendered with pdfium and decoded with zxing."""
    document = pdfium.PdfDocument(str(path))
    try:
        image = document[0].render(scale=3).to_pil()
    finally:
        document.close()
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_real_visit_report_is_stored_and_matches_its_record(
    demo: ReportService, database: Database
) -> None:
    visit_id, school = demo_visit(database, VisitStatus.COMPLETED.value)
    record = demo.generate_visit(visit_id, language="ru")
    path = demo.path_of(record)
    pages, text = pdf_text(path)
    assert pages == demo.pages_of(record) and pages >= 1
    assert record.document_number in text
    assert any(month in text for month in RUSSIAN_MONTHS)  # babel's dates in Russian
    assert school.split("«")[-1].rstrip("»") in text
    assert hashlib.sha256(path.read_bytes()).hexdigest() == record.file_sha256
    assert status_of(database, visit_id) == VisitStatus.REPORT_GENERATED.value
    assert current_language() == "en"
    assert demo.reports(visit_id=visit_id) == [record]
    again = demo.generate_visit(visit_id, language="en")
    assert (again.version, again.document_number) == (1, record.document_number)  # its copy
    _pages, english = pdf_text(demo.path_of(again))
    assert "Page 1 of" in english
    assert f"{again.title} — {again.subject}" in english  # the listed subject is the printed one
    assert qr_payloads(demo.path_of(again)) == [f"curator-report:{again.id}:{again.data_sha256}"]


def test_real_draft_protocol_and_period_reports(demo: ReportService, database: Database) -> None:
    visit_id, _school = demo_visit(database, VisitStatus.IN_PROGRESS.value)
    draft = demo.generate_visit(visit_id, language="en")
    _pages, text = pdf_text(demo.path_of(draft))
    assert "DRAFT" in text
    assert status_of(database, visit_id) == VisitStatus.IN_PROGRESS.value
    with database.session() as session:
        school = session.exec(select(School)).first()
        assert school is not None
    protocol = demo.generate_protocol(school.id, TODAY.year, language="ru")
    assert protocol.document_number.startswith("ПВ-")
    assert pdf_text(demo.path_of(protocol))[0] >= 1
    set_language("ru")
    again = protocol_report.collect(database, school.id, TODAY.year)
    assert data_hash(again) == protocol.data_sha256  # the hash is the data's, reproducibly
    assert qr_payloads(demo.path_of(protocol)) == [
        f"curator-report:{protocol.id}:{protocol.data_sha256}"
    ]
    set_language("en")
    period = demo.generate_period(dt.date(2026, 1, 1), TODAY, kind="final")
    pages, text = pdf_text(demo.path_of(period))
    assert period.document_number in text and pages == demo.pages_of(period) > 1
    assert f"{period.title} — {period.subject}" in text


def test_the_app_context_builds_the_service_on_the_open_store(tmp_path: Path) -> None:
    from curator_desktop.paths import AppPaths
    from curator_desktop.services.context import AppContext
    from curator_desktop.services.risk.profiles import RiskProfileService
    from curator_desktop.services.store_opening import open_store
    from curator_desktop.settings import Settings

    paths = AppPaths.resolve(tmp_path / "store")
    settings = Settings()
    opened = open_store(paths, device_id=settings.device_id)
    try:
        ctx = AppContext(paths=paths, settings=settings, log_file=tmp_path / "log", store=opened)
        service = ctx.report_service
        assert service is ctx.report_service and service.database is opened.database
        assert service.reports_dir == paths.reports_dir
        assert service.cache_dir == tmp_path / "cache" / "report-images"  # CURATOR_CACHE_DIR
        with opened.database.session() as session:
            school = School(full_name="МБОУ «Контекстная СОШ»")
            session.add(school)
        RiskProfileService(opened.database).start_year(school.id, 2026)
        record = service.generate_protocol(school.id, 2026)
        assert service.path_of(record).parent == paths.reports_dir
        [row] = stored_rows(opened.database)
        assert row.device_id == settings.device_id
    finally:
        opened.close()
