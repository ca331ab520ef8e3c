"""CLI commands of exchange by file: ``export -o FILE …`` and ``import FILE …``.

``import`` into a data folder without a store creates the store from the package (moving to a
new computer; ``export --for-moving`` makes the package that carries the store's signing key).
``import`` prints the package's sender, its key's fingerprint (or «unsigned») and warnings
first; a package whose sender is not signed with the key known for it is rejected (2). Exit
codes: 0 — done; 3 — conflicts pending (listed with ids and fields; nothing was imported);
2 — the file was rejected (with the reason; nothing changed); 1 — the store
could not be opened (it needs an upgrade, for example); 4 — the app holds it. Services are
imported inside the handlers, so the CLI starts without SQLModel.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_desktop.cli.reports import parse_date
from curator_desktop.cli.store import EXIT_OK, EXIT_PROBLEM, device_id, open_current
from curator_desktop.domain.errors import (
    CuratorError,
    StoreError,
    StoreLockedError,
    ValidationError,
)
from curator_desktop.i18n import _, format_number, ngettext
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.services.exchange.merge.identity import NameMatch
    from curator_desktop.services.exchange.merge.reconcile import Conflict, Reconciliation
    from curator_desktop.services.exchange.senders.check import SenderCheck

EXIT_REJECTED = 2
EXIT_CONFLICTS = 3


def add_exchange_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``export`` and ``import`` commands (``common`` adds --data-dir, --demo, --lang)."""
    export = commands.add_parser(
        "export",
        help=_("write an exchange package (*.curator)"),
        description=_(
            "Write the store, or part of it, into one exchange package for another computer "
            "or the coordinator. The file is written whole or not at all."
        ),
        epilog=_("Exit codes: 0 — written; 2 — wrong arguments or the package was not written."),
    )
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("the package to write")
    )
    choice = export.add_mutually_exclusive_group()
    choice.add_argument(
        "--since-last",
        action="store_true",
        help=_("only what changed since the last export to the same folder"),
    )
    choice.add_argument(
        "--school", dest="school_ids", action="append", metavar="SCHOOL_ID",
        help=_("only this school and its records (repeat for several)"),
    )  # fmt: skip
    export.add_argument(
        "--from", dest="date_from", type=parse_date, metavar="DATE",
        help=_("only visits from this day"),
    )  # fmt: skip
    export.add_argument(
        "--to", dest="date_to", type=parse_date, metavar="DATE",
        help=_("only visits up to this day"),
    )  # fmt: skip
    _password_option(export, _("protect the package with the password written in this file"))
    export.add_argument(
        "--for-moving",
        action="store_true",
        help=_(
            "a package for moving the store to another computer of yours: the whole store and "
            "its signing key (needs --password-file)"
        ),
    )
    export.set_defaults(action="run")
    common(export)

    importing = commands.add_parser(
        "import",
        help=_("import an exchange package (*.curator)"),
        description=_(
            "Merge an exchange package into the store: records changed on one side only are "
            "taken from that side; records changed on both sides are conflicts and nothing is "
            "imported until they are resolved (in the app). A backup is taken first. In a data "
            "folder without a store, the store is created from the package."
        ),
        epilog=_(
            "Exit codes: 0 — imported (or, with --dry-run, can be imported); 3 — conflicts "
            "pending, nothing imported; 2 — the file was rejected, nothing changed; 1 — the "
            "store could not be opened; 4 — the app is using the store."
        ),
    )
    importing.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=_("the package; several (a coordinator's collection) are merged one after another"),
    )
    importing.add_argument(
        "--dry-run", action="store_true", help=_("only show what would change; write nothing")
    )
    importing.add_argument(
        "--match-by-name",
        action="store_true",
        help=_(
            "take a school of the package without INN for the local school of the same name and "
            "municipality (each pair is printed); without it such schools are kept apart"
        ),
    )
    _password_option(importing, _("the file holding the package's password"))
    importing.set_defaults(action="run")
    common(importing)


def _password_option(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--password-file", metavar="FILE", help=text)


def read_password(file_name: str | None) -> str | None:
    """The first line of the password file (without its line break), or None."""
    if not file_name:
        return None
    path = Path(file_name).expanduser()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(
            _("Cannot read the password file {path}.").format(path=path), field="password"
        ) from exc
    password = text.splitlines()[0] if text else ""
    if not password:
        raise ValidationError(
            _("The password file {path} is empty.").format(path=path), field="password"
        )
    return password


# --- export -----------------------------------------------------------------------------------


def export(args: argparse.Namespace, paths: AppPaths) -> int:
    """``export -o FILE [--since-last] [--school ID …] [--from D --to D] [--password-file F]``."""
    from curator_desktop.services.exchange.package.format import Scope
    from curator_desktop.services.exchange.service import ExchangeService

    output = Path(args.output).expanduser()
    if output.is_dir():
        raise ValidationError(_("{path} is a folder: give a file name.").format(path=output))
    password = read_password(args.password_file)
    with open_current(paths, write=True) as database:
        service = ExchangeService.for_paths(database, paths)
        scope = None
        if args.school_ids or args.date_from or args.date_to:
            ids = args.school_ids or _all_school_ids(database)
            scope = Scope.selection(ids, date_from=args.date_from, date_to=args.date_to)
        result = service.export(
            output,
            scope,
            since_last=args.since_last,
            password=password,
            with_signing_key=args.for_moving,
        )
    print(_("Package written to {path}").format(path=result.path.resolve()))
    line = ngettext(
        "{count} record, {size} bytes, SHA-256 {sha}",
        "{count} records, {size} bytes, SHA-256 {sha}",
        result.record_count,
    )
    print(
        line.format(
            count=format_number(result.record_count),
            size=format_number(result.size_bytes),
            sha=result.sha256,
        )
    )
    for missing in result.missing_files:
        print(_("Left out, the file is missing: {path}").format(path=missing), file=sys.stderr)
    return EXIT_OK


def _all_school_ids(database: Any) -> list[str]:
    from sqlmodel import col, select

    from curator_desktop.store.tables import School

    with database.session() as session:
        query = select(School.id).where(col(School.deleted).is_(False))
        return list(session.exec(query).all())


# --- import -----------------------------------------------------------------------------------


def import_(args: argparse.Namespace, paths: AppPaths) -> int:
    """``import FILE [FILE …] [--dry-run] [--password-file F]``."""
    from curator_desktop.services.exchange.crypto import (
        NotEncryptedError,
        TamperedPackageError,
        UnsupportedEncryptionError,
        WrongPasswordError,
    )
    from curator_desktop.services.exchange.merge.apply import ConflictsPendingError

    packages = [Path(name).expanduser() for name in args.files]
    package = packages[0]
    match_by_name = bool(getattr(args, "match_by_name", False))
    try:
        password = read_password(args.password_file)
        if match_by_name and len(packages) > 1:
            raise ValidationError(
                _("--match-by-name works with a single package: import them one by one.")
            )
        if len(packages) > 1:
            return _import_many(packages, paths, password, dry_run=args.dry_run)
        if not paths.store_file.exists():
            return _import_new_store(package, paths, password, dry_run=args.dry_run)
        if not args.dry_run and not match_by_name and _is_setup(package):
            from curator_desktop.cli.setup import import_setup_file

            return import_setup_file(package, paths, password)
        return _import(package, paths, password, dry_run=args.dry_run, match_by_name=match_by_name)
    except ConflictsPendingError as exc:
        _print_conflicts(exc.conflicts)
        print(_("Error: {message}").format(message=exc.user_message), file=sys.stderr)
        return EXIT_CONFLICTS
    except StoreLockedError:
        raise
    except StoreError as exc:  # its own code (3) would read as «conflicts pending»
        _print_error(exc)
        return EXIT_PROBLEM
    except (
        ValidationError,
        WrongPasswordError,
        TamperedPackageError,
        NotEncryptedError,
        UnsupportedEncryptionError,
    ) as exc:
        _print_error(exc)
        return EXIT_REJECTED


def _is_setup(package: Path) -> bool:
    from curator_desktop.services.exchange.setup.apply import is_setup_file

    return is_setup_file(package)


def _proposals(reconciliation: Reconciliation) -> tuple[NameMatch, ...]:
    """The schools of the package without ИНН proposed by name as local ones."""
    identity = reconciliation.identity
    return identity.proposals if identity else ()


def _print_proposals(proposals: tuple[NameMatch, ...], *, matched: bool) -> None:
    """Print the schools proposed by name: confirmed (``matched``) or left apart."""
    from curator_desktop.services.exchange.results import name_match_text

    for proposal in proposals:
        line = name_match_text(proposal)
        if matched:
            print(_("Matched by name: {pair}").format(pair=line))
        else:
            print(_("Not matched (use --match-by-name): {pair}").format(pair=line))


def _print_error(exc: CuratorError) -> None:
    print(_("Error: {message}").format(message=exc.user_message), file=sys.stderr)
    if exc.details:
        print(exc.details, file=sys.stderr)


def _import(
    package: Path,
    paths: AppPaths,
    password: str | None,
    *,
    dry_run: bool,
    match_by_name: bool = False,
) -> int:
    from curator_desktop.services.exchange.service import ExchangeService

    with open_current(paths, write=not dry_run) as database:
        service = ExchangeService.for_paths(database, paths)
        if dry_run:
            preview = service.preview(package, password=password)
            _print_sender(preview.sender)
            _print_reconciliation(preview.reconciliation)
            _print_proposals(_proposals(preview.reconciliation), matched=match_by_name)
            if preview.conflicts:
                _print_conflicts(preview.conflicts)
                return EXIT_CONFLICTS
            print(_("Dry run: nothing was written."))
            return EXIT_OK
        matches: tuple[NameMatch, ...] = ()
        if match_by_name:
            matches = _proposals(service.preview(package, password=password).reconciliation)
        confirmed = [(m.incoming_id, m.local_id) for m in matches]
        result = service.import_(package, password=password, confirmed=confirmed)
    _print_sender(result.sender)
    _print_reconciliation(result.reconciliation)
    _print_proposals(matches, matched=True)
    _print_proposals(_proposals(result.reconciliation), matched=False)
    if not result.written:
        print(_("Nothing to import: everything in the package is already in this store."))
        if restored := result.restored_text():
            print(restored)
    elif result.backup is not None:
        print(_("Imported. A backup was taken first: {path}").format(path=result.backup))
    return EXIT_OK


def _import_many(
    packages: list[Path], paths: AppPaths, password: str | None, *, dry_run: bool
) -> int:
    """Several packages into an existing store, one transaction each, one backup in all.
    The exit code is the worst of theirs: 2 if one was rejected, else 3 if one has conflicts."""
    from curator_desktop.services.exchange.merge.apply import ConflictsPendingError
    from curator_desktop.services.exchange.service import ExchangeService

    if dry_run or not paths.store_file.exists():
        raise ValidationError(
            _("Several packages are imported into an existing store, without --dry-run.")
        )
    with open_current(paths, write=True) as database:
        items = ExchangeService.for_paths(database, paths).import_many(packages, password=password)
    code = EXIT_OK
    for item in items:
        if item.result is not None:
            written = item.result.reconciliation.total("new") + item.result.reconciliation.total(
                "changed"
            )
            print(
                _("{file}: imported, {count} records new or changed").format(
                    file=item.path.name, count=format_number(written)
                )
            )
            _print_sender(item.result.sender, indent="  ")
        elif isinstance(item.error, ConflictsPendingError):
            print(
                _(
                    "{file}: conflicts pending, nothing imported (import it alone to resolve)"
                ).format(file=item.path.name),
                file=sys.stderr,
            )
            code = code if code == EXIT_REJECTED else EXIT_CONFLICTS
        else:
            message = item.error.user_message if item.error is not None else ""
            print(
                _("{file}: rejected: {message}").format(file=item.path.name, message=message),
                file=sys.stderr,
            )
            code = EXIT_REJECTED
    imported = sum(1 for item in items if item.result is not None)
    print(_("{done} of {total} packages imported.").format(done=imported, total=len(items)))
    return code


def _import_new_store(
    package: Path, paths: AppPaths, password: str | None, *, dry_run: bool
) -> int:
    from curator_desktop.services.exchange.import_source import opened_package
    from curator_desktop.services.exchange.store_move import create_store_from_package

    if dry_run:
        from curator_desktop.services.exchange.senders.check import SenderCheck

        with opened_package(package, password=password) as opened:
            counts = opened.manifest.counts
            _print_sender(SenderCheck.of(opened.manifest, same_store=True))
        total = sum(n for table, n in counts.items() if table != "change_log")
        line = ngettext(
            "There is no store in {path}: it would be created from the package ({count} record).",
            "There is no store in {path}: it would be created from the package ({count} records).",
            total,
        )
        print(line.format(path=paths.data_dir, count=format_number(total)))
        print(_("Dry run: nothing was written."))
        return EXIT_OK
    result = create_store_from_package(
        paths, package, device_id=device_id(paths), password=password
    )
    _print_sender(result.sender)
    _print_reconciliation(result.reconciliation)
    print(_("The store was created in {path} from the package.").format(path=paths.data_dir))
    return EXIT_OK


def _print_sender(sender: SenderCheck | None, *, indent: str = "") -> None:
    """The package's sender as the preview shows it: who, where, when; the signature; the
    warnings (a key seen for the first time, a name that conflicts, no signature)."""
    if sender is None:
        return
    from curator_desktop.services.exchange.senders import text

    print(indent + _("From: {sender}").format(sender=text.sender_line(sender)))
    print(indent + _("Signature: {signature}").format(signature=text.signature_text(sender)))
    for line in text.warnings(sender):
        print(indent + _("Warning: {text}").format(text=line))


_COUNT_WORDS: Mapping[str, Callable[[int], str]] = {
    # TRANSLATORS: how many records of one kind a package brings, after the kind's name:
    # «Schools: 8 new records, 2 changed records, 1 conflict».
    "new": lambda n: ngettext("{n} new record", "{n} new records", n),
    "changed": lambda n: ngettext("{n} changed record", "{n} changed records", n),
    "unchanged": lambda n: ngettext("{n} unchanged record", "{n} unchanged records", n),
    "deleted": lambda n: ngettext("{n} deleted record", "{n} deleted records", n),
    "conflicts": lambda n: ngettext("{n} conflict", "{n} conflicts", n),
}


def reconciliation_lines(reconciliation: Reconciliation) -> list[str]:
    """One line per kind of record the package holds: «Schools: 8 new records, 1 conflict»."""
    from curator_desktop.services.exchange.results import table_label

    lines = []
    for table, counts in reconciliation.counts.items():
        parts = [
            _COUNT_WORDS[kind](n).format(n=format_number(n))
            for kind in _COUNT_WORDS
            if (n := getattr(counts, kind))
        ]
        if parts:
            lines.append(f"{table_label(table)}: {', '.join(parts)}")
    return lines


def _print_reconciliation(reconciliation: Reconciliation) -> None:
    for line in reconciliation_lines(reconciliation):
        print(line)


def _print_conflicts(conflicts: tuple[Conflict, ...]) -> None:
    from curator_desktop.services.exchange.field_labels import field_label
    from curator_desktop.services.exchange.results import table_label

    for conflict in conflicts:
        print(
            _("Conflict: {kind} {id}").format(
                kind=table_label(conflict.table), id=conflict.record_id
            )
        )
        for field in conflict.fields:
            print(
                _("  {field}: here «{mine}», in the package «{theirs}»").format(
                    field=field_label(field),
                    mine=_shown(conflict.local.get(field)),
                    theirs=_shown(conflict.incoming.get(field)),
                )
            )


def _shown(value: Any) -> str:
    return "" if value is None else str(value)
