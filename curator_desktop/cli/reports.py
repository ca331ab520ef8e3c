"""CLI commands that make the PDF reports: ``report visit|protocol|period … -o FILE``.

Each report is made exactly as in the app (kept in the store's reports folder with its number,
version and hashes; a completed visit becomes «report generated»), then copied to ``FILE``.
Services are imported inside each handler, so the CLI starts without SQLModel or reportlab.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_desktop.cli.store import EXIT_OK, device_id, open_current
from curator_desktop.domain.errors import CuratorError
from curator_desktop.domain.os_reasons import os_reason
from curator_desktop.i18n import _, ngettext
from curator_desktop.paths import AppPaths, cache_root

if TYPE_CHECKING:
    from curator_desktop.domain.reports.records import ReportRecord
    from curator_desktop.services.reports.service import ReportService

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


def parse_date(text: str) -> dt.date:
    """An argparse type: ``2026-11-22`` or ``22.11.2026`` (a usage error, exit 2, otherwise)."""
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        _("{text} is not a date: write it as YYYY-MM-DD or DD.MM.YYYY.").format(text=text)
    )


def add_report_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``report`` command and its three actions (``common`` adds --data-dir, --demo, --lang)."""
    report = commands.add_parser("report", help=_("make a PDF report"))
    actions = report.add_subparsers(dest="action", metavar="ACTION", required=True)
    epilog = _("Exit codes: 0 — written; 2 — wrong arguments; 5 — no such visit or school.")

    visit = actions.add_parser("visit", help=_("the report of one visit"), epilog=epilog)
    visit.add_argument("visit_id", metavar="VISIT_ID", help=_("the visit's id"))
    visit.add_argument(
        "--lesson-annex",
        action="store_true",
        help=_("print the lesson observation cards as annexes, one lesson a page"),
    )

    protocol = actions.add_parser(
        "protocol", help=_("a school's risk profile verification protocol"), epilog=epilog
    )
    protocol.add_argument("school_id", metavar="SCHOOL_ID", help=_("the school's id"))
    protocol.add_argument(
        "--year", type=int, required=True, metavar="YEAR", help=_("the cycle year")
    )

    period = actions.add_parser(
        "period", help=_("the curator's interim or final report for a period"), epilog=epilog
    )
    period.add_argument(
        "--from", dest="date_from", type=parse_date, required=True, metavar="DATE",
        help=_("the first day of the period"),
    )  # fmt: skip
    period.add_argument(
        "--to", dest="date_to", type=parse_date, required=True, metavar="DATE",
        help=_("the last day of the period"),
    )  # fmt: skip
    period.add_argument(
        "--kind", choices=("interim", "final"), default="interim", help=_("the kind of report")
    )
    period.add_argument(
        "--school", dest="school_ids", action="append", metavar="SCHOOL_ID",
        help=_("only this school (repeat for several); all schools when omitted"),
    )  # fmt: skip
    period.add_argument(
        "--conclusions", type=Path, metavar="FILE",
        help=_("a UTF-8 text file with the curator's conclusions (and proposals for the next "
               "year); without it the report leaves lines to write them by hand"),
    )  # fmt: skip
    period.add_argument(
        "--best-practices", type=Path, metavar="FILE",
        help=_("a UTF-8 text file with the best practices (final report); without it the "
               "report leaves lines to write them by hand"),
    )  # fmt: skip
    period.add_argument(
        "--approved-by", metavar="NAME", nargs="?", const="",
        help=_("add an “Approved” line for the coordinator NAME (a blank line without NAME)"),
    )  # fmt: skip

    review = actions.add_parser(
        "review",
        help=_("the expert conclusion on one document review"),
        epilog=_("Exit codes: 0 — written; 2 — wrong arguments; 5 — no such review."),
    )
    review.add_argument("review_id", metavar="REVIEW_ID", help=_("the review's id"))

    region = actions.add_parser(
        "region",
        help=_("the coordinator's analytical report on the region for a period"),
        epilog=_("Exit codes: 0 — written; 2 — wrong arguments."),
    )
    region.add_argument(
        "--from", dest="date_from", type=parse_date, required=True, metavar="DATE",
        help=_("the first day of the period"),
    )  # fmt: skip
    region.add_argument(
        "--to", dest="date_to", type=parse_date, required=True, metavar="DATE",
        help=_("the last day of the period"),
    )  # fmt: skip
    region.add_argument(
        "--kind", choices=("monitoring", "visits", "documents", "summary"), default="summary",
        help=_("monitoring: on the monitoring stages; visits: on the first visits and "
               "verification; documents: on the documents; summary: the region for the period"),
    )  # fmt: skip

    for parser in (visit, protocol, period, review, region):
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help=_("where to write the PDF")
        )
        common(parser)

    from curator_desktop.cli.selfdiag import add_report_actions

    add_report_actions(actions, common)


def report_visit(args: argparse.Namespace, paths: AppPaths) -> int:
    """``report visit VISIT_ID [--lesson-annex] -o FILE``."""
    return _make(
        args,
        paths,
        lambda service: service.generate_visit(
            args.visit_id, language=args.lang, lesson_annex=args.lesson_annex
        ),
    )


def report_protocol(args: argparse.Namespace, paths: AppPaths) -> int:
    """``report protocol SCHOOL_ID --year Y -o FILE``."""
    return _make(
        args,
        paths,
        lambda service: service.generate_protocol(args.school_id, args.year, language=args.lang),
    )


def report_period(args: argparse.Namespace, paths: AppPaths) -> int:
    """``report period --from D --to D [--kind K] [--school ID …] [--conclusions FILE]
    [--best-practices FILE] [--approved-by [NAME]] -o FILE``."""
    conclusions = _text_of(args.conclusions)
    best_practices = _text_of(args.best_practices)
    return _make(
        args,
        paths,
        lambda service: service.generate_period(
            args.date_from,
            args.date_to,
            kind=args.kind,
            school_ids=args.school_ids,
            language=args.lang,
            conclusions=conclusions,
            best_practices=best_practices,
            approved_by=args.approved_by,
        ),
    )


def report_region(args: argparse.Namespace, paths: AppPaths) -> int:
    """``report region --from D --to D [--kind monitoring|visits|documents|summary] -o FILE``."""
    return _make(
        args,
        paths,
        lambda service: service.generate_region(
            args.date_from, args.date_to, kind=args.kind, language=args.lang
        ),
    )


def _text_of(path: Path | None) -> str:
    """The text of a file the curator wrote ("" when none is given)."""
    if path is None:
        return ""
    try:
        return path.expanduser().read_text(encoding="utf-8-sig")
    except OSError as exc:
        reason = os_reason(exc)
    except UnicodeDecodeError:
        reason = _("it is not a UTF-8 text file")
    raise CuratorError(
        _("The text file {path} could not be read: {reason}.").format(path=path, reason=reason)
    )


def _make(
    args: argparse.Namespace,
    paths: AppPaths,
    generate: Callable[[ReportService], ReportRecord],
) -> int:
    return make_report(args, paths, generate)


def make_report(
    args: argparse.Namespace,
    paths: AppPaths,
    generate: Callable[[ReportService], ReportRecord],
    *,
    copy: bool = True,
) -> int:
    """Make a report in the store's register and copy it to ``args.output`` (``copy`` False:
    ``generate`` writes it there itself); print where and how many pages."""
    from curator_desktop.services.reports.service import ReportService

    output = Path(args.output).expanduser()
    if output.is_dir():
        raise CuratorError(_("{path} is a folder: give a file name.").format(path=output))
    if not output.parent.is_dir():
        raise CuratorError(_("The folder {path} does not exist.").format(path=output.parent))
    with open_current(paths, write=True) as database:
        service = ReportService(
            database,
            reports_dir=paths.reports_dir,
            cache_dir=cache_root() / "report-images",
            device_id=device_id(paths),
            attachments_dir=paths.attachments_dir,
        )
        record = generate(service)
        pages = service.pages_of(record) or 0
        if copy:
            shutil.copyfile(service.path_of(record), output)
    print(_("Report written to {path}").format(path=output.resolve()))
    line = ngettext(
        "Number {number}, version {version}, {pages} page.",
        "Number {number}, version {version}, {pages} pages.",
        pages,
    )
    print(line.format(number=record.document_number, version=record.version, pages=pages))
    return EXIT_OK
