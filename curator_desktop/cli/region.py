"""``curator-desktop region summary [--as-of D] [--json]`` and ``region export -o FILE.xlsx``:
the coordinator's region — one row per school and per curator — from the command line.

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
from curator_desktop.cli.store import EXIT_OK, open_current
from curator_desktop.i18n import _, format_date, ngettext
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.domain.region.summary import RegionSummary


def add_region_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    region = commands.add_parser(
        "region", help=_("the coordinator's region: schools and curators at a glance")
    )
    actions = region.add_subparsers(dest="action", metavar="ACTION", required=True)
    summary = actions.add_parser("summary", help=_("one line per school and per curator"))
    summary.add_argument("--as-of", dest="as_of", type=parse_date, metavar="DATE",
                         help=_("the day the region is told as of (today by default)"))  # fmt: skip
    summary.add_argument("--json", action="store_true", help=_("one JSON object, for scripts"))
    common(summary)
    export = actions.add_parser(
        "export", help=_("write the overview and the curators' table as an XLSX workbook")
    )
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                        help=_("the workbook to write (.xlsx)"))  # fmt: skip
    export.add_argument("--as-of", dest="as_of", type=parse_date, metavar="DATE",
                        help=_("the day the region is told as of (today by default)"))  # fmt: skip
    common(export)


def _summary(paths: AppPaths, as_of: dt.date | None) -> RegionSummary:
    from curator_desktop.services.region import RegionService

    with open_current(paths, write=False) as database:
        return RegionService(database).summary(as_of or dt.date.today())


def _short(day: dt.date | None) -> str:
    return format_date(day, "short") if day else "—"


def _text(summary: RegionSummary) -> list[str]:
    totals = summary.totals
    lines = [
        _("Region as of {date}: {schools}, {curators}.").format(
            date=format_date(summary.as_of),
            schools=ngettext("{n} school", "{n} schools", totals["schools"]).format(
                n=totals["schools"]
            ),
            curators=ngettext("{n} curator", "{n} curators", totals["curators"]).format(
                n=totals["curators"]
            ),
        )
    ]
    for school in summary.schools:
        mark = "!" if school.behind else " "
        lines.append(
            f"{mark} {school.name} ({school.inn}) · {school.municipality} · "
            + _("curators: {names}").format(names=", ".join(school.curators) or "—")
            + " · "
            + _("first visit {date}").format(date=_short(school.first_visit))
            + " · "
            + _("visits {done} of {planned}").format(
                done=school.visits_completed, planned=school.visits_planned
            )
            + " · "
            + _("risks verified {done} of {total}").format(
                done=school.risks_verified, total=school.risk_factors
            )
            + " · "
            + _("overdue recommendations: {n}").format(n=school.recommendations_overdue)
            + " · "
            + _("last package {date}").format(date=_short(school.last_package))
        )
        lines += [f"    {flag.reason}" for flag in school.flags]
    lines.append("")
    for curator in summary.curators:
        mark = "!" if curator.behind else " "
        lines.append(
            f"{mark} {curator.name} · "
            + ngettext("{n} school", "{n} schools", curator.schools).format(n=curator.schools)
            + " · "
            + _("visits {done} of {planned}").format(
                done=curator.visits_completed, planned=curator.visits_planned
            )
            + " · "
            + _("overdue recommendations: {n}").format(n=curator.recommendations_overdue)
            + " · "
            + _("last package {date}").format(date=_short(curator.last_package))
        )
        lines += [f"    {flag.reason}" for flag in curator.flags]
    return lines


def region_summary(args: argparse.Namespace, paths: AppPaths) -> int:
    summary = _summary(paths, args.as_of)
    if args.json:
        from curator_desktop.services.region.output import summary_json

        text = json.dumps(summary_json(summary), ensure_ascii=False, indent=2)
        sys.stdout.write(text + "\n")  # one write: thousands of rows
        return EXIT_OK
    print("\n".join(_text(summary)))
    return EXIT_OK


def region_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.region.export import export_region

    summary = _summary(paths, args.as_of)
    target = export_region(summary, args.output)
    count = len(summary.schools)
    print(
        ngettext("Written: {path} ({n} school).", "Written: {path} ({n} schools).", count).format(
            path=target, n=count
        )
    )
    return EXIT_OK
