"""The headless command line: ``curator-desktop-cli`` and ``curator-desktop COMMAND``.

This package face stays light: it decides whether arguments name a headless command before
anything heavy is imported (so starting the window does not pay for the command modules), and
``main`` loads the parser (:mod:`.parser`) and the commands (one module per group) only when run.
"""

from __future__ import annotations

from collections.abc import Sequence

COMMANDS = (
    "catalog",
    "db",
    "demo",
    "export",
    "import",
    "init",
    "list",
    "profile",
    "report",
    "roadmap",
    "schools",
    "selfcheck",
    "templates",
)


def is_headless_invocation(args: Sequence[str]) -> bool:
    """True when the arguments name a headless command (or ask for the version or help)."""
    if any(arg in ("--version", "-V", "-h", "--help") for arg in args):
        return True
    positional = _first_positional(args)
    return positional in COMMANDS


def _first_positional(args: Sequence[str]) -> str | None:
    takes_value = {"--data-dir", "--lang"}
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in takes_value:
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one headless command; returns the process exit code."""
    from curator_desktop.cli.parser import main as run

    return run(argv)
