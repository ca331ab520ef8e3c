"""``curator-desktop roadmap import FILE``: read a regional roadmap into the store (or only show
what was read, with ``--dry-run``); ``--json`` prints one object with ``document`` and ``items``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_desktop.cli.store import EXIT_OK, open_current
from curator_desktop.i18n import _, format_date
from curator_desktop.paths import AppPaths

if TYPE_CHECKING:
    from curator_desktop.domain.roadmap.document import Deadline, RoadmapItem
    from curator_desktop.domain.roadmap.relation import Judgement
    from curator_desktop.services.roadmap.importing import RoadmapImportResult, RoadmapPreview


def add_roadmap_parser(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    roadmap = commands.add_parser("roadmap", help=_("regional roadmaps (plan-graphs)"))
    actions = roadmap.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help=_("import a roadmap from DOCX, XLSX, CSV or text"),
        description=_(
            "Read the roadmap's document and items; deadlines become date ranges, and each item "
            "gets the curator's relation to it (leads, takes part, attends, or none) with the "
            "reason. A newer edition of a roadmap already in the store updates it, keeping the "
            "relations the curator corrected."
        ),
        epilog=_("Exit codes: 0 — read (and imported); 2 — the file was rejected."),
    )
    importing.add_argument("file", metavar="FILE", help=_("the roadmap file"))
    importing.add_argument("--dry-run", action="store_true", help=_("only show; write nothing"))
    importing.add_argument("--json", action="store_true", help=_("one JSON object, for scripts"))
    common(importing)


def roadmap_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from curator_desktop.services.plan.service import PlanService
    from curator_desktop.services.roadmap.importing import preview_roadmap
    from curator_desktop.services.roadmap.reader import read_roadmap

    file = Path(args.file).expanduser()
    result = None
    if args.dry_run and not paths.store_file.exists():
        preview = preview_roadmap(None, file, read_roadmap(file))  # nothing to compare with
    else:
        with open_current(paths, write=not args.dry_run) as database:
            service = PlanService(database, backup_dir=paths.backup_dir)
            preview = service.preview(file)
            if not args.dry_run and not preview.already_imported:
                result = service.import_(preview)
    if args.json:
        json.dump(preview_json(preview, result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(preview, result, dry_run=args.dry_run)
    return EXIT_OK


def _ranges(deadline: Deadline) -> list[list[str]]:
    return [[r.start.isoformat(), r.end.isoformat()] for r in deadline.ranges]


def _item_json(item: RoadmapItem, deadline: Deadline, judgement: Judgement) -> dict[str, Any]:
    return {
        "number": item.number,
        "section": item.section,
        "title": item.title,
        "description": item.description,
        "deadline": item.deadline_text,
        "deadline_kind": deadline.kind.value,
        "ranges": _ranges(deadline),
        "recurrence": deadline.recurrence,
        "responsible": item.responsible,
        "indicator": item.indicator,
        "control": item.control,
        "relation": judgement.relation.value,
        "relation_reason": judgement.reason,
    }


def preview_json(preview: RoadmapPreview, result: RoadmapImportResult | None) -> dict[str, Any]:
    """The ``--json`` output."""
    doc = preview.roadmap.document
    return {
        "document": {
            "title": doc.title,
            "issuer": doc.issuer,
            "order_number": doc.order_number,
            "order_date": doc.order_date.isoformat() if doc.order_date else None,
            "year": doc.year,
            "legend": doc.legend,
            "file": preview.path.name,
            "sha256": preview.sha256,
        },
        "items": [
            _item_json(item, deadline, judgement)
            for item, deadline, judgement in zip(
                preview.roadmap.items, preview.deadlines, preview.judgements, strict=True
            )
        ],
        "parsed": preview.parsed_count,
        "warnings": list(preview.roadmap.warnings),
        "already_imported": preview.already_imported,
        "edition_of": preview.existing_id,
        "imported": None
        if result is None
        else {
            "document_id": result.document_id,
            "edition": result.edition,
            "added": result.added,
            "changed": result.changed,
            "removed": result.removed,
            "unchanged": result.unchanged,
        },
    }


def _deadline_text(deadline: Deadline) -> str:
    if deadline.kind.value == "unparsed":
        return _("unparsed")
    if deadline.kind.value == "undated":
        return _("no date")
    parts = [f"{format_date(r.start)}–{format_date(r.end)}" for r in deadline.ranges]
    if deadline.recurrence:
        parts.append(deadline.recurrence)
    return "; ".join(parts)


def _print_text(
    preview: RoadmapPreview, result: RoadmapImportResult | None, *, dry_run: bool
) -> None:
    from curator_desktop.domain.roadmap.relation import MINE
    from curator_desktop.services.plan.relations import relation_text

    doc = preview.roadmap.document
    print(doc.title)
    facts = [doc.issuer, doc.order_number and f"№ {doc.order_number}"]
    facts.append(format_date(doc.order_date) if doc.order_date else "")
    print(" · ".join(f for f in facts if f))
    items = zip(preview.roadmap.items, preview.deadlines, preview.judgements, strict=True)
    for item, deadline, judgement in items:
        mark = "★" if judgement.relation in MINE else " "
        print(f"{mark} {item.number:<6} {item.title}")
        if item.section:
            print(f"         {_('Section')}: {item.section}")
        print(f"         {_('Deadline')}: {item.deadline_text} → {_deadline_text(deadline)}")
        if item.responsible:
            print(f"         {_('Responsible')}: {item.responsible}")
        relation = relation_text(judgement.relation, judgement.reason)
        print(f"         {_('Curator')}: {relation}")
    for warning in preview.roadmap.warnings:
        print(_("Note: {warning}").format(warning=warning))
    total = len(preview.roadmap.items)
    print(
        _(
            "{items} items, {parsed} deadlines understood, {curator} are the curator's own "
            "(★: leads or attends)."
        ).format(items=total, parsed=preview.parsed_count, curator=preview.curator_count)
    )
    if preview.already_imported:
        print(_("This roadmap file has been imported already; nothing was changed."))
    elif result is not None:
        print(
            _(
                "Imported (edition {edition}): {added} added, {changed} changed, {removed} removed."
            ).format(
                edition=result.edition,
                added=result.added,
                changed=result.changed,
                removed=result.removed,
            )
        )
    elif dry_run:
        print(_("Dry run: nothing was written."))
