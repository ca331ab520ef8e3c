"""Reports never crash on what the store holds: a store edited outside the program (a checklist
snapshot that is no checklist, an answer of the wrong kind, a date that is no date) gives a
message — from the service and from ``report visit|protocol`` — never a traceback, and leaves no
file, no report record and the visit's status as they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from curator_desktop.cli.parser import main
from curator_desktop.services.demo.builder import create_demo_store
from curator_desktop.services.reports.service import ReportService
from curator_desktop.services.reports.stored_data import StoredDataError
from curator_desktop.store.database import Database
from curator_desktop.store.tables import GeneratedReport, RiskAssessment
from tests.services.reports.report_helpers import TODAY

ANSWERS = "visit_id = :visit AND value IS NOT NULL"
"""Every answer of the visit (answers of every kind of item)."""
SNAPSHOT = "UPDATE visit SET template_snapshot = '{}' WHERE id = :visit"
ANSWER = "UPDATE checklist_answer SET value = '{}' WHERE " + ANSWERS
VISIT_CASES = {
    "a snapshot that is a text": SNAPSHOT.format('"мусор"'),
    "a snapshot of sections that are no list": SNAPSHOT.format('{"sections": "мусор"}'),
    "a snapshot that is not JSON": SNAPSHOT.format("{мусор"),
    "an answer that is an object": ANSWER.format('{"a": 1}'),
    "an answer that is a list": ANSWER.format("[1, 2]"),
    "a number too long to print": ANSWER.format("1" + "0" * 40),
    "a visit date that is no date": "UPDATE visit SET actual_date = 'вчера' WHERE id = :visit",
}


@pytest.fixture
def demo(database: Database, tmp_path: Path) -> ReportService:
    create_demo_store(database, today=TODAY)
    return ReportService(
        database,
        reports_dir=tmp_path / "data" / "reports",
        cache_dir=tmp_path / "cache" / "report-images",
    )


def completed_visit(store: Path) -> str:
    """A completed visit with a «yes» among its answers."""
    with sqlite3.connect(store) as connection:
        (visit_id,) = connection.execute(
            "SELECT v.id FROM visit v JOIN checklist_answer a ON a.visit_id = v.id "
            "WHERE v.status = 'completed' AND a.value = '\"yes\"' LIMIT 1"
        ).fetchone()
    return str(visit_id)


def edit_directly(store: Path, sql: str, **params: str) -> None:
    """Change the store file with plain SQL, as a tool outside the program would."""
    with sqlite3.connect(store) as connection:
        assert connection.execute(sql, params).rowcount >= 1


def reports_made(database: Database) -> int:
    with database.session() as session:
        return len(session.exec(select(GeneratedReport)).all())


@pytest.mark.parametrize("case", list(VISIT_CASES))
def test_a_visit_report_on_odd_stored_data_is_made_or_refused_with_a_message(
    demo: ReportService, database: Database, store_file: Path, case: str
) -> None:
    visit_id = completed_visit(store_file)
    edit_directly(store_file, VISIT_CASES[case], visit=visit_id)
    try:
        record = demo.generate_visit(visit_id)
    except StoredDataError as exc:  # anything else fails the test
        assert "could not be made" in exc.user_message
        assert visit_id in exc.user_message
        assert not demo.reports_dir.exists() or not any(demo.reports_dir.iterdir())
        assert reports_made(database) == 0
        with sqlite3.connect(store_file) as connection:
            row = connection.execute("SELECT status FROM visit WHERE id = ?", (visit_id,))
            assert row.fetchone() == ("completed",)
    else:
        assert demo.path_of(record).is_file()


def test_a_protocol_on_a_date_that_is_no_date_is_refused_with_a_message(
    demo: ReportService, database: Database, store_file: Path
) -> None:
    with database.session() as session:
        assessment = session.exec(select(RiskAssessment)).first()
        assert assessment is not None
        school_id, year = assessment.school_id, assessment.year
    edit_directly(
        store_file,
        "UPDATE risk_assessment SET verified_on = 'потом' WHERE school_id = :school",
        school=school_id,
    )
    with pytest.raises(StoredDataError):
        demo.generate_protocol(school_id, year)
    assert reports_made(database) == 0


def test_report_commands_say_what_is_wrong_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "demo-store"
    assert main(["demo", "create", "--data-dir", str(data), "--lang", "en"]) == 0
    store = data / "curator.sqlite3"
    with sqlite3.connect(store) as connection:
        (visit_id,) = connection.execute(
            "SELECT id FROM visit WHERE status = 'completed' LIMIT 1"
        ).fetchone()
        (school_id, year) = connection.execute(
            "SELECT school_id, year FROM risk_assessment LIMIT 1"
        ).fetchone()
    edit_directly(
        store, "UPDATE visit SET template_snapshot = '[1, 2]' WHERE id = :visit", visit=visit_id
    )
    edit_directly(
        store,
        "UPDATE risk_assessment SET verified_on = 'x' WHERE school_id = :school",
        school=school_id,
    )
    capsys.readouterr()
    out = tmp_path / "out.pdf"
    for command in (
        ["report", "visit", visit_id],
        ["report", "protocol", school_id, "--year", str(year)],
    ):
        code = main([*command, "-o", str(out), "--data-dir", str(data), "--lang", "en"])
        err = capsys.readouterr().err
        assert code == 1, err
        assert "could not be made" in err and "Traceback" not in err
    assert not out.exists()
