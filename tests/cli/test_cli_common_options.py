"""The options every command takes count wherever they are written: before or after the command."""

from __future__ import annotations

import pytest

from curator_desktop.cli.parser import build_parser


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "/stores/a", "--lang", "ru", "--demo", "demo", "create"],
        ["demo", "create", "--data-dir", "/stores/a", "--lang", "ru", "--demo"],
        ["--data-dir", "/stores/a", "db", "check", "--lang", "ru", "--demo"],
        ["--data-dir", "/stores/a", "documents", "list", "--lang", "ru", "--demo"],
    ],
)
def test_an_option_before_the_command_is_not_lost(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.data_dir, args.lang, args.demo) == ("/stores/a", "ru", True)


def test_without_the_options_the_defaults_hold() -> None:
    args = build_parser().parse_args(["db", "check"])
    assert (args.data_dir, args.lang, args.demo) == (None, None, False)
