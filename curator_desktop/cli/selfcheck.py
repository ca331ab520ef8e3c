"""CLI command ``selfcheck``: prove that this installation works, without touching the user's data.

Runs :func:`curator_desktop.selfcheck.checks.run_selfcheck` in a temporary folder and prints one
line per step with ✓ or ✗, what it saw and how long it took. Exit code 0 only when every step
passed. Installers run it on the built bundle (``build_installer.py smoke``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_desktop import APP_NAME, __version__
from curator_desktop.cli.store import EXIT_OK, EXIT_PROBLEM
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.selfcheck.checks import StepResult


def add_selfcheck_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``selfcheck`` command (``common`` adds --data-dir, --demo, --lang)."""
    parser = commands.add_parser(
        "selfcheck",
        help=_("check that this installation works (your data is not touched)"),
        description=_(
            "Check this installation in a temporary folder: resources and translations, the "
            "upgrade of an old store, a new store with demo data, a visit report in PDF, export "
            "and import of a package. Your own store, settings and backups are not opened."
        ),
        epilog=_("Exit codes: 0 — every step passed; 1 — a step failed."),
    )
    parser.add_argument(
        "--work-dir",
        metavar="DIR",
        help=_("where to make the temporary folder (the system's temporary folder by default)"),
    )
    parser.set_defaults(action="run")
    common(parser)


def _marks() -> tuple[str, str]:
    """✓ and ✗, or plain ASCII where the output's encoding cannot show them."""
    try:
        "✓✗".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "+", "x"
    return "✓", "✗"


def selfcheck(args: argparse.Namespace, paths: AppPaths) -> int:
    """``selfcheck [--work-dir DIR]``: run the steps, print them, exit 0 when all passed."""
    from curator_desktop.selfcheck.checks import run_selfcheck

    del paths  # never used: the self-check makes its own data folders
    passed, failed = _marks()
    print(f"{APP_NAME} {__version__} — {sys.platform}, Python {sys.version.split()[0]}")

    def show(result: StepResult) -> None:
        line = _("{mark} {name}: {detail} ({seconds} s)").format(
            mark=passed if result.ok else failed,
            name=result.name,
            detail=result.detail,
            seconds=format_number(round(result.seconds, 2)),
        )
        print(line, flush=True)

    started = time.perf_counter()
    work_dir = Path(args.work_dir).expanduser() if args.work_dir else None
    results = run_selfcheck(work_dir=work_dir, on_step=show)
    seconds = format_number(round(time.perf_counter() - started, 1))
    failures = sum(not result.ok for result in results)
    if failures:
        message = ngettext(
            "Self-check failed: {count} step of {total} ({seconds} s).",
            "Self-check failed: {count} steps of {total} ({seconds} s).",
            failures,
        )
        print(message.format(count=failures, total=len(results), seconds=seconds))
        return EXIT_PROBLEM
    print(_("Self-check passed ({seconds} s).").format(seconds=seconds))
    return EXIT_OK
