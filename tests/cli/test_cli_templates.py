"""``templates list`` and ``templates import``: real stores, real files, exit codes, messages."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from curator_desktop.cli.parser import main
from curator_desktop.paths import resource_dir
from tests.cli.test_cli import run

PRIMARY = resource_dir() / "checklists" / "primary-visit.json"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    data = tmp_path / "store"
    assert main(["demo", "create", "--data-dir", str(data), "--lang", "en"]) == 0
    return data


def _template(tmp_path: Path, **changes: Any) -> Path:
    content = json.loads(PRIMARY.read_text(encoding="utf-8"))
    content.update(changes)
    path = tmp_path / f"{content['id']}-{content['version']}.json"
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*args, "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _rows(store: Path) -> int:
    with sqlite3.connect(store / "curator.sqlite3") as connection:
        return connection.execute("SELECT COUNT(*) FROM checklist_template").fetchone()[0]


def test_list_json_shows_the_installed_templates(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _cli(capsys, "templates", "list", "--json", "--data-dir", str(store_dir))
    assert code == 0
    rows = json.loads(out)
    assert {row["key"] for row in rows} >= {"primary-visit", "lesson-observation", "monitoring"}
    primary = next(row for row in rows if row["key"] == "primary-visit")
    assert primary["title"]["ru"] == "Первичное посещение школы"
    assert primary["source"] == "builtin" and primary["newest"] is True


def test_import_a_new_version_then_again(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _template(tmp_path, version=9)
    before = _rows(store_dir)
    code, out, err = _cli(capsys, "templates", "import", str(path), "--data-dir", str(store_dir))
    assert code == 0, err
    assert "version 9 installed" in out
    assert _rows(store_dir) == before + 1
    assert any("pre-import" in p.name for p in (store_dir / "backups").iterdir())

    code, out, _err = _cli(capsys, "templates", "list", "--data-dir", str(store_dir))
    lines = [line for line in out.splitlines() if line.startswith("primary-visit ")]
    assert len(lines) == 2
    assert "9" in lines[0] and "imported" in lines[0] and "older version" not in lines[0]
    assert "built in" in lines[1] and "(an older version, kept for past visits)" in lines[1]

    code, out, _err = _cli(capsys, "templates", "import", str(path), "--data-dir", str(store_dir))
    assert code == 0 and "already installed" in out
    assert _rows(store_dir) == before + 1


def test_dry_run_json_writes_nothing(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _template(tmp_path, id="district-check")
    store = store_dir / "curator.sqlite3"
    before = store.read_bytes()
    code, out, _err = _cli(
        capsys, "templates", "import", str(path), "--dry-run", "--json", "--data-dir",
        str(store_dir),
    )  # fmt: skip
    assert code == 0
    result = json.loads(out)
    assert (result["key"], result["status"], result["dry_run"]) == ("district-check", "added", True)
    assert store.read_bytes() == before


def test_a_broken_template_is_rejected_with_line_and_field(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _template(tmp_path, id="district-check")
    text = path.read_text(encoding="utf-8").replace('"type": "date"', '"type": "calendar"', 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index('"calendar"')].count("\n") + 1
    before = (store_dir / "curator.sqlite3").read_bytes()
    code, out, err = _cli(capsys, "templates", "import", str(path), "--data-dir", str(store_dir))
    assert code == 2 and out == ""
    assert f"{path.name}, line {line}, sections[" in err
    assert ".type (item intro.order_date): unknown answer type “calendar”" in err
    assert "Traceback" not in err
    assert (store_dir / "curator.sqlite3").read_bytes() == before


def test_templates_is_a_headless_command(store_dir: Path, tmp_path: Path) -> None:
    result = run(
        "templates", "import", str(tmp_path / "nowhere.json"), "--data-dir", str(store_dir)
    )
    assert result.returncode == 2
    assert "nowhere.json" in result.stderr and "Traceback" not in result.stderr
