"""``curator-desktop selfdiag import FILE --school ID --round DATE``, ``selfdiag list``,
``selfdiag catalog FILE`` and ``report selfdiag|schedule``: the self-diagnosis of «Школа
Минпросвещения России» from the command line.

Services are imported inside each handler, so the CLI starts without SQLModel.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_desktop.cli.reports import parse_date
from curator_desktop.cli.store import EXIT_OK, device_id, open_current
from curator_desktop.domain.errors import CuratorError
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.domain.selfdiag import SelfdiagCatalog, SelfdiagRound


def add_selfdiag_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    selfdiag = commands.add_parser(
        "selfdiag", help=_("self-diagnosis of «School of the Ministry of Education» schools")
    )
    actions = selfdiag.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help=_("record a school's self-diagnosis results (XLSX, CSV or JSON) as a round"),
        description=_(
            "The file is checked whole against the self-diagnosis catalog in force and the "
            "school: unknown directions or indicators, points above a maximum, a round dated in "
            "the future, another school's ИНН are named with their row and field, and nothing "
            "is written. A round already recorded for the school and date is replaced."
        ),
        epilog=_("Exit codes: 0 — recorded; 2 — the file was rejected; 5 — no such school."),
    )
    importing.add_argument("file", metavar="FILE", help=_("the results file"))
    importing.add_argument(
        "--school", required=True, metavar="SCHOOL_ID", help=_("the school's id")
    )
    importing.add_argument(
        "--round", dest="round_date", required=True, type=parse_date, metavar="DATE",
        help=_("the round's date (e.g. in November or May)"),
    )  # fmt: skip
    importing.add_argument("--label", default="", help=_("the round's name, e.g. «November 2025»"))
    importing.add_argument("--school-type", default="", help=_("the school type of the catalog"))
    importing.add_argument("--json", action="store_true", help=_("one JSON object, for scripts"))
    common(importing)

    listing = actions.add_parser("list", help=_("list the recorded rounds"))
    listing.add_argument("--school", metavar="SCHOOL_ID", help=_("only this school"))
    listing.add_argument("--json", action="store_true", help=_("one JSON array, for scripts"))
    common(listing)

    catalog = actions.add_parser(
        "catalog",
        help=_("install a coordinator's self-diagnosis catalog (JSON or XLSX)"),
        epilog=_("Exit codes: 0 — installed; 2 — the file was rejected and nothing was written."),
    )
    catalog.add_argument("file", metavar="FILE", help=_("the catalog file"))
    common(catalog)


def add_report_actions(actions: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """``report selfdiag`` and ``report schedule`` (added to the ``report`` command)."""
    selfdiag = actions.add_parser(
        "selfdiag",
        help=_("the analytical report on the self-diagnosis results"),
        epilog=_("Exit codes: 0 — written; 2 — wrong arguments; 5 — no such school."),
    )
    which = selfdiag.add_mutually_exclusive_group(required=True)
    which.add_argument("--school", dest="school_id", metavar="SCHOOL_ID", help=_("one school"))
    which.add_argument("--all", action="store_true", help=_("all the user's schools"))
    schedule = actions.add_parser(
        "schedule", help=_("the consultation schedule of a period"),
        epilog=_("Exit codes: 0 — written; 2 — wrong arguments."),
    )  # fmt: skip
    for parser in (selfdiag, schedule):
        parser.add_argument(
            "--from", dest="date_from", type=parse_date, required=True, metavar="DATE",
            help=_("the first day of the period"),
        )  # fmt: skip
        parser.add_argument(
            "--to", dest="date_to", type=parse_date, required=True, metavar="DATE",
            help=_("the last day of the period"),
        )  # fmt: skip
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help=_("where to write the PDF")
        )
        common(parser)


# --- handlers -----------------------------------------------------------------------------------


def selfdiag_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.selfdiag import SelfdiagService

    file = Path(args.file).expanduser()
    if not file.is_file():
        raise CuratorError(_("The file {path} does not exist.").format(path=file))
    with open_current(paths, write=True) as database:
        service = SelfdiagService(database, device_id=device_id(paths), backup_dir=paths.backup_dir)
        result = service.import_results(
            file,
            school_id=args.school,
            round_date=args.round_date,
            label=args.label,
            school_type=args.school_type,
        )
        catalog = service.catalog()
    if args.json:
        _print_json({**round_json(result.round, catalog), "replaced": result.replaced})
        return EXIT_OK
    count = len(result.round.results)
    line = (
        ngettext(
            "The round of {date} was replaced: {count} direction.",
            "The round of {date} was replaced: {count} directions.",
            count,
        )
        if result.replaced
        else ngettext(
            "The round of {date} was recorded: {count} direction.",
            "The round of {date} was recorded: {count} directions.",
            count,
        )
    )
    print(line.format(date=format_date(result.round.round_date), count=count))
    _print_round(result.round, catalog)
    if result.backup is not None:
        print(_("Backup taken before the import: {path}").format(path=result.backup))
    return EXIT_OK


def selfdiag_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.selfdiag import SelfdiagService

    with open_current(paths, write=False) as database:
        service = SelfdiagService(database)
        if args.school:
            from curator_desktop.services.selfdiag.rounds import school_in

            with database.session() as session:
                school_in(session, args.school)
        rounds = service.rounds(args.school)
        catalog = service.catalog()
        decisions = {r.id: service.decisions(round_id=r.id) for r in rounds} if args.json else {}
    if args.json:
        _print_json(
            [
                {
                    **round_json(r, catalog),
                    "decisions": [
                        {
                            "id": d.id,
                            "direction": d.direction,
                            "indicator": d.indicator,
                            "what": d.what,
                            "responsible": d.responsible,
                            "deadline": d.deadline.isoformat() if d.deadline else None,
                            "done": d.done,
                            "done_on": d.done_on.isoformat() if d.done_on else None,
                        }
                        for d in decisions.get(r.id, ())
                    ],
                }
                for r in rounds
            ]
        )
        return EXIT_OK
    if not rounds:
        print(_("No self-diagnosis rounds are recorded."))
    for r in rounds:
        level = r.overall_level.label if r.overall_level else "—"
        total = "—" if r.total_points is None else str(r.total_points)
        day = format_date(r.round_date, "short")
        print(f"{r.id}  {r.school_id}  {day}  {r.label}  {total}  {level}")
    return EXIT_OK


def selfdiag_catalog(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.selfdiag import install_catalog

    with open_current(paths, write=True) as database:
        result = install_catalog(
            Path(args.file).expanduser(), database, backup_dir=paths.backup_dir
        )
    print(
        _("Self-diagnosis catalog {key} version {version} installed (was {previous}).").format(
            key=result.catalog_key, version=result.version, previous=result.previous_version
        )
    )
    return EXIT_OK


def report_selfdiag(args: argparse.Namespace, paths: AppPaths) -> int:
    """``report selfdiag --school ID|--all --from D --to D -o FILE``."""
    from curator_desktop.cli.reports import make_report
    from curator_desktop.services.reports.selfdiag import build_selfdiag_report

    school = None if args.all else args.school_id
    return make_report(
        args,
        paths,
        lambda service: build_selfdiag_report(
            service, school_id=school, date_from=args.date_from, date_to=args.date_to,
            language=args.lang,
        ),
    )  # fmt: skip


def report_schedule(args: argparse.Namespace, paths: AppPaths) -> int:
    """``report schedule --from D --to D -o FILE``: the consultation schedule."""
    from curator_desktop.cli.reports import make_report
    from curator_desktop.services.reports.selfdiag import build_consultation_schedule

    return make_report(
        args,
        paths,
        lambda service: build_consultation_schedule(
            service, date_from=args.date_from, date_to=args.date_to, language=args.lang
        ),
    )


# --- output ------------------------------------------------------------------------------------


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def round_json(r: SelfdiagRound, catalog: SelfdiagCatalog) -> dict[str, Any]:
    """A round as a JSON object: its directions (with their names in the catalog) and deficits."""

    def name(code: str) -> str:
        direction = catalog.direction(code)
        return direction.name_ru if direction else code

    return {
        "id": r.id,
        "school_id": r.school_id,
        "round_date": _iso(r.round_date),
        "label": r.label,
        "source": r.source,
        "school_type": r.school_type,
        "catalog": {"key": r.catalog_key, "version": r.catalog_version},
        "total_points": r.total_points,
        "total_maximum": r.total_maximum,
        "overall_level": r.overall_level.value if r.overall_level else None,
        "directions": [
            {
                "direction": d.direction,
                "name": name(d.direction),
                "points": d.points,
                "maximum": d.maximum,
                "level": d.level.value if d.level else None,
                "deficits": [
                    {"indicator": x.indicator, "text": x.text, "critical": x.critical}
                    for x in d.deficits
                ],
            }
            for d in r.results
        ],
    }


def _print_round(r: SelfdiagRound, catalog: SelfdiagCatalog) -> None:
    for result in r.results:
        direction = catalog.direction(result.direction)
        name = direction.name_ru if direction else result.direction
        points = "—" if result.points is None else str(result.points)
        maximum = "" if result.maximum is None else f" / {result.maximum}"
        level = result.level.label if result.level else "—"
        print(f"  {name}: {points}{maximum}, {level}")
        for deficit in result.deficits:
            mark = " (!)" if deficit.critical else ""
            print(f"    - {deficit.indicator or ''} {deficit.text}{mark}".rstrip())
    if r.total_points is not None or r.overall_level is not None:
        total = "—" if r.total_points is None else str(r.total_points)
        level = r.overall_level.label if r.overall_level else "—"
        print("  " + _("Total: {points}, {level}").format(points=total, level=level))
