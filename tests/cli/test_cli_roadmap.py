"""``roadmap import``: the three real roadmaps read headless, JSON for scripts, exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from curator_desktop.cli.parser import main
from curator_desktop.domain.roadmap.relation import MINE, judge
from curator_desktop.services.roadmap.reader import read_roadmap
from tests.conftest import ROADMAPS

SMOLENSK = ROADMAPS / "smolensk-oblast-2021.txt"


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*args, "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _items(store: Path) -> int:
    with sqlite3.connect(store / "curator.sqlite3") as connection:
        return connection.execute("SELECT count(*) FROM roadmap_item").fetchone()[0]


@pytest.mark.parametrize(
    ("name", "items"),
    [
        ("leningrad-oblast-2021.txt", 64),
        ("smolensk-oblast-2021.txt", 38),
        ("spb-vasileostrovsky-2021.txt", 54),
    ],
)
def test_dry_run_json_lists_the_document_and_every_item(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, items: int
) -> None:
    code, out, _err = _cli(
        capsys, "roadmap", "import", str(ROADMAPS / name), "--data-dir", str(tmp_path / "none"),
        "--dry-run", "--json",
    )  # fmt: skip
    assert code == 0
    result = json.loads(out)
    assert result["document"]["year"] == 2021 and result["document"]["title"]
    assert len(result["items"]) == items
    assert result["imported"] is None
    assert not (tmp_path / "none" / "curator.sqlite3").exists()
    for entry in result["items"]:
        assert set(entry) >= {"number", "section", "title", "deadline", "ranges", "relation"}
        assert entry["relation"] in ("lead", "share", "attend", "none")
        assert bool(entry["relation_reason"]) or entry["relation"] == "none", entry
        if entry["deadline_kind"] in ("dated", "recurring"):
            assert entry["ranges"], entry
        else:
            assert entry["ranges"] == [], entry


def test_import_writes_once_and_says_so_the_second_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    assert main(["demo", "create", "--data-dir", str(store), "--lang", "en"]) == 0
    code, out, _err = _cli(capsys, "roadmap", "import", str(SMOLENSK), "--data-dir", str(store))
    assert code == 0
    mine = sum(1 for item in read_roadmap(SMOLENSK).items if judge(item).relation in MINE)
    assert f"38 items, 37 deadlines understood, {mine} are the curator's own (★" in out
    assert "Imported (edition 1): 38 added" in out
    assert out.count("★ ") == mine
    lines = [line.strip() for line in out.splitlines() if line.strip().startswith("Curator: ")]
    assert len(lines) == 38  # each item's relation, and why when it is the curator's
    assert sum(1 for line in lines if line.startswith(("Curator: leads — ", "Curator: attends — ")))
    assert (
        sum(1 for line in lines if line.startswith(("Curator: leads", "Curator: attends"))) == mine
    )
    assert "Deadline: Февраль → " in out
    assert _items(store) == 38
    assert list((store / "backups").glob("*-pre-import.sqlite3"))

    code, out, _err = _cli(capsys, "roadmap", "import", str(SMOLENSK), "--data-dir", str(store))
    assert code == 0 and "imported already; nothing was changed" in out
    assert _items(store) == 38


def test_a_file_that_is_not_a_roadmap_is_rejected_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    assert main(["demo", "create", "--data-dir", str(store), "--lang", "en"]) == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("Купить молоко\nПозвонить директору\n", encoding="utf-8")
    code, out, err = _cli(capsys, "roadmap", "import", str(notes), "--data-dir", str(store))
    assert code == 2 and out == ""
    assert "notes.txt" in err and "Traceback" not in err
    assert _items(store) == 0
