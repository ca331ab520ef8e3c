"""``report visit|protocol|period``: real demo stores, real PDFs read back with pypdf, exit codes
and messages (never a traceback)."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from curator_desktop.cli.parser import is_headless_invocation, main

ROOT = Path(__file__).resolve().parents[2]
RUSSIAN_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                  "сентября", "октября", "ноября", "декабря")  # fmt: skip


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    data = tmp_path / "demo-store"
    assert main(["demo", "create", "--data-dir", str(data), "--lang", "en"]) == 0
    return data


def query(data: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        return connection.execute(sql).fetchall()


def completed_visit(data: Path) -> tuple[str, str]:
    """A completed demo visit and the name of its school as printed (full name)."""
    [(visit_id, name)] = query(
        data,
        "SELECT v.id, s.full_name FROM visit v JOIN school s ON s.id = v.school_id "
        "WHERE v.status = 'completed' ORDER BY v.actual_date LIMIT 1",
    )
    return visit_id, name


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), " ".join(text.split())  # lines wrapped in the PDF joined again


def test_report_is_a_headless_command() -> None:
    assert is_headless_invocation(["report", "visit", "x", "-o", "y.pdf"])


def test_report_visit_writes_the_pdf_and_keeps_it_in_the_store(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visit_id, school = completed_visit(demo_dir)
    target = tmp_path / "out" / "visit.pdf"
    target.parent.mkdir()
    args = ["report", "visit", visit_id, "-o", str(target), "--data-dir", str(demo_dir)]
    assert main([*args, "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    pages, text = pdf_text(target)
    assert school in text
    assert any(month in text for month in RUSSIAN_MONTHS)  # dates in Russian
    [(report_id, number, sha)] = query(
        demo_dir, "SELECT id, document_number, file_sha256 FROM generated_report"
    )
    assert str(target) in out and number in out and f"{pages} " in out
    assert number.startswith("СП-") and number in text
    stored = demo_dir / "reports" / f"{report_id}.pdf"
    assert stored.read_bytes() == target.read_bytes()
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    assert query(demo_dir, f"SELECT status FROM visit WHERE id = '{visit_id}'") == [
        ("report_generated",)
    ]


def test_report_visit_in_english(demo_dir: Path, tmp_path: Path) -> None:
    visit_id, school = completed_visit(demo_dir)
    target = tmp_path / "visit-en.pdf"
    args = ["report", "visit", visit_id, "-o", str(target), "--data-dir", str(demo_dir)]
    assert main([*args, "--lang", "en"]) == 0
    _pages, text = pdf_text(target)
    assert "Page 1 of" in text
    assert not any(month in text for month in RUSSIAN_MONTHS)
    assert school in text
    assert query(demo_dir, "SELECT language FROM generated_report") == [("en",)]


def test_report_protocol_writes_a_valid_pdf(demo_dir: Path, tmp_path: Path) -> None:
    [(school_id, name, year)] = query(
        demo_dir,
        "SELECT s.id, s.full_name, r.year FROM school s JOIN risk_assessment r "
        "ON r.school_id = s.id WHERE r.verdict IS NOT NULL GROUP BY s.id ORDER BY s.full_name "
        "LIMIT 1",
    )
    target = tmp_path / "protocol.pdf"
    args = ["report", "protocol", school_id, "--year", str(year), "-o", str(target)]
    assert main([*args, "--data-dir", str(demo_dir), "--lang", "ru"]) == 0
    pages, text = pdf_text(target)
    assert pages >= 1 and name in text
    assert "ПВ-" in text


def test_report_period_writes_a_valid_pdf_for_chosen_schools(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _visit_id, school = completed_visit(demo_dir)
    [(school_id,)] = query(demo_dir, f"SELECT id FROM school WHERE full_name = '{school}'")
    target = tmp_path / "period.pdf"
    args = ["report", "period", "--from", "01.01.2026", "--to", "2026-12-31", "--kind", "final"]
    args += ["--school", school_id, "-o", str(target), "--data-dir", str(demo_dir)]
    assert main([*args, "--lang", "ru"]) == 0
    pages, text = pdf_text(target)
    assert pages >= 1 and school in text
    assert query(demo_dir, "SELECT kind, period_from, period_to FROM generated_report") == [
        ("final", "2026-01-01", "2026-12-31")
    ]
    assert "ОК-" in capsys.readouterr().out


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, as a user or a script runs it."""
    return subprocess.run(
        [sys.executable, "-m", "curator_desktop", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def test_an_unknown_id_exits_5_with_a_message(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    common = ["-o", str(target), "--data-dir", str(demo_dir), "--lang", "en"]
    visit = run("report", "visit", "no-such-visit", *common)
    assert visit.returncode == 5
    assert "The visit no-such-visit was not found" in visit.stderr
    assert "Traceback" not in visit.stderr
    protocol = run("report", "protocol", "no-such-school", "--year", "2026", *common)
    assert protocol.returncode == 5 and "no-such-school" in protocol.stderr
    assert not target.exists()
    assert query(demo_dir, "SELECT count(*) FROM generated_report") == [(0,)]


def test_bad_dates_exit_2(demo_dir: Path, tmp_path: Path) -> None:
    common = ["-o", str(tmp_path / "x.pdf"), "--data-dir", str(demo_dir), "--lang", "en"]
    wrong = run("report", "period", "--from", "2026-02-30", "--to", "2026-03-01", *common)
    assert wrong.returncode == 2 and "2026-02-30 is not a date" in wrong.stderr
    backwards = run("report", "period", "--from", "2026-03-01", "--to", "2026-02-01", *common)
    assert backwards.returncode == 2
    assert "must not end before it begins" in backwards.stderr
    assert "Traceback" not in backwards.stderr


def test_report_period_takes_the_curators_texts_and_an_approval_line(
    demo_dir: Path, tmp_path: Path
) -> None:
    """Conclusions and best practices from files, «Согласовано» with the coordinator's name;
    without them the report leaves ruled lines to write on and no approval line."""
    conclusions = tmp_path / "conclusions.txt"
    conclusions.write_text("Продолжить работу со школами в 2027 году.\n", encoding="utf-8")
    practices = tmp_path / "practices.txt"
    practices.write_text("Школьная служба медиации.\n", encoding="utf-8")
    target, plain = tmp_path / "final.pdf", tmp_path / "plain.pdf"
    common = ["report", "period", "--from", "2026-01-01", "--to", "2026-12-31", "--kind", "final"]
    common += ["--data-dir", str(demo_dir), "--lang", "en"]
    extra = ["--conclusions", str(conclusions), "--best-practices", str(practices)]
    extra += ["--approved-by", "Петрова И. С., муниципальный координатор"]
    assert main([*common, *extra, "-o", str(target)]) == 0
    assert main([*common, "-o", str(plain)]) == 0
    _pages, text = pdf_text(target)
    assert "Продолжить работу со школами в 2027 году." in text
    assert "Школьная служба медиации." in text
    assert "Approved" in text and "Петрова И. С., муниципальный координатор" in text
    assert "To be filled in by the curator." not in text
    _pages, bare = pdf_text(plain)
    assert "Approved" not in bare and "To be filled in by the curator." in bare
