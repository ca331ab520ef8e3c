"""«Аналитическая справка по результатам самодиагностики» and «График консультирования» as real
PDFs made by the report service: one school's two rounds compared (points, levels, change),
the chart, the deficits kept, new and closed (critical marked), the management decisions and the
signatures; the summary across schools (levels per direction, schools below base, change between
rounds); the consultations of a period — in Russian (no Latin words) and in English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import col, select

from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.selfdiag import Level
from curator_desktop.i18n import _, current_language, format_date, pgettext
from curator_desktop.services.reports.service import ReportService
from curator_desktop.store.database import Database
from curator_desktop.store.tables import School, Visit
from tests.services.reports.latin_words import latin_words
from tests.services.reports.report_helpers import flat, page_texts
from tests.services.reports.selfdiag_store import (
    DECISION,
    DEFICIT_CLOSED,
    DEFICIT_KEPT,
    DEFICIT_NEW,
    NOVEMBER,
    TOPIC,
    SelfdiagStore,
    fill,
)

FROM, TO = dt.date(2025, 9, 1), dt.date(2026, 8, 31)
MAY_DAY = dt.date(2026, 5, 20)


@pytest.fixture
def store(database: Database) -> SelfdiagStore:
    return fill(database)


def _service(database: Database, tmp_path: Path) -> ReportService:
    return ReportService(database, reports_dir=tmp_path / "reports", cache_dir=tmp_path / "cache")


def _text(service: ReportService, record) -> tuple[str, list[str]]:
    pages = page_texts(service.path_of(record))
    for number, page in enumerate(pages, start=1):
        assert _("Page {page} of {pages}").format(page=number, pages=len(pages)) in page
    return " ".join(pages), pages


def _school_report(database: Database, store: SelfdiagStore, tmp_path: Path) -> str:
    service = _service(database, tmp_path)
    record = service.generate_selfdiag(FROM, TO, school_id=store.school_id)
    assert record.document_number.startswith("АС-")
    assert record.kind == "selfdiag" and record.school_id == store.school_id
    text, pages = _text(service, record)
    assert len(pages) <= 3
    return text


def _check_school_report(text: str, database: Database, store: SelfdiagStore) -> None:
    names = [d.name(current_language()) for d in _directions(database)]
    expected = [
        pgettext("report kind", "Analytical report on the self-diagnosis results"),
        "МБОУ «СОШ № 3»",
        "4710012345",
        "Петрова Анна Сергеевна",
        _("Results by direction"),
        _("Points of the rounds"),
        _("Management decisions"),
        f"ноябрь 2025 ({format_date(NOVEMBER, 'short')})",
        _("{points} of {maximum}").format(points=6, maximum=20),
        _("level up"),
        Level.BELOW_BASE.label.lower(),
        DEFICIT_KEPT,
        DEFICIT_NEW,
        DEFICIT_CLOSED,
        _("critical indicator"),
        pgettext("deficit", "new"),
        pgettext("deficit", "remains"),
        DECISION,
        "Иванова И. И., заместитель директора",
        _("Decisions done: {done} of {total}.").format(done=0, total=1),
        _("Below the base level: {directions}.").format(directions=names[4]),
        _("I have read the report:"),
        *names,
    ]
    for value in expected:
        assert flat(value) in text, value


def _directions(database: Database):
    from curator_desktop.services.selfdiag import SelfdiagService

    return SelfdiagService(database).catalog().directions


def test_a_schools_report_in_russian_has_every_part_and_no_latin_words(
    database: Database, store: SelfdiagStore, tmp_path: Path, russian: None
) -> None:
    text = _school_report(database, store, tmp_path)
    _check_school_report(text, database, store)
    assert "Аналитическая справка по результатам самодиагностики" in text
    assert latin_words(text) == []


def test_a_schools_report_in_english(
    database: Database, store: SelfdiagStore, tmp_path: Path
) -> None:
    text = _school_report(database, store, tmp_path)
    _check_school_report(text, database, store)
    assert "Analytical report on the self-diagnosis results" in text


def _summary(database: Database, tmp_path: Path) -> str:
    service = _service(database, tmp_path)
    record = service.generate_selfdiag(FROM, TO)
    assert record.school_id is None
    text, _pages = _text(service, record)
    return text


def _check_summary(text: str) -> None:
    for value in [
        _("Levels by direction"),
        _("Schools below the base level"),
        _("Change between rounds"),
        *(level.label for level in Level),
        "МБОУ «СОШ № 3»",
        "МОУ «Толмачёвская СОШ»",
        _("Schools with a round in the period"),
        _("Report prepared by:"),
    ]:
        assert flat(value) in text, value
    assert _("I have read the report:") not in text  # no director signs the summary


def test_the_summary_across_schools_in_russian(
    database: Database, store: SelfdiagStore, tmp_path: Path, russian: None
) -> None:
    text = _summary(database, tmp_path)
    _check_summary(text)
    assert latin_words(text) == []


def test_the_summary_across_schools_in_english(
    database: Database, store: SelfdiagStore, tmp_path: Path
) -> None:
    _check_summary(_summary(database, tmp_path))


def _schedule(database: Database, tmp_path: Path) -> str:
    service = _service(database, tmp_path)
    record = service.generate_consultation_schedule(FROM, TO)
    assert record.document_number.startswith("ГК-")
    text, pages = _text(service, record)
    assert len(pages) == 1
    return text


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_consultation_schedule(
    database: Database, store: SelfdiagStore, tmp_path: Path, lang: str, request
) -> None:
    if lang == "ru":
        request.getfixturevalue("russian")
    text = _schedule(database, tmp_path)
    for value in [
        pgettext("report kind", "Consultation schedule"),
        TOPIC,
        "Воспитательная работа",
        "МБОУ «СОШ № 3»",
        "МОУ «Толмачёвская СОШ»",
        "10:00–11:30",
        _("total: {n}, of them held: {held}, planned: {planned}").format(n=2, held=1, planned=1),
        _("Schedule prepared by:"),
    ]:
        assert flat(value) in text, value
    if lang == "ru":
        assert latin_words(text) == []


def test_the_schedule_says_which_round_it_counts_and_how_each_is_held(
    database: Database, store: SelfdiagStore, tmp_path: Path, russian
) -> None:
    """The level is the one of the round before the consultation, and the schedule says so
    (the first school's May round has no direction below base, its November one has); counts
    are unambiguous; a remote visit to a ШМР school is a consultation held remotely, one to a
    «500+» school is not on the schedule."""
    with database.session() as session:
        plus = School(full_name="МОУ «Лесная СОШ»", short_name="МОУ «Лесная СОШ»")
        session.add(plus)
        session.flush()
        for school_id, day in ((store.other_id, dt.date(2026, 6, 20)), (plus.id, MAY_DAY)):
            session.add(
                Visit(
                    school_id=school_id, visit_type="remote", status="planned",
                    planned_date=day, purpose="Дистанционная консультация",
                )
            )  # fmt: skip
    text = _schedule(database, tmp_path)
    for value in [
        "всего: 3, из них проведено: 1, запланировано: 2",
        "по результатам самодиагностики перед консультацией",
        "Самодиагностика перед консультацией",
        f"самодиагностика {format_date(NOVEMBER, 'short')}",
        "Формат",
        "очно",
        "дистанционно",
        "Дистанционная консультация",
    ]:
        assert flat(value) in text, value
    assert "Лесная" not in text
    assert latin_words(text) == []


def test_bad_periods_and_missing_rounds_are_refused(
    database: Database, store: SelfdiagStore, tmp_path: Path
) -> None:
    service = _service(database, tmp_path)
    with pytest.raises(ValidationError):
        service.generate_selfdiag(TO, FROM, school_id=store.school_id)
    with pytest.raises(NotFoundError):
        service.generate_selfdiag(dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    with pytest.raises(NotFoundError):
        service.generate_selfdiag(FROM, TO, school_id="no-such-school")
    assert service.reports() == []


def test_versions_of_one_school_and_period_share_a_number(
    database: Database, store: SelfdiagStore, tmp_path: Path
) -> None:
    from curator_desktop.services.reports.selfdiag import build_selfdiag_report

    service = _service(database, tmp_path)
    first = build_selfdiag_report(service, school_id=store.school_id, date_from=FROM, date_to=TO)
    again = build_selfdiag_report(service, school_id=store.school_id, date_from=FROM, date_to=TO)
    summary = build_selfdiag_report(service, school_id=None, date_from=FROM, date_to=TO)
    assert (again.document_number, again.version) == (first.document_number, 2)
    assert summary.document_number != first.document_number
    assert "МБОУ «СОШ № 3»" in first.subject


def test_the_schedule_tells_the_visits_state_not_whether_its_spravka_was_printed(
    database: Database, store: SelfdiagStore, tmp_path: Path
) -> None:
    """A held consultation reads «completed» whether or not its справка was generated: the same
    store gives the same schedule."""
    before = _schedule(database, tmp_path / "before")
    with database.session() as session:
        for visit in session.exec(select(Visit).where(col(Visit.status) == "completed")):
            visit.status = "report_generated"
            session.add(visit)
    after = _schedule(database, tmp_path / "after")
    held = pgettext("visit status", "Completed")
    assert held in before and held in after
    assert pgettext("visit status", "Report generated") not in after
