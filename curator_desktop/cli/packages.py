"""``curator-desktop packages list`` and ``packages review``: the coordinator's log of packages
received (imported, already received, refused with the reason) and the review of the curators'
reports received — accepted, needs revision, under watch — several at once.

Services are imported inside each handler, so the CLI starts without SQLModel.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from curator_desktop.cli.store import EXIT_OK, open_current
from curator_desktop.domain.intake import ReviewState
from curator_desktop.i18n import _, format_datetime, format_number, ngettext, pgettext
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.services.intake.rows import PackageRow, ReportRow


def add_packages_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    packages = commands.add_parser(
        "packages", help=_("packages received from curators and the review of their reports")
    )
    actions = packages.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help=_("list the packages received (newest first) and the reports received")
    )
    listing.add_argument("--json", action="store_true", help=_("one JSON object, for scripts"))
    common(listing)
    review = actions.add_parser(
        "review",
        help=_("set the review state of curators' reports"),
        epilog=_("Exit codes: 0 — set; 2 — an unknown report and nothing was written."),
    )
    review.add_argument("report_ids", nargs="+", metavar="REPORT_ID",
                        help=_("the id of a report, as «packages list» prints it"))  # fmt: skip
    review.add_argument("--state", required=True, choices=[s.value for s in ReviewState])
    review.add_argument("--comment", default=None, help=_("the coordinator's comment"))
    common(review)


def package_json(row: PackageRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "received_at": row.received_at.isoformat(),
        "file": row.file_name,
        "outcome": row.outcome.value,
        "reason": row.reason,
        "sender": {
            "name": row.sender_name,
            "store_id": row.sender_store_id,
            "device_id": row.sender_device_id,
        },
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "counts": {kind: dict(counts) for kind, counts in row.counts.items()},
        "warnings": list(row.warnings),
    }


def report_json(row: ReportRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "title": row.title,
        "subject": row.subject,
        "curator": row.curator,
        "version": row.version,
        "generated_at": row.generated_at.isoformat(),
        "received_at": row.received_at.isoformat() if row.received_at else None,
        "state": row.state.value if row.state else None,
        "comment": row.comment,
        "reviewed_at": row.reviewed_at.isoformat() if row.reviewed_at else None,
        "changed_since_review": row.changed_since_review,
    }


def _package_line(row: PackageRow) -> str:
    from curator_desktop.services.intake.text import summary_text

    what = row.reason if row.refused else summary_text(row)
    parts = [format_datetime(row.received_at), row.outcome.label, row.sender_name, row.file_name]
    return " · ".join(p for p in (*parts, what) if p)


def _report_line(row: ReportRow) -> str:
    state = row.state.label if row.state else pgettext("report review", "not reviewed")
    parts = [row.id, row.curator, row.title or row.subject, state, row.comment]
    return " · ".join(p for p in parts if p)


# --- handlers -----------------------------------------------------------------------------------


def packages_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.intake.service import IntakeService

    with open_current(paths, write=False) as database:
        intake = IntakeService(database)
        packages, reports = intake.packages(), intake.reports()
    if args.json:
        value = {
            "packages": [package_json(row) for row in packages],
            "reports": [report_json(row) for row in reports],
        }
        json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    print(_("Packages received:") if packages else _("No packages received yet."))
    for package in packages:
        print(_package_line(package))
    print(_("Curators' reports:") if reports else _("No curators' reports received yet."))
    for report in reports:
        print(_report_line(report))
    return EXIT_OK


def packages_review(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.intake.service import IntakeService

    state = ReviewState(args.state)
    with open_current(paths, write=True) as database:
        count = IntakeService(database).review(args.report_ids, state, args.comment)
    text = ngettext("{state}: {count} report.", "{state}: {count} reports.", count)
    print(text.format(state=state.label, count=format_number(count)))
    return EXIT_OK
