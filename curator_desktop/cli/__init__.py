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
    "documents",
    "events",
    "export",
    "import",
    "init",
    "list",
    "packages",
    "profile",
    "region",
    "report",
    "roadmap",
    "schools",
    "selfcheck",
    "selfdiag",
    "setup",
    "templates",
)


def is_headless_invocation(args: Sequence[str]) -> bool:
    """True when the arguments name a command, known or not (the command line runs it or says it
    is unknown), or ask for the version or help. The window's own options alone (``--demo``,
    ``--data-dir D``, ``--lang L``, ``--quit-after-show``) open the window."""
    if any(arg in ("--version", "-V", "-h", "--help") for arg in args):
        return True
    return command_word(args) is not None


_OPTIONS = ("--data-dir", "--demo", "--lang", "--quit-after-show")
"""The options both the window and the command line take before a command."""
_TAKES_VALUE = ("--data-dir", "--lang")


def command_word(args: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor an option's value: the command."""
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if _takes_value(arg):
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def _takes_value(arg: str) -> bool:
    """``--data-dir`` or ``--lang`` without ``=``, or what argparse takes for one (``--data``)."""
    if not arg.startswith("--") or "=" in arg:
        return False
    named = [option for option in _OPTIONS if option.startswith(arg)]
    return len(named) == 1 and named[0] in _TAKES_VALUE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one headless command; returns the process exit code."""
    from curator_desktop.cli.parser import main as run

    return run(argv)
