"""``demo create`` with a seed, a curator's name, or a coordinator's region."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator_desktop.cli.parser import main


def query(data: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(data / "curator.sqlite3") as connection:
        return connection.execute(sql).fetchall()


def test_a_seeded_curator_is_made_with_the_name_given(tmp_path: Path, capsys) -> None:
    data = tmp_path / "c"
    args = ["demo", "create", "--data-dir", str(data), "--seed", "4"]
    assert main([*args, "--curator", "Орлова Анна Петровна", "--lang", "en"]) == 0
    assert "Demo store created" in capsys.readouterr().out
    assert query(data, "SELECT full_name FROM curator_profile") == [("Орлова Анна Петровна",)]
    assert query(data, "SELECT count(DISTINCT school_id) FROM school_assignment") == [(8,)]


def test_a_coordinators_region_merges_the_curators_packages(tmp_path: Path, capsys) -> None:
    data = tmp_path / "r"
    args = ["demo", "create", "--data-dir", str(data), "--role", "coordinator"]
    assert main([*args, "--curators", "2", "--seed", "7", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "2 curators' packages merged" in out
    assert query(data, "SELECT value FROM store_meta WHERE key = 'role'") == [("coordinator",)]
    assert query(data, "SELECT count(*) FROM school") == [(2 * 8 - 1,)]  # seeds 7 and 8 share one


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(["--curators", "2"], id="curators-without-coordinator"),
        pytest.param(
            ["--role", "coordinator", "--curator", "Орлова А. П."], id="curator-in-region"
        ),
        pytest.param(["--role", "coordinator", "--curators", "0"], id="no-curators"),
    ],
)
def test_options_that_do_not_go_together_are_refused(tmp_path: Path, capsys, extra) -> None:
    data = tmp_path / "x"
    assert main(["demo", "create", "--data-dir", str(data), *extra, "--lang", "en"]) != 0
    assert capsys.readouterr().err
