"""``curator-desktop schools import``: the real command on real files, exit codes, no traceback."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from curator_desktop.domain.schools.inn import make_inn

ROOT = Path(__file__).resolve().parents[2]
INN_1 = make_inn("470401001")
INN_2 = make_inn("470401002")
BAD_INN = INN_2[:9] + str((int(INN_2[9]) + 1) % 10)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "curator_desktop", "schools", "import", *args, "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def school_count(store: Path) -> int:
    with sqlite3.connect(store) as connection:
        return connection.execute("SELECT count(*) FROM school").fetchone()[0]


def write(path: Path, *rows: str) -> Path:
    path.write_bytes("\r\n".join(rows).encode("cp1251"))
    return path


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    return write(
        tmp_path / "good.csv",
        "Район;Наименование ОО;ИНН;ФИО руководителя",
        f"Тихвинский;МОУ «Тихвинская СОШ № 1»;{INN_1};Орлова Н. В.",
        f"Лужский;МОУ «Толмачёвская СОШ»;{INN_2};Климов А. А.",
    )


def test_import_adds_schools_and_exits_0(store_file: Path, good_file: Path) -> None:
    result = run(str(good_file), "--data-dir", str(store_file.parent))
    assert result.returncode == 0, result.stderr
    assert "To add: 2" in result.stdout
    assert "Errors: 0" in result.stdout
    assert "Backup taken before the import" in result.stdout
    assert school_count(store_file) == 2
    assert any(
        p.name.endswith("-pre-import.sqlite3") for p in (store_file.parent / "backups").iterdir()
    )

    again = run(str(good_file), "--data-dir", str(store_file.parent), "--json")
    assert again.returncode == 0
    report = json.loads(again.stdout)
    assert report["counts"] == {"add": 0, "update": 0, "unchanged": 2, "errors": 0}


def test_dry_run_writes_nothing(store_file: Path, good_file: Path, tmp_path: Path) -> None:
    before = store_file.read_bytes()
    result = run(str(good_file), "--data-dir", str(store_file.parent), "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["dry_run"] is True and report["written"] is None
    assert [row["row"] for row in report["to_add"]] == [2, 3]
    assert report["mapping"]["inn"] == "ИНН"
    assert store_file.read_bytes() == before
    assert school_count(store_file) == 0
    assert not (store_file.parent / "backups").exists()
    assert not (tmp_path / "config" / "settings.json").exists()  # CURATOR_CONFIG_DIR


def test_rows_with_errors_exit_1_and_are_listed(store_file: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad-row.csv",
        "ИНН;Наименование ОО",
        f"{INN_1};МОУ «Тихвинская СОШ № 1»",
        f"{BAD_INN};МОУ «Толмачёвская СОШ»",
    )
    result = run(str(path), "--data-dir", str(store_file.parent))
    assert result.returncode == 1
    assert "row 3: МОУ «Толмачёвская СОШ» — INN:" in result.stdout
    assert "Some rows were not imported" in result.stderr
    assert school_count(store_file) == 1


def test_rejected_files_exit_2(store_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "list.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    result = run(str(png), "--data-dir", str(store_file.parent))
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and "not a table" in result.stderr
    missing = run(str(tmp_path / "nowhere.xlsx"), "--data-dir", str(store_file.parent))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
    assert school_count(store_file) == 0


def test_help_explains_exit_codes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "curator_desktop", "schools", "import", "--help", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--dry-run" in text
    assert "1 — imported, but some rows had errors" in text
    assert "2 — the file was rejected" in text
