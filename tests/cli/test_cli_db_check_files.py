"""``db check`` verifies every attachment's file: present, and hashing to its SHA-256."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator_desktop.cli.parser import main


def _photos(data: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        return connection.execute(
            "SELECT DISTINCT sha256, file_name FROM attachment WHERE deleted = 0 ORDER BY sha256"
        ).fetchall()


def test_db_check_names_missing_and_damaged_attachment_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "demo"
    assert main(["demo", "create", "--data-dir", str(data), "--lang", "en"]) == 0
    photos = _photos(data)
    assert len(photos) >= 2
    capsys.readouterr()
    assert main(["db", "check", "--data-dir", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"attachment files: {len(photos)} checked, 0 missing or damaged" in out

    (gone_sha, gone_name), (bad_sha, bad_name) = photos[:2]
    gone = data / "attachments" / gone_sha[:2] / gone_sha
    bad = data / "attachments" / bad_sha[:2] / bad_sha
    gone.unlink()
    bad.write_bytes(bad.read_bytes()[:-10])
    assert main(["db", "check", "--data-dir", str(data), "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert f"attachment files: {len(photos)} checked, 2 missing or damaged" in captured.out
    assert f"«{gone_name}» is missing: {gone}" in captured.err
    assert f"«{bad_name}» is damaged" in captured.err
    assert "Traceback" not in captured.err
