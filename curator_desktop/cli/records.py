"""CLI commands over the records: listing them and importing the coordinator's files.

``list schools|visits``, ``schools import``, ``catalog import`` and ``templates list|import``.

Services are imported inside each handler, so the CLI starts without SQLModel.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from curator_desktop.cli.store import EXIT_OK, EXIT_PROBLEM, open_current
from curator_desktop.i18n import _, ngettext
from curator_desktop.paths import AppPaths


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def list_records(args: argparse.Namespace, paths: AppPaths) -> int:
    """``list schools|visits``: one line (or a JSON object) per record; in JSON a school also
    has its ``curators`` and a visit its ``curator`` (full names, from
    :mod:`~curator_desktop.services.profile.authorship`)."""
    from curator_desktop.services.profile import authorship

    schools = args.kind == "schools"
    with open_current(paths, write=False) as database:
        if schools:
            from curator_desktop.store.repositories.schools import SchoolRepository

            rows = SchoolRepository(database).summaries(include_archived=args.include_archived)
            curators = authorship.school_curators(database) if args.json else {}
        else:
            from curator_desktop.store.repositories.visits import VisitRepository

            rows = VisitRepository(database).summaries()
            authors = authorship.visit_curators(database) if args.json else {}
    if args.json:
        _print_json(
            [
                {**row.to_json(), "curators": list(curators.get(row.id, ()))}
                if schools
                else {**row.to_json(), "curator": authors.get(row.id, "")}
                for row in rows
            ]
        )
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


def schools_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """``schools import FILE``: exit 1 when some rows were skipped."""
    from curator_desktop.services.schools.list_import import ImportFileError, import_schools

    source = Path(args.file).expanduser()
    if not source.is_file():
        raise ImportFileError(_("The file {path} does not exist.").format(path=source))
    with open_current(paths, write=not args.dry_run) as database:
        outcome = import_schools(source, database, paths, dry_run=args.dry_run)
    if args.json:
        from curator_desktop.services.schools.list_import.report import outcome_json

        _print_json(outcome_json(outcome))
    else:
        from curator_desktop.services.schools.list_import.report import outcome_lines

        for line in outcome_lines(outcome):
            print(line)
    if outcome.diff.errors:
        print(
            _("Some rows were not imported: correct them in the file and import it again."),
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    return EXIT_OK


def catalog_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """``catalog import FILE``: install a risk-factor catalog."""
    from curator_desktop.services.catalogs.risk_catalog_import import import_risk_catalog

    with open_current(paths, write=True) as database:
        result = import_risk_catalog(
            Path(args.file).expanduser(),
            database,
            mode="extend" if args.extend else "replace",
            backup_dir=paths.backup_dir,
        )
    message = ngettext(
        "Risk-factor catalog {version} installed: {count} factor.",
        "Risk-factor catalog {version} installed: {count} factors.",
        result.factor_count,
    )
    print(message.format(version=result.version, count=result.factor_count))
    return EXIT_OK


def templates_list(args: argparse.Namespace, paths: AppPaths) -> int:
    """``templates list``: installed checklist templates and versions."""
    from curator_desktop.services.catalogs.template_import import installed_templates, source_label

    with open_current(paths, write=False) as database:
        rows = installed_templates(database)
    if args.json:
        _print_json([row.to_json() for row in rows])
        return EXIT_OK
    for row in rows:
        line = f"{row.template_key}  {row.version}  {row.title}  {source_label(row.source)}"
        if not row.newest:
            line += "  " + _("(an older version, kept for past visits)")
        print(line)
    return EXIT_OK


def templates_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """``templates import FILE``: install a checklist template."""
    from curator_desktop.services.catalogs.template_import import import_template

    with open_current(paths, write=not args.dry_run) as database:
        result = import_template(
            database,
            Path(args.file).expanduser(),
            dry_run=args.dry_run,
            backup_dir=paths.backup_dir,
        )
    if args.json:
        _print_json(result.to_json())
    else:
        print(result.message())
    return EXIT_OK
