"""The command-line grammar and dispatch of the headless commands (no Qt is imported here).

``curator-desktop --version``, ``demo create``, ``db check|backup|restore|upgrade|repair-twins``,
``list schools|visits``, ``schools import FILE``, ``catalog import FILE``,
``templates list|import FILE``, ``roadmap import FILE``, ``report visit|protocol|period|review
… -o FILE``, ``documents list|receive|review|uploaded|confirm``, ``export -o FILE`` and
``import FILE``; every command takes ``--data-dir``. User
mistakes end with a clear message on stderr and a non-zero exit code, never a traceback; an
unknown command is named with the list of commands (exit 2).
``init`` creates a store with its profile (for scripts); ``profile show`` prints the profile.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from curator_desktop import APP_NAME, __version__
from curator_desktop.cli import COMMANDS, command_word, is_headless_invocation
from curator_desktop.cli import documents as cli_documents
from curator_desktop.cli import events as cli_events
from curator_desktop.cli import exchange as cli_exchange
from curator_desktop.cli import packages as cli_packages
from curator_desktop.cli import profile as cli_profile
from curator_desktop.cli import records as cli_records
from curator_desktop.cli import region as cli_region
from curator_desktop.cli import reports as cli_reports
from curator_desktop.cli import roadmap as cli_roadmap
from curator_desktop.cli import selfcheck as cli_selfcheck
from curator_desktop.cli import selfdiag as cli_selfdiag
from curator_desktop.cli import setup as cli_setup
from curator_desktop.cli import store as cli_store
from curator_desktop.cli.store import EXIT_OK
from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _, set_language
from curator_desktop.paths import AppPaths

log = logging.getLogger(__name__)

EXIT_USAGE = 2

__all__ = ["COMMANDS", "build_parser", "is_headless_invocation", "main"]


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """The options every command takes, before or after its name. Only the top parser has
    defaults: a subcommand's would overwrite what was given before the subcommand."""
    default: dict[str, object] = {} if top else {"default": argparse.SUPPRESS}
    parser.add_argument("--data-dir", metavar="DIR", help=_("the folder of the store"), **default)
    parser.add_argument("--demo", action="store_true", help=_("use the demo store"), **default)
    parser.add_argument("--lang", choices=("ru", "en"), help=_("language of messages"), **default)


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar (also documents the GUI options)."""
    parser = argparse.ArgumentParser(
        prog="curator-desktop",
        description=_("{app}: without a command the desktop window opens.").format(app=APP_NAME),
    )
    parser.add_argument("-V", "--version", action="version", version=f"{APP_NAME} {__version__}")
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help=_("demo store"))
    demo_actions = demo.add_subparsers(dest="action", metavar="ACTION", required=True)
    demo_create = demo_actions.add_parser("create", help=_("create a store filled with demo data"))
    cli_store.add_demo_options(demo_create)
    _common(demo_create)

    db = commands.add_parser("db", help=_("check, back up, restore or upgrade the store"))
    db_actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    _common(db_actions.add_parser("check", help=_("integrity check, schema version, row counts")))
    _common(db_actions.add_parser("backup", help=_("take a backup now")))
    restore = db_actions.add_parser("restore", help=_("replace the store with a backup"))
    restore.add_argument("file", metavar="FILE", help=_("the backup file"))
    _common(restore)
    _common(db_actions.add_parser("upgrade", help=_("apply pending migrations")))
    twins = db_actions.add_parser(
        "repair-twins",
        help=_("merge the schools held twice (same INN) into one"),
        description=_(
            "Merge every school held more than once (the same valid INN) into its oldest "
            "record: visits, risk verifications and everything else that points at a twin move "
            "to it, a field it has empty takes the twin's value, and the twin is kept as a "
            "deleted record whose id leads to the school kept. A backup is taken first."
        ),
    )
    twins.add_argument(
        "--dry-run", action="store_true", help=_("only list the twins; write nothing")
    )
    _common(twins)

    listing = commands.add_parser("list", help=_("list records"))
    listing.add_argument("kind", choices=("schools", "visits"))
    listing.add_argument("--json", action="store_true", help=_("one JSON array, for scripts"))
    listing.add_argument("--include-archived", action="store_true", help=_("archived schools too"))
    _common(listing)

    schools = commands.add_parser("schools", help=_("import the list of assigned schools"))
    school_actions = schools.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = school_actions.add_parser(
        "import",
        help=_("import schools from a CSV or XLSX file"),
        description=_(
            "Import the list of assigned schools from the coordinator's CSV or XLSX file. "
            "Columns are recognised by their headers; schools already in the store are matched "
            "by INN, else by full name and municipality, and updated. A backup is taken first "
            "and the import is written all or nothing."
        ),
        epilog=_(
            "Exit codes: 0 — imported (or, with --dry-run, would import) every row; "
            "1 — imported, but some rows had errors and were skipped; "
            "2 — the file was rejected and nothing was imported."
        ),
    )
    importing.add_argument("file", metavar="FILE", help=_("the CSV or XLSX file"))
    importing.add_argument(
        "--dry-run", action="store_true", help=_("only show what would change; write nothing")
    )
    importing.add_argument("--json", action="store_true", help=_("one JSON object, for scripts"))
    _common(importing)

    catalog = commands.add_parser("catalog", help=_("risk-factor catalog"))
    catalog_actions = catalog.add_subparsers(dest="action", metavar="ACTION", required=True)
    catalog_import = catalog_actions.add_parser(
        "import", help=_("install a coordinator's risk-factor catalog file (JSON)")
    )
    catalog_import.add_argument("file", metavar="FILE", help=_("the catalog file"))
    catalog_import.add_argument(
        "--extend",
        action="store_true",
        help=_("add the file's new factors to the catalog in force instead of replacing it"),
    )
    _common(catalog_import)

    templates = commands.add_parser("templates", help=_("checklist templates"))
    template_actions = templates.add_subparsers(dest="action", metavar="ACTION", required=True)
    template_list = template_actions.add_parser(
        "list", help=_("list the installed checklist templates and their versions")
    )
    template_list.add_argument("--json", action="store_true", help=_("one JSON array, for scripts"))
    _common(template_list)
    template_import = template_actions.add_parser(
        "import",
        help=_("install a coordinator's checklist template file (JSON)"),
        description=_(
            "Install a checklist template file sent by the coordinator. The file is checked "
            "first (errors name the line and the field); a new template or a new version is "
            "added after a backup, the same version with the same content changes nothing."
        ),
        epilog=_(
            "Exit codes: 0 — installed, already installed, or (with --dry-run) can be "
            "installed; 2 — the file was rejected and nothing was written."
        ),
    )
    template_import.add_argument("file", metavar="FILE", help=_("the template file"))
    template_import.add_argument(
        "--dry-run", action="store_true", help=_("only check the file; write nothing")
    )
    template_import.add_argument(
        "--json", action="store_true", help=_("one JSON object, for scripts")
    )
    _common(template_import)

    cli_reports.add_report_parsers(commands, _common)
    cli_exchange.add_exchange_parsers(commands, _common)
    cli_setup.add_setup_parser(commands, _common)
    cli_selfcheck.add_selfcheck_parser(commands, _common)
    cli_roadmap.add_roadmap_parser(commands, _common)
    cli_profile.add_profile_parsers(commands, _common)
    cli_documents.add_documents_parsers(commands, _common)
    cli_selfdiag.add_selfdiag_parser(commands, _common)
    cli_events.add_events_parser(commands, _common)
    cli_packages.add_packages_parser(commands, _common)
    cli_region.add_region_parsers(commands, _common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one headless command; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _prepare_language(args_list)
    word = command_word(args_list)
    if word is not None and word not in COMMANDS:
        print(unknown_command_text(word), file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    paths = AppPaths.resolve(args.data_dir, demo=args.demo)
    handler = _HANDLERS[(args.command, getattr(args, "action", None) or args.kind)]
    try:
        return handler(args, paths)
    except CuratorError as exc:
        print(_("Error: {message}").format(message=exc.user_message), file=sys.stderr)
        if exc.details:
            print(exc.details, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output went to a pager or `head` that closed early
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def unknown_command_text(word: str) -> str:
    """What is said for a command that does not exist: the nearest one, every command."""
    import difflib

    lines = [_("Unknown command «{command}».").format(command=word)]
    nearest = difflib.get_close_matches(word, COMMANDS, n=1)
    if nearest:
        lines.append(_("Did you mean «{command}»?").format(command=nearest[0]))
    lines.append(_("Commands: {commands}.").format(commands=", ".join(COMMANDS)))
    lines.append(
        _(
            "Help on a command: «curator-desktop COMMAND --help»; "
            "without a command the window opens."
        )
    )
    return "\n".join(lines)


def _prepare_language(args: Sequence[str]) -> None:
    """Use ``--lang`` if given, else the language saved in settings, else Russian."""
    lang = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    if lang is None:
        data_dir = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--data-dir"), None)
        settings_file = AppPaths.resolve(data_dir).settings_file
        if settings_file.exists():
            from curator_desktop.settings import load_settings

            lang = load_settings(settings_file).language
    set_language(lang or "ru")


_HANDLERS: dict[tuple[str, str], Callable[[argparse.Namespace, AppPaths], int]] = {
    ("demo", "create"): cli_store.demo_create,
    ("db", "check"): cli_store.db_check,
    ("db", "backup"): cli_store.db_backup,
    ("db", "restore"): cli_store.db_restore,
    ("db", "upgrade"): cli_store.db_upgrade,
    ("db", "repair-twins"): cli_store.db_repair_twins,
    ("list", "schools"): cli_records.list_records,
    ("list", "visits"): cli_records.list_records,
    ("schools", "import"): cli_records.schools_import,
    ("catalog", "import"): cli_records.catalog_import,
    ("templates", "list"): cli_records.templates_list,
    ("templates", "import"): cli_records.templates_import,
    ("report", "visit"): cli_reports.report_visit,
    ("report", "protocol"): cli_reports.report_protocol,
    ("report", "period"): cli_reports.report_period,
    ("report", "region"): cli_reports.report_region,
    ("export", "run"): cli_exchange.export,
    ("import", "run"): cli_exchange.import_,
    ("setup", "export"): cli_setup.setup_export,
    ("selfcheck", "run"): cli_selfcheck.selfcheck,
    ("roadmap", "import"): cli_roadmap.roadmap_import,
    ("init", "run"): cli_profile.init,
    ("profile", "show"): cli_profile.profile_show,
    ("report", "review"): cli_documents.report_review,
    ("documents", "list"): cli_documents.documents_list,
    ("documents", "receive"): cli_documents.documents_receive,
    ("documents", "review"): cli_documents.documents_review,
    ("documents", "uploaded"): cli_documents.documents_uploaded,
    ("documents", "confirm"): cli_documents.documents_confirm,
    ("selfdiag", "import"): cli_selfdiag.selfdiag_import,
    ("selfdiag", "list"): cli_selfdiag.selfdiag_list,
    ("selfdiag", "catalog"): cli_selfdiag.selfdiag_catalog,
    ("report", "selfdiag"): cli_selfdiag.report_selfdiag,
    ("report", "schedule"): cli_selfdiag.report_schedule,
    ("events", "list"): cli_events.events_list,
    ("events", "add"): cli_events.events_add,
    ("region", "summary"): cli_region.region_summary,
    ("region", "export"): cli_region.region_export,
    ("packages", "list"): cli_packages.packages_list,
    ("packages", "review"): cli_packages.packages_review,
}
