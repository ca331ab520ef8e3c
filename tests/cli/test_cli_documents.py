"""``documents list|receive|review|uploaded|confirm`` and ``report review``: the acceptance flow
scripted on a real store, JSON read back, bad input refused with a message and nothing written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from curator_desktop.cli.parser import main
from curator_desktop.store.database import Database
from tests.services.documents.document_fixtures import YEAR, add_school, docx_file, pdf_file

REGION = ["--organisation", "ИРО", "--region", "Смоленская область"]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    assert main(["init", "--data-dir", str(folder), "--name", "Куратор Иванова", *REGION]) == 0
    return folder


@pytest.fixture
def school(data: Path) -> str:
    db = Database(data / "curator.sqlite3", device_id="cli-test")
    try:
        return add_school(db)
    finally:
        db.close()


def run(data: Path, *args: str) -> int:
    return main([*args, "--data-dir", str(data), "--lang", "en"])


def listed(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    assert run(data, "documents", "list", "--json", *args) == 0
    return json.loads(capsys.readouterr().out)


def last_id(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.strip().rsplit(" ", 1)[-1]


def test_the_acceptance_flow_on_the_command_line(
    data: Path, school: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = listed(data, capsys, "--school", school, "--year", str(YEAR))
    assert [(r["kind"], r["direction"], r["status"]) for r in rows] == [
        ("concept", None, "missing"),
        ("medium_term_programme", None, "missing"),
        ("antirisk_programme", "R01", "missing"),
        ("antirisk_programme", "R04", "missing"),
    ]
    capsys.readouterr()
    assert run(
        data, "documents", "receive", school, "--year", str(YEAR), "--kind", "concept",
        "--file", str(pdf_file(tmp_path)), "--date", f"{YEAR}-03-10", "--from", "Директор",
    ) == 0  # fmt: skip
    v1 = last_id(capsys)
    assert run(
        data, "documents", "review", v1, "--date", f"{YEAR}-03-20",
        "--mark", "goals_measurable=not_meets:Цели не измеримы", "--conclusion", "revise",
        "--deadline", f"{YEAR}-04-10", "--remarks", "Доработать цели",
    ) == 0  # fmt: skip
    review1 = last_id(capsys)
    [concept] = [r for r in listed(data, capsys, "--year", str(YEAR), "--as-of", f"{YEAR}-04-15")
                 if r["kind"] == "concept"]  # fmt: skip
    assert concept["status"] == "revision" and concept["overdue"] is True
    assert concept["revision_deadline"] == f"{YEAR}-04-10"
    assert concept["latest_conclusion"] == "revise"

    assert run(
        data, "documents", "receive", school, "--year", str(YEAR), "--kind", "concept",
        "--file", str(docx_file(tmp_path, "concept-2.docx")), "--date", f"{YEAR}-04-08",
    ) == 0  # fmt: skip
    v2 = last_id(capsys)
    assert run(data, "documents", "review", v2, "--date", f"{YEAR}-04-14",
               "--mark", "goals_measurable=meets", "--conclusion", "accept") == 0  # fmt: skip
    assert run(data, "documents", "uploaded", v2, "--date", f"{YEAR}-04-20") == 0
    [concept] = [r for r in listed(data, capsys, "--school", school, "--year", str(YEAR))
                 if r["kind"] == "concept"]  # fmt: skip
    assert (concept["versions"], concept["status"]) == (2, "uploaded")
    assert concept["medk_uploaded_on"] == f"{YEAR}-04-20"
    assert run(
        data, "documents", "confirm", school, "--year", str(YEAR), "--document",
        concept["document_id"], "--title", "Протокол педсовета", "--measure", "Педсовет",
        "--stage", "Май", "--file", str(pdf_file(tmp_path, "protocol.pdf")),
        "--date", f"{YEAR}-05-20",
    ) == 0  # fmt: skip

    capsys.readouterr()
    assert run(data, "documents", "list", "--school", school, "--year", str(YEAR)) == 0
    text = capsys.readouterr().out
    assert "Development concept" in text and "Uploaded to IS MEDK" in text

    target = tmp_path / "review.pdf"
    assert run(data, "report", "review", review1, "-o", str(target)) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_bad_input_is_refused_with_a_message(
    data: Path, school: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "concept.pdf"
    fake.write_bytes(b"this is not a pdf")
    capsys.readouterr()
    code = run(data, "documents", "receive", school, "--year", str(YEAR), "--kind", "concept",
               "--file", str(fake), "--date", f"{YEAR}-03-10")  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "do not match its extension" in err and "Traceback" not in err
    assert run(data, "documents", "receive", school, "--year", str(YEAR), "--kind", "concept",
               "--date", f"{YEAR}-03-10") == 0  # fmt: skip
    version = last_id(capsys)
    code = run(data, "documents", "review", version, "--date", f"{YEAR}-03-20",
               "--mark", "monitoring_planned=not_meets", "--conclusion", "accept")  # fmt: skip
    assert code == 2
    assert "reason" in capsys.readouterr().err
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM document_review").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM document_version").fetchone() == (1,)
    assert run(data, "documents", "review", version, "--date", f"{YEAR}-03-20",
               "--mark", "nonsense") == 2  # fmt: skip
    assert run(data, "report", "review", "no-such-review", "-o", str(tmp_path / "x.pdf")) == 5
