"""CLI of the region set-up package: ``setup export --curator NAME -o FILE`` in the
coordinator's store. The curator imports it with ``import FILE`` (one step: see
:func:`import_setup_file`). Services are imported inside the handlers."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from curator_desktop.cli.exchange import read_password
from curator_desktop.cli.reports import parse_date
from curator_desktop.cli.store import EXIT_OK, open_current
from curator_desktop.domain.errors import ValidationError
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.paths import AppPaths


def add_setup_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """``setup export``."""
    setup = commands.add_parser(
        "setup",
        help=_("the region set-up package a coordinator sends to a curator"),
        description=_(
            "A region set-up package carries the schools assigned to one curator, the risk "
            "catalog, the checklist templates, the review criteria and the roadmap. The "
            "curator imports it with «import FILE»."
        ),
    )
    actions = setup.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser(
        "export",
        help=_("write the set-up package for one curator"),
        epilog=_("Exit codes: 0 — written; 2 — wrong arguments or the package was not written."),
    )
    export.add_argument(
        "--curator", required=True, metavar="NAME",
        help=_("the curator's name as the list of schools gives it («Соколова М. В.»)"),
    )  # fmt: skip
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("the package to write")
    )
    export.add_argument(
        "--as-of", type=parse_date, metavar="DATE",
        help=_("the schools assigned on this day (today by default)"),
    )  # fmt: skip
    export.add_argument(
        "--password-file", metavar="FILE",
        help=_("protect the package with the password written in this file"),
    )  # fmt: skip
    common(export)


def setup_export(args: argparse.Namespace, paths: AppPaths) -> int:
    """``setup export --curator NAME -o FILE [--as-of D] [--password-file F]``."""
    from curator_desktop.services.exchange.service import ExchangeService
    from curator_desktop.services.exchange.setup.build import build_setup

    output = Path(args.output).expanduser()
    if output.is_dir():
        raise ValidationError(_("{path} is a folder: give a file name.").format(path=output))
    password = read_password(args.password_file)
    with open_current(paths, write=True) as database:
        service = ExchangeService.for_paths(database, paths)
        built = build_setup(
            service, args.curator, output, day=args.as_of or dt.date.today(), password=password
        )
    print(_("Set-up package for {curator} written to {path}").format(
        curator=built.curator, path=built.export.path.resolve()
    ))  # fmt: skip
    line = ngettext(
        "{count} school assigned, {records} records",
        "{count} schools assigned, {records} records",
        built.schools,
    )
    print(
        line.format(
            count=format_number(built.schools), records=format_number(built.export.record_count)
        )
    )
    return EXIT_OK


def import_setup_file(package: Path, paths: AppPaths, password: str | None) -> int:
    """The curator's one-step import of a set-up package (``import FILE`` routes here)."""
    from curator_desktop.services.exchange.service import ExchangeService
    from curator_desktop.services.exchange.setup.apply import import_setup

    with open_current(paths, write=True) as database:
        done = import_setup(ExchangeService.for_paths(database, paths), package, password=password)
    for line in done.lines():
        print(line)
    if done.written and done.result.backup is not None:
        print(_("A backup was taken first: {file}").format(file=done.result.backup))
    return EXIT_OK
