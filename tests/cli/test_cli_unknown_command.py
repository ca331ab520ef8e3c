"""An unknown command is refused with the list of commands (exit 2); the window's own options
still open the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from curator_desktop.cli import COMMANDS, is_headless_invocation
from curator_desktop.cli.parser import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def _subcommands() -> set[str]:
    parser = build_parser()
    [commands] = [a for a in parser._actions if a.dest == "command"]
    return set(commands.choices)


def test_the_light_list_of_commands_is_the_parser_s() -> None:
    assert set(COMMANDS) == _subcommands()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--demo"],
        ["--data-dir", "D"],
        ["--data-dir=D", "--lang=ru"],
        ["--data", "D", "--la", "en"],
        ["--lang", "ru"],
        ["--quit-after-show"],
        ["--demo", "--data-dir", "D", "--lang", "en", "--quit-after-show"],
    ],
)
def test_the_window_s_options_open_the_window(args: list[str]) -> None:
    assert not is_headless_invocation(args)


@pytest.mark.parametrize(
    "args", [["foo"], ["--demo", "foo"], ["--data-dir", "D", "lst"], ["--lang", "ru", "schol"]]
)
def test_any_command_word_goes_to_the_command_line(args: list[str]) -> None:
    assert is_headless_invocation(args)


def test_an_unknown_command_lists_the_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["foo", "--data-dir", str(tmp_path), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert "Unknown command «foo»" in captured.err
    assert all(command in captured.err for command in COMMANDS)
    assert "invalid choice" not in captured.err


def test_a_near_miss_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["improt", "--lang", "en"]) == 2
    assert "«import»" in capsys.readouterr().err


def test_an_unknown_command_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["foo", "--lang", "ru"]) == 2
    err = capsys.readouterr().err
    assert "Неизвестная команда «foo»" in err
    assert "Unknown" not in err


def test_curator_desktop_foo_does_not_open_the_window(tmp_path: Path) -> None:
    """The real entry point: before, ``foo`` opened (and here quit) the window with exit 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = ["foo", "--quit-after-show", "--data-dir", str(tmp_path / "data"), "--lang", "en"]
    result = subprocess.run(
        [sys.executable, "-m", "curator_desktop", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Unknown command «foo»" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "curator.sqlite3").exists()
