"""``db restore`` and ``db check`` prove the schema (issue #18): a hostile backup is refused with
the object named, the store untouched; a backup with another page size restores; no traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator_desktop.cli.parser import main
from tests.cli.test_cli import run
from tests.store.tampering import tamper

TRIGGER = "CREATE TRIGGER t AFTER INSERT ON change_log BEGIN DELETE FROM visit_finding; END"


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    data = tmp_path / "demo-store"
    assert main(["demo", "create", "--data-dir", str(data), "--lang", "en"]) == 0
    return data


def backup_of(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    capsys.readouterr()
    assert main(["db", "backup", "--data-dir", str(demo_dir), "--lang", "en"]) == 0
    return Path(capsys.readouterr().out.strip().split(": ", 1)[1])


def findings(store: Path) -> int:
    with sqlite3.connect(store) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM visit_finding").fetchone()[0])


def test_restore_refuses_a_trigger_and_check_names_one(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = demo_dir / "curator.sqlite3"
    hostile = tmp_path / "hostile.sqlite3"
    hostile.write_bytes(backup_of(demo_dir, capsys).read_bytes())
    tamper(hostile, [TRIGGER])
    backups_before = sorted(p.name for p in (demo_dir / "backups").iterdir())
    before = store.read_bytes()

    refused = run("db", "restore", str(hostile), "--data-dir", str(demo_dir))

    assert refused.returncode not in (0, 1), refused.stdout
    assert "trigger t" in refused.stderr
    assert "Traceback" not in refused.stderr + refused.stdout
    assert store.read_bytes() == before
    assert sorted(p.name for p in (demo_dir / "backups").iterdir()) == backups_before
    assert findings(store) > 0

    checked = run("db", "check", "--data-dir", str(demo_dir))
    assert checked.returncode == 0, checked.stderr
    tamper(store, [TRIGGER])
    checked = run("db", "check", "--data-dir", str(demo_dir))
    assert checked.returncode == 1
    assert "trigger t" in checked.stderr
    assert "Traceback" not in checked.stderr + checked.stdout


def test_restore_of_a_backup_with_another_page_size(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = demo_dir / "curator.sqlite3"
    small = tmp_path / "small-pages.sqlite3"
    small.write_bytes(backup_of(demo_dir, capsys).read_bytes())
    with sqlite3.connect(small) as connection:
        connection.execute("PRAGMA page_size=1024")
        connection.execute("VACUUM")
    expected = findings(small)
    with sqlite3.connect(store) as connection:
        connection.execute("DELETE FROM visit_finding")

    restored = run("db", "restore", str(small), "--data-dir", str(demo_dir))

    assert restored.returncode == 0, restored.stderr
    assert "Traceback" not in restored.stderr + restored.stdout
    assert findings(store) == expected > 0
    checked = run("db", "check", "--data-dir", str(demo_dir))
    assert checked.returncode == 0, checked.stderr
