"""Headless commands: real stores, real files, exit codes and messages, never a traceback."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from curator_desktop import __version__
from curator_desktop.cli.parser import main
from curator_desktop.store.schema import shipped_revisions

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env_lang: str = "en") -> subprocess.CompletedProcess[str]:
    """The real command in a child process, as a user or a script runs it."""
    return subprocess.run(
        [sys.executable, "-m", "curator_desktop", *args, "--lang", env_lang],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    data = tmp_path / "demo-store"
    assert main(["demo", "create", "--data-dir", str(data), "--lang", "en"]) == 0
    return data


def test_version_needs_no_qt() -> None:
    code = (
        "import sys\n"
        "from curator_desktop.__main__ import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, None)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout


def test_demo_create_and_list_schools_json(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["list", "schools", "--json", "--data-dir", str(demo_dir)]) == 0
    schools = json.loads(capsys.readouterr().out)
    assert len(schools) == 8
    for school in schools:
        assert {
            "id",
            "full_name",
            "short_name",
            "status",
            "next_visit",
            "municipality",
        } <= school.keys()
    assert len({s["municipality"] for s in schools}) == 3


def test_list_visits_json_has_dates_and_statuses(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["list", "visits", "--json", "--data-dir", str(demo_dir)]) == 0
    visits = json.loads(capsys.readouterr().out)
    assert len(visits) >= 12
    assert all(
        v["status"] and v["school_name"] and (v["planned_date"] or v["actual_date"]) for v in visits
    )


def test_demo_create_refuses_a_store_with_schools(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "create", "--data-dir", str(demo_dir), "--lang", "en"]) != 0
    assert "Error" in capsys.readouterr().err


def test_db_check_reports_tables_and_counts(demo_dir: Path) -> None:
    result = run("db", "check", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout
    assert "school: 8" in result.stdout
    assert f"{shipped_revisions().head} (current)" in result.stdout


def test_db_check_fails_on_a_corrupted_store(demo_dir: Path) -> None:
    store = demo_dir / "curator.sqlite3"
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(store.read_bytes())
    for page in range(2, len(data) // page_size):
        data[page * page_size : page * page_size + 40] = b"\xff" * 40
    store.write_bytes(bytes(data))
    result = run("db", "check", "--data-dir", str(demo_dir))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout


def test_backup_change_restore_round_trip(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "backup", "--data-dir", str(demo_dir)]) == 0
    backup = Path(capsys.readouterr().out.strip().split(": ", 1)[1])
    assert backup.exists()
    store = demo_dir / "curator.sqlite3"
    with sqlite3.connect(store) as connection:
        connection.execute("DELETE FROM change_log")
    assert main(["db", "restore", str(backup), "--data-dir", str(demo_dir)]) == 0
    with sqlite3.connect(store) as connection:
        assert connection.execute("SELECT COUNT(*) FROM change_log").fetchone()[0] > 0
    assert any("pre-restore" in p.name for p in (demo_dir / "backups").iterdir())


def test_upgrade_on_a_current_store_says_so(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--data-dir", str(demo_dir), "--lang", "en"]) == 0
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "schools"], "There is no store"),
        (["db", "backup"], "There is no store"),
        (["db", "restore", "/nonexistent/backup.sqlite3"], "does not exist"),
    ],
)
def test_user_mistakes_get_a_message_and_an_exit_code(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = run(*args, "--data-dir", str(tmp_path / "empty"))
    assert result.returncode not in (0, 1)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_refuses_a_file_that_is_not_a_backup(demo_dir: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "holiday.jpg"
    bogus.write_bytes(b"\xff\xd8\xff" + b"0" * 4000)
    before = (demo_dir / "curator.sqlite3").read_bytes()
    result = run("db", "restore", str(bogus), "--data-dir", str(demo_dir))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (demo_dir / "curator.sqlite3").read_bytes() == before


def test_unknown_command_is_a_usage_error() -> None:
    result = run("list", "teachers")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_messages_in_russian(tmp_path: Path) -> None:
    result = run("list", "schools", "--data-dir", str(tmp_path / "empty"), env_lang="ru")
    assert "Хранилища нет" in result.stderr or "нет хранилища" in result.stderr.lower()


CATALOG = {
    "format": 1,
    "catalog_key": "fioco-risk-factors",
    "version": "2027.1",
    "title": {"ru": "Рисковые профили 2027", "en": "Risk profiles 2027"},
    "max_active_directions": 2,
    "source": "coordinator",
    "factors": [
        {
            "code": "R01",
            "name": {"ru": "Низкий уровень оснащения школы", "en": "Low level of school equipment"},
            "year_from": 2020,
            "year_to": None,
        }
    ],
}


def test_catalog_import_installs_a_coordinator_catalog(demo_dir: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(CATALOG, ensure_ascii=False), encoding="utf-8")
    result = run("catalog", "import", str(catalog), "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    assert "2027.1" in result.stdout
    with sqlite3.connect(demo_dir / "curator.sqlite3") as connection:
        versions = {row[0] for row in connection.execute("SELECT version FROM risk_catalog")}
    assert "2027.1" in versions
    again = run("catalog", "import", str(catalog), "--data-dir", str(demo_dir))
    assert again.returncode == 2 and "already installed" in again.stderr


def test_catalog_import_rejects_broken_json_unchanged(demo_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": 1, "factors": [', encoding="utf-8")
    before = (demo_dir / "curator.sqlite3").read_bytes()
    result = run("catalog", "import", str(broken), "--data-dir", str(demo_dir))
    assert result.returncode == 2
    assert "broken.json" in result.stderr and "Traceback" not in result.stderr
    assert (demo_dir / "curator.sqlite3").read_bytes() == before
