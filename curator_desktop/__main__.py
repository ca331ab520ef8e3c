"""Entry point for ``curator-desktop`` and ``python -m curator_desktop``.

Headless commands (``--version``, ``db``, ``demo``, ``list`` …) are dispatched to :mod:`cli`
without importing Qt, and so is an unknown command (the CLI says so and lists the commands); the
window's own options alone (``--demo``, ``--data-dir D``, ``--lang L``) start the GUI.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run a headless command when one is named, otherwise the desktop application."""
    args = list(sys.argv[1:] if argv is None else argv)
    from curator_desktop.cli import is_headless_invocation

    if is_headless_invocation(args):
        from curator_desktop.cli import main as cli_main

        return cli_main(args)
    from curator_desktop.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
