"""Headless commands over the services (no Qt is imported here).

``curator-desktop --version``, ``demo create``, ``db check|backup|restore|upgrade``,
``list schools|visits`` and ``schools import FILE``; every command takes ``--data-dir``. User
mistakes end with a clear message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from curator_desktop import APP_NAME, __version__
from curator_desktop.domain.errors import CuratorError, NotFoundError, StoreError
from curator_desktop.i18n import _, ngettext, set_language
from curator_desktop.paths import AppPaths

log = logging.getLogger(__name__)

COMMANDS = ("catalog", "db", "demo", "list", "schools")
EXIT_OK = 0
EXIT_PROBLEM = 1


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


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help=_("the folder of the store"))
    parser.add_argument("--demo", action="store_true", help=_("use the demo store"))
    parser.add_argument("--lang", choices=("ru", "en"), help=_("language of messages"))


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar (also documents the GUI options)."""
    parser = argparse.ArgumentParser(
        prog="curator-desktop",
        description=_("{app}: without a command the desktop window opens.").format(app=APP_NAME),
    )
    parser.add_argument("-V", "--version", action="version", version=f"{APP_NAME} {__version__}")
    _common(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help=_("demo store"))
    demo_actions = demo.add_subparsers(dest="action", metavar="ACTION", required=True)
    _common(demo_actions.add_parser("create", help=_("create a store filled with demo data")))

    db = commands.add_parser("db", help=_("check, back up, restore or upgrade the store"))
    db_actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    _common(db_actions.add_parser("check", help=_("integrity check, schema version, row counts")))
    _common(db_actions.add_parser("backup", help=_("take a backup now")))
    restore = db_actions.add_parser("restore", help=_("replace the store with a backup"))
    restore.add_argument("file", metavar="FILE", help=_("the backup file"))
    _common(restore)
    _common(db_actions.add_parser("upgrade", help=_("apply pending migrations")))

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one headless command; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _prepare_language(args_list)
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


def _device_id(paths: AppPaths) -> str:
    from curator_desktop.settings import load_settings, save_settings

    settings = load_settings(paths.settings_file)
    if not paths.settings_file.exists():
        save_settings(settings, paths.settings_file)
    return settings.device_id


def _require_store(paths: AppPaths) -> None:
    if not paths.store_file.exists():
        raise NotFoundError(_("There is no store in {path}.").format(path=paths.data_dir))


def _require_current(paths: AppPaths) -> None:
    from curator_desktop.store import schema

    _require_store(paths)
    schema.refuse_if_too_new(paths.store_file)
    if schema.schema_state(paths.store_file) is not schema.SchemaState.CURRENT:
        raise StoreError(
            _("The store in {path} needs an upgrade: run «curator-desktop db upgrade».").format(
                path=paths.data_dir
            )
        )


def _demo_create(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.demo import create_demo_store
    from curator_desktop.services.store_service import open_store

    opened = open_store(paths, device_id=_device_id(paths), daily_backup=False)
    try:
        summary = create_demo_store(opened.database)
    finally:
        opened.close()
    print(_("Demo store created in {path}.").format(path=paths.data_dir))
    print(summary)
    return EXIT_OK


def _db_check(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.store.integrity import check_store, format_check

    check = check_store(paths.store_file)
    print(paths.store_file)
    for line in format_check(check):
        print(line)
    for problem in check.problems:
        print(_("Problem: {problem}").format(problem=problem), file=sys.stderr)
    return EXIT_OK if check.ok else EXIT_PROBLEM


def _db_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.store.backups import take_backup

    _require_store(paths)
    backup = take_backup(paths.store_file, paths.backup_dir, reason="manual")
    print(_("Backup saved: {path}").format(path=backup))
    return EXIT_OK


def _db_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.store import schema
    from curator_desktop.store.backups import restore_backup, take_backup
    from curator_desktop.store.lock import StoreLock

    source = Path(args.file).expanduser()
    if not source.is_file():
        raise NotFoundError(_("The file {path} does not exist.").format(path=source))
    paths.ensure()
    with StoreLock(paths.lock_file):
        safety = restore_backup(source, paths.store_file, paths.backup_dir)
        if schema.schema_state(paths.store_file) is schema.SchemaState.OUTDATED:
            take_backup(paths.store_file, paths.backup_dir, reason="pre-migration")
            schema.upgrade(paths.store_file)
    print(_("The store was restored from {path}.").format(path=source))
    if safety:
        print(_("The previous store was saved as {path}.").format(path=safety))
    return EXIT_OK


def _db_upgrade(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.store import schema
    from curator_desktop.store.backups import take_backup
    from curator_desktop.store.lock import StoreLock

    _require_store(paths)
    with StoreLock(paths.lock_file):
        schema.refuse_if_too_new(paths.store_file)
        if schema.schema_state(paths.store_file) is schema.SchemaState.CURRENT:
            print(
                _("The store is up to date ({revision}).").format(
                    revision=schema.shipped_revisions().head
                )
            )
            return EXIT_OK
        backup = take_backup(paths.store_file, paths.backup_dir, reason="pre-migration")
        schema.upgrade(paths.store_file)
    print(
        _("The store was upgraded to {revision}; backup: {path}").format(
            revision=schema.shipped_revisions().head, path=backup
        )
    )
    return EXIT_OK


def _list(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.store.database import Database

    _require_current(paths)
    database = Database(paths.store_file)
    try:
        if args.kind == "schools":
            from curator_desktop.store.repositories.schools import SchoolRepository

            rows = SchoolRepository(database).summaries(include_archived=args.include_archived)
        else:
            from curator_desktop.store.repositories.visits import VisitRepository

            rows = VisitRepository(database).summaries()
    finally:
        database.close()
    if args.json:
        json.dump([row.to_json() for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for row in rows:
            print(_format_row(row))
    return EXIT_OK


def _format_row(row: object) -> str:
    from curator_desktop.domain.enums import SchoolStatus, VisitStatus, VisitType
    from curator_desktop.domain.summaries import SchoolSummary, VisitSummary
    from curator_desktop.i18n import format_date

    if isinstance(row, SchoolSummary):
        name = row.short_name or row.full_name
        return f"{row.id}  {name}  {row.municipality}  {SchoolStatus.label_for(row.status)}"
    assert isinstance(row, VisitSummary)
    when = format_date(row.date, "short")
    kind, status = VisitType.label_for(row.visit_type), VisitStatus.label_for(row.status)
    return f"{row.id}  {when}  {row.school_name}  {kind}  {status}"


def _schools_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.school_import import ImportFileError, import_schools
    from curator_desktop.store.database import Database
    from curator_desktop.store.lock import StoreLock

    source = Path(args.file).expanduser()
    if not source.is_file():
        raise ImportFileError(_("The file {path} does not exist.").format(path=source))
    _require_current(paths)
    if args.dry_run:
        database = Database(paths.store_file)
        try:
            outcome = import_schools(source, database, paths, dry_run=True)
        finally:
            database.close()
    else:
        with StoreLock(paths.lock_file):
            database = Database(paths.store_file, device_id=_device_id(paths))
            try:
                outcome = import_schools(source, database, paths, dry_run=False)
            finally:
                database.close()
    if args.json:
        from curator_desktop.services.school_import.report import outcome_json

        json.dump(outcome_json(outcome), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from curator_desktop.services.school_import.report import outcome_lines

        for line in outcome_lines(outcome):
            print(line)
    if outcome.plan.errors:
        print(
            _("Some rows were not imported: correct them in the file and import it again."),
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    return EXIT_OK


def _catalog_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.risk_catalog_import import import_risk_catalog
    from curator_desktop.store.database import Database
    from curator_desktop.store.lock import StoreLock

    _require_current(paths)
    with StoreLock(paths.lock_file):
        database = Database(paths.store_file, device_id=_device_id(paths))
        try:
            result = import_risk_catalog(
                Path(args.file).expanduser(),
                database,
                mode="extend" if args.extend else "replace",
                backup_dir=paths.backup_dir,
            )
        finally:
            database.close()
    message = ngettext(
        "Risk-factor catalog {version} installed: {count} factor.",
        "Risk-factor catalog {version} installed: {count} factors.",
        result.factor_count,
    )
    print(message.format(version=result.version, count=result.factor_count))
    return EXIT_OK


_HANDLERS: dict[tuple[str, str], Callable[[argparse.Namespace, AppPaths], int]] = {
    ("demo", "create"): _demo_create,
    ("db", "check"): _db_check,
    ("db", "backup"): _db_backup,
    ("db", "restore"): _db_restore,
    ("db", "upgrade"): _db_upgrade,
    ("list", "schools"): _list,
    ("list", "visits"): _list,
    ("schools", "import"): _schools_import,
    ("catalog", "import"): _catalog_import,
}
